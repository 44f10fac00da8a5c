/*
 * The site's search engine, which the search worker (kb-search.js) loads at the reader's first
 * query: it answers from the index the build cut into fragments (macros/site/search_fragments.py)
 * instead of the whole index: a query fetches the terms its words start, then the entries of the
 * pages it shows, and nothing else.
 *
 * Results are scored as Material's lunr scores them: a term's score in each entry is computed
 * from the frequencies the build wrote as lunr.js computes it, a query adds them up, and
 * Material's boosts (a page above its sections, entries holding more of the query's words first)
 * follow. kb-search-rank.js corrects typos and plurals and puts the page named by the query first.
 *
 * Query syntax, as Material's: words are matched as the start of indexed words (two letters or
 * more; a single letter whole, unless followed by *), "quoted words" and +word must be there,
 * -word must not, word^2 weighs a word double. Japanese and Chinese runs match anywhere inside
 * a word, through their pairs of characters. Fuzzy (~) and field (title:) syntax are ignored.
 */
"use strict";

importScripts("kb-search-rank.js");

const {
  NAMING_FIELDS, separator, setSeparator, words, singularStem, typoCap, closestWord, plainWords, correctQuery,
  rankResult
} = self.kbRank;

const PREFIX_FROM = 2;                 /* letters from which a word is matched as the start of words */
const SHOWN = 20;                      /* pages whose entries a query fetches, to show in full */
const NAMED = 10;                      /* and pages whose NAMING_FIELDS may hold the query (kb-search-rank.js) */

let kb = null;                         /* config.kb of search/kb/index.json (its version alone until the first query) */
let folder = null;                     /* the URL of search/kb/ */
let stopWords = new Set();
let cjkRun = /$^/u;
let cjkChar = /$^/u;
let keys = new Set();
let namingFields = 0;                  /* bits of the fields that name a page, in the postings */
let fieldBoosts = [];                  /* each field's boost, in the order of the postings' bits */

/* ----------------------------------------------------------------------------
 * Fragments
 * ------------------------------------------------------------------------- */

const fetched = new Map();             /* path in search/kb/ -> Promise of its JSON */

function load(path) {
  if (!fetched.has(path))
    fetched.set(path, fetch(new URL(`${path}?v=${kb.version}`, folder)).then(response => {
      if (!response.ok)
        throw new Error(`kb-search: ${response.status} for ${path}`);
      return response.json();
    }));
  return fetched.get(path);
}

/* The fragment a term or a query word is in: its first code points, in hexadecimal. */
function keyOf(term) {
  const points = Array.from(term);
  const head = cjkChar.test(points[0]) ? points.slice(0, 1) : points.slice(0, kb.keyLength);
  return head.map(point => point.codePointAt(0).toString(16)).join("-");
}

/* The fragments holding the terms a query word matches: those it starts, or the one it is. */
function keysFor(word, prefix) {
  const key = keyOf(word);
  if (!prefix || Array.from(word).length >= kb.keyLength || cjkChar.test(word))
    return keys.has(key) ? [key] : [];
  return [...keys].filter(candidate => candidate === key || candidate.startsWith(key + "-"));
}

async function termsOf(keyList) {
  const chunks = await Promise.all(keyList.map(key => load(`t/${key}.json`)));
  return Object.assign(Object.create(null), ...chunks);
}

/* ----------------------------------------------------------------------------
 * Queries
 * ------------------------------------------------------------------------- */

/* Material's reading of the search box (query/transform): quoted words become required, stray
 * operators go, and the rest splits at white space. */
function parts(query) {
  return query
    .trim()
    .split(/"([^"]+)"/g)
    .map((part, index) => index & 1 ? part.replace(/^\b|^(?![\u0080-\uffff]|$)|\s+/g, " +") : part)
    .join("")
    .replace(/"|(?:^|\s+)[*+\-:^~]+(?=\s+|$)/g, "")
    .split(/\s+/)
    .filter(Boolean);
}

