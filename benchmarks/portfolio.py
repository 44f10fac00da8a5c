"""The portfolio at scale: its HTML's size, and the time Chromium takes to paint it and to sort it.

Figures only, no assertions (speed is measured here, not tested). For each built site: the bytes
of portfolio/index.html; opened in Debian's Chromium at 1280 wide, the time from navigation to
the first contentful paint and to the table ready (portfolio.js has read its rows); then a sort
by number of gaps and back by name, each from the click to the next painted frame (median of
ROUNDS). `make bench` runs it on the m and l sites it builds; `python -m benchmarks.portfolio`
generates and builds the presets itself and replaces the section of BENCHMARKS.md.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.generate import PRESETS, generate

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ROUNDS = 5
LIMIT_BYTES = 1_000_000  # the portfolio's HTML at l stays under this (issue 25)
SECTION_START, SECTION_END = "<!-- portfolio bench -->", "<!-- /portfolio bench -->"

# When the table is ready: portfolio.js sets data-ready on it once it has read its rows.
READY_MARK = """new MutationObserver((changes, observer) => {
  const table = document.querySelector('.kb-heatmap[data-ready]');
  if (table) { window.__kbReady = performance.now(); observer.disconnect(); }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-ready']});"""

# A click on a sort button, timed to the frame after the rows moved (two animation frames).
TIME_SORT = """key => new Promise(resolve => {
  const start = performance.now();
  document.querySelector(`.kb-sort button[data-sort="${key}"]`).click();
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - start)));
})"""


@dataclass(frozen=True)
class PortfolioFigures:
    """One site's portfolio: its size, its paint and ready times, its sort times (ms)."""

    site: str
    systems: int
    html_bytes: int
    first_paint: float
    ready: float
    sort_gaps: float
    sort_name: float


def measure_site(name: str, site: Path) -> PortfolioFigures:
    """Open the site's portfolio in Chromium ROUNDS times; medians of each time."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import serve

    html = site / "portfolio" / "index.html"
    # Every system is a row of the heatmap's data; the HTML holds the first page of them.
    text = html.read_text(encoding="utf-8")
    block = text.partition('<script type="application/json" class="kb-heatmap-data">')[2].partition("</script>")[0]
    systems = len(json.loads(block)["rows"]) if block else text.count('<tr data-name="')
    server, url = serve(site)
    paints, readies, gaps, names = [], [], [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
            for _ in range(ROUNDS):
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.add_init_script(READY_MARK)
                page.goto(url + "portfolio/")
                page.wait_for_function("() => window.__kbReady !== undefined")  # a function: the CSP refuses eval
                paints.append(
                    page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN")
                )
                readies.append(page.evaluate("window.__kbReady"))
                gaps.append(page.evaluate(TIME_SORT, "gaps"))
                names.append(page.evaluate(TIME_SORT, "name"))
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return PortfolioFigures(
        name,
        systems,
        html.stat().st_size,
        statistics.median(paints),
        statistics.median(readies),
        statistics.median(gaps),
        statistics.median(names),
    )


def measure_sites(sites: dict[str, Path]) -> list[PortfolioFigures]:
    """The figures of each built site that has a portfolio."""
    return [measure_site(name, site) for name, site in sites.items() if (site / "portfolio" / "index.html").exists()]


def render_section(figures: list[PortfolioFigures]) -> str:
    """The report's portfolio section, between its markers."""
    lines = [
        SECTION_START,
        "## The portfolio at scale",
        "",
        f"Its HTML against the {LIMIT_BYTES // 1000:,} KB limit, and in Chromium at 1280 wide (median of {ROUNDS} loads, "
        "served locally): navigation to first contentful paint and to the table ready, and a sort from the click "
        "to the next painted frame. Figures, not tests (`benchmarks/portfolio.py`).",
        "",
        "| site | systems | HTML | under 1 MB | first paint | table ready | sort by gaps | sort by name |",
        "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for f in figures:
        lines.append(
            f"| {f.site} | {f.systems:,} | {f.html_bytes / 1000:,.0f} KB | {'yes' if f.html_bytes < LIMIT_BYTES else 'no'} "
            f"| {f.first_paint:,.0f} ms | {f.ready:,.0f} ms | {f.sort_gaps:,.0f} ms | {f.sort_name:,.0f} ms |"
        )
    return "\n".join([*lines, SECTION_END]) + "\n"


def _build(preset: str, work: Path) -> Path:
    data = work / f"data-{preset}"
    generate(preset, data)
    site = work / f"site-{preset}"
    env = {**os.environ, "KB_DATA_DIR": str(data), "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return site


def main(argv: list[str]) -> int:
    """Build the presets named (default m,l), measure, print, and replace the section of BENCHMARKS.md."""
    presets = (argv[0] if argv else "m,l").split(",")
    with tempfile.TemporaryDirectory(prefix="kb-portfolio-") as work:
        sites = {preset: _build(preset, Path(work)) for preset in presets if preset in PRESETS}
        section = render_section(measure_sites(sites))
    print(section)
    report = ROOT / "BENCHMARKS.md"
    text = report.read_text(encoding="utf-8") if report.exists() else ""
    if SECTION_START in text and SECTION_END in text:
        before, _, rest = text.partition(SECTION_START)
        text = before + section.rstrip("\n") + rest.partition(SECTION_END)[2]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    report.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
