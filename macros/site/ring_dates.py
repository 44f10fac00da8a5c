"""A tool's ring date against git's history of its file (read by macros.site.history, never from git's
human output): a decision dated before the tool came into the data, where it came in another ring.

A ring's day is its `date` (Ring.decided_on), and git only orders the decisions: one committed late
keeps its day. A tool that came into the data with its ring (the import of decisions taken before
the knowledge base, or a revert to that ring) is in order. But a tool that came in not rated, or in
another ring, and now has a ring dated before that day reads backwards: its ring history and What
changed put this decision before the tool was added. The team may have decided first and written
it down late, so this is a warning, not an error; a ring dated in the future is an error of the
data alone (macros.kb.validation.check_ring_date).
"""

from __future__ import annotations

from pathlib import Path

from macros.kb.documents import load_document
from macros.kb.kinds import folder_of
from macros.kb.model import KnowledgeBase, Tool
from macros.kb.problems import Problem
from macros.site.history import DataHistory, Fact, tool_lineages


def check_ring_dates(kb: KnowledgeBase, history: DataHistory, data_dir: Path) -> list[Problem]:
    """Warnings, at each ring.date (read from the tool's file): a rated tool whose ring is dated before
    the tool came into the data, where it came in not rated or in another ring."""
    lineages = tool_lineages(history)
    problems = []
    for tool in kb.tools.values():
        ring, facts = tool.ring, lineages.get(tool.id)
        if not ring.rated or not ring.date or not facts:  # not rated, or not committed yet: nothing to compare
            continue
        arrival = facts[0]
        # Its first versions refused by today's rules, the history starts at a change: when it came in is
        # not known (the first version that passes is no arrival), so there is nothing to compare with.
        if arrival.action != "added":
            continue
        first_with_ring = next((f for f in facts if _ring_of(f) == (ring.status, ring.date)), None)
        if first_with_ring is arrival or ring.date >= arrival.date[:10]:
            continue
        came_in = _ring_of(arrival)
        problems.append(_problem(data_dir, tool, arrival, "in " + came_in[0] if came_in else "not rated"))
    return problems


def _ring_of(fact: Fact) -> tuple[str, str | None] | None:
    """The ring a fact leaves its tool in (status and date); None when it removes the tool or leaves it not rated."""
    if not isinstance(fact.after, Tool) or not fact.after.ring.rated:
        return None
    return fact.after.ring.status, fact.after.ring.date


def _problem(data_dir: Path, tool: Tool, arrival: Fact, came_in: str) -> Problem:
    path = data_dir / folder_of(Tool) / f"{tool.id}.yml"
    doc, unread = load_document(path, data_dir)
    message = (
        f"'{tool.ring.date}' is before the tool came into the data, {came_in} (commit {arrival.commit[:10]}, "
        f"{arrival.date[:10]}): its ring history and What changed would list this decision before the tool "
        "was added (if the team decided on that day, keep it; else write the day it decided)"
    )
    if unread:  # changed on disk since it was loaded: said at the file
        return Problem(doc.path, 1, 1, f"ring.date: {message}", "warning")
    return doc.problem(("ring", "date"), message, severity="warning")
