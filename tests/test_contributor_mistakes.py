"""A new contributor's typical mistakes, made together on the data under test, all reported in one run
with their places and hints (the exact message of each is a row of tests/test_validation.py's table)."""

from __future__ import annotations

from pathlib import Path

from macros.commands.new import build_new_entity
from macros.kb.load import build_knowledge_base
from macros.kb.problems import format_report
from tests.datafixture import copy_data
from tests.unusedids import unused_id

CASE = """\
# yaml-language-server: $schema=../../macros/schemas/case-study.schema.json
title:
  en: Churn prediction
  ja: 解約予測
summary:
  en: A churn model scored every night.
characteristics:
  - {characteristic}
  - {typo}
story:
  situation: {{en: A retention team., ja: リテンション チーム。}}
  stakes: {{en: Stale models., ja: 古いモデル。}}
  first_steps:
    en: A weekly pipeline.
    ja: 週次のパイプライン。
source_example: {{en: A churn model., ja: 解約予測モデル。}}
source:
  ref: {source}
  section: {{en: Batch serving, ja: バッチ サービング}}
"""


def check(data: Path) -> str:
    result = build_knowledge_base(data)
    return format_report(result.problems, result.file_count)


def _file_count(data: Path) -> int:
    return sum(1 for p in data.rglob("*") if p.is_file())


def typo_of(id: str) -> str:
    """An id with one letter dropped, as typed in a hurry."""
    return id[:-2] + id[-1]


def new_case(data: Path) -> tuple[Path, str, str]:
    """A new case study with an id typo and a missing Japanese summary: (its file, the real id, the typo)."""
    kb = build_knowledge_base(data).knowledge_base
    assert kb is not None
    first, real = list(kb.characteristics)[:2]
    text = CASE.format(characteristic=first, typo=typo_of(real), source=next(iter(kb.sources)))
    path = build_new_entity("case-study", unused_id(data, "churn-prediction-test"), data)
    path.write_text(text, encoding="utf-8")
    return path, real, typo_of(real)


def test_id_typo_and_missing_japanese_are_reported_in_one_run(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    path, real, typo = new_case(data)
    characteristic = next(p for p in sorted((data / "characteristics").glob("*.yml")))
    lines = characteristic.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines) if text.startswith("  - capability: "))
    capability = lines[line].split(": ", 1)[1].strip()
    lines[line] = f"  - capability: {typo_of(capability)}\n"
    characteristic.write_text("".join(lines), encoding="utf-8")
    name = f"data/case-studies/{path.name}"
    report = check(data).splitlines()
    assert report[0] == f"{name}:6:3: summary.ja: missing Japanese text (add 'ja: ...')"
    assert (
        report[1].startswith(f"{name}:9:5: characteristics[1]: unknown characteristic '{typo}' (did you mean ")
        and f"'{real}'" in report[1]
    )
    assert (
        report[2].startswith(
            f"data/characteristics/{characteristic.name}:{line + 1}:17: recommendations[0].capability: "
            f"unknown capability '{typo_of(capability)}' (did you mean "
        )
        and f"'{capability}'" in report[2]
    )
    assert report[3:] == [f"3 errors in {_file_count(data)} files"]
