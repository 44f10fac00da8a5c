"""A temporary git repository whose history rates, moves and removes tools, at dates relative to today."""

from __future__ import annotations

import datetime
import shutil
from dataclasses import dataclass
from pathlib import Path

from macros.kb.model import KnowledgeBase
from tests.conftest import DATA_DIR
from tests.contributions import set_tool_status
from tests.datafixture import set_ring, unrate_every_tool
from tests.history_repo import git

TODAY = datetime.date.today()


def when(days_ago: int) -> str:
    return f"{(TODAY - datetime.timedelta(days=days_ago)).isoformat()}T12:00:00+00:00"


def day(days_ago: int) -> str:
    """The day `days_ago` days ago, as a ring's date (YYYY-MM-DD)."""
    return when(days_ago)[:10]


@dataclass(frozen=True)
class RingRepo:
    """The repository's data folder and the tools its history moves."""

    data: Path
    adopted: str  # rated adopt long ago: no mark; deprecated by its makers lately
    moved: str  # hold long ago, trial lately: moved
    new: str  # first rated lately: new
    removed: str  # its file deleted lately
    late: str  # committed lately, but its ring.date says the team decided long ago: no mark
    reverted: str  # adopt long ago, hold lately, and that move reverted: adopt again, as decided long ago


RINGS = ("adopt", "trial", "assess", "hold")
# Tools rated besides the six whose history is told, for a radar with a dot in most places (`more`).
FULLER_RADAR = 14


def build_ring_repo(repo: Path, kb: KnowledgeBase, more: int = 0) -> RingRepo:
    """The import (400 days ago); tools rated (200); one moved to hold (30); one moved, one rated, one removed,
    one rated late with the day of a decision long past (10); the move to hold reverted (5).

    Each ring's date is its commit's day but for the late one's and the revert's (which brings back the
    earlier decision, with its day). `more` other tools, of every kind in turn, get a ring in the
    second commit too (a fuller radar).
    """
    data = repo / "data"
    shutil.copytree(DATA_DIR, data)
    unrate_every_tool(data)  # the history starts with no decision, whatever the data at hand has rated
    by_kind = sorted(kb.tools.values(), key=lambda t: (t.kind != "open-source", t.id))
    adopted, moved, new, removed, late, reverted = (t.id for t in by_kind[:6])
    tools = data / "tools"
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Import", date=when(400))
    set_ring(tools / f"{adopted}.yml", "adopt", day(200))
    set_ring(tools / f"{moved}.yml", "hold", day(200))
    set_ring(tools / f"{reverted}.yml", "adopt", day(200))
    others = sorted(
        (t for t in kb.tools.values() if t.id not in {adopted, moved, new, removed, late, reverted}),
        key=lambda t: t.id[::-1],
    )
    for i, tool in enumerate(others[:more]):
        set_ring(tools / f"{tool.id}.yml", RINGS[i % len(RINGS)], day(200))
    git(repo, "commit", "-qam", "Rate three tools", date=when(200))
    set_ring(tools / f"{reverted}.yml", "hold", day(30))
    git(repo, "commit", "-qam", "Hold one tool", date=when(30))
    set_ring(tools / f"{moved}.yml", "trial", day(10))
    set_ring(tools / f"{new}.yml", "assess", day(10))
    set_ring(tools / f"{late}.yml", "trial", day(200))
    git(repo, "rm", "-q", f"data/tools/{removed}.yml")
    # Its makers deprecate the adopted tool (the team keeps it in adopt until it decides).
    set_tool_status(data, adopted, "deprecated")
    git(repo, "commit", "-qam", "Move one tool, rate two, remove one, one deprecated", date=when(10))
    git(repo, "revert", "--no-edit", "HEAD~1", date=when(5))
    return RingRepo(data, adopted, moved, new, removed, late, reverted)
