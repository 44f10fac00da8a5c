"""Browser harness: the built site served on 127.0.0.1, driven in Debian's Chromium by Playwright.

Never a downloaded browser. Without Chromium the browser tests skip with one line saying how to
install it; under CI=true a missing Chromium fails instead, so CI cannot pass by skipping.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize
from playwright.sync_api import Error as PlaywrightError

from tests.browser.reporting import pytest_terminal_summary, report  # noqa: F401  (hook and fixture)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING = f"Chromium not found at {CHROMIUM}: install it with `sudo apt-get install chromium fonts-noto-cjk` to run the browser tests"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A tab that leaves a page while it loads drops its connections: no error of the site's.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def serve(directory: Path) -> tuple[ThreadingHTTPServer, str]:
    """Serve a folder on a free loopback port; returns the server and its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """The real site at http://127.0.0.1:<port>/."""
    server, url = serve(site_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def editions_url(editions_dir: Path) -> Iterator[str]:
    """Both editions served together: English at http://127.0.0.1:<port>/, Japanese under ja/."""
    server, url = serve(editions_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(MISSING, pytrace=False)
        pytest.skip(MISSING)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


DESKTOP: ViewportSize = {"width": 1280, "height": 900}


def recording_page(context: BrowserContext) -> Page:
    """A new tab whose `requested_urls` lists every request it made."""
    page = context.new_page()
    requested: list[str] = []
    page.requested_urls = requested  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requested_urls.append(request.url))  # type: ignore[attr-defined,call-overload]
    return page


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page in a context of its own; `page.requested_urls` lists every request it made.

    For a test that changes the tab or its context (page.on, routes, init scripts, permissions,
    media, viewport); one that only navigates, reads and acts as a reader takes `tab`, cheaper."""
    context = browser.new_context(viewport=DESKTOP)
    yield recording_page(context)
    context.close()


@pytest.fixture(scope="module")
def _module_tab(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP)
    yield recording_page(context)
    context.close()


@pytest.fixture
def tab(_module_tab: Page) -> Iterator[Page]:
    """A tab the tests of a module share, each starting on a blank page with `requested_urls` empty.

    A new tab costs Chromium about 0.5 s of CPU, going to a page in an open one a third of that. For
    tests that navigate, read, click, type and hover: a test that changes the tab itself (page.on,
    routes, init scripts, permissions, media, viewport) takes `page`, as that change would outlive it."""
    _module_tab.goto("about:blank")
    _module_tab.requested_urls = []  # type: ignore[attr-defined]
    yield _module_tab
    # What the site kept in the browser goes with the test that made it.
    with contextlib.suppress(PlaywrightError):
        if _module_tab.url.startswith("http"):
            _module_tab.evaluate("localStorage.clear(); sessionStorage.clear()")
    _module_tab.context.clear_cookies()
