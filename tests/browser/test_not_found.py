"""The 404 page, as a server sends it for a missing address at any depth: styled, in the edition the
address is in, with the pages whose names are near the missing one, a search box and links on to
the home page, the matrix and the profiler, whether the site lives at the server's root or under a
sub-path (and without site_url), and whether the host sends each edition's 404.html or the site's
one 404.html for every address (as most hosts, and `make preview`, do)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from macros.commands.preview import serve as serve_preview
from macros.kb.model import KnowledgeBase
from macros.site.render import load_strings
from tests.browser.siteserver import serve_mounted
from tests.samplepages import CAPABILITY, CAPABILITY_ID, KB

# (mount path, whether the host sends the site's one 404.html for every missing address)
HOSTS = [("/", False), ("/", True), ("/kb/", True)]
EDITIONS = {"en": "", "ja": "ja/"}


@pytest.fixture(
    scope="module",
    params=HOSTS,
    ids=["at the root, a 404 page per edition", "at the root, one 404 page", "under a sub-path, one 404 page"],
)
def mounted(request, editions_dir: Path) -> Iterator[str]:
    """The URL of both editions served at a mount path."""
    mount, one_not_found = request.param
    server, url = serve_mounted(editions_dir, mount, one_not_found=one_not_found)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def one_host(editions_dir: Path) -> Iterator[str]:
    """The URL of both editions under a sub-path, on a host that sends the site's one 404.html."""
    server, url = serve_mounted(editions_dir, "/kb/", one_not_found=True)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def previewed(editions_dir: Path) -> Iterator[str]:
    """The URL of both editions as `make preview` serves them."""
    server = serve_preview(editions_dir, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.parametrize("edition", EDITIONS)
def test_missing_page_is_styled_and_leads_on(tab, mounted: str, edition: str) -> None:
    response = tab.goto(mounted + EDITIONS[edition] + "no/such/page/")
    assert response.status == 404
    # Material's styles loaded: its header is pinned to the top.
    assert tab.locator(".md-header").evaluate("h => getComputedStyle(h).position") == "sticky"
    lang = tab.locator("html").get_attribute("lang")
    assert lang == edition
    assert tab.locator("h1").inner_text() == load_strings(edition)["not_found"]
    links = tab.locator("article a").evaluate_all("links => links.map(a => a.href)")
    root = mounted + EDITIONS[edition]
    assert {root, root + "matrix/", root + "profiler/"} <= set(links), links
    with tab.expect_navigation(url=root + "matrix/"):
        tab.locator("article a[href$='matrix/']").click()
    tab.locator(".kb-matrix").wait_for()


@pytest.mark.parametrize("edition", EDITIONS)
def test_missing_page_s_search_finds_pages_of_the_site(tab, mounted: str, edition: str) -> None:
    tab.goto(mounted + EDITIONS[edition] + "no/such/page/")
    tab.locator("article label[for='__search']").click()
    # A capability of the source, by its English name (both editions find it so), at its address of today.
    tab.keyboard.type(KB.capabilities[CAPABILITY_ID].name.en.lower())
    first = tab.locator(".md-search-result__item a").first
    first.wait_for()
    with tab.expect_navigation():
        first.click()
    assert tab.url.startswith(mounted + EDITIONS[edition] + CAPABILITY)
    tab.locator("h1").wait_for()


def _near_miss(id: str) -> str:
    """An id with one letter left out of its middle, as a reader mistypes it."""
    middle = len(id) // 2
    return id[:middle] + id[middle + 1 :]


@pytest.mark.parametrize("edition", EDITIONS)
def test_near_miss_suggests_the_page_meant(tab, one_host: str, edition: str, kb: KnowledgeBase) -> None:
    for capability in kb.capabilities.values():
        tab.goto(one_host + EDITIONS[edition] + f"capabilities/{_near_miss(capability.id)}/")
        links = tab.locator(".kb-not-found-suggestions li a")
        links.first.wait_for()
        assert (
            tab.locator(".kb-not-found-suggestions h2").inner_text() == load_strings(edition)["not_found_suggestions"]
        )
        suggested = dict(links.evaluate_all("links => links.map(a => [a.href, a.textContent])"))
        assert (
            suggested.get(one_host + EDITIONS[edition] + f"capabilities/{capability.id}/") == capability.name[edition]
        )


@pytest.mark.parametrize("edition", EDITIONS)
def test_an_alias_in_the_address_suggests_its_page(tab, one_host: str, edition: str, kb: KnowledgeBase) -> None:
    capability = next(c for c in kb.capabilities.values() if c.aliases[edition])
    alias = capability.aliases[edition][0]
    tab.goto(one_host + EDITIONS[edition] + "capabilities/" + quote(alias) + "/")
    links = tab.locator(".kb-not-found-suggestions li a")
    links.first.wait_for()
    assert one_host + EDITIONS[edition] + f"capabilities/{capability.id}/" in links.evaluate_all(
        "links => links.map(a => a.href)"
    )


def test_a_far_miss_suggests_nothing(tab, one_host: str) -> None:
    tab.goto(one_host + "zzzzqqqqxxxxwwww/")
    tab.locator(".md-search").wait_for(state="attached")
    tab.wait_for_load_state("networkidle")
    assert tab.locator(".kb-not-found-suggestions").is_hidden()


@pytest.mark.parametrize("edition", EDITIONS)
def test_make_preview_serves_the_site_s_404_page(tab, previewed: str, edition: str) -> None:
    response = tab.goto(previewed + EDITIONS[edition] + "no/such/page/")
    assert response.status == 404
    assert tab.locator("html").get_attribute("lang") == edition
    assert tab.locator("h1").inner_text() == load_strings(edition)["not_found"]
    assert tab.locator(".md-header").evaluate("h => getComputedStyle(h).position") == "sticky"
