"""The compiled validator that lets valid files skip jsonschema agrees with jsonschema.

check_schema trusts the fast validator's "valid"; if it ever said valid where jsonschema finds a
problem, that problem would go unreported. So both judge the same broken documents: every field
of one file of each kind removed, emptied, retyped or misspelt in turn.
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
SAMPLES = [next(iter(sorted((DATA_DIR / kind).glob("*.yml")))) for kind in KINDS]


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
