/*
 * The site's search worker: Material for MkDocs' own lunr worker, with three additions for
 * readers who arrive with a word rather than a page title.
 *
 *  1. A word that starts no indexed word (a typo: "linage", "feture") is replaced by the
 *     closest indexed word, so the search still finds "lineage" and "feature".
 *  2. A plural English word ("stores", "pipelines", "registries") is searched by its
 *     singular stem, which, as a prefix, also matches the plural.
 *  3. The page whose name or other name (the `names` field our build adds to the index) is
 *     exactly the query comes first; then the pages with a name, then those with a key function
 *     (`functions`), holding every word of the query: capabilities before characteristics, case
 *     studies and tools, the shortest such name first. Each page's type (`kind`) is shown.
 *  4. Results show the query as the reader typed it: wildcards added behind the scenes
 *     (search-ja.js) never reach the "missing terms" line.
 *
 * overrides/main.html points Material at this file and passes the name of Material's worker,
 * which is loaded here unchanged. Everything runs in this worker; nothing is fetched.
 */
"use strict";

/* Material's search message types (SearchMessageType). */
const SETUP = 0;
const QUERY = 2;
const RESULT = 3;

const MATERIAL_WORKER = /^search\.[0-9a-f]+\.min\.js$/;

let vocabulary = new Map();            /* indexed word -> number of entries holding it */
let separator = /[\s-]+/;

/* ----------------------------------------------------------------------------
 * Words
 * ------------------------------------------------------------------------- */

function decodeEntities(text) {
  return text
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">")
    .replace(/&quot;/g, "\"").replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

function plainText(html) {
  return decodeEntities(String(html).replace(/<[^>]*>/g, " "));
}

/* Words as the index splits them, without the punctuation around them ("lineage." -> "lineage"). */
function words(text) {
  return plainText(text).toLowerCase().split(separator)
    .map(word => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter(Boolean);
}

/* The query as a phrase: lower case, words joined by single spaces. */
function phrase(text) {
  return words(text).join(" ");
}

function buildVocabulary(docs) {
  const counts = new Map();
  for (const doc of docs) {
    const seen = new Set([
      ...words(doc.title || ""), ...words(doc.text || ""), ...words((doc.names || []).join(" "))
    ]);
    for (const word of seen)
      counts.set(word, (counts.get(word) || 0) + 1);
  }
  return counts;
}

function startsSomeWord(prefix) {
  for (const word of vocabulary.keys())
    if (word.startsWith(prefix))
      return true;
  return false;
}

/* "registries" -> "registr", "processes" -> "process", "stores" -> "store". */
function singularStem(word) {
  if (word.length > 4 && word.endsWith("ies"))
    return word.slice(0, -3);
  if (/(ss|x|ch|sh)es$/.test(word))
    return word.slice(0, -2);
  if (word.length > 3 && /[^su]s$/.test(word) && !word.endsWith("is"))
    return word.slice(0, -1);
  return word;
}

/* Optimal string alignment distance (a swap of two letters counts as one edit), capped. */
function editDistance(a, b, cap) {
  if (Math.abs(a.length - b.length) > cap)
    return cap + 1;
  let before = null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, before[j - 2] + 1);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > cap)
      return cap + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/* The indexed word closest to a word that matches nothing; the most common one on a tie. */
function closestWord(word) {
  const cap = word.length >= 8 ? 2 : 1;
  let found = word;
  let foundDistance = cap + 1;
  let foundCount = 0;
  for (const [candidate, count] of vocabulary) {
    const distance = editDistance(word, candidate, cap);
    if (distance < foundDistance || (distance === foundDistance && count > foundCount)) {
      found = candidate;
      foundDistance = distance;
      foundCount = count;
    }
  }
  return found;
}

/* Only plain Latin words are corrected: query syntax (+, -, ~, ^, *, :) and other scripts pass. */
function correctWord(word) {
  const lower = word.toLowerCase();
  if (lower.length < 4 || !/^[a-z0-9]+$/.test(lower))
    return word;
  const stem = singularStem(lower);
  if (startsSomeWord(stem))
    return stem;
  return startsSomeWord(lower) ? word : closestWord(lower);
}

/* Parts written in lunr's query syntax (+word, -word, word~1, word^2, word*, field:word) pass. */
function correctQuery(query) {
  return query
    .split(/\s+/)
    .map(part => /^[+-]|[~^*:]/.test(part)
      ? part
      : part.split(separator).map(correctWord).join(" "))
    .join(" ")
    .trim();
}

/* ----------------------------------------------------------------------------
 * Results
 * ------------------------------------------------------------------------- */

/* Which kinds of page a reader most likely means when several hold the query's words. */
const KIND_ORDER = ["capabilities/", "characteristics/", "case-studies/", "tools/"];