/* A query's clauses: what each word must match, how, and how much it weighs. */
function clausesOf(query) {
  const clauses = [];
  for (let part of parts(query)) {
    let presence = 0;                  /* 1: required, -1: prohibited */
    if (part[0] === "+" || part[0] === "-") {
      presence = part[0] === "+" ? 1 : -1;
      part = part.slice(1);
    }
    /* As Material, a word gets a trailing wildcard unless it has an operator. */
    const operated = presence !== 0 || /[~^]\d*$/.test(part);
    let boost = 1;
    part = part.replace(/\^(\d+(?:\.\d+)?)?$/, (_, value) => (boost = Number(value || 1), ""));
    part = part.replace(/~\d*$/, "").replace(/^[^:]*:(?=.)/, "");
    const explicit = part.endsWith("*");
    for (const token of part.replace(/\*/g, explicit ? "" : " ").split(separator())) {
      const lower = token.toLowerCase().trim();
      /* lunr drops a stop word, but not one with a wildcard: "of*" finds "offline". */
      const stop = stopWords.has(lower);
      if (!lower || (stop && (operated || Array.from(lower).length < PREFIX_FROM) && !explicit))
        continue;
      /* A word with CJK in it: its CJK runs, found by their pairs of characters anywhere in a
       * word, and the letters it starts with, as the start of a word ("a/b" of "a/bテスト"). */
      const pieces = lower.split(cjkRun).filter(Boolean);
      const mixed = pieces.length > 1;
      pieces.forEach((piece, n) => {
        const cjk = cjkChar.test(piece);
        if (mixed && !cjk && n > 0)
          return;
        const points = Array.from(piece);
        const grams = cjk && points.length > 1
          ? points.slice(0, -1).map((point, i) => point + points[i + 1])
          : [piece];
        const prefix = cjk
          ? points.length === 1
          : explicit || mixed || (!operated && points.length >= PREFIX_FROM);
        clauses.push({ term: piece, grams, prefix, presence, boost, stop });
      });
    }
  }
  return clauses;
}

/* The order in which lunr lists the words a prefix expands to (TokenSet.toArray): a word before
 * the longer words it starts, and after those that differ from it by a later character. A
 * character's place is that of an object key: digits first, then by code unit. */
function characterPlace(code) {
  return code >= 48 && code <= 57 ? code - 48 : 10 + code;
}

function lunrOrder(a, b) {
  for (let i = 0; ; i++) {
    if (i === a.length || i === b.length)
      return a.length - b.length;
    if (a[i] !== b[i])
      return characterPlace(b.charCodeAt(i)) - characterPlace(a.charCodeAt(i));
  }
}

/* A term's entries, the fields holding it in each, and its score in each: lunr's, computed as
 * lunr.js computes its field vectors (Builder.createFieldVectors, with b = 0) from the term's
 * frequencies the build wrote (search_fragments.py), and summed over the fields. */
const K1 = 1.2;
const decoded = new Map();             /* term -> { entries, masks, scores } */

function postingsOf(term, lists) {
  let found = decoded.get(term);
  if (found)
    return found;
  const byEntry = new Map();           /* entry -> [mask, [field, tf]...] */
  let held = 0;                        /* lunr's idf counts an entry once per field holding the term */
  for (const list of lists) {          /* one per field, in field order */
    const bit = list[0];
    for (let i = 1, entry = 0; i < list.length; i += 2) {
      entry += list[i];
      held++;
      let fields = byEntry.get(entry);
      if (!fields)
        byEntry.set(entry, fields = [0]);
      fields[0] |= 1 << bit;
      fields.push([bit, list[i + 1]]);
    }
  }
  const idf = Math.log(1 + Math.abs((kb.entries - held + 0.5) / (held + 0.5)));
  const entries = [...byEntry.keys()].sort((a, b) => a - b);
  const masks = entries.map(entry => byEntry.get(entry)[0]);
  const scores = entries.map(entry => byEntry.get(entry).slice(1).reduce((sum, [bit, tf]) => {
    let value = idf * ((K1 + 1) * tf) / (K1 * 1 + tf);
    value *= fieldBoosts[bit];
    value *= kb.boosts[entry] || 1;
    return sum + Math.round(value * 1000) / 1000;
  }, 0));
  decoded.set(term, found = { entries, masks, scores });
  return found;
}

/* Each clause's matching terms, per pair of characters for a CJK run: [[term, postings]...] per
 * gram, in lunr's order, which decides the order of results with equal scores. */
