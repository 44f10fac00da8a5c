"""What git knows about data/: when each file last changed, and the latest changes to the data.

One `git log` pass per question for the whole folder, never one per file or page. Without a
usable history (no git, no repository, a shallow clone) both answers are empty: the pages then
leave the lines out.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from macros.kb.kinds import KINDS, folder_of
from macros.kb.model import Characteristic, Tool

Action = Literal["added", "removed", "renamed", "recommendation-added", "recommendation-removed", "ring-changed"]

# A commit header in our log format: record separator, hash, committer date (strict ISO 8601).
_COMMIT = "\x1e"
_ID = r"([a-z0-9]+(?:-[a-z0-9]+)*)"
# The files of the kinds the changes page lists, and the tools' files, whose ring history is read.
_ENTITY_FILE = re.compile(rf"^({'|'.join(re.escape(k.folder) for k in KINDS.values() if k.history)})/{_ID}\.yml$")
_TOOLS = folder_of(Tool)
_TOOL_FILE = re.compile(rf"^{re.escape(_TOOLS)}/{_ID}\.yml$")
# A tool's ring status in its file: the `status:` line indented under the top-level `ring:` key.
_RING_STATUS = re.compile(r"^ring:[ \t]*\n(?:[ \t]+.*\n|[ \t]*\n)*?[ \t]+status:[ \t]*[\"']?([a-z-]+)", re.MULTILINE)
NOT_RATED = "not-rated"
# The whole file in each diff, so both versions of a tool's file can be read back from it.
_WHOLE_FILE = "-U1000000"
# A recommendation's first line in a characteristic's diff: `+  - capability: model-registry`.
_RECOMMENDATION_LINE = re.compile(r"^([+-])\s*(?:-\s+)?capability:\s*[\"']?([a-z0-9-]+)[\"']?\s*$")


@dataclass(frozen=True)
class Change:
    """One change to the data, as the changes page lists it."""

    date: str
    commit: str
    action: Action
    kind: str
    id: str
    old_id: str | None = None
    capability: str | None = None
    from_ring: str | None = None
    to_ring: str | None = None


@dataclass(frozen=True)
class RingChange:
    """One change of a tool's ring in git: None for a file that did not exist on that side."""

    date: str
    commit: str
    tool: str
    from_ring: str | None
    to_ring: str | None

    @property
    def moved(self) -> bool:
        """Between two states of an existing tool (not its file being added or removed)."""
        return self.from_ring is not None and self.to_ring is not None and self.from_ring != self.to_ring


def load_last_updated(data_dir: Path) -> dict[str, str]:
    """'capabilities/model-registry.yml' -> the ISO 8601 date of the last commit that changed it."""
    dates: dict[str, str] = {}
    date = ""
    for line in _git_log(data_dir, "--format=" + _COMMIT + "%cI", "--name-only"):
        if line.startswith(_COMMIT):
            date = line[1:]
        elif line and line not in dates:
            dates[line] = date
    return dates


def load_ring_history(data_dir: Path) -> dict[str, list[RingChange]]:
    """Each tool's ring changes, oldest first: the ring it got when added, then every move.

    One `git log` pass over data/tools/ with whole files in the diffs, so each version's ring is
    read from the version itself, not guessed from the changed lines.
    """
    history: dict[str, list[RingChange]] = {}
    commit = date = ""
    tool: str | None = None
    old: list[str] = []
    new: list[str] = []
    state = {"added": False, "removed": False}

    def flush() -> None:
        if tool is None:
            return
        before = None if state["added"] else _ring_of("".join(old))
        after = None if state["removed"] else _ring_of("".join(new))
        if before != after:
            history.setdefault(tool, []).append(RingChange(date, commit, tool, before, after))

    for line in _git_log(
        data_dir, "--format=" + _COMMIT + "%H %cI", "--no-renames", _WHOLE_FILE, "-p", pathspec=_TOOLS
    ):
        if line.startswith((_COMMIT, "diff --git ")):
            flush()
            tool, old, new, state = None, [], [], {"added": False, "removed": False}
            if line.startswith(_COMMIT):
                commit, date = line[1:].split(" ", 1)
            elif match := _TOOL_FILE.match(line.removeprefix("diff --git a/").split(" b/", 1)[-1]):
                tool = match[1]
        elif tool is None or line.startswith(("+++", "---", "@@", "index ", "\\")):
            continue
        elif line.startswith("new file mode"):
            state["added"] = True
        elif line.startswith("deleted file mode"):
            state["removed"] = True
        elif line[:1] in (" ", "-"):
            old.append(line[1:] + "\n")
            if line[:1] == " ":
                new.append(line[1:] + "\n")
        elif line[:1] == "+":
            new.append(line[1:] + "\n")
    flush()
    # git log lists the newest commit first.
    return {tool_id: changes[::-1] for tool_id, changes in history.items()}


