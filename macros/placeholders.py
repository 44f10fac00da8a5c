"""Placeholders the scaffold leaves in a new data file: each one is an error until replaced.

Text placeholders start with `TODO` and id placeholders with `todo-`, so a new file's only
errors are the places still waiting for the contributor's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from macros.loader import Document, Trail
from macros.problems import Problem

PLACEHOLDER = re.compile(r"^(TODO\b|todo-)")


def is_placeholder(value: Any) -> bool:
    """True for a scaffold placeholder (`TODO: ...` text or a `todo-...` id)."""
    return isinstance(value, str) and bool(PLACEHOLDER.match(value.strip()))


def check_placeholders(doc: Document) -> list[Problem]:
    """One error per placeholder still in the file, at its place."""
    if "TODO" not in doc.text and "todo-" not in doc.text:  # nearly every file: no need to walk its values
        return []
    return [doc.problem(trail, f"placeholder text left: replace '{value.strip()}'")
            for trail, value in _strings(doc.data, ()) if is_placeholder(value)]


def without_masked(problems: Iterable[Problem], placeholders: list[Problem]) -> list[Problem]:
    """The problems not standing on a placeholder: an unknown `todo-...` id is reported once, as a placeholder."""
    places = {(p.path, p.line, p.column) for p in placeholders}
    return [p for p in problems if (p.path, p.line, p.column) not in places]


def _strings(value: Any, trail: Trail) -> Iterator[tuple[Trail, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, trail + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, trail + (i,))
    elif isinstance(value, str):
        yield trail, value
