"""`make rename KIND=... FROM=... TO=...`: the file moved, the old id kept, every reference rewritten in
place (comments, quotes and layout kept), each change printed; refused whole, changing nothing, when it
cannot be done. Run on copies of the real data, on the entity of each kind that the most fields name."""

from __future__ import annotations

import filecmp
import re
from pathlib import Path

import pytest

from macros.commands.rename import main as rename
from macros.kb.kinds import KINDS
from macros.kb.load import build_knowledge_base
from macros.kb.problems import errors_in
from macros.kb.renaming import documents_of, references_to
from tests.datafixture import copy_data, knowledge_base
from tests.sitebuild import DATA_DIR


def most_named(data: Path, folder: str) -> tuple[str, int]:
    """The id of `folder` that the most fields of the data name, and how many."""
    documents = documents_of(data)
    counts = {
        id: sum(len(references_to(doc, folder, id)) for doc in documents)
        for id in sorted(p.stem for p in (data / folder).glob("*.yml"))
    }
    best = max(counts, key=lambda id: counts[id])
    return best, counts[best]


def tree(data: Path) -> dict[str, str]:
    return {p.relative_to(data).as_posix(): p.read_text(encoding="utf-8") for p in sorted(data.rglob("*.yml"))}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_data(tmp_path)


@pytest.mark.parametrize("folder", [folder for folder, kind in KINDS.items() if kind.renamable])
def test_a_rename_of_each_kind_leaves_the_data_clean(
    data: Path, folder: str, capsys: pytest.CaptureFixture[str]
) -> None:
    old, count = most_named(data, folder)
    before = tree(data)
    assert rename([KINDS[folder].schema, old, "renamed-by-make"], data) == 0
    out = capsys.readouterr().out.splitlines()
    assert errors_in(build_knowledge_base(data).problems) == []
    kb = knowledge_base(data)
    assert old in kb.entities(folder)["renamed-by-make"].former_ids
    # No field names the old id any more, and each rewritten one is printed with its place.
    assert [d.path for d in documents_of(data) if references_to(d, folder, old)] == []
    assert len([line for line in out if line.endswith(f"'{old}' -> 'renamed-by-make'")]) == count
    assert out[0] == f"moved data/{folder}/{old}.yml -> data/{folder}/renamed-by-make.yml"
    # Only the id changed in each file: every other line as it was, comments included.
    after = tree(data)
    for path, text in after.items():
        original = before.get(path, before[f"{folder}/{old}.yml"])
        changed = [(a, b) for a, b in zip(original.splitlines(), text.splitlines(), strict=False) if a != b]
        assert all(a.replace(old, "renamed-by-make") == b for a, b in changed), path


def test_quoted_ids_flow_lists_and_comments_are_kept(data: Path) -> None:
    kb = knowledge_base(data)
    capability = next(iter(kb.capabilities.values()))
    other = next(c for c in kb.capabilities.values() if c.id != capability.id)
    path = data / "capabilities" / f"{other.id}.yml"
    # The capability's id also in a text: only the field that names it changes.
    text = re.sub(
        r"^related:.*\n(?:  - .*\n)*",
        f'related: ["{capability.id}"]  # a comment kept\n',
        path.read_text(encoding="utf-8"),
        flags=re.MULTILINE,
    )
    text += f"# '{capability.id}' in a comment stays\n"
    path.write_text(text, encoding="utf-8")
    assert rename(["capabilities", capability.id, "renamed-by-make"], data) == 0
    after = path.read_text(encoding="utf-8")
    assert 'related: ["renamed-by-make"]  # a comment kept' in after
    assert f"# '{capability.id}' in a comment stays" in after


def test_former_ids_keep_the_oldest_first_in_either_list_form(data: Path) -> None:
    capability = next(iter(knowledge_base(data).capabilities))
    assert rename(["capability", capability, "second-name"], data) == 0
    assert rename(["capability", "second-name", "third-name"], data) == 0
    assert knowledge_base(data).capabilities["third-name"].former_ids == (capability, "second-name")
    path = data / "capabilities" / "third-name.yml"
    text = path.read_text(encoding="utf-8").replace(
        f"former_ids: [{capability}, second-name]", f"former_ids:\n  - {capability}\n  - second-name"
    )
    path.write_text(text, encoding="utf-8")
    assert rename(["capability", "third-name", "fourth-name"], data) == 0
    assert knowledge_base(data).capabilities["fourth-name"].former_ids == (capability, "second-name", "third-name")


def test_a_file_moved_by_hand_gets_the_rest_done(data: Path) -> None:
    old, _ = most_named(data, "capabilities")
    (data / "capabilities" / f"{old}.yml").rename(data / "capabilities" / "moved-by-hand.yml")
    assert errors_in(build_knowledge_base(data).problems), "references to the old id are errors"
    assert rename(["capability", old, "moved-by-hand"], data) == 0
    assert errors_in(build_knowledge_base(data).problems) == []


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["capabilities", "no-such-thing", "new-id"], "data/capabilities/no-such-thing.yml does not exist"),
        (["widgets", "a", "b"], "unknown kind 'widgets'"),
        (["capabilities", "{first}", "Not_An_Id"], "'Not_An_Id' is not a valid id"),
        (["capabilities", "{first}", "{second}"], "already exists (choose another id)"),
        (["capabilities", "{first}"], "usage: make rename KIND="),
    ],
)
def test_a_rename_that_cannot_be_done_changes_nothing_and_says_why(
    data: Path, args: list[str], reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = sorted(knowledge_base(data).capabilities)[:2]
    args = [a.format(first=first, second=second) for a in args]
    assert rename(args, data) == 2
    assert reason in capsys.readouterr().err
    assert not filecmp.dircmp(DATA_DIR, data).diff_files and tree(data) == tree(DATA_DIR)


def test_a_new_id_that_is_a_former_id_is_refused(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = sorted(knowledge_base(data).capabilities)[:2]
    assert rename(["capability", first, "gone-before"], data) == 0
    assert rename(["capability", second, first], data) == 2
    assert f"'{first}' is a former id of data/capabilities/gone-before.yml" in capsys.readouterr().err


def test_check_names_make_rename_for_an_unknown_id_with_no_close_match(data: Path) -> None:
    old, _ = most_named(data, "capabilities")
    # The file moved by hand to an id like no other, its references left: no close match to offer.
    (data / "capabilities" / f"{old}.yml").rename(data / "capabilities" / "qqqq.yml")
    far = "zz-" + "q" * 20
    for path in data.glob("*/*.yml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f"capability: {old}\n", f"capability: {far}\n"), encoding="utf-8")
    messages = [p.message for p in errors_in(build_knowledge_base(data).problems) if f"'{far}'" in p.message]
    assert messages
    hint = f"if you renamed the file, make rename KIND=capability FROM={far} TO=<its new id> keeps the old id"
    assert all(hint in m and "did you mean" not in m for m in messages), messages
