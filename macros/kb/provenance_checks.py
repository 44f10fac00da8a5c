"""Checks of provenance: knowledge of the platform team's own, or another source's, says so truly."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from macros.kb.documents import Document
from macros.kb.kinds import kind_of
from macros.kb.model import KnowledgeBase
from macros.kb.problems import Problem

Documents = dict[tuple[str, str], Document]


def check_provenance(kb: KnowledgeBase, docs: Documents) -> Iterator[Problem]:
    """A characteristic of the platform team's own has no place in the post.

    (A decision date that is no calendar day is refused by the file's own check: the schema's
    "format": "date" on provenance.decided, with the file's other mistakes.)"""
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


def _doc(docs: Documents, entity: Any) -> Document:
    return docs[kind_of(entity).folder, entity.id]
