"""What git knows about data/, read as data: validated facts per commit, and the views the pages show.

The fact API (for anything that shows history):

- `read_history(data_dir)` reads the first-parent history of data/ once (macros.site.git_log) and
  returns a `DataHistory`: `facts` (oldest first), `last_updated` (each file's last commit date),
  `warnings` (one per past version refused) and `unavailable` (why there is no history, or None).
- Each past version of a data file is read with our own YAML loader and checked with today's
  rules, on its own (macros.kb.load.build_entity_alone). A version that fails is skipped, as if
  its commit had not touched the file, with one warning naming the commit and the file.
- A `Fact` is one entity's change in one commit between two validated states: `before` and
  `after` are model objects (macros.kb.model) or None where the entity did not exist. `action` is
  "added", "removed", "changed" (any field: compare `before` and `after` for the one you show) or
  "renamed": a file removed and one added in the same commit whose `former_ids` name the first,
  one fact with `old_id`.
- Views derive from facts and nothing else: `ring_history` (each tool's rings), `list_changes`
  (the What changed entries). A new view (a kind's status, a system's capabilities) is one more
  function over `history.facts`, comparing `before` and `after`.

Nothing here is kept between calls: the caller owns the DataHistory for its build (and a
HistoryReader, which reads again only when HEAD moved, for a serve session).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from macros.kb.documents import MAX_FILE_BYTES, is_ignored
from macros.kb.kinds import KINDS, folder_of
from macros.kb.load import build_entity_alone
from macros.kb.model import NOT_RATED, Capability, Characteristic, System, Text, Tool
from macros.kb.page_addresses import taken_addresses
from macros.kb.patterns import is_id
from macros.kb.problems import Problem
from macros.site.git_log import (
    REGULAR_FILE_MODES,
    Commit,
    Deadline,
    FileChange,
    GitUnreadable,
    read_blobs,
    read_commits,
    run_git,
)

__all__ = [
    "NOT_RATED",
    "Change",
    "DataHistory",
    "Fact",
    "HistoryReader",
    "RingChange",
    "list_changes",
    "read_history",
    "ring_history",
]

# Reading the history may take this long at most; past it, the site is built without it.
HISTORY_SECONDS = 60.0

# A build prints this many refused past versions, then how many more (a schema change refuses every older version).
WARNINGS_SHOWN = 5

FactAction = Literal["added", "removed", "changed", "renamed"]
Action = Literal[
    "added",
    "removed",
    "renamed",
    "recommendation-added",
    "recommendation-removed",
    "ring-changed",
    "system-retired",
    "in-place-added",
    "in-place-removed",
    "status-changed",
]


@dataclass(frozen=True)
class Fact:
    """One entity's change in one commit, between two validated states (None: it did not exist)."""

    commit: str
    date: str  # the commit's committer date, ISO 8601
    kind: str  # its data folder (macros.kb.kinds)
    id: str
    action: FactAction
    before: Any | None
    after: Any | None
    old_id: str | None = None  # renamed: the id before


@dataclass(frozen=True)
class DataHistory:
    """The validated history of data/: facts oldest first, and what reading it found."""

    facts: tuple[Fact, ...] = ()
    last_updated: Mapping[str, str] = field(default_factory=dict)  # 'tools/x.yml' -> its last commit's date
    warnings: tuple[Problem, ...] = ()
    unavailable: str | None = None  # why the history is left out, in one line


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
    from_status: str | None = None  # a tool's status (its makers' fact), with their reason and its successor
    to_status: str | None = None
    reason: Text | None = None
    successor: str | None = None


@dataclass(frozen=True)
class RingChange:
    """One change of a tool's ring: None for a tool that did not exist on that side. The history only
    orders the changes: `date` is the new ring's own day (Ring.decided_on), not its commit's."""

    date: str
    commit: str
    tool: str
    from_ring: str | None
    to_ring: str | None

    @property
    def moved(self) -> bool:
        """Between two states of an existing tool (not its file being added or removed)."""
        return self.from_ring is not None and self.to_ring is not None and self.from_ring != self.to_ring


