"""Writable copies of data sets, to break one thing at a time in tests."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.sitebuild import ROOT


FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"


def copy_data(tmp_path: Path, source: Path = ROOT / "data") -> Path:
    """A copy of a data set (the real one by default) under tmp_path/data; returns its path."""
    target = tmp_path / "data"
    shutil.copytree(source, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a file; fails loudly if `old` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


_RING_BLOCK = re.compile(r"^ring:\n(?:  .*\n)+", re.MULTILINE)


def set_field(path: Path, field: str, value: str) -> None:
    """Set a top-level scalar field of a data file (the file must have it)."""
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf"^{field}: .*$", re.MULTILINE)
    assert pattern.search(text), f"{field} not in {path}"
    path.write_text(pattern.sub(lambda _: f"{field}: {value}", text, count=1), encoding="utf-8")


def set_ring(path: Path, status: str, date: str = "2026-01-15") -> None:
    """Give a tool a ring set by the platform team, with a reason and a date."""
    text = path.read_text(encoding="utf-8")
    ring = f"ring:\n  status: {status}\n  reason:\n    en: Planted for a test.\n    ja: テスト用に設定。\n  date: '{date}'\n"
    assert _RING_BLOCK.search(text), f"no ring in {path}"
    path.write_text(_RING_BLOCK.sub(lambda _: ring, text, count=1), encoding="utf-8")
