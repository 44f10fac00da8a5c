"""Problems found in the data, and how they are printed for contributors."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one data file."""

    path: str
    line: int
    column: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        label = "warning: " if self.severity == "warning" else ""
        # One problem, one line, whatever text from the file the message quotes.
        return f"{self.path.translate(_ONE_LINE)}:{self.line}:{self.column}: {label}{self.message.translate(_ONE_LINE)}"


# Characters that would break a message's line or drive the terminal: C0 and C1 controls, DEL,
# bidi controls (which reorder what the reader sees) and line separators. Each is shown escaped.
_INVISIBLE = [
    *range(0x20),
    0x7F,
    *range(0x80, 0xA0),
    0x061C,
    0x200E,
    0x200F,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
    0x2028,
    0x2029,
]
_ONE_LINE = {code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" for code in _INVISIBLE} | {
    9: "\\t",
    10: "\\n",
    13: "\\r",
}


def shown(value: object, limit: int = 60) -> str:
    """A value from a data file, quoted for a message: on one line, and cut when long."""
    text = str(value).translate(_ONE_LINE)
    return f"'{text[:limit]}…'" if len(text) > limit else f"'{text}'"


def did_you_mean(word: str, choices: Iterable[str], *, listed_up_to: int = 6, noun: str = "ids") -> str:
    """A hint naming the closest valid choices, or one listing them when few (up to listed_up_to)."""
    choices = sorted(set(choices))
    if not choices:  # a kind's folder emptied: "expected one of" would list nothing
        return "there are none yet"
    close = difflib.get_close_matches(word, choices, n=2, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    if len(choices) <= listed_up_to:
        return "expected one of " + ", ".join(f"'{c}'" for c in choices)
    return f"{len(choices)} valid {noun}; none is close"


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that stop a build."""
    return [p for p in problems if p.severity == "error"]


def format_report(problems: Iterable[Problem], file_count: int) -> str:
    """Every problem on its own line, sorted by place, then a one-line count."""
    problems = sorted(set(problems))
    errors = len(errors_in(problems))
    warnings = len(problems) - errors
    counts = [_plural(errors, "error")]
    if warnings:
        counts.append(_plural(warnings, "warning"))
    lines = [str(p) for p in problems]
    lines.append(f"{' and '.join(counts)} in {_plural(file_count, 'file')}")
    return "\n".join(lines)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
