"""`make serve` renders again only the generated pages whose reads of the data changed
(macros/site/kept_pages.py): after each kind of edit, every page equals a render from scratch."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from macros.kb.load import KnowledgeBaseLoader
from macros.kb.model import BASE_LANGUAGE, KnowledgeBase
from macros.site.kept_pages import KeptPages
from macros.site.page_markup import HeadingStyle
from macros.site.render import GeneratedPage, render_entity_pages
from tests.contributions import add_entity, add_recommendation, real_ids, remove_case_study, rename
from tests.datafixture import edit, set_ring
from tests.sitebuild import DATA_DIR

STYLE = HeadingStyle()


def loaded(data: Path, loader: KnowledgeBaseLoader | None = None) -> KnowledgeBase:
    """The data's knowledge base; with loader, as `make serve` loads it again (unchanged entities reused)."""
    result = (loader or KnowledgeBaseLoader()).load(data)
    assert result.knowledge_base is not None, "\n".join(map(str, result.problems))
    return result.knowledge_base


def render(kb: KnowledgeBase, kept: KeptPages | None = None) -> dict[str, GeneratedPage]:
    if kept is not None:
        kept.start(kb, "one generation")
    return {page.src_uri: page for page in render_entity_pages(kb, BASE_LANGUAGE, html=STYLE, kept=kept)}


def _summary(data: Path, kb: KnowledgeBase) -> None:
    case = next(iter(kb.case_studies.values()))
    edit(data / "case-studies" / f"{case.id}.yml", case.summary.en, case.summary.en + " Edited while serving.")


def _capability_name(data: Path, kb: KnowledgeBase) -> None:
    capability = kb.capabilities[kb.recommendations_for(next(iter(kb.capabilities)))[0].capability]
    edit(data / "capabilities" / f"{capability.id}.yml", capability.name.en, capability.name.en + " renamed")


def _tool_ring(data: Path, kb: KnowledgeBase) -> None:
    tool = next(iter(kb.tools))
    set_ring(data / "tools" / f"{tool}.yml", "adopt")


def _recommendation(data: Path, kb: KnowledgeBase) -> None:
    characteristic = next(iter(kb.characteristics.values()))
    recommended = {rec.capability for rec in characteristic.recommendations}
    add_recommendation(data, characteristic.id, next(c for c in kb.capabilities if c not in recommended))


def _add_case_study(data: Path, kb: KnowledgeBase) -> None:
    add_entity(data, "case-study", "served-case", real_ids(kb))


def _rename_capability(data: Path, kb: KnowledgeBase) -> None:
    rename(data, "capabilities", next(iter(kb.capabilities)))


def _delete_case_study(data: Path, kb: KnowledgeBase) -> None:
    kept = next(iter(kb.case_studies))
    remove_case_study(data, kb, keep={kept}, fallback=kept)


EDITS: dict[str, Callable[[Path, KnowledgeBase], None]] = {
    "a case study's summary": _summary,
    "a capability's name": _capability_name,
    "a tool's ring": _tool_ring,
    "a recommendation added": _recommendation,
    "a case study added": _add_case_study,
    "a capability renamed": _rename_capability,
    "a case study deleted": _delete_case_study,
}


@pytest.mark.parametrize("change", EDITS.values(), ids=EDITS.keys())
def test_pages_rendered_after_an_edit_equal_pages_rendered_from_scratch(
    tmp_path: Path, change: Callable[[Path, KnowledgeBase], None]
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    kept, loader = KeptPages(), KnowledgeBaseLoader()
    before = render(loaded(data, loader), kept)
    change(data, loaded(data, loader))
    kb = loaded(data, loader)
    after = render(kb, kept)
    assert after == render(kb)
    assert after != before, "the edit changed no page"
    assert kept.rendered < len(after), "every page was rendered again"


def test_pages_are_rendered_again_when_their_generation_changes(tmp_path: Path) -> None:
    kb = loaded(shutil.copytree(DATA_DIR, tmp_path / "data"))
    kept = KeptPages()
    render(kb, kept)
    kept.start(kb, "one generation")
    render_entity_pages(kb, BASE_LANGUAGE, html=STYLE, kept=kept)
    assert kept.rendered == 0
    kept.start(kb, "templates changed")
    pages = render_entity_pages(kb, BASE_LANGUAGE, html=STYLE, kept=kept)
    assert kept.rendered == len(pages)
