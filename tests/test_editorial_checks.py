"""Editorial warnings on Japanese data text: spacing around punctuation, and runs copied from the source."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.commands.check import copy_warnings
from macros.kb.editorial_checks import COPY_THRESHOLD, LONGEST_SENTENCE, SourceRuns
from macros.kb.load import build_knowledge_base
from macros.kb.model import KnowledgeBase
from tests.conftest import DATA_DIR

# A made-up source: no test depends on the real one, which is not part of the repository.
SOURCE = "これは出典の本文です。モデル レジストリによって、検証済みの最新モデルをバッチ処理に提供できます。"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(DATA_DIR, tmp_path / "data")
    return tmp_path / "data"


def _plant(data: Path, ja: str) -> tuple[str, int]:
    """A capability's Japanese summary replaced by ja; its file and line."""
    path = next((data / "capabilities").glob("*.yml"))
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("summary:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(" "))
    lines[start:end] = ["summary:", "  en: A summary.", f'  ja: "{ja}"']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f"data/capabilities/{path.name}", start + 3


def _warnings(data: Path) -> list[str]:
    return [str(p) for p in build_knowledge_base(data).problems if p.severity == "warning"]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("試験運用 (パイロット)の段階です。", "a space at '('"),
        ("試験運用(パイロット)の段階です。 次の文です。", "a space after '。'"),
        ("データ、 モデル、コード", "a space after '、'"),
        ("試験運用(パイロット) の段階です。", "a space at ')'"),
        ("Weights & Biases(商用)のツールです。", "no space at '('"),
        ("ML Metadata (MLMD)の状態です。", "no space at ')'"),
        ("状態：非推奨です。", "a full-width colon"),
        ("必要な機能は?", "a half-width '?' after Japanese text"),
    ],
)
def test_a_parenthesis_spaced_otherwise_than_the_pages_space_it_is_a_warning_at_its_field(
    data: Path, text: str, flagged: str
) -> None:
    path, line = _plant(data, text)
    result = build_knowledge_base(data)
    assert result.ok, "a warning, not an error"
    assert [w for w in _warnings(data) if flagged in w] == [
        next(w for w in _warnings(data) if w.startswith(f"{path}:{line}:7: warning: summary.ja: {flagged}"))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "試験運用(パイロット)の段階です。",
        "MLflow (an open-source tool)",
        "最後の文です。",
        "ML (機械学習) MLflow",
        "Weights & Biases (商用) のツールです。",
        "再現性(reproducibility)とは別の語です。",
    ],
)
def test_text_spaced_as_japanese_is_written_is_not_flagged(data: Path, text: str) -> None:
    _plant(data, text)
    assert [w for w in _warnings(data) if " space " in w] == []


def test_runs_shorter_than_the_threshold_are_not_copies() -> None:
    runs = SourceRuns(SOURCE, names=[])
    copied = SOURCE[11 : 11 + COPY_THRESHOLD]
    assert list(runs.shared("★" + copied + "★")) == [copied]
    assert list(runs.shared("★" + copied[:-1] + "★")) == []


def test_a_copied_run_is_reported_whole_once() -> None:
    copied = SOURCE[11:40]
    assert list(SourceRuns(SOURCE, names=[]).shared("★" + copied + "★")) == [copied]


def test_a_quotation_and_the_glossary_s_names_are_not_copies() -> None:
    copied = SOURCE[11:40]
    assert list(SourceRuns(SOURCE, names=[]).shared(f"出典は「{copied}」と書いています。")) == []
    named = SOURCE[11 : 11 + COPY_THRESHOLD + 4]  # starts with a capability's name
    assert list(SourceRuns(SOURCE, names=[]).shared(named)) == [named]
    assert list(SourceRuns(SOURCE, names=["モデル レジストリ"]).shared(named)) == []


def test_make_check_warns_at_the_field_that_copies_the_source(data: Path, tmp_path: Path, kb: KnowledgeBase) -> None:
    source_dir = tmp_path / "source"
    source_dir.mkdir()
    (source_dir / "post.ja.txt").write_text(SOURCE, encoding="utf-8")
    path, line = _plant(data, "★" + SOURCE[11:45])
    planted = build_knowledge_base(data).knowledge_base
    assert planted is not None
    warnings = [str(p) for p in copy_warnings(data, planted, source_dir)]
    assert len(warnings) == 1 and warnings[0].startswith(f"{path}:{line}:7: warning: summary.ja: shares ")


def test_an_unreadable_source_is_skipped_with_one_warning(data: Path, tmp_path: Path, kb: KnowledgeBase) -> None:
    source_dir = tmp_path / "source"
    source_dir.mkdir()
    (source_dir / "post.ja.txt").write_bytes(b"\xff\xfe broken")
    warnings = [str(p) for p in copy_warnings(data, kb, source_dir)]
    assert warnings == [
        f"{source_dir / 'post.ja.txt'}:1:1: warning: the source's text could not be read (not UTF-8 text); not compared"
    ]


def test_no_source_at_hand_means_no_comparison(data: Path, tmp_path: Path, kb: KnowledgeBase) -> None:
    assert copy_warnings(data, kb, tmp_path / "absent") == []


@pytest.mark.parametrize(
    ("lang", "ending", "flagged"), [("en", ".", False), ("en", "", True), ("ja", "。", False), ("ja", "", True)]
)
def test_a_reason_that_does_not_end_as_a_sentence_is_a_warning_at_its_field(
    data: Path, lang: str, ending: str, flagged: bool
) -> None:
    # Pages join two reasons of one recommendation, each led by its level: each must end as a sentence.
    path = next((data / "characteristics").glob("*.yml"))
    lines = path.read_text(encoding="utf-8").splitlines()
    why = next(i for i, line in enumerate(lines) if line.strip() == "why:")
    at = next(i for i in range(why + 1, len(lines)) if lines[i].strip().startswith(f"{lang}:"))
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines[at : next(i for i in range(at + 1, len(lines)) if not lines[i].startswith(indent + " "))] = [
        f'{indent}{lang}: "A reason 理由{ending}"'
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = build_knowledge_base(data)
    assert result.ok, "a warning, not an error"
    warned = [w for w in _warnings(data) if "a reason ends without a full stop" in w]
    assert warned == (
        [next(w for w in warned if w.startswith(f"data/characteristics/{path.name}:{at + 1}:"))] if flagged else []
    )


def test_a_japanese_sentence_longer_than_the_limit_is_a_warning_at_its_field(data: Path) -> None:
    """Issue 27's point 19: a sentence of more than LONGEST_SENTENCE characters is split, one claim each."""
    clause = "データを準備し、"
    long = clause * (LONGEST_SENTENCE // len(clause) + 1) + "モデルをトレーニングします。"
    path, line = _plant(data, f"短い文です。{long}")
    found = [w for w in _warnings(data) if "a sentence of" in w]
    assert found == [
        next(w for w in found if w.startswith(f"{path}:{line}:7: warning: summary.ja: a sentence of {len(long)}"))
    ]
    _plant(data, clause * (LONGEST_SENTENCE // len(clause) - 1) + "終わります。")
    assert [w for w in _warnings(data) if "a sentence of" in w] == []
