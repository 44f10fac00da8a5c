"""The part every README screenshot script shares: a fresh build, served, open in Chromium."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, MISSING, serve
from tests.sitebuild import build_site


class CannotPhotograph(Exception):
    """Chromium is missing or the site does not build; the message says which."""


@contextmanager
def site_in_chromium() -> Iterator[tuple[Browser, str]]:
    """Debian's Chromium and the URL of the site, freshly built and served on 127.0.0.1."""
    if not CHROMIUM.exists():
        raise CannotPhotograph(MISSING)
    with tempfile.TemporaryDirectory() as folder:
        built = build_site(Path(folder))
        if built.returncode:
            raise CannotPhotograph(built.stderr)
        server, url = serve(Path(folder))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
                yield browser, url
                browser.close()
        finally:
            server.shutdown()


def run(photograph: Callable[[Browser, str], None]) -> int:
    """Run a screenshot script's body; 1 with the reason when it cannot."""
    try:
        with site_in_chromium() as (browser, url):
            photograph(browser, url)
    except CannotPhotograph as reason:
        print(reason, file=sys.stderr)
        return 1
    return 0
