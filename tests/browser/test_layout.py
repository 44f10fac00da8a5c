"""Every page type fits a phone: nothing makes the page wider than a 390-pixel window, in either
edition (a wide table scrolls inside its own box instead, and its caption still reads whole)."""

from __future__ import annotations

import pytest

from macros.model import KnowledgeBase

EDITIONS = {"en": "", "ja": "ja/"}
PHONE = {"width": 390, "height": 844}


def _page_types(kb: KnowledgeBase) -> list[str]:
    fixed = ["", "matrix/", "profiler/#" + "+".join(list(kb.characteristics)[:2]), "tools/", "tags/", "glossary/", "about/", "changes/"]
    entities = [f"{folder}/{min(ids)}/" for folder, ids in
                [("capabilities", kb.capabilities), ("characteristics", kb.characteristics),
                 ("case-studies", kb.case_studies), ("tools", kb.tools)] if ids]
    return fixed + entities


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_page_is_wider_than_a_phone(browser, editions_url: str, kb: KnowledgeBase, edition: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    wide = {}
    for path in _page_types(kb):
        page.goto(editions_url + EDITIONS[edition] + path)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[path] = width
    context.close()
    assert wide == {}


# Each table caption a reader sees, as [its text, left, right], in window pixels.
_CAPTIONS = """() => [...document.querySelectorAll('.md-content caption')].map(c => [c.textContent, c.getBoundingClientRect()])
    .filter(([, r]) => r.width > 1).map(([text, r]) => [text.slice(0, 40), r.left, r.right])"""


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_wide_table_s_caption_wraps_inside_a_phone_s_window(browser, editions_url: str, kb: KnowledgeBase, edition: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    cut = {}
    for path in _page_types(kb):
        page.goto(editions_url + EDITIONS[edition] + path)
        outside = [c for c in page.evaluate(_CAPTIONS) if c[1] < 0 or c[2] > PHONE["width"]]
        if outside:
            cut[path] = outside
    context.close()
    assert cut == {}, f"captions running off the window (text, left, right): {cut}"
