"""One ranking for a plan: a case study's checklist lists its capabilities in the order the
profiler ranks them for the same characteristics, in both editions; the profiler joins names
with the edition's list separator."""

from __future__ import annotations

import pytest

from macros.kb.model import KnowledgeBase

EDITIONS = {"en": "", "ja": "ja/"}

_PLAN = """() => [...document.querySelectorAll('.kb-profiler__needed > li')].map(li =>
    li.querySelector('a').getAttribute('href').split('/').filter(Boolean).pop())"""
_CHECKLIST = """() => [...document.querySelectorAll('.kb-checklist > ul > li')].map(li =>
    li.querySelector('a').getAttribute('href').split('/').filter(Boolean).pop())"""


@pytest.mark.parametrize("edition", EDITIONS)
def test_checklists_rank_capabilities_as_the_profiler_does(page, editions_url: str, kb: KnowledgeBase, edition: str) -> None:
    differ = {}
    for case in kb.case_studies.values():
        page.goto(f"{editions_url}{EDITIONS[edition]}case-studies/{case.id}/")
        checklist = page.evaluate(_CHECKLIST)
        page.goto(f"{editions_url}{EDITIONS[edition]}profiler/#{'+'.join(case.characteristics)}")
        page.locator(".kb-profiler__needed > li").first.wait_for()
        plan = page.evaluate(_PLAN)
        if plan != checklist:
            differ[case.id] = (checklist, plan)
    assert differ == {}


def test_profiler_joins_names_with_the_edition_s_separator(page, editions_url: str, kb: KnowledgeBase) -> None:
    ids = list(kb.characteristics)[:2]
    page.goto(f"{editions_url}ja/profiler/#{'+'.join(ids)}")
    page.locator(".kb-profiler__needed > li").first.wait_for()
    line = page.locator(".kb-profiler__for").inner_text()
    assert "、" in line and ", " not in line, line
