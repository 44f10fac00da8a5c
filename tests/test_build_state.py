"""A build's state lives on the site's plugin instance (macros/adapter/plugin.py), never in a module:
no module of macros/ starts an empty container at import to fill it later (a cache, a registry of
what was written), and none has a `global` statement (ruff's PLW0603 says so at `make lint`)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from macros.paths import PACKAGE_DIR, REPO_ROOT

CONTAINERS = {"dict", "list", "set", "defaultdict", "Counter", "OrderedDict", "deque"}


def empty_module_containers(source: str) -> list[str]:
    """The names a module binds, at its top level, to an empty container: state to be filled later."""
    found = []
    for node in ast.parse(source).body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        empty = (
            isinstance(value, ast.Dict | ast.List | ast.Set)
            and not (value.keys if isinstance(value, ast.Dict) else value.elts)
        ) or (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id in CONTAINERS
            and not value.args
            and not value.keywords
        )
        if empty:
            found += [ast.unparse(target) for target in targets]
    return found


@pytest.mark.parametrize(
    "source",
    ["_cache: dict[str, int] = {}", "_written = dict()", "_seen = set()", "order: list[str] = []", "_c = Counter()"],
)
def test_the_check_finds_a_module_level_cache(source: str) -> None:
    assert empty_module_containers(source)


def test_the_check_leaves_tables_and_local_state_alone() -> None:
    source = 'KINDS = {"a": 1}\nNAMES = ["x"]\ndef f():\n    seen = set()\n    return seen\nclass C:\n    def __init__(self):\n        self.cache = {}\n'
    assert empty_module_containers(source) == []


def test_no_module_of_the_generator_keeps_state_between_builds() -> None:
    found = {
        str(path.relative_to(REPO_ROOT)): names
        for path in sorted(PACKAGE_DIR.rglob("*.py"))
        if (names := empty_module_containers(Path(path).read_text(encoding="utf-8")))
    }
    assert found == {}
