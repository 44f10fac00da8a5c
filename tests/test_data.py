"""The real data is complete and faithful to the source; one test per entity where it helps."""

from __future__ import annotations

import pytest

from macros.kb.load import LoadResult
from macros.kb.model import KnowledgeBase
from tests import sourcefacts as source
from tests.conftest import DATA_DIR
from tests.sitebuild import ROOT
from tests.sourcefacts import current

CAPABILITIES = sorted(p.stem for p in (DATA_DIR / "capabilities").glob("*.yml"))
CHARACTERISTICS = sorted(p.stem for p in (DATA_DIR / "characteristics").glob("*.yml"))
CASE_STUDIES = sorted(p.stem for p in (DATA_DIR / "case-studies").glob("*.yml"))


def test_real_data_has_no_problem(load_result: LoadResult) -> None:
    assert [str(p) for p in load_result.problems] == []


def test_the_eleven_capabilities_of_the_whitepaper_are_there(kb: KnowledgeBase) -> None:
    for first_id, name in source.CAPABILITIES.items():
        assert kb.capabilities[current(kb.capabilities, first_id)].name.en == name


@pytest.mark.parametrize("first_id", source.CHARACTERISTICS)
def test_each_characteristic_of_the_post_recommends_as_the_post_says(kb: KnowledgeBase, first_id: str) -> None:
    characteristic = kb.characteristics[current(kb.characteristics, first_id)]
    # The level as the section says it (a stronger statement elsewhere may name no condition).
    levels = {r.capability: r.stated_level for r in characteristic.recommendations if r.origin == "section"}
    for capability, level in source.RECOMMENDATIONS[first_id].items():
        assert levels.get(current(kb.capabilities, capability)) == level, capability


@pytest.mark.parametrize("characteristic_id", CHARACTERISTICS)
def test_characteristic_links_only_to_valid_capabilities(kb: KnowledgeBase, characteristic_id: str) -> None:
    characteristic = kb.characteristics[characteristic_id]
    assert characteristic.recommendations
    for rec in characteristic.recommendations:
        assert rec.capability in kb.capabilities
        assert (rec.level == "situational") == (rec.condition is not None)
    assert characteristic_id in kb.case_studies[characteristic.example].characteristics


@pytest.mark.parametrize("capability_id", CAPABILITIES)
def test_capability_is_recommended(kb: KnowledgeBase, capability_id: str) -> None:
    capability = kb.capabilities[capability_id]
    assert kb.recommendations_for(capability_id), "no characteristic recommends it"
    assert all(related in kb.capabilities for related in capability.related)


# What the site promises of the whitepaper's capabilities; one a contributor adds may start smaller.
@pytest.mark.parametrize("first_id", source.CAPABILITIES)
def test_each_capability_of_the_whitepaper_is_findable_and_described(kb: KnowledgeBase, first_id: str) -> None:
    capability = kb.capabilities[current(kb.capabilities, first_id)]
    assert capability.aliases.en and capability.aliases.ja, "readers search by other names"
    assert len(capability.functions) >= 3


@pytest.mark.parametrize("case_id", CASE_STUDIES)
def test_case_study_has_a_derived_checklist(kb: KnowledgeBase, case_id: str) -> None:
    case = kb.case_studies[case_id]
    checklist = kb.checklist(case)
    expected = {rec.capability for c in case.characteristics for rec in kb.characteristics[c].recommendations}
    assert {item.capability.id for item in checklist} == expected


def test_the_introductions_combined_example(kb: KnowledgeBase) -> None:
    # The source's fact is what the two characteristics call for together; the case study that
    # illustrates it is ours to keep or remove (CONTRIBUTING.md, "Removing an entity").
    called_for = {
        rec.capability
        for c in source.COMBINED_EXAMPLE_CHARACTERISTICS
        for rec in kb.characteristics[current(kb.characteristics, c)].recommendations
    }
    assert {current(kb.capabilities, c) for c in source.COMBINED_EXAMPLE_CAPABILITIES} <= called_for


def test_practices_outside_the_eleven_are_kept_as_notes(kb: KnowledgeBase) -> None:
    assert any(
        "CI/CD" in n.title.en
        for n in kb.characteristics[current(kb.characteristics, "frequent-implementation-changes")].notes
    )
    assert any(
        "annotation" in n.title.en.lower()
        for n in kb.characteristics[current(kb.characteristics, "reusable-and-collaborative")].notes
    )


def test_japanese_says_tokuchoryo_for_ml_features(kb: KnowledgeBase) -> None:
    # The source renders ML "feature" as 機能 (capability); the site uses 特徴量, and its glossary says so.
    rejected = {form for term in kb.terms.values() for form in term.rejected.ja}
    assert {"機能リポジトリ", "機能ストア", "機能エンジニアリング"} <= rejected
    for path in DATA_DIR.rglob("*.yml"):
        if path.parent.name == "terms":  # the glossary names the forms it rejects
            continue
        text = path.read_text(encoding="utf-8")
        for wrong in ("機能リポジトリ", "機能ストア", "機能エンジニアリング", "データセットおよび機能"):
            assert wrong not in text, f"{path}: {wrong}"


def test_every_data_file_points_editors_at_its_schema() -> None:
    for path in DATA_DIR.rglob("*.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=../../macros/schemas/"), path
        # Resolved where the file lives in the repository (data/<kind>/), whichever folder is checked.
        assert (ROOT / "data" / path.parent.name / first.split("=", 1)[1]).resolve().exists(), path
