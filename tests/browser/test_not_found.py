"""The 404 page, as a server sends it for a missing address at any depth: styled, with a search
box and links on to the home page, the matrix and the profiler, in each edition, whether the site
lives at the server's root or under a sub-path (and without site_url)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.siteserver import serve_mounted

MOUNTS = ["/", "/kb/"]
EDITIONS = {"en": "", "ja": "ja/"}


@pytest.fixture(scope="module", params=MOUNTS, ids=["at the root", "under a sub-path"])
def mounted(request, editions_dir: Path) -> Iterator[str]:
    """The URL of both editions served at a mount path."""
    server, url = serve_mounted(editions_dir, request.param)
    yield url
    server.shutdown()


@pytest.mark.parametrize("edition", EDITIONS)
def test_missing_page_is_styled_and_leads_on(page, mounted: str, edition: str) -> None:
    response = page.goto(mounted + EDITIONS[edition] + "no/such/page/")
    assert response.status == 404
    # Material's styles loaded: its header is pinned to the top.
    assert page.locator(".md-header").evaluate("h => getComputedStyle(h).position") == "sticky"
    lang = page.locator("html").get_attribute("lang")
    assert lang == edition
    links = page.locator("article a").evaluate_all("links => links.map(a => a.href)")
    root = mounted + EDITIONS[edition]
    assert {root, root + "matrix/", root + "profiler/"} <= set(links), links
    with page.expect_navigation(url=root + "matrix/"):
        page.locator("article a[href$='matrix/']").click()
    page.locator(".kb-matrix").wait_for()


@pytest.mark.parametrize("edition", EDITIONS)
def test_missing_page_s_search_finds_pages_of_the_site(page, mounted: str, edition: str) -> None:
    page.goto(mounted + EDITIONS[edition] + "no/such/page/")
    page.locator("article label[for='__search']").click()
    page.keyboard.type("model registry")
    first = page.locator(".md-search-result__item a").first
    first.wait_for()
    with page.expect_navigation():
        first.click()
    assert page.url.startswith(mounted + EDITIONS[edition] + "capabilities/model-registry/")
    page.locator("h1").wait_for()
