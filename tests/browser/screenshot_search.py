"""Takes the README's picture of a search in progress: `python -m tests.browser.screenshot_search`.

Builds the site, serves it on 127.0.0.1, types a query into the search box in Debian's Chromium
and saves the page to docs/assets/images/search.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, MISSING, serve
from tests.browser.searchbox import open_site_for_search, type_query
from tests.sitebuild import ROOT, build_site

OUTPUT = ROOT / "docs" / "assets" / "images" / "search.png"
QUERY = "feture store"  # a typo, to show that search still finds the page


def main() -> int:
    """Build, search, save the picture; 1 when the site does not build or Chromium is missing."""
    if not CHROMIUM.exists():
        print(MISSING, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        built = build_site(Path(folder))
        if built.returncode:
            print(built.stderr, file=sys.stderr)
            return 1
        server, url = serve(Path(folder))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1100, "height": 640}, device_scale_factor=1)
                open_site_for_search(page, url)
                type_query(page, QUERY)
                page.mouse.move(0, 0)
                OUTPUT.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(OUTPUT))
                browser.close()
        finally:
            server.shutdown()
    print(f"saved {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