_ring_cache: dict[tuple[str, str | None], dict[str, list[RingChange]]] = {}


def current_ring_history(data_dir: Path) -> dict[str, list[RingChange]]:
    """load_ring_history, read once per commit: the tool pages, the changes page and the radar share it."""
    key = (str(data_dir.resolve()), _git(data_dir, "rev-parse", "HEAD"))
    if key not in _ring_cache:
        _ring_cache.clear()
        _ring_cache[key] = load_ring_history(data_dir)
    return _ring_cache[key]


def merge_changes(changes: list[Change], ring_moves: list[Change], limit: int) -> list[Change]:
    """Entity changes and ring moves in one list, newest first, at most `limit`."""
    return sorted([*changes, *ring_moves], key=lambda c: c.date, reverse=True)[:limit]


def _ring_of(text: str) -> str:
    """The ring status a version of a tool file sets (not rated when it sets none)."""
    match = _RING_STATUS.search(text)
    return match[1] if match else NOT_RATED


def ring_changes(history: dict[str, list[RingChange]]) -> list[Change]:
    """The moves between rings (a tool's first ring included), newest first, as changes-page entries."""
    moves = [c for changes in history.values() for c in changes if c.moved]
    return [
        Change(c.date, c.commit, "ring-changed", _TOOLS, c.tool, from_ring=c.from_ring, to_ring=c.to_ring)
        for c in sorted(moves, key=lambda c: c.date, reverse=True)
    ]


def load_changes(data_dir: Path, limit: int) -> list[Change]:
    """The latest changes to entities and recommendations, newest first, at most about `limit`."""
    changes: list[Change] = []
    commit = date = ""
    diff: _FileDiff | None = None
    for line in _git_log(data_dir, "--format=" + _COMMIT + "%H %cI", "-M", "-U0", "-p"):
        if line.startswith((_COMMIT, "diff --git ")):
            if diff:
                changes += diff.changes(commit, date)
                diff = None
            if line.startswith(_COMMIT):
                if len(changes) >= limit:
                    break
                commit, date = line[1:].split(" ", 1)
            else:
                diff = _FileDiff(*line.removeprefix("diff --git a/").split(" b/", 1))
        elif diff:
            diff.read(line)
    else:
        if diff:
            changes += diff.changes(commit, date)
    return changes[:limit]


class _FileDiff:
    """One file's part of a commit: what happened to it, and recommendation lines added or removed."""

    def __init__(self, old_path: str, new_path: str) -> None:
        self.old_path, self.new_path = old_path, new_path
        self.action: Action | None = None
        self.added: list[str] = []
        self.removed: list[str] = []

    def read(self, line: str) -> None:
        if line.startswith("new file mode"):
            self.action = "added"
        elif line.startswith("deleted file mode"):
            self.action = "removed"
        elif line.startswith("rename to "):
            self.action, self.new_path = "renamed", line.removeprefix("rename to ")
        elif line.startswith("rename from "):
            self.old_path = line.removeprefix("rename from ")
        elif not line.startswith(("+++", "---")) and (match := _RECOMMENDATION_LINE.match(line)):
            (self.added if match[1] == "+" else self.removed).append(match[2])

    def changes(self, commit: str, date: str) -> list[Change]:
        new, old = _ENTITY_FILE.match(self.new_path), _ENTITY_FILE.match(self.old_path)
        if self.action == "removed" and old:
            return [Change(date, commit, "removed", old[1], old[2])]
        if not new:
            return []
        if self.action == "added":
            return [Change(date, commit, "added", new[1], new[2])]
        if self.action == "renamed" and old and old[2] != new[2]:
            return [Change(date, commit, "renamed", new[1], new[2], old_id=old[2])]
        if new[1] != folder_of(Characteristic):
            return []
        # A recommendation edited in place shows as removed and added again: only the net change counts.
        gained = [c for c in dict.fromkeys(self.added) if c not in self.removed]
        lost = [c for c in dict.fromkeys(self.removed) if c not in self.added]
        return [Change(date, commit, "recommendation-added", new[1], new[2], capability=c) for c in gained] + [
            Change(date, commit, "recommendation-removed", new[1], new[2], capability=c) for c in lost
        ]


def _git_log(data_dir: Path, *options: str, pathspec: str = ".") -> Iterator[str]:
    """Lines of `git log` over the data folder (paths relative to it); none without a full history."""
    if _git(data_dir, "rev-parse", "--is-shallow-repository") != "false":
        return
    command = ["git", "-C", str(data_dir), "-c", "core.quotepath=off", "log", "--relative", *options, "--", pathspec]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8", errors="replace"
    ) as process:
        assert process.stdout is not None
        try:
            for line in process.stdout:
                yield line.rstrip("\n")
        finally:
            process.kill()


def _git(data_dir: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(data_dir), *args], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() if result.returncode == 0 else None
