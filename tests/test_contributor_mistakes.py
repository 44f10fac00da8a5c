"""A new contributor's three typical mistakes, each reported with its place and a hint, exactly."""

from __future__ import annotations

import shutil
from pathlib import Path

from macros.build import build_knowledge_base
from macros.new import build_new_entity
from macros.problems import format_report
from tests.sitebuild import ROOT

CASE = """\
# yaml-language-server: $schema=../../macros/schemas/case-study.schema.json
title:
  en: Churn prediction
  ja: 解約予測
summary:
  en: A churn model scored every night.
characteristics:
  - batch-serving
  - frequent-retrainng
story:
  situation: {en: A retention team., ja: リテンション チーム。}
  stakes: {en: Stale models., ja: 古いモデル。}
  first_steps:
    en: A weekly pipeline.
    ja: 週次のパイプライン。
source:
  ref: mlops-capabilities-by-use-case
  section: {en: Batch serving, ja: バッチ サービング}
"""


def check(data: Path) -> str:
    result = build_knowledge_base(data)
    return format_report(result.problems, result.file_count)


def _file_count(data: Path) -> int:
    return sum(1 for p in data.rglob("*") if p.is_file())


def test_id_typo_and_missing_japanese_are_reported_in_one_run(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    build_new_entity("case-study", "churn-prediction", data).write_text(CASE, encoding="utf-8")
    online = data / "characteristics" / "online-serving.yml"
    online.write_text(online.read_text(encoding="utf-8").replace("capability: model-serving\n", "capability: model-servng\n", 1), encoding="utf-8")
    # Where the typo is in today's file, found rather than written down: an edit above it moves it.
    line = online.read_text(encoding="utf-8").splitlines().index("  - capability: model-servng") + 1
    assert check(data).splitlines() == [
        "data/case-studies/churn-prediction.yml:6:3: summary.ja: missing Japanese text (add 'ja: ...')",
        "data/case-studies/churn-prediction.yml:9:5: characteristics[1]: unknown characteristic 'frequent-retrainng' (did you mean 'frequent-retraining'?)",
        f"data/characteristics/online-serving.yml:{line}:17: recommendations[1].capability: unknown capability 'model-servng' (did you mean 'model-serving' or 'model-training'?)",
        f"3 errors in {_file_count(data)} files",
    ]


def test_a_tab_indent_says_to_use_spaces(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    build_new_entity("case-study", "churn-prediction", data).write_text(CASE.replace("    ja: 週次", "\t  ja: 週次"), encoding="utf-8")
    assert check(data).splitlines() == [
        "data/case-studies/churn-prediction.yml:15:1: YAML syntax: found a tab character that violates indentation (indent with spaces, not tabs)",
        f"1 error in {_file_count(data)} files",
    ]
