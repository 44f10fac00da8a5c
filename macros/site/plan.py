"""What a plan shows, decided once here: the case-study checklists print it (case-study.md.j2,
_tools.j2) and api/v1/plan.json publishes it for the profiler, which only displays what it reads.

The ranking of a plan's capabilities depends on which characteristics a reader ticks, so the
profiler applies plan_rank's rule itself: plan.json publishes its keys (PLAN_RANK_KEYS, in order)
and the order of each, and profiler.js sorts by them as published.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from macros.kb.kinds import folder_of
from macros.kb.model import (
    LANGUAGES,
    LEVEL_ORDER,
    PLAN_RANK_KEYS,
    STRENGTH_ORDER,
    Capability,
    Characteristic,
    KnowledgeBase,
    RingStatus,
    Tool,
    declared_order,
)

# The tools a capability's line names; the landscape lists them all.
TOOLS_SHOWN = 12

# The mark of what is not the source's, by who says it (KnowledgeBase.said_by): the matrix, the pages
# and the profiler print these, each explained by its strings (matrix_legend_<who>, said_by_<who>).
SAID_BY_MARKS = {"platform-team": "‡", "other-source": "§"}


@dataclass(frozen=True)
class ToolsToUse:
    """A capability's tools line: the adopted tools, else those on trial, else none (ring None)."""

    ring: RingStatus | None
    tools: tuple[Tool, ...]

    @property
    def shown(self) -> tuple[Tool, ...]:
        """The tools the line names; the others are left to the landscape."""
        return self.tools[:TOOLS_SHOWN]


def tools_to_use(kb: KnowledgeBase, capability_id: str) -> ToolsToUse:
    """What a team should reach for, for one capability, as every plan says it."""
    ring, tools = kb.tools_to_use(capability_id)
    return ToolsToUse(ring, tuple(tools))


def build_plan_document(kb: KnowledgeBase) -> dict[str, Any]:
    """api/v1/plan.json: the orders a plan ranks by, and each capability's tools line (tool ids)."""
    return {
        "rank": list(PLAN_RANK_KEYS),
        "strengths": sorted(STRENGTH_ORDER, key=STRENGTH_ORDER.__getitem__),
        "levels": sorted(LEVEL_ORDER, key=LEVEL_ORDER.__getitem__),
        folder_of(Characteristic): [c.id for c in sorted(kb.characteristics.values(), key=declared_order)],
        folder_of(Capability): [c.id for c in sorted(kb.capabilities.values(), key=declared_order)],
        "tools_to_use": {cap_id: _tools_entry(tools_to_use(kb, cap_id)) for cap_id in sorted(kb.capabilities)},
        # The registered sources that are not the source (KnowledgeBase.said_by): what cites one is marked as theirs.
        "other_sources": {
            source.id: {"title": {lang: source.title[lang] for lang in LANGUAGES}}
            for source in sorted(kb.sources.values(), key=lambda s: s.id)
            if not source.foundation
        },
    }


def _tools_entry(choice: ToolsToUse) -> dict[str, Any]:
    return {"ring": choice.ring, folder_of(Tool): [t.id for t in choice.tools], "shown": len(choice.shown)}
