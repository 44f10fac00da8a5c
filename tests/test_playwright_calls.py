"""Playwright code that runs inside our pages: a wait_for_function given source text must give a
function. Playwright evaluates an expression's text with eval, which every page's Content Security
Policy refuses (the wait then fails, in a test or in `make bench`, not where it was written)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from macros.paths import REPO_ROOT

_FUNCTION = re.compile(r"\s*(?:async\s+)?(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*=>|\s*(?:async\s+)?function\b")


def _calls_with_text(path: Path, root: Path = REPO_ROOT) -> list[str]:
    """Each wait_for_function in a file whose first argument is source text that is no function."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "wait_for_function"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and not _FUNCTION.match(node.args[0].value)
        ):
            found.append(f"{path.relative_to(root)}:{node.lineno}: {node.args[0].value[:60]!r}")
    return found


def test_every_wait_for_function_passes_a_function() -> None:
    files = [*(REPO_ROOT / "tests").rglob("*.py"), *(REPO_ROOT / "benchmarks").rglob("*.py")]
    assert files
    assert [call for path in sorted(files) for call in _calls_with_text(path)] == []


def test_the_check_finds_an_expression(tmp_path: Path) -> None:
    # What the check above would have caught: make bench's two waits written as expressions.
    probe = tmp_path / "probe.py"
    probe.write_text('page.wait_for_function("window.ready === true")\npage.wait_for_function("() => 1")\n')
    assert _calls_with_text(probe, tmp_path) == ["probe.py:1: 'window.ready === true'"]
