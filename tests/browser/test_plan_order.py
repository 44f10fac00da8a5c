"""One plan: a case study's checklist lists its capabilities in the order the profiler ranks them
for the same characteristics, with the same tools lines (a capability with more adopted tools
than a line names included), in both editions; the profiler joins names with the edition's list
separator."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from benchmarks.generate import write_synthetic_data
from macros.kb.load import build_knowledge_base
from macros.kb.model import KnowledgeBase
from macros.site.plan import TOOLS_SHOWN
from tests.browser.conftest import serve
from tests.sitebuild import build_editions

EDITIONS = {"en": "", "ja": "ja/"}

_PLAN = """() => [...document.querySelectorAll('.kb-profiler__needed > li')].map(li =>
    li.querySelector('a').getAttribute('href').split('/').filter(Boolean).pop())"""
_CHECKLIST = """() => [...document.querySelectorAll('.kb-checklist > ul > li')].map(li =>
    li.querySelector('a').getAttribute('href').split('/').filter(Boolean).pop())"""


@pytest.mark.parametrize("edition", EDITIONS)
def test_checklists_rank_capabilities_as_the_profiler_does(
    tab, editions_url: str, kb: KnowledgeBase, edition: str
) -> None:
    differ = {}
    for case in kb.case_studies.values():
        tab.goto(f"{editions_url}{EDITIONS[edition]}case-studies/{case.id}/")
        checklist = tab.evaluate(_CHECKLIST)
        tab.goto(f"{editions_url}{EDITIONS[edition]}profiler/#{'+'.join(case.characteristics)}")
        tab.locator(".kb-profiler__needed > li").first.wait_for()
        plan = tab.evaluate(_PLAN)
        if plan != checklist:
            differ[case.id] = (checklist, plan)
    assert differ == {}


def test_profiler_joins_names_with_the_edition_s_separator(tab, editions_url: str, kb: KnowledgeBase) -> None:
    ids = list(kb.characteristics)[:2]
    tab.goto(f"{editions_url}ja/profiler/#{'+'.join(ids)}")
    tab.locator(".kb-profiler__needed > li").first.wait_for()
    line = tab.locator(".kb-profiler__for").inner_text()
    assert "、" in line and ", " not in line, line


# Each capability of a case study's checklist, and of the profiler's plan for its characteristics:
# (its page, its reasons with their level and strength, its tools line, the tools line's link targets).
_ITEMS = """selector => [...document.querySelectorAll(selector)].map(li => {
    const text = node => node.innerText.replace(/\\s+/g, ' ').trim();
    const line = li.querySelector('.kb-tools-to-use, .kb-profiler__tools');
    const reasons = [...li.querySelectorAll(':scope > ul > li, .kb-profiler__reasons > li')]
        .filter(reason => !reason.querySelector('.kb-tools-to-use')).map(text);
    return [li.querySelector('a').href, reasons, line ? text(line) : '', line ? [...line.querySelectorAll('a')].map(a => a.href) : []];
})"""


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, KnowledgeBase]]:
    """Both editions of a synthetic site in which one capability has more adopted tools than a line names."""
    root = tmp_path_factory.mktemp("crowded")
    data = write_synthetic_data(root / "data", seed=3, tools=3 * TOOLS_SHOWN // 2 + 2)
    kb = build_knowledge_base(data).knowledge_base
    assert kb is not None
    result = build_editions(root / "site", data_dir=data)
    assert result.returncode == 0, result.stderr
    server, url = serve(root / "site")
    yield url, kb
    server.shutdown()


@pytest.mark.parametrize("edition", EDITIONS)
def test_checklists_and_the_profiler_give_the_same_reasons_and_tools(
    tab, crowded: tuple[str, KnowledgeBase], edition: str
) -> None:
    url, kb = crowded
    crowded_caps = {cap for cap in kb.capabilities if len(kb.tools_to_use(cap)[1]) > TOOLS_SHOWN}
    cases = [
        case for case in kb.case_studies.values() if crowded_caps & {item.capability.id for item in kb.checklist(case)}
    ]
    assert crowded_caps and cases, "the synthetic data should put a crowded capability in some checklist"
    differ = {}
    for case in kb.case_studies.values():
        tab.goto(f"{url}{EDITIONS[edition]}case-studies/{case.id}/")
        checklist = tab.evaluate(_ITEMS, ".kb-checklist > ul > li")
        assert checklist and all(reasons for _page, reasons, _line, _links in checklist), case.id
        tab.goto(f"{url}{EDITIONS[edition]}profiler/#{'+'.join(case.characteristics)}")
        tab.locator(".kb-profiler__needed > li").first.wait_for()
        plan = tab.evaluate(_ITEMS, ".kb-profiler__needed > li")
        if plan != checklist:
            differ[case.id] = (checklist, plan)
    assert differ == {}
