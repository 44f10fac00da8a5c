/*
 * Search as readers expect it, shared by the site's search worker (kb-search.js) and the
 * reference that runs the same ranking over Material's own lunr index (kb-search-lunr.js):
 *
 *  1. A word that starts no indexed word (a typo: "linage", "feture") is replaced by the
 *     closest indexed word, so the search still finds "lineage" and "feature".
 *  2. A plural English word ("stores", "pipelines", "registries") is searched by its
 *     singular stem, which, as a prefix, also matches the plural.
 *  3. The page whose name or other name (the `names` field our build adds to the index) is
 *     exactly the query comes first; then the pages with a name, then those with a key function
 *     (`functions`), holding every word of the query: capabilities before characteristics, case
 *     studies and tools, the shortest such name first. Each page's type (`kind`) is shown.
 *  4. Results show the query as the reader typed it.
 *
 * Loaded with importScripts; it defines self.kbRank alone (scripts share the worker's global scope).
 */
(function () {
  "use strict";

  let separator = /[\s-]+/;             /* the index's word separator (config.separator) */

  function setSeparator(source) {
    separator = new RegExp(source);
  }

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

  function vocabularyOf(docs) {
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

  /* How far a word may be from the word meant: one edit, two from eight letters on. */
  function typoCap(word) {
    return word.length >= 8 ? 2 : 1;
  }

  /* The candidate (word -> number of entries holding it) closest to a word that matches nothing;
   * the most common one on a tie. */
  function closestWord(word, candidates) {
    const cap = typoCap(word);
    let found = word;
    let foundDistance = cap + 1;
    let foundCount = 0;
    for (const [candidate, count] of candidates) {
      const distance = editDistance(word, candidate, cap);
      if (distance < foundDistance || (distance === foundDistance && count > foundCount)) {
        found = candidate;
        foundDistance = distance;
        foundCount = count;
      }
    }
    return found;
  }

  /* The words of a query that correction looks at: plain Latin words of four letters or more. */
  function correctable(word) {
    const lower = word.toLowerCase();
    return lower.length >= 4 && /^[a-z0-9]+$/.test(lower);
  }

  /* Only plain Latin words are corrected: query syntax (+, -, ~, ^, *, :) and other scripts pass.
   * index.startsSomeWord(prefix) and index.closestWord(word) answer from the search index. */
  function correctWord(word, index) {
    if (!correctable(word))
      return word;
    const lower = word.toLowerCase();
    const stem = singularStem(lower);
    if (index.startsSomeWord(stem))
      return stem;
    return index.startsSomeWord(lower) ? word : index.closestWord(lower);
  }

  /* The words correction looks at in a query, with the part of lunr's query syntax they are in. */
  function plainWords(query) {
    return query
      .split(/\s+/)
      .filter(part => !/^[+-]|[~^*:]/.test(part))
      .flatMap(part => part.split(separator))
      .filter(correctable)
      .map(word => word.toLowerCase());
  }

  /* Parts written in lunr's query syntax (+word, -word, word~1, word^2, word*, field:word) pass. */
  function correctQuery(query, index) {
    return query
      .split(/\s+/)
      .map(part => /^[+-]|[~^*:]/.test(part)
        ? part
        : part.split(separator).map(word => correctWord(word, index)).join(" "))
      .join(" ")
      .trim();
  }

  /* ----------------------------------------------------------------------------
   * Results
   * ------------------------------------------------------------------------- */

  /* The fields of a page's entry that name it: the ranking looks at them alone. */
  const NAMING_FIELDS = ["title", "names", "functions"];

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
    const [title, names, functions] = NAMING_FIELDS.map(field => [].concat(page[field] || []));
    const allNames = [...title, ...names];
    if (allNames.map(phrase).some(name => wanted.has(name)))
      return [0, 0, 0];
    for (const [tier, candidates] of [[1, allNames], [2, functions]]) {
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
    const terms = Object.create(null);  /* query words as keys: "__proto__" too */
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

  self.kbRank = {
    NAMING_FIELDS,
    separator: () => separator,
    setSeparator,
    words,
    vocabularyOf,
    singularStem,
    typoCap,
    closestWord,
    plainWords,
    correctQuery,
    rankResult
  };
})();
