"""Checks of provenance: knowledge of the platform team's own, or another source's, says so truly."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from macros.kb.documents import Document, Trail
from macros.kb.kinds import kind_of
from macros.kb.model import KnowledgeBase, Provenance
from macros.kb.problems import Problem

Documents = dict[tuple[str, str], Document]


def check_provenance(kb: KnowledgeBase, docs: Documents, today: datetime.date) -> Iterator[Problem]:
    """Each decision is dated by today at the latest; a characteristic of the platform team's own has
    no place in the post.

    (A decision date that is no calendar day is refused by the file's own check: the schema's
    "format": "date" on provenance.decided, with the file's other mistakes.)"""
    for entity, trail, provenance in _provenances(kb):
        if provenance.decided and provenance.decided > today.isoformat():  # both YYYY-MM-DD, valid days
            yield _doc(docs, entity).problem(
                trail + ("decided",),
                f"'{provenance.decided}' is in the future (the day the platform team decided, at the latest today)",
            )
    for char in kb.characteristics.values():
        if not char.provenance.ours:
            continue
        for i, rec in enumerate(char.recommendations):
            for said, place in ((rec, ()), *(((rec.stronger, ("stronger",)),) if rec.stronger else ())):
                if said.origin != "elsewhere":
                    yield _doc(docs, char).problem(
                        ("recommendations", i, *place, "source"),
                        f"'{said.origin}' is a place in the post, and this characteristic is the platform team's own "
                        "(write source: {by: platform-team, rationale: ..., decided: YYYY-MM-DD}, "
                        "or ref: and section: of the source that says it)",
                    )


def _provenances(kb: KnowledgeBase) -> Iterator[tuple[Any, Trail, Provenance]]:
    """Every provenance of the knowledge base, with the entity and the trail of its field."""
    for char in kb.characteristics.values():
        yield char, ("source",), char.provenance
        for i, rec in enumerate(char.recommendations):
            yield char, ("recommendations", i, "source"), rec.provenance
            if rec.stronger:
                yield char, ("recommendations", i, "stronger", "source"), rec.stronger.provenance
    for cap in kb.capabilities.values():
        for i, function in enumerate(cap.functions):
            yield cap, ("functions", i, "source"), function.provenance
    for term in kb.terms.values():
        yield term, ("source",), term.provenance


def _doc(docs: Documents, entity: Any) -> Document:
    return docs[kind_of(entity).folder, entity.id]
