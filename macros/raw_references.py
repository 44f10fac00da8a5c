"""References in a file that failed its schema check, checked all the same.

A file with a missing Japanese text is left out of the knowledge base, but a typo in one of its
ids should still show in the same run: every error at once, not one per run.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from macros.loader import Document, Trail
from macros.problems import Problem
from macros.validation import KnownIds, _reference

# Where each kind names other entities: a trail ("*" for every item of a list) and the kind named.
REFERENCES: dict[str, list[tuple[tuple[str, ...], str]]] = {
    "capabilities": [(("related", "*"), "capabilities"), (("tags", "*"), "tags"), (("source", "ref"), "sources")],
    "characteristics": [(("example",), "case-studies"), (("recommendations", "*", "capability"), "capabilities"),
                        (("source", "ref"), "sources")],
    "case-studies": [(("characteristics", "*"), "characteristics"), (("source", "ref"), "sources")],
}


def check_raw_references(doc: Document, known: KnownIds, renamed: dict[tuple[str, str], str]) -> Iterator[Problem]:
    """Every id the file names that no file has, read from its raw values."""
    for pattern, kind in REFERENCES.get(doc.kind, []):
        for trail, value in _values_at(doc.data, pattern, ()):
            if isinstance(value, str):
                yield from _reference(doc, trail, value, kind, known, renamed)


def _values_at(value: Any, pattern: tuple[str, ...], trail: Trail) -> Iterator[tuple[Trail, Any]]:
    if not pattern:
        yield trail, value
    elif pattern[0] == "*" and isinstance(value, list):
        for i, item in enumerate(value):
            yield from _values_at(item, pattern[1:], trail + (i,))
    elif isinstance(value, dict) and pattern[0] in value:
        yield from _values_at(value[pattern[0]], pattern[1:], trail + (pattern[0],))
