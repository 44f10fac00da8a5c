"""`make new` starts a valid file whose only errors are its placeholders; the placeholder rule's message."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from macros.build import build_knowledge_base
from macros.new import ScaffoldError, build_new_entity
from macros.problems import errors_in
from macros.schema import KINDS, SCHEMA_DIR
from tests.sitebuild import ROOT

# Real ids to put in place of each id placeholder.
REAL_IDS = {
    "todo-tag-id": "deploy",
    "todo-source-id": "practitioners-guide-to-mlops",
    "todo-characteristic-id": "frequent-retraining",
    "todo-capability-id": "model-registry",
    "todo-case-study-id": "daily-fraud-detection",
    "todo-capability-function-id": "model-versioning",
    "todo-function-id": "flag-rollout",
}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def fill_placeholders(text: str) -> str:
    """What a contributor does: real text, a date and addresses where the TODOs were, real ids for todo- ids."""
    text = re.sub(r'published: "TODO[^"]*"', 'published: "2024-01-31"', text)
    text = re.sub(r'checked: "TODO[^"]*"', 'checked: "2026-01-31"', text)
    text = re.sub(r'"TODO: the https://[^"]*"', '"https://example.com/paper"', text)
    text = re.sub(r'licence: "TODO[^"]*"', 'licence: "Apache-2.0"', text)
    text = re.sub(r'"TODO:[^"]*"', '"Written text"', text)
    text = re.sub(r"TODO:.*", "Written text", text)
    for placeholder, real in REAL_IDS.items():
        text = text.replace(placeholder, real)
    return text


@pytest.mark.parametrize("kind", list(KINDS.values()))
def test_new_file_fails_only_on_its_placeholders(data: Path, kind: str) -> None:
    path = build_new_entity(kind, "feature-flags", data)
    problems = errors_in(build_knowledge_base(data).problems)
    assert problems, "a new file has placeholders to fill"
    assert all(p.path.endswith("/feature-flags.yml") and "placeholder text left: replace '" in p.message for p in problems), problems
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=../../macros/schemas/{kind}.schema.json"
    assert (SCHEMA_DIR / f"{kind}.schema.json").exists()


@pytest.mark.parametrize("kind", list(KINDS.values()))
def test_new_file_validates_once_placeholders_are_filled(data: Path, kind: str) -> None:
    path = build_new_entity(kind, "feature-flags", data)
    path.write_text(fill_placeholders(path.read_text(encoding="utf-8")), encoding="utf-8")
    if kind == "characteristic":  # its example case study must list it
        case = data / "case-studies" / "daily-fraud-detection.yml"
        case.write_text(case.read_text(encoding="utf-8").replace("[frequent-retraining]", "[frequent-retraining, feature-flags]"), encoding="utf-8")
    result = build_knowledge_base(data)
    assert errors_in(result.problems) == []
    assert "TODO:" not in path.read_text(encoding="utf-8") and "todo-" not in path.read_text(encoding="utf-8")


def test_placeholder_message(data: Path) -> None:
    build_new_entity("case-study", "churn-prediction", data)
    messages = [str(p) for p in build_knowledge_base(data).problems]
    assert "data/case-studies/churn-prediction.yml:4:7: title.en: placeholder text left: replace 'TODO: the case study's title'" in messages
    assert "data/case-studies/churn-prediction.yml:10:5: characteristics[0]: placeholder text left: replace 'todo-characteristic-id'" in messages
    # The unknown id `todo-characteristic-id` is reported once, as a placeholder.
    assert not any("unknown characteristic" in m for m in messages)


def test_other_mistakes_still_show_beside_placeholders(data: Path) -> None:
    path = build_new_entity("case-study", "churn-prediction", data)
    path.write_text(path.read_text(encoding="utf-8").replace("todo-characteristic-id", "frequent-retrainng"), encoding="utf-8")
    messages = [str(p) for p in build_knowledge_base(data).problems]
    assert ("data/case-studies/churn-prediction.yml:10:5: characteristics[0]: unknown characteristic 'frequent-retrainng' "
            "(did you mean 'frequent-retraining'?)") in messages


def test_refuses_an_existing_id(data: Path) -> None:
    with pytest.raises(ScaffoldError, match=r"^data/capabilities/model-registry\.yml already exists \(edit it, or choose another id\)$"):
        build_new_entity("capability", "model-registry", data)


@pytest.mark.parametrize("bad_id", ["Feature_Flags", "feature--flags", "-flags", "feature flags", "../x"])
def test_refuses_a_malformed_id(data: Path, bad_id: str) -> None:
    with pytest.raises(ScaffoldError, match="is not a valid id: use lowercase letters and digits in words joined by single hyphens"):
        build_new_entity("capability", bad_id, data)
    assert sorted(p.name for p in (data / "capabilities").iterdir()) == sorted(p.name for p in (ROOT / "data" / "capabilities").iterdir())


def test_accepts_folder_names_too(data: Path) -> None:
    assert build_new_entity("case-studies", "churn-prediction", data) == data / "case-studies" / "churn-prediction.yml"


def test_former_id_rules_and_the_renamed_hint(data: Path) -> None:
    registry = data / "capabilities" / "model-registry.yml"
    registry.rename(data / "capabilities" / "model-catalog.yml")
    catalog = data / "capabilities" / "model-catalog.yml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("related:\n", "former_ids: [model-registry]\nrelated:\n"), encoding="utf-8")
    evaluation = data / "capabilities" / "model-evaluation.yml"
    evaluation.write_text(evaluation.read_text(encoding="utf-8").replace("related:\n", "former_ids: [model-serving]\nrelated:\n"), encoding="utf-8")
    messages = [str(p) for p in errors_in(build_knowledge_base(data).problems)]
    assert any(m.endswith(": unknown capability 'model-registry' (it was renamed to 'model-catalog'; use the new id)")
               for m in messages), messages
    assert any(m.endswith("former_ids[0]: 'model-serving' is the id of an existing file in data/capabilities/ (a former id must be free; remove it)")
               for m in messages), messages
