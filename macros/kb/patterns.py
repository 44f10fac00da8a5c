"""Patterns a whole value must match (ids, file names, addresses), declared once: in the schemas.

JSON Schema patterns follow ECMA-262, where `$` is the end of the text. In Python's `re`, `$`
also matches before a final newline, so `"model-registry\n"` would pass `^…$`. Every pattern we
test in Python goes through full_match, which gives it the schema's verdict.
"""

from __future__ import annotations

import json
import re
from functools import cache

from macros.kb.characters import first_format_character
from macros.paths import SCHEMA_DIR


@cache
def full_match(pattern: str) -> re.Pattern[str]:
    """A schema pattern as a Python regex with the same verdict: an anchor `$` is the end of the text, never before a newline."""
    python, in_class, escaped = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            char = r"\Z"
        python.append(char)
    return re.compile("".join(python))


def _common_pattern(name: str) -> str:
    schema = json.loads((SCHEMA_DIR / "common.schema.json").read_text(encoding="utf-8"))
    pattern: str = schema["$defs"][name]["pattern"]
    return pattern


# An id, and so a data file's name without .yml: kebab-case words of lowercase letters and digits.
ID_PATTERN = full_match(_common_pattern("id"))


def is_id(text: str) -> bool:
    """True when the whole text is an id (no trailing newline, nothing around it)."""
    return ID_PATTERN.fullmatch(text) is not None


# An address: https:// and nothing a page could read as the end of an attribute or a tag (the
# schemas' https_url, which data URLs follow, and the site's own addresses from the environment).
HTTPS_URL_PATTERN = full_match(_common_pattern("https_url"))


def is_https_url(text: str) -> bool:
    """True when the whole text is an https:// address with no space, quote, angle bracket or invisible
    format character (which a data URL may not hold either: schemas.check_schema)."""
    return HTTPS_URL_PATTERN.fullmatch(text) is not None and first_format_character(text) is None
