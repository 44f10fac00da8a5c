"""Each class of bad input gets one clean `path:line:col: message`, never a traceback or a crash.

Every test starts from a valid synthetic data set, breaks one file in one way, and asserts the
exact report. The accepted cases (BOM, CRLF, YAML 1.1 look-alikes) assert the value read.
"""

from __future__ import annotations

import shutil
import tracemalloc
from pathlib import Path

import pytest

from macros.kb.load import build_knowledge_base
from macros.kb.model import KnowledgeBase
from tests.synthetic import write_synthetic_data

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

def test_empty_file(data: Path) -> None:
    write(data, TAG, "")
    assert errors(data) == ["data/tags/tag-stage.yml:1:1: the file is empty (expected fields such as 'name: ...')"]


def test_only_a_comment(data: Path) -> None:
    write(data, TAG, "# nothing here yet\n")
    assert errors(data) == ["data/tags/tag-stage.yml:1:1: the file is empty (expected fields such as 'name: ...')"]


def test_a_list_instead_of_a_mapping(data: Path) -> None:
    write(data, TAG, "- name: Stage\n- group: stage\n")
    assert errors(data) == ["data/tags/tag-stage.yml:1:1: expected a mapping of fields, found a list"]


def test_non_utf8_bytes(data: Path) -> None:
    write(data, TAG, VALID_TAG.encode() + b"# caf\xe9\n")
    assert errors(data) == ["data/tags/tag-stage.yml:8:6: the file is not UTF-8 text (save it as UTF-8)"]


def test_utf8_bom_is_accepted(data: Path) -> None:
    write(data, TAG, b"\xef\xbb\xbf" + VALID_TAG.encode())
    assert loaded(data).tags["tag-stage"].name.en == "Stage"


def test_tabs(data: Path) -> None:
    write(data, TAG, VALID_TAG.replace("  en: Stage", "\ten: Stage"))
    assert errors(data) == [
        "data/tags/tag-stage.yml:2:1: YAML syntax: found character that cannot start any token (indent with spaces, not tabs)"]


def test_crlf_line_ends_are_accepted(data: Path) -> None:
    write(data, TAG, VALID_TAG.replace("\n", "\r\n"))
    assert loaded(data).tags["tag-stage"].description.ja == "段階です"


def test_control_character(data: Path) -> None:
    write(data, TAG, VALID_TAG.replace("A stage", "A\x00stage"))
    assert errors(data) == [
        "data/tags/tag-stage.yml:6:8: the file holds the control character U+0000, which YAML does not allow (remove it)"]


def test_two_documents_in_one_file(data: Path) -> None:
    write(data, TAG, VALID_TAG + "---\nname: other\n")
    assert errors(data) == [
        "data/tags/tag-stage.yml:8:1: YAML syntax: but found another document (a data file holds one entity; remove the second '---')"]


def test_ten_megabyte_file_is_refused_unread(data: Path) -> None:
    write(data, TAG, VALID_TAG + "# " + "x" * 10_000_000 + "\n")
    assert errors(data) == ["data/tags/tag-stage.yml:1:1: the file is 10.0 MB; a data file may be at most 1 MB"]


# --- YAML features that do not belong in data -------------------------------------------------

def test_anchors_and_aliases(data: Path) -> None:
    write(data, TAG, "name: &text\n  en: Stage\n  ja: 段階\ngroup: stage\ndescription: *text\n")
    assert errors(data) == [
        "data/tags/tag-stage.yml:5:1: description: anchors and aliases (& and *) are not supported (write the value out)"]


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
        "data/tags/tag-stage.yml:2:1: b[0]: anchors and aliases (& and *) are not supported (write the value out)"]
    assert peak < 20_000_000, f"peak memory {peak / 1e6:.1f} MB"


def test_deep_nesting_is_refused_before_it_crashes_the_parser(data: Path) -> None:
    # 100,000 open brackets overflow libyaml's composer (a segmentation fault) if they reach it.
    write(data, TAG, "name: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert errors(data) == [
        "data/tags/tag-stage.yml:1:26: nested more than 20 levels deep (data files nest a few levels; check the brackets and indentation)"]


def test_deep_nesting_in_a_small_file(data: Path) -> None:
    write(data, TAG, "name: " + "[" * 30 + "]" * 30 + "\n")
    assert errors(data) == [
        "data/tags/tag-stage.yml:1:26: nested more than 20 levels deep (data files nest a few levels; check the brackets and indentation)"]


