"""`python -m tests.browser.screenshots`: the README's profiler screenshots, from a fresh build.

Builds the site, serves it on 127.0.0.1 and photographs the profiler in Debian's Chromium with
the source's combined example ticked, at desktop and at phone width.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, MISSING, serve
from tests.sitebuild import ROOT, build_site

IMAGES = ROOT / "docs/assets/images"
EXAMPLE = "profiler/#frequent-retraining+batch-serving"


def main() -> int:
    """Write profiler-desktop.png and profiler-phone.png; 1 when the site or Chromium is missing."""
    if not CHROMIUM.exists():
        print(MISSING, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        result = build_site(Path(tmp))
        if result.returncode:
            print(result.stderr, file=sys.stderr)
            return 1
        server, url = serve(Path(tmp))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                for name, viewport in [("desktop", {"width": 1280, "height": 860}), ("phone", {"width": 390, "height": 844})]:
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
                browser.close()
        finally:
            server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
