/*
 * The site's search worker. It answers Material's search box as Material's own worker does
 * (SETUP -> READY, QUERY -> RESULT). Material starts it with every page and hands it what every
 * page fetched (search/search_index.json: the configuration, no entries); it loads the search
 * engine (kb-search-engine.js, with kb-search-rank.js) and the index's fragments only when the
 * reader asks something.
 */
"use strict";

/* Material's search message types (SearchMessageType). */
const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;

let given = null;                      /* Material's SETUP data */
let engine = null;                     /* self.kbSearch, once loaded */
let waiting = [];                      /* queries not answered yet, oldest first */
let working = false;

const post = self.postMessage.bind(self);

self.addEventListener("message", event => {
  const message = event.data;
  if (message.type === SETUP) {
    given = message.data;
    if (engine)
      engine.setup(given);
    post({ type: READY });
  } else if (message.type === QUERY) {
    waiting.push(String(message.data));
    answer();
  }
});

function started() {
  if (!engine) {
    importScripts("kb-search-engine.js");  /* which imports kb-search-rank.js */
    engine = self.kbSearch;
    engine.setup(given);
  }
  return engine;
}

/* Material asks once per keystroke. Queries that arrive while one is being answered are answered
 * together, by the newest of them: the reader sees its results sooner, and every query gets its answer. */
async function answer() {
  if (working || !waiting.length)
    return;
  working = true;
  const asked = waiting;
  waiting = [];
  let data;
  try {
    const typed = asked[asked.length - 1];
    /* Material asks with the empty box as soon as the worker is ready: no result, nothing loaded. */
    data = typed.trim() ? await started().search(typed) : { items: [] };
  } catch (error) {
    console.warn(error);
    data = { items: [] };
  }
  for (let i = 0; i < asked.length; i++)
    post({ type: RESULT, data });
  working = false;
  answer();
}
