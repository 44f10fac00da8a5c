"""`make serve` loads data/ again after each save, checking again only the files whose bytes changed:
what it reports and builds is what a first load of the same files gives."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks.generate import write_synthetic_data
from macros.kb.load import KnowledgeBaseLoader, LoadResult, build_knowledge_base
from tests.datafixture import edit


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_synthetic_data(tmp_path / "data", seed=0)


@pytest.fixture
def load() -> Callable[[Path], LoadResult]:
    """Loads as `make serve` does after each save: one loader for the whole session."""
    return KnowledgeBaseLoader().load


def assert_as_first_loaded(result: LoadResult, data: Path) -> None:
    """The result equals a load of the same files by a process that never saw them before."""
    fresh = build_knowledge_base(data)
    assert [str(p) for p in result.problems] == [str(p) for p in fresh.problems]
    assert (result.knowledge_base is None) == (fresh.knowledge_base is None)
    if result.knowledge_base is not None and fresh.knowledge_base is not None:
        for folder in ("capabilities", "characteristics", "case-studies", "tags", "sources", "tools", "terms"):
            assert result.knowledge_base.entities(folder) == fresh.knowledge_base.entities(folder), folder
            for id in fresh.knowledge_base.entities(folder):
                assert result.knowledge_base.record(folder, id) == fresh.knowledge_base.record(folder, id)


def test_an_edit_that_keeps_the_files_size_and_time_is_seen(data: Path, load: Callable[[Path], LoadResult]) -> None:
    path = data / "capabilities" / "cap-0.yml"
    load(data)
    before = path.stat()
    edit(path, "(cap-0.name.ja)", "(cap-0.name.JA)")  # the same length
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    result = load(data)
    assert result.knowledge_base is not None
    assert result.knowledge_base.capabilities["cap-0"].name.ja.endswith("(cap-0.name.JA)")
    assert_as_first_loaded(result, data)


def test_a_file_made_invalid_then_valid_again_is_reported_then_loaded(
    data: Path, load: Callable[[Path], LoadResult]
) -> None:
    path = data / "capabilities" / "cap-0.yml"
    good = load(data)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("summary:", "summary: [half an edit\nsummary_:", 1), encoding="utf-8")
    broken = load(data)
    assert not broken.ok
    errors = [str(p) for p in broken.problems if p.severity == "error"]
    assert errors and all(re.match(r"data/capabilities/cap-0\.yml:\d+:\d+: \S", error) for error in errors), errors
    assert_as_first_loaded(broken, data)
    path.write_text(text, encoding="utf-8")
    again = load(data)
    assert again.ok
    assert again.knowledge_base is not None and good.knowledge_base is not None
    assert again.knowledge_base.capabilities == good.knowledge_base.capabilities
    assert_as_first_loaded(again, data)


def test_adding_changing_renaming_and_deleting_files_loads_as_a_first_load(
    data: Path, load: Callable[[Path], LoadResult]
) -> None:
    load(data)
    case = next(iter(sorted((data / "case-studies").glob("*.yml"))))
    (data / "case-studies" / "new-case.yml").write_text(case.read_text(encoding="utf-8"), encoding="utf-8")
    assert_as_first_loaded(load(data), data)
    edit(case, "summary:\n  en: ", "summary:\n  en: Changed. ")
    assert_as_first_loaded(load(data), data)
    case.rename(case.with_name("renamed-case.yml"))
    assert_as_first_loaded(load(data), data)
    (data / "case-studies" / "new-case.yml").unlink()
    assert_as_first_loaded(load(data), data)


def test_a_file_moved_to_another_folder_is_checked_as_the_kind_it_now_is(
    data: Path, load: Callable[[Path], LoadResult]
) -> None:
    load(data)
    tag = next(iter(sorted((data / "tags").glob("*.yml"))))
    tag.rename(data / "capabilities" / tag.name)
    result = load(data)
    assert not result.ok
    assert_as_first_loaded(result, data)
