"""Search costs little until it is used, and little when used: before the reader turns to search,
a page fetches only Material's configuration of search (search/search_index.json, which holds no
entries: tests/test_search_index.py) and the worker; never a fragment of the index, never the
whole index; and the results are those Material gave with the whole index ranked by lunr.

"Before" is the same built page served with Material's whole index (put together from the site's
fragments) at search/search_index.json, and with the site's worker replaced by the reference
(kb_search_lunr.js): the same ranking over Material's own lunr search.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from macros.kb.model import KnowledgeBase
from tests.browser.conftest import DESKTOP
from tests.browser.searchbox import SEARCH_INPUT, open_site_for_search, search
from tests.browser.test_search import REQUIRED, load_query_table
from tests.browser.test_search_ja import QUERIES as JAPANESE_QUERIES
from tests.samplepages import CAPABILITY, CASE_STUDY, CHARACTERISTIC, PLAN, TOOL
from tests.searchindex import whole_index_from
from tests.sourcefacts import page_of

PAGES = ["", "matrix/", CAPABILITY, CHARACTERISTIC, CASE_STUDY, TOOL, PLAN, "glossary/", "404.html"]


REFERENCE_WORKER = Path(__file__).with_name("kb_search_lunr.js")
PAGE_INDEX = "/search/search_index.json"


def is_search_request(url: str) -> bool:
    """The index, its fragments, our worker or Material's: the requests search makes."""
    path = url.split("?")[0]
    return path.endswith(PAGE_INDEX) or "/search/kb/" in path or "/javascripts/workers/" in path


def is_fragment_request(url: str) -> bool:
    """A request for the index's table or a fragment (search/kb/): what only a query fetches."""
    return "/search/kb/" in url.split("?")[0]


def fetched_fragments(requests: list[str]) -> bool:
    """Whether search fetched its index in fragments (its table first)."""
    return any("/search/kb/index.json" in url for url in requests)


def recording_context(browser: Browser) -> BrowserContext:
    """A context whose `requests` lists every request of its pages and workers."""
    context = browser.new_context(viewport=DESKTOP)
    context.requests = []  # type: ignore[attr-defined]
    context.on("request", lambda request: context.requests.append(request.url))  # type: ignore[attr-defined,call-overload]
    return context


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = recording_context(browser)
    yield context
    context.close()


@pytest.fixture(scope="module")
def _reading_tab(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    context = recording_context(browser)
    yield context.new_page(), context.requests  # type: ignore[attr-defined]
    context.close()


@pytest.fixture
def reader(_reading_tab: tuple[Page, list[str]]) -> tuple[Page, list[str]]:
    """A tab the module's readers share (a new tab costs Chromium more than a page in an open one),
    on a blank page at desktop width; and the requests of its context from now on."""
    page, requests = _reading_tab
    page.set_viewport_size(DESKTOP)
    page.goto("about:blank")
    requests.clear()
    return page, requests


def load_eagerly(context, root: Path) -> None:
    """Serve Material's whole index (put together from the fragments of the site served from root)
    where it fetches its index, and the reference in place of the site's worker: the whole index
    fetched with the page and searched by Material's lunr."""

    def whole(route) -> None:
        folder = root / urlsplit(route.request.url).path.lstrip("/").removesuffix("search_index.json")
        route.fulfill(json=whole_index_from(lambda name: (folder / name).read_bytes()))
        context.whole_index_served = True

    context.whole_index_served = False
    context.route(re.compile(r"/search/search_index\.json(\?|$)"), whole)
    context.route(
        re.compile(r"/javascripts/workers/kb-search\.js(\?|$)"),
        lambda route: route.fulfill(body=REFERENCE_WORKER.read_text(encoding="utf-8"), content_type="text/javascript"),
    )


@pytest.mark.parametrize("path", PAGES)
def test_no_fragment_before_the_reader_turns_to_search(reader, site_url: str, path: str) -> None:
    page, requests = reader
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    # Reading: scrolling, clicking into the text, keys that are not search's.
    page.mouse.wheel(0, 600)
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("ArrowDown")
    page.wait_for_load_state("networkidle")
    assert [url for url in requests if is_fragment_request(url)] == []
    # `/` focuses the box; a query then finds pages.
    page.keyboard.press("/")
    page.keyboard.type("model")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    assert fetched_fragments(requests)


@pytest.mark.parametrize(
    ("width", "control"),
    [(1280, SEARCH_INPUT), (390, "label.md-header__button[for=__search]")],
    ids=["box", "phone icon"],
)
def test_a_tap_on_search_starts_search(reader, site_url: str, width: int, control: str) -> None:
    page, requests = reader
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url + CAPABILITY)
    page.wait_for_load_state("networkidle")
    assert not any(is_fragment_request(url) for url in requests)
    page.locator(control).click()
    page.keyboard.type("drift")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    assert fetched_fragments(requests)


