"""`python -m tests.browser.screenshots`: the README's matrix and profiler screenshots, from a fresh build.

Builds the site, serves it on 127.0.0.1 and photographs the profiler in Debian's Chromium with
the source's combined example ticked, at desktop and at phone width.
"""

from __future__ import annotations

import sys

from playwright.sync_api import Browser, ViewportSize

from tests.browser.photographer import run
from tests.sitebuild import ROOT
from tests.sourcefacts import COMBINED_EXAMPLE_PROFILER

IMAGES = ROOT / "docs/assets/images"
EXAMPLE = COMBINED_EXAMPLE_PROFILER


def photograph(browser: Browser, url: str) -> None:
    """Write matrix.png, profiler-desktop.png and profiler-phone.png."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
    page.goto(url + "matrix/")
    page.screenshot(path=str(IMAGES / "matrix.png"))
    print((IMAGES / "matrix.png").relative_to(ROOT))
    page.close()
    sizes: list[tuple[str, ViewportSize]] = [
        ("desktop", {"width": 1280, "height": 860}),
        ("phone", {"width": 390, "height": 844}),
    ]
    for name, viewport in sizes:
        page = browser.new_page(viewport=viewport, device_scale_factor=1)
        page.goto(url + EXAMPLE)
        page.wait_for_selector(".kb-profiler__needed li")
        if name == "phone":  # the plan is below the choices: show it, as its button does
            page.get_by_role("button", name="See the plan").click()
            page.wait_for_timeout(600)  # let the header's title swap finish
        path = IMAGES / f"profiler-{name}.png"
        page.screenshot(path=str(path))
        print(path.relative_to(ROOT))
        page.close()


if __name__ == "__main__":
    sys.exit(run(photograph))
