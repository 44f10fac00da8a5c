"""Every page type fits a phone: nothing makes the page wider than a 390-pixel window, in either
edition (a wide table scrolls inside its own box instead)."""

from __future__ import annotations

import pytest

from macros.model import KnowledgeBase

EDITIONS = {"en": "", "ja": "ja/"}
PHONE = {"width": 390, "height": 844}


def _page_types(kb: KnowledgeBase) -> list[str]:
    fixed = ["", "matrix/", "profiler/#" + "+".join(list(kb.characteristics)[:2]), "tools/", "tags/", "about/", "changes/"]
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