async function expand(clauses) {
  const wanted = clauses.flatMap(clause => clause.grams.flatMap(gram => keysFor(gram, clause.prefix)));
  const terms = await termsOf([...new Set(wanted)]);
  return clauses.map(clause => clause.grams.map(gram => Object.keys(terms)
    .filter(term => clause.prefix ? term.startsWith(gram) : term === gram)
    .sort(lunrOrder)
    .map(term => [term, postingsOf(term, terms[term])])));
}

/* Typo and plural correction (kb-search-rank.js), with the fragments it needs fetched first. */
async function correct(query) {
  const typedWords = plainWords(query);
  const candidates = typedWords.flatMap(word => [word, singularStem(word)]);
  const terms = await termsOf([...new Set(candidates.flatMap(word => keysFor(word, true)))]);
  const starts = prefix => Object.keys(terms).some(term => term.startsWith(prefix));
  const lengths = new Set();
  for (const word of typedWords)
    if (!starts(singularStem(word)) && !starts(word))
      for (let n = word.length - typoCap(word); n <= word.length + typoCap(word); n++)
        if (kb.lengths.includes(n))
          lengths.add(n);
  const vocabulary = await Promise.all([...lengths].map(n => load(`w/${n}.json`)));
  const known = new Map(vocabulary.flatMap(Object.entries));
  return correctQuery(query, { startsSomeWord: starts, closestWord: word => closestWord(word, known) });
}

/* ----------------------------------------------------------------------------
 * Scores
 * ------------------------------------------------------------------------- */

/* The page (its number) an entry belongs to: the last page starting at or before it. */
function pageOf(entry) {
  let low = 0, high = kb.starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (kb.starts[middle] <= entry) low = middle; else high = middle - 1;
  }
  return low;
}

/* Entries -> lunr's score and the clauses and terms each holds; as lunr, the sum of the terms'
 * scores weighed by the query, over the norm of the query's weights. */
function score(clauses, expanded) {
  const found = new Map();             /* entry -> { score, clauses: Set, terms: Set } */
  const weights = new Map();           /* term -> its weight in the query */
  const excluded = new Set();
  const required = [];
  let rank = 0;
  clauses.forEach((clause, c) => {
    const perGram = expanded[c];
    /* A CJK run is found where all its pairs are. */
    let holders = null;
    for (const matches of perGram) {
      const here = new Set();
      for (const [, postings] of matches)
        for (const entry of postings.entries)
          here.add(entry);
      holders = holders === null ? here : new Set([...holders].filter(entry => here.has(entry)));
    }
    holders = holders || new Set();
    if (clause.presence < 0) {
      holders.forEach(entry => excluded.add(entry));
      return;
    }
    if (clause.presence > 0)
      required.push(holders);
    for (const matches of perGram)
      for (const [term, postings] of matches) {
        rank++;
        weights.set(term, (weights.get(term) || 0) + clause.boost);
        for (let i = 0; i < postings.entries.length; i++) {
          const entry = postings.entries[i], mask = postings.masks[i];
          if (!holders.has(entry))
            continue;
          let match = found.get(entry);
          if (!match) {
            /* Where lunr first meets the entry: the term (clauses in turn), then the field. */
            const field = 31 - Math.clz32(mask & -mask);
            match = { score: 0, clauses: new Set(), named: new Set(), terms: new Set(), met: [rank, field] };
            found.set(entry, match);
          }
          match.score += clause.boost * postings.scores[i];
          match.clauses.add(c);
          if (mask & namingFields)
            match.named.add(c);
          match.terms.add(term);
        }
      }
  });
  const norm = Math.sqrt([...weights.values()].reduce((sum, weight) => sum + weight * weight, 0)) || 1;
  for (const [entry, match] of found)
    if (excluded.has(entry) || required.some(holders => !holders.has(entry)))
      found.delete(entry);
    else
      match.score /= norm;
  return found;
}

/* Material's boosts after lunr (search/_): a page over its sections, more of the query over less. */
function boosted(clauses, found) {
  const counted = clauses.map((clause, c) => [clause, c]).filter(([clause]) => clause.presence >= 0);
  const items = [];
  for (const [entry, match] of found) {
    const terms = Object.create(null);  /* query words as keys: "__proto__" too */
    for (const [clause, c] of counted)
      if (!clause.stop || match.clauses.has(c))  /* as Material: a stop word only if found */
        terms[clause.term] = terms[clause.term] || match.clauses.has(c);
    const values = Object.values(terms);
    const page = pageOf(entry);
    const boost = +(kb.starts[page] === entry) + values.filter(Boolean).length / (values.length || 1);
    const named = kb.starts[page] === entry && counted.every(([clause, c]) => clause.stop || match.named.has(c));
    items.push({ entry, page, score: match.score * (1 + boost ** 2), terms, matched: match.terms, named, met: match.met });
  }
  /* Equal scores keep the order in which lunr met the entries. */
  return items.sort((a, b) => b.score - a.score || a.met[0] - b.met[0] || a.met[1] - b.met[1] || a.entry - b.entry);
}

