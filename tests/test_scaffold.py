"""`make new` starts a valid file whose only errors are its placeholders; the placeholder rule's message."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.commands.new import ScaffoldError, build_new_entity
from macros.kb.kinds import KINDS
from macros.kb.load import build_knowledge_base
from macros.kb.problems import errors_in
from macros.paths import SCHEMA_DIR
from tests import contributions
from tests.contributions import fill_placeholders
from tests.datafixture import add_former_id, add_to_list, copy_data
from tests.sitebuild import DATA_DIR
from tests.unusedids import unused_id


def real_ids(data: Path) -> dict[str, str]:
    """A real id of the data to put in place of each id placeholder."""
    return contributions.real_ids(contributions.load(data))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_data(tmp_path)


@pytest.fixture
def new_id(data: Path) -> str:
    """An id for the new file that no file or former id of the data uses (the docs' own examples may)."""
    return unused_id(data, "scaffold-test-entity")


@pytest.mark.parametrize("kind", [kind.schema for kind in KINDS.values()])
def test_new_file_fails_only_on_its_placeholders(data: Path, new_id: str, kind: str) -> None:
    path = build_new_entity(kind, new_id, data)
    problems = errors_in(build_knowledge_base(data).problems)
    assert problems, "a new file has placeholders to fill"
    assert all(
        p.path.endswith(f"/{new_id}.yml") and "placeholder text left: replace '" in p.message for p in problems
    ), problems
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=../../macros/schemas/{kind}.schema.json"
    assert (SCHEMA_DIR / f"{kind}.schema.json").exists()


@pytest.mark.parametrize("kind", [kind.schema for kind in KINDS.values()])
def test_new_file_validates_once_placeholders_are_filled(data: Path, new_id: str, kind: str) -> None:
    ids = real_ids(data)
    path = build_new_entity(kind, new_id, data)
    path.write_text(fill_placeholders(path.read_text(encoding="utf-8"), ids), encoding="utf-8")
    if kind == "characteristic":  # its example case study must list it
        case = data / "case-studies" / f"{ids['todo-case-study-id']}.yml"
        add_to_list(case, "characteristics", new_id)
    result = build_knowledge_base(data)
    assert errors_in(result.problems) == []
    assert "TODO:" not in path.read_text(encoding="utf-8") and "todo-" not in path.read_text(encoding="utf-8")


def test_placeholder_message(data: Path, new_id: str) -> None:
    build_new_entity("case-study", new_id, data)
    messages = [str(p) for p in build_knowledge_base(data).problems]
    assert (
        f"data/case-studies/{new_id}.yml:4:7: title.en: placeholder text left: replace 'TODO: the case study's title'"
        in messages
    )
    characteristics = ", ".join(sorted(p.stem for p in (data / "characteristics").glob("*.yml")))
    assert (
        f"data/case-studies/{new_id}.yml:10:5: characteristics[0]: placeholder text left: replace 'todo-characteristic-id' "
        f"(with one of the ids in data/characteristics/: {characteristics})"
    ) in messages
    # The unknown id `todo-characteristic-id` is reported once, as a placeholder.
    assert not any("unknown characteristic" in m for m in messages)


def test_other_mistakes_still_show_beside_placeholders(data: Path, new_id: str) -> None:
    real = real_ids(data)["todo-characteristic-id"]
    typo = real[:-2] + real[-1]  # one letter dropped
    path = build_new_entity("case-study", new_id, data)
    path.write_text(path.read_text(encoding="utf-8").replace("todo-characteristic-id", typo), encoding="utf-8")
    messages = [str(p) for p in build_knowledge_base(data).problems]
    prefix = f"data/case-studies/{new_id}.yml:10:5: characteristics[0]: unknown characteristic '{typo}' (did you mean "
    assert any(m.startswith(prefix) and f"'{real}'" in m for m in messages), messages


def test_refuses_an_existing_id(data: Path) -> None:
    existing = real_ids(data)["todo-capability-id"]
    with pytest.raises(
        ScaffoldError, match=rf"^data/capabilities/{existing}\.yml already exists \(edit it, or choose another id\)$"
    ):
        build_new_entity("capability", existing, data)


@pytest.mark.parametrize("bad_id", ["Feature_Flags", "feature--flags", "-flags", "feature flags", "../x"])
def test_refuses_a_malformed_id(data: Path, bad_id: str) -> None:
    with pytest.raises(
        ScaffoldError, match="is not a valid id: use lowercase letters and digits in words joined by single hyphens"
    ):
        build_new_entity("capability", bad_id, data)
    assert sorted(p.name for p in (data / "capabilities").iterdir()) == sorted(
        p.name for p in (DATA_DIR / "capabilities").iterdir()
    )


def test_accepts_folder_names_too(data: Path, new_id: str) -> None:
    assert build_new_entity("case-studies", new_id, data) == data / "case-studies" / f"{new_id}.yml"


def test_former_id_rules_and_the_renamed_hint(data: Path) -> None:
    renamed, claiming, taken = sorted(p.stem for p in (data / "capabilities").glob("*.yml"))[:3]
    new = unused_id(data, renamed + "-renamed")
    (data / "capabilities" / f"{renamed}.yml").rename(data / "capabilities" / f"{new}.yml")
    add_former_id(data / "capabilities" / f"{new}.yml", renamed)
    add_former_id(data / "capabilities" / f"{claiming}.yml", taken)
    messages = [str(p) for p in errors_in(build_knowledge_base(data).problems)]
    assert any(
        m.endswith(f": unknown capability '{renamed}' (it was renamed to '{new}'; use the new id)") for m in messages
    ), messages
    assert any(
        m.endswith(
            f"former_ids: '{taken}' is the id of an existing file in data/capabilities/ (a former id must be free; remove it)"
        )
        or f"'{taken}' is the id of an existing file in data/capabilities/ (a former id must be free; remove it)" in m
        for m in messages
    ), messages
