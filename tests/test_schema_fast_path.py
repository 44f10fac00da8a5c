"""The compiled validator that lets valid files skip jsonschema agrees with jsonschema.

check_schema trusts the fast validator's "valid"; if it ever said valid where jsonschema finds a
problem, that problem would go unreported. So both judge the same broken documents: every field
of a few files of each kind (between them, every field the data uses) removed, emptied, retyped or
misspelt in turn.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from macros.kb.documents import load_document
from macros.kb.kinds import KINDS
from macros.kb.schemas import _fast_validator, _validator
from tests.sitebuild import ROOT

DATA_DIR = ROOT / "data"


def _fields(node: Any, trail: tuple = ()) -> Iterator[tuple]:
    """Every field trail of a document, list positions folded into one ("[]")."""
    yield trail
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _fields(child, trail + (key,))
    elif isinstance(node, list):
        for child in node:
            yield from _fields(child, trail + ("[]",))


def _samples(kind: str) -> list[Path]:
    """The fewest, smallest files of a kind that between them hold every field its files use.

    Every field the data uses is mutated, and no more of the same than needed: the validators'
    cost grows with a document's size, and a long list's tenth item tests what its first did.
    """
    docs = {path: load_document(path, DATA_DIR)[0].data for path in sorted((DATA_DIR / kind).glob("*.yml"))}
    fields = {path: set(_fields(data)) for path, data in docs.items()}
    wanted, chosen = set().union(*fields.values()), []
    while wanted:
        best = max(fields, key=lambda path: (len(fields[path] & wanted), -sum(1 for _ in _fields(docs[path]))))
        chosen.append(best)
        wanted -= fields[best]
    return chosen


SAMPLES = [path for kind in KINDS for path in _samples(kind)]


def _mutations(value: Any) -> Iterator[tuple[str, Any]]:
    """(what changed, the changed document) for every node of a document."""
    yield from _mutate(value, value, ())


def _mutate(root: Any, node: Any, trail: tuple) -> Iterator[tuple[str, Any]]:
    # "model-registry\n": Python's `$` matches before a final newline, the schema's does not.
    replacement: Any
    for replacement in ("", "Not An Id!", "model-registry\n", "https://example.com/\n", [], {}, None):
        yield f"{trail} = {replacement!r}", _replaced(root, trail, replacement)
    if isinstance(node, dict):
        yield f"{trail} + unknown key", _replaced(root, trail, {**node, "colour": "blue"})
        for key, child in node.items():
            yield f"{trail} - {key}", _replaced(root, trail, {k: v for k, v in node.items() if k != key})
            yield from _mutate(root, child, trail + (key,))
    elif isinstance(node, list):
        if node:
            yield f"{trail} twice", _replaced(root, trail, node + node[:1])
        for i, child in enumerate(node):
            yield from _mutate(root, child, trail + (i,))


def _replaced(root: Any, trail: tuple, value: Any) -> Any:
    if not trail:
        return value
    changed = copy.deepcopy(root)
    parent = changed
    for part in trail[:-1]:
        parent = parent[part]
    parent[trail[-1]] = value
    return changed


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fast_validator_agrees_with_jsonschema(path: Path) -> None:
    doc, problems = load_document(path, DATA_DIR)
    assert not problems
    fast, full = _fast_validator(doc.kind), _validator(doc.kind)
    disagreements = [
        what
        for what, data in _mutations(doc.data)
        if fast.is_valid(data) != (next(full.iter_errors(data), None) is None)
    ]
    assert disagreements == []


def test_a_situational_recommendation_without_condition_is_caught_by_both() -> None:
    docs = [load_document(path, DATA_DIR)[0] for path in sorted((DATA_DIR / "characteristics").glob("*.yml"))]
    doc = next(d for d in docs if d.data["recommendations"][0]["level"] == "core")
    doc.data["recommendations"][0]["level"] = "situational"
    assert not _fast_validator("characteristics").is_valid(doc.data)
    assert next(_validator("characteristics").iter_errors(doc.data), None) is not None