/* ----------------------------------------------------------------------------
 * Results
 * ------------------------------------------------------------------------- */

/* Index text (HTML) with the words the entry was found by marked, as Material marks them: whole
 * words, or the CJK runs searched for, between tags, so tags and character references stay whole. */
function highlight(html, matched, runs) {
  return html.split(/(<[^>]*>)/).map((piece, i) => {
    if (i & 1 || !piece)
      return piece;
    let out = "", last = 0;
    const pattern = new RegExp(separator().source, "g");
    const mark = (start, end) => {
      const token = piece.slice(start, end);
      if (matched.has(token.toLowerCase()))
        return `<mark>${token}</mark>`;
      let marked = token;
      for (const run of runs)
        marked = marked.split(run).join(`<mark>${run}</mark>`);
      return marked;
    };
    for (let found; (found = pattern.exec(piece));) {
      out += mark(last, found.index) + found[0];
      last = found.index + found[0].length;
      if (!found[0].length)
        pattern.lastIndex++;
    }
    return out + mark(last, piece.length);
  }).join("");
}

/* Tags that hold blocks of their own: a block inside one of them is part of it. */
const NESTING = /^(?:ul|ol|dl|table|blockquote)$/;

/* The html cut before each tag named by `cut` that is not inside another block (text is escaped,
   so every "<" starts a tag). */
function topLevel(html, cut) {
  const pieces = [];
  const tags = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g;
  let depth = 0, start = 0;
  for (let found; (found = tags.exec(html));) {
    const name = found[2].toLowerCase();
    const closing = found[1] === "/";
    if (!closing && depth === 0 && cut.test(name) && found.index > start) {
      pieces.push(html.slice(start, found.index));
      start = found.index;
    }
    if (NESTING.test(name))
      depth = Math.max(0, depth + (closing ? -1 : 1));
  }
  pieces.push(html.slice(start));
  return pieces;
}

/* A list shown by its items that hold a match, at every depth (a checklist's capability with the
   reasons that matched, never the next capability's name alone), in the list's own tags. */
function listTeaser(block) {
  const list = /^(<(ul|ol)\b[^>]*>)([\s\S]*)(<\/\2>)([\s\S]*)$/i.exec(block);
  if (!list)
    return block;
  const items = topLevel(list[3], /^li$/).filter(item => /^\s*<li\b/i.test(item) && item.includes("<mark>"));
  return list[1] + items.map(itemTeaser).join("") + list[4] + list[5];
}

/* A list item with its own lists cut down the same way. */
function itemTeaser(item) {
  return topLevel(item, /^(?:ul|ol)$/).map(piece => (/^<(?:ul|ol)\b/i.test(piece) ? listTeaser(piece) : piece)).join("");
}

/* A table shown by its rows that hold a match (a glossary row, not the whole glossary). */
function tableTeaser(block) {
  const table = /^(<table\b[^>]*>)([\s\S]*)(<\/table>)\s*$/i.exec(block);
  if (!table)
    return block;
  const rows = topLevel(table[2], /^tr$/).map(row => row.replace(/<\/?(?:thead|tbody|tfoot)\b[^>]*>/gi, ""));
  return table[1] + rows.filter(row => /^\s*<tr\b/i.test(row) && row.includes("<mark>")).join("") + table[3];
}

/* A section's text as Material shows it: the first two blocks holding a match, or all of it. */
function teaser(html) {
  if (!html.includes("<mark>"))
    return html;
  /* Blocks that stand alone: a list is one block, its items never shown outside it. */
  const blocks = topLevel(html, /^(?:p|ul|ol|dl|pre|table|blockquote|h[1-6])$/);
  const shown = blocks.filter(block => block.includes("<mark>")).slice(0, 2);
  return shown.map(block => (/^<table\b/i.test(block) ? tableTeaser(block) : listTeaser(block))).join("");
}

