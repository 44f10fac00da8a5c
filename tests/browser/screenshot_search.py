"""Takes the README's picture of a search in progress: `python -m tests.browser.screenshot_search`.

Builds the site, serves it on 127.0.0.1, types a query into the search box in Debian's Chromium
and saves the page to docs/assets/images/search.png.
"""

from __future__ import annotations

import sys

from playwright.sync_api import Browser

from tests.browser.photographer import run
from tests.browser.searchbox import open_site_for_search, type_query
from tests.sitebuild import ROOT

OUTPUT = ROOT / "docs" / "assets" / "images" / "search.png"
QUERY = "feture store"  # a typo, to show that search still finds the page


def photograph(browser: Browser, url: str) -> None:
    """Type the query and save the page as it shows the results."""
    page = browser.new_page(viewport={"width": 1100, "height": 640}, device_scale_factor=1)
    open_site_for_search(page, url)
    type_query(page, QUERY)
    page.mouse.move(0, 0)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT))
    print(f"saved {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(run(photograph))