function kindRank(location) {
  const rank = KIND_ORDER.findIndex(prefix => location.startsWith(prefix));
  return rank === -1 ? KIND_ORDER.length : rank;
}

/* Whether a name holds every query word: as the start of one of its words, or, for a word in
 * Japanese script, anywhere in it (Japanese names run words together: 頻繁な再トレーニング). */
function holdsWords(name, queryWords) {
  const nameWords = words(name);
  const joined = nameWords.join(" ");
  return queryWords.every(word => /[\u0250-\uffff]/.test(word)
    ? joined.includes(word)
    : nameWords.some(nameWord => nameWord.startsWith(word)));
}

/* A result's tier (0: named exactly; 1: a name holds the words; 2: a key function does; 3: the
 * rest), its kind's rank and the length of its best-matching name: lower comes first. */
function placeOf(group, wanted, queryWordSets) {
  const page = group.find(item => !item.location.includes("#"));
  if (!page)
    return [3, 0, 0];
  const names = [page.title, ...(page.names || [])];
  if (names.map(phrase).some(name => wanted.has(name)))
    return [0, 0, 0];
  for (const [tier, candidates] of [[1, names], [2, page.functions || []]]) {
    const matching = candidates.filter(name => queryWordSets.some(set => holdsWords(name, set)));
    if (matching.length)
      return [tier, kindRank(page.location), Math.min(...matching.map(name => phrase(name).length))];
  }
  return [3, 0, 0];
}

/* Query terms as the reader typed them: a term with wildcards the reader did not type is shown
 * without them, and counts as found when the page holds it. */
function typedTerms(item, typed) {
  if (!item.terms || typed.includes("*"))
    return item.terms;
  const text = plainText([item.title, item.text, ...(item.names || [])].join(" ")).toLowerCase();
  const terms = {};
  for (const [term, found] of Object.entries(item.terms)) {
    const shown = term.replace(/\*/g, "");
    terms[shown] = Boolean(terms[shown] || found || text.includes(shown.toLowerCase()));
  }
  return terms;
}

/* Pages named by the query first (see the top of this file), each labelled with its type. */
function rankResult(result, queries) {
  const wanted = new Set(queries.map(phrase).filter(Boolean));
  const queryWordSets = queries.map(query => words(query.replace(/\*/g, ""))).filter(set => set.length);
  const places = new Map(result.items.map(group => [group, placeOf(group, wanted, queryWordSets)]));
  const compare = (a, b) => {
    const [x, y] = [places.get(a), places.get(b)];
    return x[0] - y[0] || (x[0] < 3 ? x[1] - y[1] || x[2] - y[2] : 0);
  };
  const items = result.items.slice().sort(compare);  /* stable: lunr's order within a place */

  /* Material's Enter key opens the highest score, so the pages moved up get the top scores. */
  const top = Math.max(0, ...result.items.flat().map(item => item.score));
  items.forEach((group, i) => {
    for (const item of group) {
      if (places.get(group)[0] < 3)
        item.score += top * (items.length - i);
      item.terms = typedTerms(item, queries[0] || "");
    }
  });

  for (const group of result.items)
    for (const item of group)
      if (item.kind && !item.location.includes("#"))
        item.tags = [item.kind];
  return { ...result, items };
}

/* ----------------------------------------------------------------------------
 * Wiring around Material's worker
 * ------------------------------------------------------------------------- */

const queries = [];                    /* what the reader typed, per pending query */

/* Rewrite queries before Material's handler sees them (it listens after this listener). */
self.addEventListener("message", event => {
  const message = event.data;
  if (!message || event.kbRewritten)
    return;
  if (message.type === SETUP) {
    separator = new RegExp(message.data.config.separator);
    vocabulary = buildVocabulary(message.data.docs);
    return;
  }
  if (message.type === QUERY) {
    event.stopImmediatePropagation();
    /* search-ja.js sends the query it rewrote and, as kbTyped, what the reader typed. */
    const typed = String(message.kbTyped ?? message.data);
    const corrected = correctQuery(String(message.data));
    queries.push([typed, corrected]);
    const rewritten = new MessageEvent("message", { data: { ...message, data: corrected } });
    rewritten.kbRewritten = true;
    self.dispatchEvent(rewritten);
  }
});

/* Rank results before they leave the worker. Material answers queries in order. */
const post = self.postMessage.bind(self);
self.postMessage = message => {
  if (message && message.type === RESULT)
    message = { ...message, data: rankResult(message.data, queries.shift() || []) };
  post(message);
};

const material = new URL(self.location.href).searchParams.get("material") || "";
if (!MATERIAL_WORKER.test(material))
  throw new Error(`kb-search: not Material's search worker: ${material}`);
importScripts(material);