/* The result items of one page: its entries found (and the page itself), as Material shows them. */
function group(page, items, entries, runs) {
  const start = kb.starts[page];
  const shown = items.map(item => {
    const doc = { ...entries[item.entry - start] };
    doc.title = highlight(doc.title || "", item.matched, runs);
    doc.text = teaser(highlight(doc.text || "", item.matched, runs));
    return { ...doc, score: item.score, terms: item.terms };
  });
  if (!items.some(item => item.entry === start))
    shown.push({ ...entries[0], score: 0, terms: {} });
  return shown;
}

/* Material's search suggestion: the last query word completed from the best title holding them all. */
function suggestion(groups, clauses) {
  const last = clauses.filter(clause => clause.presence >= 0).pop();
  if (!last)
    return [];
  for (const items of groups)
    for (const item of items) {
      const titleWords = words(item.title || "");
      const next = titleWords.find(word => word.startsWith(last.term));
      if (next && clauses.every(clause => clause.presence < 0 || titleWords.some(word => word.includes(clause.term))))
        return [next];
    }
  return [];
}

async function search(typed) {
  const corrected = await correct(typed);
  const clauses = clausesOf(corrected);
  if (!clauses.length)
    return { items: [] };
  const found = score(clauses, await expand(clauses));
  const pages = new Map();             /* page number -> its items, best page first */
  for (const item of boosted(clauses, found)) {
    if (!pages.has(item.page))
      pages.set(item.page, []);
    pages.get(item.page).push(item);
  }
  /* In full: the best pages, and the pages named by all the query's words, which the ranking may
   * move up. The others show their title. */
  const order = [...pages.keys()];
  const named = order.slice(SHOWN).filter(page => pages.get(page).some(item => item.named)).slice(0, NAMED);
  const wanted = new Set([...order.slice(0, SHOWN), ...named]);
  const full = new Map(await Promise.all([...wanted].map(async page => [page, await load(`p/${page}.json`)])));
  const titles = order.length > wanted.size ? await load("titles.json") : [];
  const runs = clauses.filter(clause => cjkChar.test(clause.term)).map(clause => clause.term);
  const items = order.map(page => {
    if (full.has(page))
      return group(page, pages.get(page), full.get(page), runs);
    const [location, title, kind] = titles[page];
    const best = pages.get(page)[0];
    return [{ location, title, text: "", kind, score: best.score, terms: best.terms }];
  });
  const result = { items };
  if (options.suggest)
    result.suggest = suggestion(items.slice(0, SHOWN), clauses);
  return rankResult(result, [typed, corrected]);
}

/* ----------------------------------------------------------------------------
 * Setup
 * ------------------------------------------------------------------------- */

let options = {};
let table = null;                      /* Promise of the fragments' table, fetched at the first query */

/* Material's SETUP hands over what every page fetched (search/search_index.json): the config, no
 * entries. Nothing more is fetched until the reader asks something. */
function setup({ config, options: given }) {
  if (!config.kb || config.kb.version === undefined)
    throw new Error("kb-search: search/search_index.json is Material's whole index, not the site's");
  folder = new URL("search/kb/", new URL("../../../", self.location.href));
  options = given || {};
  table = null;
  kb = { version: config.kb.version };
}

/* The fragments' table (search/kb/index.json): its config and what it says of the fragments. */
function loadTable() {
  table = table || load("index.json").then(({ config }) => {
    kb = config.kb;
    setSeparator(config.separator);
    stopWords = new Set(kb.stopWords);
    const ranges = kb.cjk.map(([low, high]) => `\\u{${low.toString(16)}}-\\u{${high.toString(16)}}`).join("");
    cjkRun = new RegExp(`([${ranges}]+)`, "u");
    cjkChar = new RegExp(`^[${ranges}]`, "u");
    keys = new Set(kb.keys);
    fieldBoosts = Object.values(config.fields).map(spec => spec.boost || 1);
    namingFields = Object.keys(config.fields).reduce(
      (mask, field, bit) => NAMING_FIELDS.includes(field) ? mask | 1 << bit : mask, 0);
  });
  return table;
}

self.kbSearch = { setup, search: async typed => (await loadTable(), search(typed)) };
