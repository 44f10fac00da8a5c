"""The 404 page, as a server sends it for a missing address at any depth: styled, with a search
box and links on to the home page, the matrix and the profiler, in each edition, whether the site
lives at the server's root or under a sub-path (and without site_url)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

MOUNTS = ["/", "/kb/"]
EDITIONS = {"en": "", "ja": "ja/"}


class _SiteUnder(SimpleHTTPRequestHandler):
    """The built editions at a mount path; a missing address gets its edition's 404.html, as GitHub Pages does."""

    def __init__(self, *args, site: Path, mount: str, **kwargs) -> None:
        self.site, self.mount = site, mount
        super().__init__(*args, directory=str(site), **kwargs)

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path.removeprefix(self.mount)) if path.startswith(self.mount) else "/nonexistent"

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            return super().send_error(code, message, explain)
        edition = "ja/" if self.path.startswith(self.mount + "ja/") else ""
        body = (self.site / edition / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module", params=MOUNTS, ids=["at the root", "under a sub-path"])
def mounted(request, editions_dir: Path) -> Iterator[str]:
    """The URL of both editions served at a mount path."""
    handler = functools.partial(_SiteUnder, site=editions_dir, mount=request.param)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{request.param}"
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
