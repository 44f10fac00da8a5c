"""`python -m tests.browser.bench_profiler`: what the profiler costs, printed (no assertions).

Figures: the api/v1 files' sizes and the time to generate them; in Chromium, the time from
opening a shared link to its plan on screen, and the time one tick takes to redraw the plan.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from macros.site.api import build_api_files
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, MISSING, serve
from tests.datafixture import knowledge_base
from tests.sitebuild import ROOT, build_site
from tests.sourcefacts import COMBINED_EXAMPLE_PROFILER

ROUNDS = 40

# One tick, timed inside the page: the change handler redraws the plan synchronously.
TIME_ONE_TICK = """id => {
  const box = document.querySelector(`.kb-profiler__choices input[value="${id}"]`);
  const start = performance.now();
  box.click();
  return performance.now() - start;
}"""


def main() -> int:
    """Print the figures; 1 when Chromium is missing or the site does not build."""
    kb = knowledge_base(ROOT / "data")
    started = time.perf_counter()
    for _ in range(ROUNDS):
        files = build_api_files(kb, lambda entity: "x/")
    print(f"api/v1 generated in {(time.perf_counter() - started) / ROUNDS * 1000:.1f} ms")
    for path, content in files.items():
        print(f"  {path}: {len(content.encode()) / 1024:.1f} KiB")
    if not CHROMIUM.exists():
        print(MISSING, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        if build_site(Path(tmp)).returncode:
            return 1
        server, url = serve(Path(tmp))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            loads = []
            for _ in range(10):
                started = time.perf_counter()
                page.goto(url + COMBINED_EXAMPLE_PROFILER)
                page.wait_for_selector(".kb-profiler__needed li")
                loads.append((time.perf_counter() - started) * 1000)
            ids = page.eval_on_selector_all(".kb-profiler__choices input", "boxes => boxes.map(b => b.value)")
            ticks = [page.evaluate(TIME_ONE_TICK, ids[i % len(ids)]) for i in range(ROUNDS * 4)]
            print(
                f"shared link to plan on screen: median {statistics.median(loads):.0f} ms over {len(loads)} loads (local server)"
            )
            print(
                f"one tick to redrawn plan: median {statistics.median(ticks):.2f} ms, max {max(ticks):.2f} ms over {len(ticks)} ticks"
            )
            browser.close()
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
