"""Writable copies of data sets, to break one thing at a time in tests."""

from __future__ import annotations

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
