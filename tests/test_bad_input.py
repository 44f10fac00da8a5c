"""Bad input that needs more than its message checked: never a traceback, a crash, code run or
memory blown; and unusual input that is accepted, read as written.

Every test starts from a valid synthetic data set and changes one file. The exact message of
each contributor mistake is a row of the table in tests/test_validation.py; the accepted cases
(BOM, CRLF, YAML 1.1 look-alikes) assert the value read.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from benchmarks.generate import write_synthetic_data
from macros.kb.load import build_knowledge_base
from macros.kb.model import KnowledgeBase

TAG = "tags/tag-stage.yml"
VALID_TAG = "name:\n  en: Stage\n  ja: 段階\ngroup: stage\ndescription:\n  en: A stage\n  ja: 段階です\n"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_synthetic_data(tmp_path / "data", seed=0)


def errors(data: Path) -> list[str]:
    return [str(p) for p in build_knowledge_base(data).problems if p.severity == "error"]


def loaded(data: Path) -> KnowledgeBase:
    result = build_knowledge_base(data)
    assert result.ok and result.knowledge_base is not None, [str(p) for p in result.problems]
    return result.knowledge_base


def write(data: Path, relative: str, text: str | bytes) -> None:
    path = data / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


# --- the file as a whole ----------------------------------------------------------------------


def test_utf8_bom_is_accepted(data: Path) -> None:
    write(data, TAG, b"\xef\xbb\xbf" + VALID_TAG.encode())
    assert loaded(data).tags["tag-stage"].name.en == "Stage"


def test_crlf_line_ends_are_accepted(data: Path) -> None:
    write(data, TAG, VALID_TAG.replace("\n", "\r\n"))
    assert loaded(data).tags["tag-stage"].description.ja == "段階です"


# --- YAML features that do not belong in data -------------------------------------------------


def test_billion_laughs_is_refused_fast_in_little_memory(data: Path) -> None:
    # Nine levels of nine aliases each: 9**9 (387 million) strings if it were expanded.
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"{b}: &{b} [{', '.join(['*' + a] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi", strict=True)]
    write(data, TAG, "\n".join(lines) + "\n")
    tracemalloc.start()
    problems = errors(data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert problems == [
        "data/tags/tag-stage.yml:2:1: b[0]: anchors and aliases (& and *) are not supported (write the value out)"
    ]
    assert peak < 20_000_000, f"peak memory {peak / 1e6:.1f} MB"


def test_deep_nesting_is_refused_before_it_crashes_the_parser(data: Path) -> None:
    # 100,000 open brackets overflow libyaml's composer (a segmentation fault) if they reach it.
    write(data, TAG, "name: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert errors(data) == [
        "data/tags/tag-stage.yml:1:26: nested more than 20 levels deep (data files nest a few levels; check the brackets and indentation)"
    ]


def test_yaml_tags_are_never_constructed(data: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    write(data, TAG, VALID_TAG.replace("group: stage", f"group: !!python/object/apply:os.system ['touch {marker}']"))
    assert errors(data) == [
        "data/tags/tag-stage.yml:4:8: group: the YAML tag '!!python/object/apply:os.system' is not supported: data is plain text (remove the tag)"
    ]
    assert not marker.exists()


# --- YAML 1.1 surprises: every scalar is read as the text written -----------------------------


def test_yes_no_on_off_are_text(data: Path) -> None:
    write(data, TAG, VALID_TAG.replace("Stage", "no").replace("段階\n", "on\n", 1))
    tag = loaded(data).tags["tag-stage"]
    assert (tag.name.en, tag.name.ja) == ("no", "on")


def test_numbers_and_dates_are_text(data: Path) -> None:
    path = data / "sources/source-a.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("en: '2021-06-25'", "en: 2021-06-25")
    text = "\n".join("publisher: 1e3" if line.startswith("publisher:") else line for line in text.splitlines())
    path.write_text(text + "\n", encoding="utf-8")
    source = loaded(data).sources["source-a"]
    assert (source.publisher, source.published.en.iso) == ("1e3", "2021-06-25")


def test_null_as_an_id(data: Path) -> None:
    path = data / "characteristics/char-0.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("example: case-0", "example: null"), encoding="utf-8")
    assert errors(data) == [
        "data/characteristics/char-0.yml:15:10: example: unknown case study 'null' (expected one of 'case-0', 'case-1', 'case-2', 'case-3')"
    ]


# --- text that is unusual but valid ------------------------------------------------------------


def test_long_strings_within_the_limit_are_kept_whole(data: Path) -> None:
    long = ("word " * 1000).strip()  # 4,999 characters: a description may hold 5,000
    write(data, TAG, VALID_TAG.replace("A stage", long))
    assert loaded(data).tags["tag-stage"].description.en == long


def test_emoji_and_right_to_left_text_are_kept(data: Path) -> None:
    text = "🚀 نموذج التعلم الآلي 👩🏽‍💻 מודל"
    write(data, TAG, VALID_TAG.replace("A stage", text))
    assert loaded(data).tags["tag-stage"].description.en == text


# --- where the file is --------------------------------------------------------------------------


def test_a_symlink_outside_data_is_refused(data: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yml"
    outside.write_text(VALID_TAG, encoding="utf-8")
    (data / "tags/linked.yml").symlink_to(outside)
    assert errors(data) == [
        "data/tags/linked.yml:1:1: a data file may not link outside data/ (copy the file in instead)"
    ]


def test_a_folder_symlink_outside_data_is_refused(data: Path, tmp_path: Path) -> None:
    outside = tmp_path / "more-tags"
    outside.mkdir()
    (outside / "extra.yml").write_text(VALID_TAG, encoding="utf-8")
    (data / "tags/more").symlink_to(outside)
    assert errors(data) == [
        "data/tags/more:1:1: a folder in data/ may not link outside data/ (copy its files in instead)"
    ]


def test_an_id_of_a_kind_with_no_file_says_there_are_none(data: Path) -> None:
    for path in (data / "tags").glob("*.yml"):
        path.unlink()
    assert any(message.endswith("unknown tag 'tag-stage' (there are none yet)") for message in errors(data))


@pytest.mark.parametrize("what", ["missing", "a file"])
def test_a_data_folder_that_cannot_be_read_is_one_problem(tmp_path: Path, what: str) -> None:
    # KB_DATA_DIR (tests, benchmarks) may name anything: said at its place, never a traceback.
    folder = tmp_path / "data"
    if what == "a file":
        folder.write_text(VALID_TAG, encoding="utf-8")
    reason = "No such file or directory" if what == "missing" else "Not a directory"
    assert errors(folder) == [f"{folder}:1:1: the data folder cannot be read ({reason}; name a folder of data files)"]


def test_a_dangling_symlink_is_reported(data: Path, tmp_path: Path) -> None:
    (data / "tags/gone.yml").symlink_to(tmp_path / "nowhere.yml")
    assert errors(data) == ["data/tags/gone.yml:1:1: a link to nothing (its target does not exist; remove it)"]