def test_tens_of_thousands_of_values_are_refused_before_they_are_composed(data: Path) -> None:
    write(data, TAG, "".join(f"key{i}: value\n" for i in range(20_000)))
    assert errors(data) == [
        "data/tags/tag-stage.yml:5000:10: holds more than 10,000 values (a data file describes one entity; split it)"]


def test_yaml_tags_are_never_constructed(data: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    write(data, TAG, VALID_TAG.replace("group: stage", f"group: !!python/object/apply:os.system ['touch {marker}']"))
    assert errors(data) == [
        "data/tags/tag-stage.yml:4:8: group: the YAML tag '!!python/object/apply:os.system' is not supported: data is plain text (remove the tag)"]
    assert not marker.exists()


# --- YAML 1.1 surprises: every scalar is read as the text written -----------------------------

def test_yes_no_on_off_are_text(data: Path) -> None:
    write(data, TAG, VALID_TAG.replace("Stage", "no").replace("段階\n", "on\n", 1))
    tag = loaded(data).tags["tag-stage"]
    assert (tag.name.en, tag.name.ja) == ("no", "on")


def test_a_boolean_where_a_choice_is_expected(data: Path) -> None:
    write(data, TAG, VALID_TAG.replace("group: stage", "group: yes"))
    assert errors(data) == ["data/tags/tag-stage.yml:4:8: group: 'yes' is not allowed (expected one of 'process', 'stage')"]


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
        "data/characteristics/char-0.yml:15:10: example: unknown case study 'null' (expected one of 'case-0', 'case-1', 'case-2', 'case-3')"]


def test_an_empty_value(data: Path) -> None:
    write(data, TAG, VALID_TAG.replace("name:\n  en: Stage\n  ja: 段階\n", "name:\n"))
    assert errors(data) == ["data/tags/tag-stage.yml:1:6: name: expected a mapping of fields, found nothing"]


# --- text that is unusual but valid ------------------------------------------------------------

def test_long_strings_within_the_limit_are_kept_whole(data: Path) -> None:
    long = ("word " * 1000).strip()  # 4,999 characters: a description may hold 5,000
    write(data, TAG, VALID_TAG.replace("A stage", long))
    assert loaded(data).tags["tag-stage"].description.en == long


def test_a_text_over_its_limit_is_refused_unprinted(data: Path) -> None:
    write(data, TAG, VALID_TAG.replace("A stage", "word " * 100_000))
    assert errors(data) == ["data/tags/tag-stage.yml:6:7: description.en: is 499,999 characters long; at most 5,000 (shorten it)"]


def test_emoji_and_right_to_left_text_are_kept(data: Path) -> None:
    text = "🚀 نموذج التعلم الآلي 👩🏽‍💻 מודל"
    write(data, TAG, VALID_TAG.replace("A stage", text))
    assert loaded(data).tags["tag-stage"].description.en == text


# --- where the file is --------------------------------------------------------------------------

def test_a_file_in_the_wrong_folder(data: Path) -> None:
    shutil.copy(data / TAG, data / "capabilities/another-stage.yml")
    assert errors(data) == ["data/capabilities/another-stage.yml:1:1: this is a tag file, in the wrong folder (move it to data/tags/)"]


def test_a_file_outside_the_kind_folders(data: Path) -> None:
    write(data, "stages/tag-stage.yml", VALID_TAG)
    assert errors(data) == [
        "data/stages/tag-stage.yml:1:1: not in a data folder (data files go in data/capabilities/, data/characteristics/, "
        "data/case-studies/, data/tags/, data/sources/, data/tools/, data/terms/)"]


def test_a_symlink_outside_data_is_refused(data: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yml"
    outside.write_text(VALID_TAG, encoding="utf-8")
    (data / "tags/linked.yml").symlink_to(outside)
    assert errors(data) == ["data/tags/linked.yml:1:1: a data file may not link outside data/ (copy the file in instead)"]


def test_a_folder_symlink_outside_data_is_refused(data: Path, tmp_path: Path) -> None:
    outside = tmp_path / "more-tags"
    outside.mkdir()
    (outside / "extra.yml").write_text(VALID_TAG, encoding="utf-8")
    (data / "tags/more").symlink_to(outside)
    assert errors(data) == ["data/tags/more:1:1: a folder in data/ may not link outside data/ (copy its files in instead)"]


def test_a_dangling_symlink_is_reported(data: Path, tmp_path: Path) -> None:
    (data / "tags/gone.yml").symlink_to(tmp_path / "nowhere.yml")
    assert errors(data) == ["data/tags/gone.yml:1:1: a link to nothing (its target does not exist; remove it)"]
