"""One table of contributor mistakes, one row per rule, each asserting the exact report a contributor reads.

The rules run on a small fixture data set (tests/fixtures/data) so line numbers stay put.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from macros.kb.load import build_knowledge_base
from tests.datafixture import FIXTURE_DATA, copy_data, edit
from tests.sitebuild import ROOT, build_site

Breakage = Callable[[Path], object]  # what it returns is ignored


def _write(relative: str, content: str | bytes) -> Breakage:
    def breakage(data: Path) -> None:
        target = data / relative
        target.write_bytes(content) if isinstance(content, bytes) else target.write_text(content, encoding="utf-8")

    return breakage


def _edit(relative: str, old: str, new: str) -> Breakage:
    return lambda data: edit(data / relative, old, new)


CHAR = "characteristics/frequent-retraining.yml"
CASE = "case-studies/daily-fraud.yml"
CAP = "capabilities/model-registry.yml"
TAG = "tags/train.yml"

# (rule, how to break the data, the exact report: every line, sorted as `make check` prints them).
# Each contributor mistake has its row here, and only here.
RULES: list[tuple[str, Breakage, list[str]]] = [
    (
        "yaml-syntax",
        _write("tags/broken.yml", "name: [unclosed\n"),
        ["data/tags/broken.yml:2:1: YAML syntax: did not find expected ',' or ']'"],
    ),
    (
        "tab-indent",
        _write("tags/tabbed.yml", "name:\n\ten: x\n"),
        [
            "data/tags/tabbed.yml:2:1: YAML syntax: found character that cannot start any token (indent with spaces, not tabs)"
        ],
    ),
    (
        "duplicate-key",
        _edit("tags/train.yml", "group: stage", "group: stage\ngroup: process"),
        ["data/tags/train.yml:3:1: group: duplicate key (first set on line 2; keep one)"],
    ),
    (
        "over-indented-key",
        _write("tags/indented.yml", "name:\n  en: Train\n    ja: トレーニング\n"),
        [
            "data/tags/indented.yml:3:7: YAML syntax: mapping values are not allowed in this context "
            "(indentation: 'ja' is indented more than 'en' above it; line it up with the keys it belongs with)"
        ],
    ),
    (
        "dedented-key",
        _write("tags/dedented.yml", "name:\n  en: Train\n ja: トレーニング\n"),
        [
            "data/tags/dedented.yml:3:2: YAML syntax: did not find expected key "
            "(indentation: 'ja' is indented 1 space, which matches no key above it; line it up with the keys it belongs with)"
        ],
    ),
    (
        "colon-in-value",
        _write("tags/colon.yml", "name:\n  en: MLOps: Train\n"),
        [
            "data/tags/colon.yml:2:12: YAML syntax: mapping values are not allowed in this context (a value holding ': ' needs quotes)"
        ],
    ),
    (
        "empty-file",
        _write("tags/empty.yml", ""),
        ["data/tags/empty.yml:1:1: the file is empty (expected fields such as 'name: ...')"],
    ),
    (
        "not-utf8",
        _write("tags/latin1.yml", "name:\n  en: caf\xe9\n".encode("latin-1")),
        ["data/tags/latin1.yml:2:10: the file is not UTF-8 text (save it as UTF-8)"],
    ),
    (
        "too-large",
        _write("tags/huge.yml", "# " + "x" * 1_100_000 + "\n"),
        ["data/tags/huge.yml:1:1: the file is 1.1 MB; a data file may be at most 1 MB"],
    ),
    (
        "alias",
        _edit("tags/train.yml", "group: stage", "group: &g stage\nextra: *g"),
        ["data/tags/train.yml:3:1: extra: anchors and aliases (& and *) are not supported (write the value out)"],
    ),
    (
        "misspelt-field",
        _edit(CAP, "summary:", "sumary:"),
        [
            "data/capabilities/model-registry.yml:1:1: missing field 'summary' (One line saying what it is for)",
            "data/capabilities/model-registry.yml:5:1: sumary: unknown field 'sumary' (did you mean 'summary'?)",
        ],
    ),
    (
        "unknown-field-far-from-any",
        _edit(CAP, "summary:", "colour: blue\nsummary:"),
        [
            "data/capabilities/model-registry.yml:5:1: colour: unknown field 'colour' (expected one of 'aliases', 'description', "
            "'former_ids', 'functions', 'name', 'order', 'related', 'source', 'summary', 'tags')"
        ],
    ),
    (
        "wrong-type",
        _edit(CASE, "characteristics: [frequent-retraining]", "characteristics: frequent-retraining"),
        ["data/case-studies/daily-fraud.yml:3:18: characteristics: expected a list, found text"],
    ),
    (
        "bad-choice",
        _edit(CHAR, "level: core", "level: cor"),
        [
            "data/characteristics/frequent-retraining.yml:7:12: recommendations[0].level: 'cor' is not allowed (did you mean 'core'?)"
        ],
    ),
    (
        "missing-translation",
        _edit(CASE, "title: {en: Daily fraud detection, ja: 日次の不正検出}", "title: {en: Daily fraud detection}"),
        ["data/case-studies/daily-fraud.yml:1:8: title.ja: missing Japanese text (add 'ja: ...')"],
    ),
    (
        "empty-text",
        _edit(CASE, "en: Daily fraud detection", "en: ''"),
        ["data/case-studies/daily-fraud.yml:1:13: title.en: must not be empty"],
    ),
    (
        "empty-japanese",
        _edit(CASE, "ja: 日次の不正検出", "ja: ''"),
        [
            "data/case-studies/daily-fraud.yml:1:40: title.ja: must not be empty (write the Japanese text; if you cannot, say so in the pull request)"
        ],
    ),
    (
        "japanese-in-english",
        _edit(
            CASE,
            "situation: {en: A bank., ja: 銀行。}",
            "situation: {en: A bank., ja: A bank that scores every payment.}",
        ),
        [
            "data/case-studies/daily-fraud.yml:5:32: warning: story.situation.ja: the Japanese text is in English "
            "(translate it, or ask for a translation in your pull request)"
        ],
    ),
    (
        "japanese-to-do",
        _edit(CASE, "stakes: {en: Money., ja: お金。}", "stakes: {en: Money., ja: TBD}"),
        [
            "data/case-studies/daily-fraud.yml:6:28: warning: story.stakes.ja: 'TBD' is not a translation yet (write the Japanese text)"
        ],
    ),
    (
        "bad-file-name",
        _write("tags/Bad_Name.yml", "name: x\n"),
        [
            "data/tags/Bad_Name.yml:1:1: 'Bad_Name' is not a valid id: the file name is the id, in kebab-case (e.g. model-registry.yml)"
        ],
    ),
    (
        "wrong-extension",
        _write("tags/extra.yaml", "name: x\n"),
        ["data/tags/extra.yaml:1:1: data files end in .yml (rename it to extra.yml)"],
    ),
    (
        "wrong-folder",
        _write("extra.yml", "name: x\n"),
        [
            "data/extra.yml:1:1: not in a data folder (data files go in data/capabilities/, data/characteristics/, data/case-studies/, data/tags/, data/sources/, data/tools/, data/terms/, data/systems/)"
        ],
    ),
    (
        "bad-id",
        _edit(CHAR, "example: daily-fraud", "example: Daily_Fraud"),
        [
            "data/characteristics/frequent-retraining.yml:4:10: example: 'Daily_Fraud' is not valid (An id in kebab-case: lowercase letters and digits in words joined by single hyphens, e.g. model-registry)",
            "data/characteristics/frequent-retraining.yml:4:10: example: unknown case study 'Daily_Fraud' (did you mean 'daily-fraud'?)",
        ],
    ),
    (
        "listed-twice",
        _edit(CASE, "[frequent-retraining]", "[frequent-retraining, frequent-retraining]"),
        ["data/case-studies/daily-fraud.yml:3:18: characteristics: lists 'frequent-retraining' twice (keep one)"],
    ),
    (
        "situational-without-condition",
        _edit(CHAR, "    condition: {en: with many models, ja: モデルが多い場合}\n", ""),
        [
            "data/characteristics/frequent-retraining.yml:11:5: recommendations[1]: missing field 'condition' (a situational recommendation says when it applies: add condition: {en: ..., ja: ...})"
        ],
    ),
    (
        "core-with-condition",
        _edit(CHAR, "    level: core\n", "    level: core\n    condition: {en: always, ja: 常に}\n"),
        [
            "data/characteristics/frequent-retraining.yml:8:5: recommendations[0].condition: field 'condition' is not allowed here (only a situational recommendation has a condition; remove it or set level: situational)"
        ],
    ),
    (
        "http-url",
        _edit("sources/guide.yml", "https://example.org/guide", "http://example.org/guide"),
        [
            "data/sources/guide.yml:4:11: url.en: 'http://example.org/guide' is not valid (An https:// address, as a link holds it: { } [ ] | ^ and a lone % written %-escaped (%7B))"
        ],
    ),
    (
        "unknown-capability",
        _edit(CHAR, "capability: model-registry", "capability: model-regstry"),
        [
            "data/capabilities/model-registry.yml:1:1: warning: no characteristic recommends this capability (add it to a characteristic's recommendations)",
            "data/characteristics/frequent-retraining.yml:11:17: recommendations[1].capability: unknown capability 'model-regstry' (did you mean 'model-registry'?)",
        ],
    ),
    (
        "unknown-characteristic",
        _edit(CASE, "[frequent-retraining]", "[frequent-retrain]"),
        [
            "data/case-studies/daily-fraud.yml:3:19: characteristics[0]: unknown characteristic 'frequent-retrain' (did you mean 'frequent-retraining'?)",
            "data/characteristics/frequent-retraining.yml:1:1: warning: no case study has this characteristic (list it in a case study's characteristics)",
            "data/characteristics/frequent-retraining.yml:4:10: example: case study 'daily-fraud' does not list 'frequent-retraining' among its characteristics (add it there)",
        ],
    ),
    (
        "unknown-case-study",
        _edit(CHAR, "example: daily-fraud", "example: daily-frud"),
        [
            "data/characteristics/frequent-retraining.yml:4:10: example: unknown case study 'daily-frud' (did you mean 'daily-fraud'?)"
        ],
    ),
    (
        "unknown-tag",
        _edit(CAP, "tags: [train]", "tags: [trian]"),
        ["data/capabilities/model-registry.yml:11:8: tags[0]: unknown tag 'trian' (did you mean 'train'?)"],
    ),
    (
        "unknown-source",
        _edit(CAP, "ref: guide", "ref: guid"),
        ["data/capabilities/model-registry.yml:14:8: source.ref: unknown source 'guid' (did you mean 'guide'?)"],
    ),
    (
        "self-related",
        _edit(CAP, "related: [model-training]", "related: [model-registry]"),
        ["data/capabilities/model-registry.yml:12:11: related[0]: a capability cannot be related to itself"],
    ),
    (
        "recommended-twice",
        _edit(CHAR, "capability: model-registry", "capability: model-training"),
        [
            "data/capabilities/model-registry.yml:1:1: warning: no characteristic recommends this capability (add it to a characteristic's recommendations)",
            "data/characteristics/frequent-retraining.yml:11:17: recommendations[1].capability: 'model-training' is already recommended in recommendations[0] (merge the two)",
        ],
    ),
    (
        "duplicate-function",
        _edit(
            CAP,
            "functions:\n",
            "functions:\n  - id: versioning\n    name: {en: V, ja: V}\n    description: {en: V, ja: V}\n",
        ),
        [
            "data/capabilities/model-registry.yml:11:9: functions[1].id: duplicate id 'versioning' (also functions[0]; ids must differ)"
        ],
    ),
    (
        "example-mismatch",
        _write("characteristics/spare.yml", (FIXTURE_DATA / CHAR).read_text(encoding="utf-8")),
        [
            "data/characteristics/spare.yml:1:1: warning: no case study has this characteristic (list it in a case study's characteristics)",
            "data/characteristics/spare.yml:1:12: name.en: characteristics/frequent-retraining has the same name (give each its own)",
            "data/characteristics/spare.yml:1:37: name.ja: characteristics/frequent-retraining has the same name (give each its own)",
            "data/characteristics/spare.yml:4:10: example: case study 'daily-fraud' does not list 'spare' among its characteristics (add it there)",
        ],
    ),
    # The file as a whole, and YAML features that do not belong in data.
    (
        "only-a-comment",
        _write(TAG, "# nothing here yet\n"),
        ["data/tags/train.yml:1:1: the file is empty (expected fields such as 'name: ...')"],
    ),
    (
        "list-not-mapping",
        _write(TAG, "- name: Stage\n- group: stage\n"),
        ["data/tags/train.yml:1:1: expected a mapping of fields, found a list"],
    ),
    (
        "control-character",
        _edit(TAG, "Training models.", "Training\x00models."),
        [
            "data/tags/train.yml:3:27: the file holds the control character U+0000, which YAML does not allow (remove it)"
        ],
    ),
    (
        "two-documents",
        _edit(TAG, "group: stage\n", "group: stage\n---\nname: other\n"),
        [
            "data/tags/train.yml:3:1: YAML syntax: but found another document (a data file holds one entity; remove the second '---')"
        ],
    ),
    (
        "deep-nesting",
        _write(TAG, "name: " + "[" * 30 + "]" * 30 + "\n"),
        [
            "data/tags/train.yml:1:26: nested more than 20 levels deep (data files nest a few levels; check the brackets and indentation)"
        ],
    ),
    (
        "too-many-values",
        _write(TAG, "".join(f"key{i}: value\n" for i in range(20_000))),
        ["data/tags/train.yml:5000:10: holds more than 10,000 values (a data file describes one entity; split it)"],
    ),
    (
        "tab-in-a-block",
        _edit(CASE, "stakes: {en: Money., ja: お金。}", "stakes:\n  en: Money.\n\t ja: お金。"),
        [
            "data/case-studies/daily-fraud.yml:8:1: YAML syntax: found a tab character that violates indentation (indent with spaces, not tabs)"
        ],
    ),
    # YAML 1.1 surprises, empty values and long text.
    (
        "boolean-for-a-choice",
        _edit(TAG, "group: stage", "group: yes"),
        ["data/tags/train.yml:2:8: group: 'yes' is not allowed (expected one of 'process', 'stage')"],
    ),
    (
        "empty-value",
        _edit(TAG, "name: {en: Train, ja: トレーニング}", "name:"),
        ["data/tags/train.yml:1:6: name: expected a mapping of fields, found nothing"],
    ),
    (
        "text-over-limit",
        _edit(TAG, "Training models.", "word " * 100_000),
        ["data/tags/train.yml:3:19: description.en: is 499,999 characters long; at most 5,000 (shorten it)"],
    ),
    (
        "invisible-character-in-an-address",
        _edit("sources/guide.yml", 'en: "https://example.org/guide"', 'en: "https://example.org/\\u200bguide"'),
        [
            "data/sources/guide.yml:4:11: url.en: holds the invisible character U+200B ZERO WIDTH SPACE, which no id, "
            "address, date or other value of fixed form may hold (remove it: it often comes with copied text)"
        ],
    ),
    # A day that is no calendar date is told with the file's other mistakes, not once they are fixed.
    (
        "impossible-date-with-another-mistake",
        _edit(
            "sources/guide.yml",
            'publisher: Example\npublished: {en: "2021-05-01"',
            'publishr: Example\npublished: {en: "2021-02-30"',
        ),
        [
            "data/sources/guide.yml:1:1: missing field 'publisher' (Who published it)",
            "data/sources/guide.yml:2:1: publishr: unknown field 'publishr' (did you mean 'publisher' or 'published'?)",
            "data/sources/guide.yml:3:17: published.en: '2021-02-30' is not a calendar date (write YYYY-MM-DD, YYYY-MM or YYYY)",
        ],
    ),
    (
        "kind-in-wrong-folder",
        lambda data: (data / "capabilities/another-train.yml").write_bytes((data / TAG).read_bytes()),
        ["data/capabilities/another-train.yml:1:1: this is a tag file, in the wrong folder (move it to data/tags/)"],
    ),
]


def _report(data: Path) -> list[str]:
    return [str(p) for p in sorted(build_knowledge_base(data).problems)]


@pytest.mark.parametrize("breakage, expected", [r[1:] for r in RULES], ids=[r[0] for r in RULES])
def test_rule_reports_exact_message(tmp_path: Path, breakage: Breakage, expected: list[str]) -> None:
    data = copy_data(tmp_path, FIXTURE_DATA)
    breakage(data)
    assert _report(data) == expected


def test_fixture_data_is_valid() -> None:
    assert _report(FIXTURE_DATA) == []


def test_warning_for_capability_nothing_recommends(tmp_path: Path) -> None:
    data = copy_data(tmp_path, FIXTURE_DATA)
    edit(
        data / CHAR,
        "  - capability: model-registry\n    level: situational\n    condition: {en: with many models, ja: モデルが多い場合}\n"
        "    why: {en: It tracks versions., ja: バージョンを追跡するため。}\n    source: combined-example\n    strength: helps\n",
        "",
    )
    result = build_knowledge_base(data)
    assert [str(p) for p in result.problems] == [
        "data/capabilities/model-registry.yml:1:1: warning: no characteristic recommends this capability "
        "(add it to a characteristic's recommendations)"
    ]
    assert result.ok, "a warning does not stop the build"


def test_warning_for_characteristic_without_case_study(tmp_path: Path) -> None:
    data = copy_data(tmp_path, FIXTURE_DATA)
    spare = (data / CHAR).read_text(encoding="utf-8").replace("example: daily-fraud", "example: spare-case")
    (data / "characteristics" / "spare.yml").write_text(spare, encoding="utf-8")
    (data / "case-studies" / "spare-case.yml").write_text((data / CASE).read_text(encoding="utf-8"), encoding="utf-8")
    messages = _report(data)
    assert (
        "data/characteristics/spare.yml:1:1: warning: no case study has this characteristic "
        "(list it in a case study's characteristics)" in messages
    )


def test_every_problem_is_reported_at_once_with_a_count(tmp_path: Path) -> None:
    data = copy_data(tmp_path, FIXTURE_DATA)
    for _rule, breakage, _expected in RULES[:3]:
        breakage(data)
    result = subprocess.run(
        [sys.executable, "-m", "macros.commands.check", str(data)], cwd=ROOT, capture_output=True, text=True
    )
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1
    assert [line for _r, _b, (line,) in RULES[:3]] == sorted(lines[:-1], key=[r[2][0] for r in RULES[:3]].index)
    assert lines[-1] == "3 errors in 8 files"
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.site
def test_build_with_bad_data_fails_cleanly_and_writes_no_site(tmp_path: Path) -> None:
    data = copy_data(tmp_path, FIXTURE_DATA)
    _edit(CHAR, "capability: model-registry", "capability: model-regstry")(data)
    site = tmp_path / "site"
    result = build_site(site, data_dir=data)
    assert result.returncode != 0
    assert all(line in result.stderr for line in RULES[[r[0] for r in RULES].index("unknown-capability")][2])
    assert "1 error and 1 warning in 6 files" in result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists()


def test_check_prints_to_a_terminal_that_cannot_show_the_text_escaped(tmp_path: Path) -> None:
    # A data folder named in Japanese, a warning printed on stdout, in an ASCII terminal.
    data = copy_data(tmp_path, FIXTURE_DATA).rename(tmp_path / "データ")
    edit(
        data / CASE,
        "situation: {en: A bank., ja: 銀行。}",
        "situation: {en: A bank., ja: A bank that scores every payment.}",
    )
    env = os.environ | {"PYTHONIOENCODING": "ascii"}
    command = [sys.executable, "-m", "macros.commands.check", str(data)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert result.stdout.startswith("\\u30c7\\u30fc\\u30bf/case-studies/") and "1 warning" in result.stdout


def test_check_command_passes_on_real_data() -> None:
    result = subprocess.run([sys.executable, "-m", "macros.commands.check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("0 errors in ")


def test_a_file_with_a_warning_is_still_built(tmp_path: Path) -> None:
    data = copy_data(tmp_path, FIXTURE_DATA)
    edit(
        data / CASE,
        "situation: {en: A bank., ja: 銀行。}",
        "situation: {en: A bank., ja: A bank that scores every payment.}",
    )
    result = build_knowledge_base(data)
    assert [p.severity for p in result.problems] == ["warning"]
    assert result.knowledge_base is not None and "daily-fraud" in result.knowledge_base.case_studies
