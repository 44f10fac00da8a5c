"""Writable copies of data sets, to break one thing at a time in tests."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from macros.kb.load import build_knowledge_base
from macros.kb.model import KnowledgeBase
from tests.sitebuild import DATA_DIR, ROOT

FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"


def copy_data(tmp_path: Path, source: Path = DATA_DIR) -> Path:
    """A copy of a data set (the one under test by default: data/, or KB_DATA_DIR) under tmp_path/data; returns its path."""
    target = tmp_path / "data"
    shutil.copytree(source, target)
    return target


def knowledge_base(data_dir: Path = DATA_DIR) -> KnowledgeBase:
    """The knowledge base of a data set without errors (data/ by default); fails with its problems otherwise."""
    result = build_knowledge_base(data_dir)
    assert result.knowledge_base is not None, "\n".join(map(str, result.problems))
    return result.knowledge_base


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a file; fails loudly if `old` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_former_id(path: Path, former: str) -> None:
    """What a contributor adds after `git mv`: the old id in the file's `former_ids` (a flow list, or a new line)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    for i, line in enumerate(lines):
        if line.startswith("former_ids: [") and line.rstrip().endswith("]"):
            lines[i] = line.rstrip().removesuffix("]") + f", {former}]\n"
            break
    else:
        assert not any(line.startswith("former_ids:") for line in lines), f"{path}: former_ids is not a [flow, list]"
        lines.append(f"former_ids: [{former}]\n")
    path.write_text("".join(lines), encoding="utf-8")


def add_to_list(path: Path, key: str, item: str) -> None:
    """Add an item to a top-level list of ids, written `key: [a, b]` or as a block of `  - a` lines."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    i = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    if "[" in lines[i]:
        lines[i] = lines[i].replace("[", f"[{item}, ", 1)
    else:
        indent = lines[i + 1][: len(lines[i + 1]) - len(lines[i + 1].lstrip())]
        lines.insert(i + 1, f"{indent}- {item}\n")
    path.write_text("".join(lines), encoding="utf-8")


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


def clear_ring(path: Path) -> None:
    """Take back a tool's ring: not rated by the platform team."""
    text = path.read_text(encoding="utf-8")
    assert _RING_BLOCK.search(text), f"no ring in {path}"
    path.write_text(_RING_BLOCK.sub(lambda _: "ring:\n  status: not-rated\n", text, count=1), encoding="utf-8")


def unrate_every_tool(data: Path) -> None:
    """No ring decided yet: every tool of a data copy back to not-rated, whatever the data at hand has rated."""
    for path in sorted((data / "tools").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        path.write_text(_RING_BLOCK.sub("ring:\n  status: not-rated\n", text, count=1), encoding="utf-8")


def write_more_systems_than_a_page(data: Path) -> KnowledgeBase:
    """Generated data with more systems than a page of the heatmap shows and more capabilities than
    its first columns (the portfolio's paging and column runs), and its knowledge base."""
    from benchmarks.generate import Sizes, build_dataset, write_dataset
    from macros.site.portfolio import HEATMAP_COLUMNS, PAGE_ROWS

    sizes = Sizes(
        capabilities=HEATMAP_COLUMNS + 7,
        characteristics=8,
        case_studies=6,
        tags=2,
        sources=1,
        tools=4,
        terms=1,
        systems=PAGE_ROWS + 37,
    )
    write_dataset(build_dataset(sizes, seed=5), data)
    return knowledge_base(data)