class HistoryReader:
    """read_history, read again only when the branch moved: `make serve` keeps one for its session."""

    def __init__(self) -> None:
        self.last: tuple[tuple[Path, bytes], DataHistory] | None = None

    def read(self, data_dir: Path) -> DataHistory:
        """The history of data_dir, as read_history returns it (the last one while HEAD is the same commit)."""
        try:
            head = run_git(data_dir, Deadline.after(HISTORY_SECONDS), "rev-parse", "HEAD")
        except GitUnreadable:
            return read_history(data_dir)
        key = (data_dir.resolve(), head)
        if self.last is None or self.last[0] != key:
            self.last = (key, read_history(data_dir))
        return self.last[1]


def read_history(data_dir: Path, *, seconds: float = HISTORY_SECONDS) -> DataHistory:
    """The validated history of the data folder; without one, `unavailable` says why and the rest is empty."""
    deadline = Deadline.after(seconds)
    try:
        commits = read_commits(data_dir, deadline)
        entity_files = [(commit, change, entity_path(change.path)) for commit in commits for change in commit.files]
        blobs = read_blobs(
            data_dir,
            (c.new_blob for _, c, where in entity_files if where and c.new_blob and c.new_mode in REGULAR_FILE_MODES),
            deadline,
            MAX_FILE_BYTES,
        )
    except GitUnreadable as reason:
        return DataHistory(unavailable=str(reason))
    reader = _VersionReader(data_dir.name, blobs)
    facts = [fact for commit in commits for fact in reader.facts_of(commit)]
    last_updated = {change.path: commit.date for commit in commits for change in commit.files}
    return DataHistory(tuple(facts), last_updated, tuple(reader.warnings))


def report_history(history: DataHistory, folder: str, shown: int = WARNINGS_SHOWN) -> list[str]:
    """What a build prints about its history: why it is left out, or the first refused versions and how many more."""
    if history.unavailable:
        return [str(Problem(f"{folder}/", 1, 1, f"the history is left out: {history.unavailable}", "warning"))]
    lines = [str(warning) for warning in history.warnings[:shown]]
    more = len(history.warnings) - shown
    if more > 0:
        lines.append(
            str(
                Problem(
                    f"{folder}/", 1, 1, f"{more} more past versions are left out of the history the same way", "warning"
                )
            )
        )
    return lines


def entity_path(path: str) -> tuple[str, str] | None:
    """(kind, id) for the path of a data file as today's loader places it, else None."""
    parts = path.split("/")
    if len(parts) != 2 or parts[0] not in KINDS or is_ignored(parts[1]) or not parts[1].endswith(".yml"):
        return None
    id = parts[1].removesuffix(".yml")
    return (parts[0], id) if is_id(id) else None


# A file that exists but none of whose versions so far passes today's rules.
_REFUSED = object()


class _VersionReader:
    """Walks the commits oldest first, keeping each entity's last validated state."""

    def __init__(self, folder: str, blobs: Mapping[str, bytes | None]) -> None:
        self.folder, self.blobs = folder, blobs
        self.state: dict[tuple[str, str], Any] = {}  # each entity's last valid version (or _REFUSED)
        self.checked: dict[tuple[str, str, str], Any | None] = {}  # (kind, id, blob) -> entity, None: refused
        self.warnings: list[Problem] = []
        self.taken = taken_addresses()

    def facts_of(self, commit: Commit) -> list[Fact]:
        facts: list[Fact] = []
        for change in commit.files:
            where = entity_path(change.path)
            if where is None:
                continue
            before = self.state.get(where)
            after = None if change.new_blob is None else self._version(commit, change, where)
            if change.new_blob is not None and after is None:
                # Refused: the history goes on as if this commit had left the file alone (a file whose
                # versions were all refused is there, its content unknown).
                self.state.setdefault(where, _REFUSED)
                continue
            if after is None:
                self.state.pop(where, None)
            else:
                self.state[where] = after
            if before is _REFUSED or before == after:  # from unknown content: no fact can be stated
                continue
            action: FactAction = "added" if before is None else "removed" if after is None else "changed"
            facts.append(Fact(commit.hash, commit.date, where[0], where[1], action, before, after))
        return _paired_renames(facts)

    def _version(self, commit: Commit, change: FileChange, where: tuple[str, str]) -> Any | None:
        """The entity of a file's version in a commit, or None (warned once) when today's rules refuse it."""
        key = (*where, change.new_blob or "")
        if key in self.checked:
            return self.checked[key]
        path = f"{self.folder}/{change.path}"
        raw = self.blobs.get(change.new_blob or "")
        if change.new_mode not in REGULAR_FILE_MODES:
            problems = [Problem(path, 1, 1, "not a regular file")]
        elif raw is None:
            problems = [Problem(path, 1, 1, f"larger than {MAX_FILE_BYTES // 1_000_000} MB")]
        else:
            entity, problems = build_entity_alone(*where, raw, self.taken)
            if entity is not None:
                self.checked[key] = entity
                return entity
        first = problems[0]
        self.warnings.append(
            Problem(
                path,
                first.line,
                first.column,
                f"commit {commit.hash[:10]} ({commit.date[:10]}): {first.message} "
                "(today's rules refuse this past version: it is left out of the history)",
                "warning",
            )
        )
        self.checked[key] = None
        return None


