"""What a text in a data file may hold, and when two names read the same: the rules on data text.

Data text becomes HTML, Markdown, JSON, CSV and terminal output; anything here that can only be a
mistake (or an attack) is refused at its field, before any of those is written. No I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from macros.kb.characters import BIDI_CONTROLS, describe, is_invisible
from macros.kb.documents import Document
from macros.kb.problems import Problem

# What a text may not hold: controls (Cc) but newline and tab, bidi controls, the byte-order mark,
# line and paragraph separators, surrogates. One regex: the check runs on every text of every build.
# The same as code point ranges, for the profiler's system file (profiler.js), which drops them.
FORBIDDEN_RANGES: tuple[tuple[int, int], ...] = (
    (0x00, 0x08),
    (0x0B, 0x1F),
    (0x7F, 0x9F),
    (0x2028, 0x2029),
    (0xFEFF, 0xFEFF),
    (0xD800, 0xDFFF),
    *((ord(c), ord(c)) for c in sorted(BIDI_CONTROLS)),
)
_FORBIDDEN = re.compile(
    "["
    + "".join(
        re.escape(chr(low)) + ("-" + re.escape(chr(high)) if high > low else "") for low, high in FORBIDDEN_RANGES
    )
    + "]"
)


def forbidden_character(text: str) -> str | None:
    """Why the text may not be kept (its first forbidden character, named), or None."""
    found = _FORBIDDEN.search(text)
    if not found:
        return None
    char = found[0]
    if unicodedata.category(char) == "Cc":
        return f"holds the invisible control character {describe(char)} (remove it)"
    if char in BIDI_CONTROLS:
        return f"holds the bidirectional control {describe(char)}, which reorders how the text is shown (remove it)"
    return f"holds the invisible character {describe(char)} (remove it)"


def shows_nothing(text: str) -> bool:
    """True for a text of spaces and invisible characters only (an empty one too)."""
    stripped = text.strip()
    if stripped and not is_invisible(stripped[0]):  # nearly every text: it starts with something to see
        return False
    return all(is_invisible(c) for c in stripped)


def check_texts(doc: Document) -> Iterator[Problem]:
    """Every text value of a file holds something visible and no control character. (A value for
    programs, an id or an address, holds no invisible format character either: schemas.check_schema.)"""
    for trail, text in doc.texts:
        if text and shows_nothing(text):
            yield doc.problem(trail, "holds only spaces or invisible characters (write the text, or remove the field)")
            continue
        problem = forbidden_character(text)
        if problem:
            yield doc.problem(trail, problem)


# Letters of other scripts drawn like Latin ones (Cyrillic, Greek), folded to the Latin letter so
# that 'Mоdel registry' with a Cyrillic о reads as the 'Model registry' it impersonates.
_CONFUSABLES = str.maketrans(
    {
        "а": "a",
        "в": "b",
        "е": "e",
        "к": "k",
        "м": "m",
        "н": "h",
        "о": "o",
        "р": "p",
        "с": "c",
        "т": "t",
        "у": "y",
        "х": "x",
        "і": "i",
        "ј": "j",
        "ѕ": "s",
        "ԁ": "d",
        "ԛ": "q",
        "ԝ": "w",
        "ɡ": "g",
        "ӏ": "l",
        "α": "a",
        "β": "b",
        "ε": "e",
        "η": "n",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        "ϲ": "c",
        "ℓ": "l",
        "ı": "i",
        "А": "A",
        "В": "B",
        "Е": "E",
        "К": "K",
        "М": "M",
        "Н": "H",
        "О": "O",
        "Р": "P",
        "С": "C",
        "Т": "T",
        "Х": "X",
        "І": "I",
        "Ј": "J",
        "Ѕ": "S",
        "Α": "A",
        "Β": "B",
        "Ε": "E",
        "Ζ": "Z",
        "Η": "H",
        "Ι": "I",
        "Κ": "K",
        "Μ": "M",
        "Ν": "N",
        "Ο": "O",
        "Ρ": "P",
        "Τ": "T",
        "Υ": "Y",
        "Χ": "X",
    }
)


def folded(text: str) -> str:
    """A name as a reader sees it: compatibility-normalised (NFKC, so NFC and NFD forms and full-width
    letters meet), look-alike letters folded, invisible characters dropped and spaces collapsed.
    Case is kept: 'mlflow' beside 'MLflow' is a deliberate alias, not a disguise."""
    text = unicodedata.normalize("NFKC", text).translate(_CONFUSABLES)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(text.split())
