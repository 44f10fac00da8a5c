"""Search costs nothing until it is used: no search request (index, worker) before the reader
focuses the search box, and the same results as when Material loaded everything with the page.

"Before" is the same built page with the deferring script taken out of its HTML, so Material
fetches the index and starts its worker on page load, as it did before search was deferred.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from macros.kb.model import KnowledgeBase
from tests.browser.searchbox import SEARCH_INPUT, open_site_for_search, search
from tests.browser.test_search import REQUIRED, load_query_table
from tests.browser.test_search_ja import QUERIES as JAPANESE_QUERIES
from tests.samplepages import CAPABILITY, CASE_STUDY, CHARACTERISTIC, PLAN, TOOL

PAGES = ["", "matrix/", CAPABILITY, CHARACTERISTIC, CASE_STUDY, TOOL, PLAN, "glossary/", "404.html"]
DEFERRING_SCRIPT = re.compile(r'<script id="kb-lazy-search">.*?</script>', re.DOTALL)


def is_search_request(url: str) -> bool:
    """The index, our worker or Material's: the requests search makes."""
    path = url.split("?")[0]
    return path.endswith("/search/search_index.json") or "/javascripts/workers/" in path


@pytest.fixture
def context(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    context.requests = []
    context.on("request", lambda request: context.requests.append(request.url))
    yield context
    context.close()


def load_eagerly(context) -> None:
    """Serve every page without the deferring script: search as Material sets it up by itself."""

    def strip(route) -> None:
        response = route.fetch()
        body = response.text()
        assert DEFERRING_SCRIPT.search(body), f"no deferring script in {route.request.url}"
        route.fulfill(response=response, body=DEFERRING_SCRIPT.sub("", body))

    context.route(lambda url: url.endswith(("/", ".html")), strip)


@pytest.mark.parametrize("path", PAGES)
def test_no_search_request_before_the_reader_turns_to_search(context, site_url: str, path: str) -> None:
    page = context.new_page()
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    # Reading: scrolling, clicking into the text, keys that are not search's.
    page.mouse.wheel(0, 600)
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("ArrowDown")
    page.wait_for_load_state("networkidle")
    assert [url for url in context.requests if is_search_request(url)] == []
    # `/` focuses the box; a query then finds pages.
    page.keyboard.press("/")
    page.keyboard.type("model")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    assert any(url.endswith("/search/search_index.json") for url in context.requests)


@pytest.mark.parametrize(
    ("width", "control"),
    [(1280, SEARCH_INPUT), (390, "label.md-header__button[for=__search]")],
    ids=["box", "phone icon"],
)
def test_a_tap_on_search_starts_search(context, site_url: str, width: int, control: str) -> None:
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url + CAPABILITY)
    page.wait_for_load_state("networkidle")
    assert not any(is_search_request(url) for url in context.requests)
    page.locator(control).click()
    page.keyboard.type("drift")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    assert any(url.endswith("/search/search_index.json") for url in context.requests)


def test_the_eager_page_of_before_fetches_on_load(context, site_url: str) -> None:
    # The comparison below is worth something only if "before" really loads search with the page.
    load_eagerly(context)
    page = context.new_page()
    page.goto(site_url + CAPABILITY)
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("/search/search_index.json") for url in context.requests)


def results_of(context, url: str, queries: list[str]) -> dict[str, list[tuple[str, str, str]]]:
    """Each query's results as rendered (page, title, type), typed into one page's search box."""
    page = context.new_page()
    open_site_for_search(page, url)
    return {query: [(r.path, r.title, r.kind) for r in search(page, url, query, key_by_key=False)] for query in queries}


@pytest.mark.parametrize("edition", ["", "ja/"], ids=["en", "ja"])
def test_search_results_equal_those_of_search_loaded_with_the_page(
    browser, editions_url: str, kb: KnowledgeBase, edition: str
) -> None:
    english = list(dict.fromkeys([row["query"] for row in load_query_table()] + list(REQUIRED)))
    queries = english if edition == "" else [query for query, _ in JAPANESE_QUERIES]
    url = editions_url + edition
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(2)]
    try:
        load_eagerly(contexts[0])
        before, after = (results_of(context, url, queries) for context in contexts)
    finally:
        for context in contexts:
            context.close()
    assert any(before.values()), "the queries should find pages"
    differing = {query: (before[query][:3], after[query][:3]) for query in queries if before[query] != after[query]}
    assert differing == {}


def test_a_page_opened_from_a_result_highlights_the_words_searched_for(context, site_url: str) -> None:
    page = context.new_page()
    open_site_for_search(page, site_url)
    first = search(page, site_url, "drift")[0]
    page.locator(".md-search-result__link").first.click()
    page.wait_for_url(f"**/{first.path}?h=drift**")
    page.locator("article mark[data-md-highlight]").first.wait_for(state="visible")
    marked = page.locator("article mark[data-md-highlight]").all_inner_texts()
    assert marked and all(text.lower().startswith("drift") for text in marked), marked