def _paired_renames(facts: list[Fact]) -> list[Fact]:
    """A file removed and one added in the same commit, whose former_ids name the first: one renamed fact."""
    removed = {(f.kind, f.id): f for f in facts if f.action == "removed"}
    paired: set[tuple[str, str]] = set()
    result: list[Fact] = []
    for fact in facts:
        if fact.action == "added":
            old = next(
                (removed[(fact.kind, o)] for o in getattr(fact.after, "former_ids", ()) if (fact.kind, o) in removed),
                None,
            )
            if old is not None and (old.kind, old.id) not in paired:
                paired.add((old.kind, old.id))
                result.append(
                    Fact(fact.commit, fact.date, fact.kind, fact.id, "renamed", old.before, fact.after, old_id=old.id)
                )
                continue
        result.append(fact)
    return [f for f in result if not (f.action == "removed" and (f.kind, f.id) in paired)]


def _ring(tool: Tool | None) -> str | None:
    return None if tool is None else tool.ring.status


def _ring_day(fact: Fact) -> str:
    """The day of the ring a fact leaves its tool in: its decision's (ring.date), else the commit's."""
    return fact.after.ring.decided_on(fact.date) if isinstance(fact.after, Tool) else fact.date


def tool_lineages(history: DataHistory) -> dict[str, list[Fact]]:
    """Each tool's facts, oldest first, under its id of today (a rename carries them on)."""
    lineages: dict[str, list[Fact]] = {}
    for fact in history.facts:
        if fact.kind != folder_of(Tool):
            continue
        facts = lineages.pop(fact.old_id, []) if fact.old_id else lineages.get(fact.id, [])
        lineages[fact.id] = [*facts, fact]
    return lineages


def ring_history(history: DataHistory) -> dict[str, list[RingChange]]:
    """Each tool's ring changes, oldest first: the ring it got when added, then every move (a rename carries them on)."""
    rings: dict[str, list[RingChange]] = {}
    for tool_id, facts in tool_lineages(history).items():
        changes = [
            RingChange(_ring_day(fact), fact.commit, fact.id, before, after)
            for fact in facts
            if (before := _ring(fact.before)) != (after := _ring(fact.after))
        ]
        if changes:
            rings[tool_id] = changes
    return rings


def list_changes(history: DataHistory, limit: int) -> list[Change]:
    """The What changed entries, newest first, at most `limit`: entities added, removed and renamed,
    recommendations added and withdrawn, tools moved between rings or given another status. Each is dated
    by its commit, but a ring change by the ring's own day (Ring.decided_on), as the tool's page says it.

    A rename is one entry: the references that follow it (a characteristic recommending the renamed
    capability) are read under the entity's id of today, so they are no withdrawn and new recommendation."""
    renamed = _renames(history)
    changes: list[Change] = []
    for fact in reversed(history.facts):
        changes += _changes_of(fact, renamed)
        if len(changes) >= limit:
            break
    # Newest day first: a ring decision is listed on its own day (ring.date), which its commit may follow.
    return sorted(changes[:limit], key=lambda change: change.date[:10], reverse=True)


