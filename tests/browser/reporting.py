"""Figures a test measures, printed after the run (`report` fixture) and kept in a file.

Tests that measure (search quality, say) hand their table to `report`; pytest prints every
table in its summary, even with -q, so the figures are read, not only asserted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

_REPORTS = pytest.StashKey[list[tuple[str, str]]]()


@pytest.fixture
def report(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[str, str], Path]:
    """report(title, text): print text under title after the run; returns the file it is kept in."""

    def add(title: str, text: str) -> Path:
        request.config.stash.setdefault(_REPORTS, []).append((title, text))
        path = tmp_path / (title.lower().replace(" ", "-") + ".txt")
        path.write_text(text + "\n", encoding="utf-8")
        return path

    return add


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    for title, text in config.stash.get(_REPORTS, []):
        terminalreporter.section(title)
        terminalreporter.write_line(text)
