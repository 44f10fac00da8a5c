"""Placeholders the scaffold leaves in a new data file: each one is an error until replaced.

Text placeholders start with `TODO` and id placeholders with `todo-`, so a new file's only
errors are the places still waiting for the contributor's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from macros.kb.documents import Document, Trail
from macros.kb.kinds import KINDS
from macros.kb.problems import Problem

PLACEHOLDER = re.compile(r"^(TODO\b|todo-)")

# Each id placeholder of the scaffolds (todo-<kind>-id), and the data folder whose ids may replace it.
_ID_FOLDERS = {f"todo-{kind.schema}-id": kind.folder for kind in KINDS.values()}
# Id placeholders whose valid ids are not a folder's files.
_ID_HINTS = {
    "todo-capability-function-id": "the id of one of that capability's functions",
    "todo-function-id": "a new id for this function, in kebab-case",
}
_LISTED = 15  # ids named in a hint; more are counted
_ID_MESSAGE = re.compile(r"replace '(todo-[a-z-]+)'$")


def is_placeholder(value: Any) -> bool:
    """True for a scaffold placeholder (`TODO: ...` text or a `todo-...` id)."""
    return isinstance(value, str) and bool(PLACEHOLDER.match(value.strip()))


def check_placeholders(doc: Document) -> list[Problem]:
    """One error per placeholder still in the file, at its place."""
    if "TODO" not in doc.text and "todo-" not in doc.text:  # nearly every file: no need to walk its values
        return []
    return [
        doc.problem(trail, f"placeholder text left: replace '{value.strip()}'")
        for trail, value in _strings(doc.data, ())
        if is_placeholder(value)
    ]


def with_valid_ids(placeholders: list[Problem], known: Mapping[str, set[str]]) -> list[Problem]:
    """Each id placeholder's message, with the ids that may replace it."""
    return [
        replace(p, message=p.message + _valid_ids(match[1], known)) if (match := _ID_MESSAGE.search(p.message)) else p
        for p in placeholders
    ]


def _valid_ids(placeholder: str, known: Mapping[str, set[str]]) -> str:
    if placeholder in _ID_HINTS:
        return f" ({_ID_HINTS[placeholder]})"
    folder = _ID_FOLDERS.get(placeholder)
    if folder is None:
        return ""
    ids = sorted(known.get(folder, ()))
    if not ids:
        return f" (with the id of a file in data/{folder}/)"
    more = f" … {len(ids)} in all" if len(ids) > _LISTED else ""
    return f" (with one of the ids in data/{folder}/: {', '.join(ids[:_LISTED])}{more})"


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