def _renames(history: DataHistory) -> dict[tuple[str, str], str]:
    """(kind, an id it had) -> its id of today, through every rename of the history (a former id is never reused)."""
    renamed = {(f.kind, f.old_id): f.id for f in history.facts if f.action == "renamed" and f.old_id}
    for key in list(renamed):
        seen = {key}
        while (key[0], renamed[key]) in renamed and (key[0], renamed[key]) not in seen:
            seen.add((key[0], renamed[key]))
            renamed[key] = renamed[key[0], renamed[key]]
    return renamed


def _changes_of(fact: Fact, renamed: Mapping[tuple[str, str], str]) -> Iterator[Change]:
    """A fact's entries, each under the entity's id of today: one renamed since is listed (and
    linked) as the entity it is now, from the day it was added."""
    for change in _changes_under_past_id(fact, renamed):
        yield replace(change, id=renamed.get((change.kind, change.id), change.id))


def _changes_under_past_id(fact: Fact, renamed: Mapping[tuple[str, str], str]) -> Iterator[Change]:
    if KINDS[fact.kind].history:
        if fact.action in ("added", "removed"):
            yield Change(fact.date, fact.commit, fact.action, fact.kind, fact.id)
        elif fact.action == "renamed":
            yield Change(fact.date, fact.commit, "renamed", fact.kind, fact.id, old_id=fact.old_id)
    if isinstance(fact.before, Tool) and isinstance(fact.after, Tool) and _ring(fact.before) != _ring(fact.after):
        yield Change(
            _ring_day(fact),
            fact.commit,
            "ring-changed",
            fact.kind,
            fact.id,
            from_ring=_ring(fact.before),
            to_ring=_ring(fact.after),
        )
    if isinstance(fact.before, System) and isinstance(fact.after, System):
        yield from _system_changes(
            fact, fact.before, fact.after, lambda id: renamed.get((folder_of(Capability), id), id)
        )
    if isinstance(fact.before, Tool) and isinstance(fact.after, Tool) and fact.before.status != fact.after.status:
        yield Change(
            fact.date,
            fact.commit,
            "status-changed",
            fact.kind,
            fact.id,
            from_status=fact.before.status,
            to_status=fact.after.status,
            reason=fact.after.status_reason,
            successor=fact.after.successor,
        )
    if isinstance(fact.before, Characteristic) and isinstance(fact.after, Characteristic):
        capabilities = folder_of(Capability)

        def today(id: str) -> str:
            return renamed.get((capabilities, id), id)

        before = [today(r.capability) for r in fact.before.recommendations]
        after = [today(r.capability) for r in fact.after.recommendations]
        for capability in dict.fromkeys(after):
            if capability not in before:
                yield Change(fact.date, fact.commit, "recommendation-added", fact.kind, fact.id, capability=capability)
        for capability in dict.fromkeys(before):
            if capability not in after:
                yield Change(
                    fact.date, fact.commit, "recommendation-removed", fact.kind, fact.id, capability=capability
                )


def _system_changes(
    fact: Fact, before: System, after: System, today: Callable[[str], str] = lambda id: id
) -> Iterator[Change]:
    """A system retired, and the capabilities that came wholly into place in it or went (a partial one is not in
    place); a capability by its id of today (`today`), so a rename is not one going and another coming."""
    if after.retired and not before.retired:
        yield Change(fact.date, fact.commit, "system-retired", fact.kind, fact.id)
    had = [today(e.capability) for e in before.in_place if e.state == "in-place"]
    has = [today(e.capability) for e in after.in_place if e.state == "in-place"]
    for capability in has:
        if capability not in had:
            yield Change(fact.date, fact.commit, "in-place-added", fact.kind, fact.id, capability=capability)
    for capability in had:
        if capability not in has:
            yield Change(fact.date, fact.commit, "in-place-removed", fact.kind, fact.id, capability=capability)
