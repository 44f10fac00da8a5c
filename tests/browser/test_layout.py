"""Every page type fits a phone: nothing makes the page wider than a 390-pixel window, in either
edition (a wide table scrolls inside its own box instead, and its caption still reads whole)."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from macros.kb.model import KnowledgeBase
from tests.samplepages import wait_until_shown

EDITIONS = {"en": "", "ja": "ja/"}
PHONE = {"width": 390, "height": 844}


def _page_types(kb: KnowledgeBase) -> list[str]:
    fixed = [
        "",
        "matrix/",
        "profiler/#" + "+".join(list(kb.characteristics)[:2]),
        "tools/",
        "tags/",
        "glossary/",
        "about/",
        "changes/",
    ]
    kinds: list[tuple[str, Mapping[str, object]]] = [
        ("capabilities", kb.capabilities),
        ("characteristics", kb.characteristics),
        ("case-studies", kb.case_studies),
        ("tools", kb.tools),
    ]
    entities = [f"{folder}/{min(ids)}/" for folder, ids in kinds if ids]
    return fixed + entities


# Each table caption a reader sees, as [its text, left, right], in window pixels.
_CAPTIONS = """() => [...document.querySelectorAll('.md-content caption')].map(c => [c.textContent, c.getBoundingClientRect()])
    .filter(([, r]) => r.width > 1).map(([text, r]) => [text.slice(0, 40), r.left, r.right])"""


@pytest.fixture(scope="module", params=list(EDITIONS))
def at_phone_width(request, browser, editions_url: str, kb: KnowledgeBase) -> dict[str, tuple[int, list]]:
    """Each page type of one edition, loaded once at phone width: path -> (page width, captions)."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    seen = {}
    for path in _page_types(kb):
        page.goto(editions_url + EDITIONS[request.param] + path)
        wait_until_shown(page, path)
        seen[path] = (page.evaluate("document.documentElement.scrollWidth"), page.evaluate(_CAPTIONS))
    context.close()
    return seen


def test_no_page_is_wider_than_a_phone(at_phone_width: dict[str, tuple[int, list]]) -> None:
    wide = {path: width for path, (width, _) in at_phone_width.items() if width > PHONE["width"]}
    assert wide == {}


def test_a_wide_table_s_caption_wraps_inside_a_phone_s_window(at_phone_width: dict[str, tuple[int, list]]) -> None:
    cut = {
        path: outside
        for path, (_, captions) in at_phone_width.items()
        if (outside := [c for c in captions if c[1] < 0 or c[2] > PHONE["width"]])
    }
    assert cut == {}, f"captions running off the window (text, left, right): {cut}"