def test_the_eager_page_of_before_fetches_on_load(context, site_url: str, site_dir: Path) -> None:
    # The comparison below is worth something only if "before" really loads search with the page.
    load_eagerly(context, site_dir)
    page = context.new_page()
    page.goto(site_url + CAPABILITY)
    page.wait_for_load_state("networkidle")
    assert context.whole_index_served and not any(is_fragment_request(url) for url in context.requests)


def results_of(context, url: str, queries: list[str]) -> dict[str, list[tuple[str, str, str]]]:
    """Each query's results as rendered (page, title, type), typed into one page's search box."""
    page = context.new_page()
    open_site_for_search(page, url)
    return {query: [(r.path, r.title, r.kind) for r in search(page, url, query, key_by_key=False)] for query in queries}


def before_and_after(browser, url: str, root: Path, queries: list[str]) -> tuple[dict, dict]:
    """Each query's rendered results with the whole index and lunr (before), and with the fragments (after)."""
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(2)]
    try:
        load_eagerly(contexts[0], root)
        before, after = (results_of(context, url, queries) for context in contexts)
    finally:
        for context in contexts:
            context.close()
    assert any(before.values()), "the queries should find pages"
    return before, after


def test_english_results_equal_those_of_lunr_over_the_whole_index(
    browser, editions_url: str, editions_dir: Path
) -> None:
    # Every page of results shown, in order: the fragments score as lunr did, ties included.
    queries = list(dict.fromkeys([row["query"] for row in load_query_table()] + list(REQUIRED)))
    before, after = before_and_after(browser, editions_url, editions_dir, queries)
    differing = {query: (before[query][:3], after[query][:3]) for query in queries if before[query] != after[query]}
    assert differing == {}


def test_japanese_queries_find_their_page_no_lower_than_with_lunr(
    browser, editions_url: str, editions_dir: Path, kb: KnowledgeBase
) -> None:
    # Japanese runs are now found inside words (by pairs of characters), which lunr could not do:
    # the results differ by design, and the page each query is for must never come lower.
    found = {query: page_of(kb, page) for query, page in JAPANESE_QUERIES}
    expected = {query: page for query, page in found.items() if page}
    queries = list(expected)
    before, after = before_and_after(browser, editions_url + "ja/", editions_dir, queries)

    def rank(results: list[tuple[str, str, str]], page: str) -> int:
        paths = list(dict.fromkeys(path for path, _, _ in results))
        return paths.index(page) if page in paths else len(paths) + 1

    lower = {
        query: (rank(before[query], expected[query]), rank(after[query], expected[query]))
        for query in queries
        if rank(after[query], expected[query]) > rank(before[query], expected[query])
    }
    assert lower == {}


def test_a_page_opened_from_a_result_highlights_the_words_searched_for(context, site_url: str) -> None:
    page = context.new_page()
    open_site_for_search(page, site_url)
    first = search(page, site_url, "drift")[0]
    page.locator(".md-search-result__link").first.click()
    page.wait_for_url(f"**/{first.path}?h=drift**")
    page.locator("article mark[data-md-highlight]").first.wait_for(state="visible")
    marked = page.locator("article mark[data-md-highlight]").all_inner_texts()
    assert marked and all(text.lower().startswith("drift") for text in marked), marked
