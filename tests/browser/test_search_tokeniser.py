"""One tokeniser, shared: the terms the build indexes (macros/site/search_fragments.py, terms_of)
are the terms the site's search worker makes of what a reader types. On fuzzed text (every
Unicode plane, trouble characters, syntax), each term of an entry, typed alone, finds the entry.

No site is built: the fragments of a one-entry index are served from memory to the worker of
overrides/, run in Chromium, for each edition's configuration of words (its separator and pipeline).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, note
from lunr.stop_word_filter import WORDS as STOP_WORDS
from mkdocs.config import load_config

from macros.site.search_fragments import build_fragments, page_index, separator_of, terms_of
from tests.fuzztext import FUZZ_EXAMPLES, fuzzed, texts
from tests.sitebuild import ROOT

ORIGIN = "http://kb.test/"
WORKERS = ROOT / "overrides" / "assets" / "javascripts" / "workers"
# Material's query syntax (operators, wildcards, fields, quotes): a term holding one is not typed as it is.
QUERY_SYNTAX = re.compile(r'[+\-^~*:"]')


def _search_config(config_file: str) -> dict[str, Any]:
    """The words of an edition's search: its search plugin's separator and pipeline, as a build has them."""
    config = load_config(str(ROOT / config_file))
    plugin = config.plugins["material/search"]
    plugin.on_config(config)  # Material's defaults for the edition's language
    search = plugin.config
    return {
        "lang": ["en"],
        "separator": search["separator"],
        "pipeline": list(search["pipeline"] or []),
        "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}},
    }


EDITIONS = {"en": _search_config("mkdocs.yml"), "ja": _search_config("mkdocs.ja.yml")}

FIND = """async ([setup, queries]) => {
  const worker = new Worker("/assets/javascripts/workers/kb-search.js");
  const next = () => new Promise(resolve => worker.addEventListener("message", e => resolve(e.data), { once: true }));
  worker.postMessage({ type: 0, data: setup });
  await next();
  const found = {};
  for (const query of queries) {
    worker.postMessage({ type: 2, data: query });
    const { data } = await next();
    found[query] = data.items.flat().map(doc => doc.location);
  }
  worker.terminate();
  return found;
}"""


@pytest.fixture(scope="module")
def served(browser) -> Iterator[tuple[Any, dict[str, bytes]]]:
    """A blank page of the test origin, its worker scripts from overrides/, and the fragments in `files`."""
    context = browser.new_context()
    files: dict[str, bytes] = {}

    def fulfil(route) -> None:
        path = route.request.url.removeprefix(ORIGIN).split("?")[0]
        if path.startswith("search/kb/") and path.removeprefix("search/kb/") in files:
            route.fulfill(body=files[path.removeprefix("search/kb/")], content_type="application/json")
        elif path.startswith("assets/javascripts/workers/") and (WORKERS / Path(path).name).is_file():
            route.fulfill(path=WORKERS / Path(path).name, content_type="text/javascript")
        elif path == "":
            route.fulfill(body="<!doctype html><title>tokeniser</title>", content_type="text/html")
        else:
            route.fulfill(status=404)

    context.route(f"{ORIGIN}**", fulfil)
    page = context.new_page()
    page.goto(ORIGIN)
    yield page, files
    context.close()


def _typeable(term: str, stop_words: frozenset[str]) -> bool:
    return bool(term) and term not in stop_words and not QUERY_SYNTAX.search(term)


@pytest.mark.parametrize("edition", EDITIONS)
@fuzzed(max(1, FUZZ_EXAMPLES // 4))  # a page and a worker per example: a quarter of the loader's budget
@given(text=texts().map(lambda t: "".join(c for c in t if not 0xD800 <= ord(c) <= 0xDFFF)))
def test_each_indexed_term_typed_alone_finds_its_entry(served, edition: str, text: str) -> None:
    page, files = served
    config = EDITIONS[edition]
    stop_words = frozenset(STOP_WORDS) if "stopWordFilter" in config["pipeline"] else frozenset()
    entry_text = html.escape(text, quote=False)  # index text is HTML, as Material's indexer writes it
    terms = [t for t in terms_of(entry_text, separator_of(config["separator"]), stop_words) if _typeable(t, stop_words)]
    if not terms:
        return
    files.clear()
    files.update(build_fragments({"config": config, "docs": [{"location": "x/", "title": "", "text": entry_text}]}))
    setup = {"config": json.loads(page_index(files))["config"], "options": {}}
    queries = list(dict.fromkeys(terms))[:12]
    note(f"terms: {queries}")
    found = page.evaluate(FIND, [setup, queries])
    missed = [query for query in queries if "x/" not in found[query]]
    assert missed == [], f"typed alone, these indexed terms do not find their entry: {missed}"
