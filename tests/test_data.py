"""The real data is complete and faithful to the source; one test per entity where it helps."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.build import LoadResult
from macros.model import KnowledgeBase
from tests.conftest import DATA_DIR

CAPABILITIES = sorted(p.stem for p in (DATA_DIR / "capabilities").glob("*.yml"))
CHARACTERISTICS = sorted(p.stem for p in (DATA_DIR / "characteristics").glob("*.yml"))
CASE_STUDIES = sorted(p.stem for p in (DATA_DIR / "case-studies").glob("*.yml"))


def test_real_data_has_no_problem(load_result: LoadResult) -> None:
    assert [str(p) for p in load_result.problems] == []


def test_the_eleven_capabilities_of_the_whitepaper(kb: KnowledgeBase) -> None:
    assert {c.name.en for c in kb.capabilities.values()} == {
        "Experimentation", "Data processing", "Model training", "Model evaluation", "Model serving",
        "Online experimentation", "Model monitoring", "ML pipelines", "Model registry",
        "Dataset and feature repository", "ML metadata and artifact tracking",
    }


def test_the_eight_characteristics_of_the_post(kb: KnowledgeBase) -> None:
    assert set(kb.characteristics) == {
        "experimental", "mission-critical", "reusable-and-collaborative", "ad-hoc-retraining",
        "frequent-retraining", "frequent-implementation-changes", "batch-serving", "online-serving",
    }


@pytest.mark.parametrize("characteristic_id", CHARACTERISTICS)
def test_characteristic_links_only_to_valid_capabilities(kb: KnowledgeBase, characteristic_id: str) -> None:
    characteristic = kb.characteristics[characteristic_id]
    assert characteristic.recommendations
    for rec in characteristic.recommendations:
        assert rec.capability in kb.capabilities
        assert (rec.level == "situational") == (rec.condition is not None)
    assert characteristic_id in kb.case_studies[characteristic.example].characteristics


@pytest.mark.parametrize("capability_id", CAPABILITIES)
def test_capability_is_recommended_and_findable(kb: KnowledgeBase, capability_id: str) -> None:
    capability = kb.capabilities[capability_id]
    assert kb.recommendations_for(capability_id), "no characteristic recommends it"
    assert capability.aliases.en and capability.aliases.ja, "readers search by other names"
    assert len(capability.functions) >= 3
    assert all(related in kb.capabilities for related in capability.related)


@pytest.mark.parametrize("case_id", CASE_STUDIES)
def test_case_study_has_a_derived_checklist(kb: KnowledgeBase, case_id: str) -> None:
    case = kb.case_studies[case_id]
    checklist = kb.checklist(case)
    expected = {rec.capability for c in case.characteristics for rec in kb.characteristics[c].recommendations}
    assert {item.capability.id for item in checklist} == expected


def test_the_introductions_combined_example(kb: KnowledgeBase) -> None:
    case = kb.case_studies["retrained-batch-recommender"]
    assert set(case.characteristics) == {"frequent-retraining", "batch-serving"}
    assert {item.capability.name.en for item in kb.checklist(case)} == {
        "Data processing", "Model training", "Model evaluation", "ML pipelines", "Model registry",
        "ML metadata and artifact tracking", "Model serving",
    }


def test_situational_recommendations_of_experiments_at_scale(kb: KnowledgeBase) -> None:
    situational = {r.capability for r in kb.characteristics["experimental"].recommendations if r.level == "situational"}
    assert situational == {"model-training", "model-evaluation"}


def test_practices_outside_the_eleven_are_kept_as_notes(kb: KnowledgeBase) -> None:
    assert any("CI/CD" in n.title.en for n in kb.characteristics["frequent-implementation-changes"].notes)
    assert any("annotation" in n.title.en.lower() for n in kb.characteristics["reusable-and-collaborative"].notes)


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
        assert (path.parent / first.split("=", 1)[1]).resolve().exists(), path
