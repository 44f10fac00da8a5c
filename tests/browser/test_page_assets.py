"""A component's script and stylesheet load on the pages that show it and nowhere else, read from
Chromium's request log; the site-wide ones load everywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.adapter.page_macros import COMPONENT_SCRIPTS, COMPONENT_STYLES
from tests.samplepages import CAPABILITY, CASE_STUDY, CHARACTERISTIC, PLAN, TOOL
from tests.sitebuild import ROOT

COMPONENT_ASSETS = {
    path for table in (COMPONENT_SCRIPTS, COMPONENT_STYLES) for paths in table.values() for path in paths
}
# Hand-written pages, and which components each shows (the macros it calls).
HAND_WRITTEN = {
    path: re.findall(r"\{\{\s*(\w+)\(", path.read_text(encoding="utf-8"))
    for path in (ROOT / "docs").rglob("*.md")
    if "ja" not in path.relative_to(ROOT / "docs").parts
}


def page_address(source: Path) -> str:
    """docs/tools/index.md -> 'tools/', docs/matrix.md -> 'matrix/', docs/index.md -> ''."""
    stem = source.relative_to(ROOT / "docs").with_suffix("").as_posix()
    stem = stem.removesuffix("index")
    return stem if not stem or stem.endswith("/") else stem + "/"


def expected_assets(components: list[str]) -> set[str]:
    """The component assets a page showing these components needs."""
    return {
        path for table in (COMPONENT_SCRIPTS, COMPONENT_STYLES) for name in components for path in table.get(name, [])
    }


PAGES = {page_address(source): expected_assets(components) for source, components in HAND_WRITTEN.items()}
PAGES.update({path: set() for path in (CAPABILITY, CHARACTERISTIC, CASE_STUDY, TOOL, "404.html")})
PAGES[PLAN] = PAGES["profiler/"]


def test_every_component_has_a_page_that_loads_its_assets() -> None:
    assert set().union(*PAGES.values()) == COMPONENT_ASSETS


@pytest.mark.parametrize("path", sorted(PAGES), ids=lambda path: path or "home")
def test_a_page_loads_only_the_component_assets_it_shows(tab, site_url: str, path: str) -> None:
    tab.goto(site_url + path)
    tab.wait_for_load_state("networkidle")
    loaded = {url.removeprefix(site_url) for url in tab.requested_urls}
    assert loaded & COMPONENT_ASSETS == PAGES[path]
    # The site-wide assets, on every page.
    assert {"assets/stylesheets/kb.css", "assets/javascripts/kb-a11y.js"} <= loaded
