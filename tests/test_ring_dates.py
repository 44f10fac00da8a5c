"""A ring's date against the data and its history: decided in the future is an error of the data
(tests/test_tools_validation.py); dated before the tool came into the data, where it came in not
rated or in another ring, is a warning of the build, read from git's history as the site reads it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.kb.load import build_knowledge_base
from macros.kb.model import KnowledgeBase
from macros.kb.renaming import rename_entity
from macros.site.history import read_history
from macros.site.ring_dates import check_ring_dates
from tests.conftest import DATA_DIR
from tests.datafixture import set_ring, unrate_every_tool
from tests.history_repo import git
from tests.ring_repo import RingRepo, build_ring_repo, day, when

ADVICE = (
    "its ring history and What changed would list this decision before the tool was added "
    "(if the team decided on that day, keep it; else write the day it decided)"
)


def _warnings(data: Path) -> list[str]:
    result = build_knowledge_base(data)
    assert result.knowledge_base is not None, result.problems
    return [str(p) for p in check_ring_dates(result.knowledge_base, read_history(data), data)]


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_decisions_dated_before_their_tool_came_in_another_ring_are_warned_at_their_date(tmp_path: Path) -> None:
    repo, data = tmp_path, tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    unrate_every_tool(data)
    tools = data / "tools"
    late, fine, imported, renamed, unsaved = sorted(p.stem for p in tools.glob("*.yml"))[:5]
    set_ring(tools / f"{imported}.yml", "adopt", day(300))  # came in with a decision taken before
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Import", date=when(100))
    arrival = git(repo, "rev-parse", "HEAD").strip()[:10]
    set_ring(tools / f"{late}.yml", "adopt", day(200))
    set_ring(tools / f"{fine}.yml", "trial", day(50))
    set_ring(tools / f"{imported}.yml", "hold", day(400))
    rename_entity(data, "tool", renamed, f"{renamed}-renamed")
    set_ring(tools / f"{renamed}-renamed.yml", "assess", day(150))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Rate and rename", date=when(10))
    set_ring(tools / f"{unsaved}.yml", "hold", day(120))  # not committed yet: what `make serve` shows
    path = tools / f"{late}.yml"
    assert _warnings(data) == sorted(
        [
            f"data/tools/{late}.yml:{_line_of(path, 'date: ')}:9: warning: ring.date: '{day(200)}' is before the "
            f"tool came into the data, not rated (commit {arrival}, {day(100)}): {ADVICE}",
            *(
                f"data/tools/{id}.yml:{_line_of(tools / f'{id}.yml', 'date: ')}:9: warning: ring.date: '{date}' is "
                f"before the tool came into the data, {came_in} (commit {arrival}, {day(100)}): {ADVICE}"
                for id, date, came_in in (
                    (imported, day(400), "in adopt"),
                    (f"{renamed}-renamed", day(150), "not rated"),  # its history is its former id's
                    (unsaved, day(120), "not rated"),
                )
            ),
        ]
    )


def test_a_tool_whose_first_versions_today_s_rules_refuse_has_no_known_arrival(tmp_path: Path) -> None:
    # It came in long before its first version that passes today: no day to put its decision before.
    repo, data = tmp_path, tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    unrate_every_tool(data)
    tool = next(p for p in sorted((data / "tools").glob("*.yml")) if "\nstatus: maintained\n" in p.read_text("utf-8"))
    good = tool.read_text(encoding="utf-8")
    tool.write_text(good.replace("status: maintained", "status: maintaned"), encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Import, a tool refused by today's rules", date=when(300))
    tool.write_text(good, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "The tool as today's rules want it", date=when(100))
    tool.write_text(
        good.replace("status: maintained", "status: deprecated\nstatus_reason: {en: Old., ja: 古い。}"),
        encoding="utf-8",
    )
    git(repo, "commit", "-q", "-am", "Its makers deprecate it: the first change the history can state", date=when(50))
    set_ring(tool, "adopt", day(200))
    git(repo, "commit", "-q", "-am", "Rated, on the day the team decided", date=when(10))
    assert _warnings(data) == []


@pytest.fixture(scope="module")
def ring_repo(tmp_path_factory: pytest.TempPathFactory, kb: KnowledgeBase) -> RingRepo:
    return build_ring_repo(tmp_path_factory.mktemp("ring-repo"), kb)


def test_decisions_recorded_late_and_reverts_are_in_order(ring_repo: RingRepo) -> None:
    """The ring repository rates tools after their import, one committed long after its decision's day,
    and reverts a move to the earlier ring with its earlier day: nothing to warn of."""
    assert _warnings(ring_repo.data) == []
