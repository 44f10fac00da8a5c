"""Characters that show nothing or reorder what is shown, and how our messages name them."""

from __future__ import annotations

import unicodedata

# Bidirectional controls reorder what is shown (the "Trojan Source" trick); the marks LRM, RLM and
# ALM, which right-to-left text legitimately needs, are not among them.
BIDI_CONTROLS = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
# Controls have no Unicode name; these are the ones people meet.
_NAMES = {
    "\ufeff": "BYTE ORDER MARK",
    "\x00": "NULL",
    "\x07": "BELL",
    "\x08": "BACKSPACE",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\r": "CARRIAGE RETURN",
    "\x85": "NEXT LINE",
}


def describe(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE': a character named, for messages about invisible ones."""
    name = _NAMES.get(char) or unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def is_invisible(char: str) -> bool:
    """A character that shows nothing: whitespace, a format character, a control or a separator."""
    return char.isspace() or unicodedata.category(char) in {"Cf", "Cc", "Zs", "Zl", "Zp"}
