"""The site's own stylesheets keep text readable in both palettes, by rule: no build, no browser.

Material's `--…--transparent` colours are tints for backgrounds (about a tenth opaque): text set in
one is all but invisible. The portfolio's "on hold, still in use" was, and no test saw it, as the
real data rates no tool; axe (tests/browser/test_accessibility.py) judges only what a page shows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.sitebuild import ROOT

STYLESHEETS = sorted((ROOT / "overrides" / "assets" / "stylesheets").glob("*.css"))
# A declaration of the text colour (not background-color, border-color...): `color: <value>`.
_TEXT_COLOUR = re.compile(r"(?<![\w-])color\s*:\s*([^;}]+)")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def text_colours(css: str) -> list[str]:
    """Every value the stylesheet gives the text colour, comments left out."""
    return [value.strip() for value in _TEXT_COLOUR.findall(_COMMENT.sub("", css))]


def test_the_rule_finds_a_text_colour_and_leaves_other_colours_alone() -> None:
    css = "/* color: red */ .a { color: var(--x--transparent, inherit); background-color: var(--y--transparent) }"
    assert text_colours(css) == ["var(--x--transparent, inherit)"]


@pytest.mark.parametrize("stylesheet", STYLESHEETS, ids=lambda path: path.name)
def test_no_text_is_set_in_a_background_tint(stylesheet: Path) -> None:
    tinted = [value for value in text_colours(stylesheet.read_text(encoding="utf-8")) if "--transparent" in value]
    assert tinted == [], f"{stylesheet.name}: text in a background tint (use a text colour: --md-default-fg-color…)"
