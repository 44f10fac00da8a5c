/*
 * The reference for the site's search: the ranking of kb-search-rank.js over Material's own
 * worker, which fetches the whole index and builds lunr from it, as the site searched before its
 * index was cut into fragments. tests/browser/test_search_lazy.py serves it in place of the
 * site's worker (kb-search.js) and checks that both find the same pages in the same order.
 */
"use strict";

/* Material's search message types (SearchMessageType). */
const SETUP = 0;
const QUERY = 2;
const RESULT = 3;

const MATERIAL_WORKER = /^search\.[0-9a-f]+\.min\.js$/;

importScripts("kb-search-rank.js");

const { setSeparator, vocabularyOf, closestWord, correctQuery, rankResult } = self.kbRank;

let vocabulary = new Map();            /* indexed word -> number of entries holding it */

const index = {
  startsSomeWord(prefix) {
    for (const word of vocabulary.keys())
      if (word.startsWith(prefix))
        return true;
    return false;
  },
  closestWord(word) {
    return closestWord(word, vocabulary);
  }
};

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
    setSeparator(message.data.config.separator);
    vocabulary = vocabularyOf(message.data.docs);
    return;
  }
  if (message.type === QUERY) {
    event.stopImmediatePropagation();
    const typed = String(message.data);
    const corrected = correctQuery(typed, index);
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
