"""`python -m tests.browser.gallery`: every page type photographed, to look at before a change lands.

Builds both editions, serves them on 127.0.0.1 and saves, for each edition, each palette (light,
dark) and each width (1280 desktop, 390 phone), one full-page picture per page type: home,
matrix, the profiler with a plan, one entity page of each kind, tools, the radar, the glossary,
What changed, the 404 page and the search box open with results. Then the radar rated, and a rated
tool's page with its ring history, from a rated copy of the data built as the radar's tests build
it (tests/ring_repo.py: a git history in which tools of every kind get rings, one moves, one is new),
never from data/ changed. The pictures go to screenshots/ (ignored by git).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from macros.kb.kinds import KINDS
from macros.kb.load import build_knowledge_base
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, MISSING
from tests.browser.searchbox import open_site_for_search, type_query
from tests.browser.siteserver import serve_mounted
from tests.ring_repo import FULLER_RADAR, RingRepo, build_ring_repo
from tests.sitebuild import DATA_DIR, ROOT, build_editions
from tests.sourcefacts import COMBINED_EXAMPLE_PROFILER

OUTPUT = ROOT / "screenshots"
WIDTHS: dict[str, ViewportSize] = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
SCHEMES: tuple[Literal["light", "dark"], ...] = ("light", "dark")
EDITIONS = {"en": "", "ja": "ja/"}
# Each edition's query for the "search open" picture: a term a reader of that edition types.
SEARCH_QUERIES = {"en": "registry", "ja": "モデルレジストリ"}
# The kinds with a page per entity, by their folder in the site.
ENTITY_FOLDERS = tuple(kind.folder for kind in KINDS.values() if kind.template)


def page_paths(site: Path) -> dict[str, str]:
    """Picture name -> path in an edition: the fixed pages and the first entity of each kind."""
    paths = {
        "home": "",
        "matrix": "matrix/",
        "profiler": COMBINED_EXAMPLE_PROFILER,
        "tools": "tools/",
        "radar": "tools/#adoption-radar",
        "glossary": "glossary/",
        "changes": "changes/",
        "systems": "systems/",
        "portfolio": "portfolio/",
        "404": "no-such-page/",
    }
    for folder in ENTITY_FOLDERS:
        first = min(p.parent.name for p in (site / folder).glob("*/index.html"))
        paths[f"entity-{folder}"] = f"{folder}/{first}/"
    return paths


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless."""
    if not CHROMIUM.exists():
        raise SystemExit(MISSING)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def served_editions(data_dir: Path | None = None) -> Iterator[tuple[str, Path]]:
    """The URL of both editions freshly built (from data_dir, else data/) and served, and their folder."""
    with tempfile.TemporaryDirectory() as folder:
        built = build_editions(Path(folder), data_dir=data_dir)
        if built.returncode:
            raise SystemExit(built.stderr)
        server, url = serve_mounted(Path(folder))  # a missing address gets the 404 page
        try:
            yield url, Path(folder)
        finally:
            server.shutdown()


@contextmanager
def rated_editions() -> Iterator[tuple[str, RingRepo]]:
    """Both editions of a rated copy of the data, as the radar's tests build it, served: (URL, its repository)."""
    kb = build_knowledge_base(DATA_DIR).knowledge_base
    if kb is None:
        raise SystemExit("data/ has errors: run make check")
    with tempfile.TemporaryDirectory() as folder:
        repo = build_ring_repo(Path(folder), kb, more=FULLER_RADAR)
        with served_editions(repo.data) as (url, _):
            yield url, repo


# What a page lays out only when scrolled near (content-visibility: auto, the portfolio's lists) is
# blank in a picture of the whole page: laid out now, by a constructed style sheet (the pages'
# Content Security Policy lets no <style> element in).
_LAY_OUT_ALL = """() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('* { content-visibility: visible !important; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}"""


def _shoot(page: Page, path: Path, *, full_page: bool = True) -> None:
    if full_page:
        page.evaluate(_LAY_OUT_ALL)
    page.wait_for_timeout(300)  # Material's fade-ins and the profiler's plan settle
    page.screenshot(path=str(path), full_page=full_page)
    print(path.relative_to(ROOT))


def photograph(browser: Browser, url: str, site: Path) -> None:
    """Write screenshots/<edition>-<scheme>-<width>-<page>.png for every combination."""
    if OUTPUT.exists():
        shutil.rmtree(OUTPUT)
    OUTPUT.mkdir()
    paths = page_paths(site)
    for edition, prefix in EDITIONS.items():
        for scheme in SCHEMES:
            for width, viewport in WIDTHS.items():
                context = browser.new_context(viewport=viewport, color_scheme=scheme, device_scale_factor=1)
                page = context.new_page()
                stem = f"{edition}-{scheme}-{width}"
                for name, path in paths.items():
                    page.goto(url + prefix + path)
                    # The radar is the end of the tools page: the window as the reader lands there.
                    _shoot(page, OUTPUT / f"{stem}-{name}.png", full_page=name != "radar")
                # A reason open over the matrix, at the table's far corner, as the window shows it; on a
                # phone, the last reason opened in the list that stands in for the table.
                page.goto(url + prefix + "matrix/")
                if width == "phone":
                    page.locator(".kb-matrix-list summary").last.click()
                else:
                    page.locator("tbody tr").last.locator("a.kb-mark").last.focus()
                _shoot(page, OUTPUT / f"{stem}-matrix-reason.png", full_page=False)
                open_site_for_search(page, url + prefix)
                # Pasted at once, as a Japanese input method commits a word.
                type_query(page, SEARCH_QUERIES[edition], key_by_key=False)
                page.wait_for_timeout(300)
                page.screenshot(path=str(OUTPUT / f"{stem}-search.png"))
                print((OUTPUT / f"{stem}-search.png").relative_to(ROOT))
                context.close()


def photograph_rated(browser: Browser, url: str, repo: RingRepo) -> None:
    """Write screenshots/<edition>-<scheme>-<width>-radar-rated.png (the window at the radar),
    -tool-rated.png (the page of the tool that moved between rings, with its ring history) and
    -portfolio-rated.png."""
    OUTPUT.mkdir(exist_ok=True)
    # The portfolio too: its tools in practice say which rated tools are on hold yet used, adopted yet unused.
    paths = {
        "radar-rated": "tools/#adoption-radar",
        "tool-rated": f"tools/{repo.moved}/",
        "portfolio-rated": "portfolio/",
    }
    for edition, prefix in EDITIONS.items():
        for scheme in SCHEMES:
            for width, viewport in WIDTHS.items():
                context = browser.new_context(viewport=viewport, color_scheme=scheme, device_scale_factor=1)
                page = context.new_page()
                for name, path in paths.items():
                    page.goto(url + prefix + path)
                    _shoot(page, OUTPUT / f"{edition}-{scheme}-{width}-{name}.png", full_page=name != "radar-rated")
                context.close()


def main() -> int:
    """Build, serve and photograph; 0 when every picture was written."""
    with chromium() as browser:
        with served_editions() as (url, site):
            photograph(browser, url, site)
        with rated_editions() as (url, repo):
            photograph_rated(browser, url, repo)
    return 0


if __name__ == "__main__":
    sys.exit(main())
