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


# Unicode's format characters: zero-width spaces and joiners, the word joiner, the byte-order mark, bidi
# controls, the soft hyphen... Each shows nothing, so a value read by programs (an id, an address, a
# date) that holds one is not the value the contributor sees. One name, for Python and the profiler.
FORMAT_CATEGORY = "Cf"


def first_format_character(text: str) -> str | None:
    """The first format character (category Cf) in the text, or None."""
    return next((char for char in text if unicodedata.category(char) == FORMAT_CATEGORY), None)


def hidden_in_machine_value(text: str) -> str | None:
    """Why a value for programs (an id, an address, a date, a choice) may not be kept: the first
    invisible format character it holds, named; None when it holds none."""
    char = first_format_character(text)
    if char is None:
        return None
    return (
        f"holds the invisible character {describe(char)}, which no id, address, date or other value of "
        "fixed form may hold (remove it: it often comes with copied text)"
    )


def is_invisible(char: str) -> bool:
    """A character that shows nothing: whitespace, a format character, a control or a separator."""
    return char.isspace() or unicodedata.category(char) in {"Cf", "Cc", "Zs", "Zl", "Zp"}
