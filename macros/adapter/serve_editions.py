"""`make serve`'s editions: each edition's local address (KB_SERVE_EDITIONS), read as input like any other.

macros/commands/serve.py sets it; the language switch then leads to the same page in the other
edition's server. A value that is not what that command writes is skipped with one warning.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from macros.kb.model import LANGUAGES

# The environment variable macros/commands/serve.py sets.
SERVE_EDITIONS = "KB_SERVE_EDITIONS"

# What macros/commands/serve.py writes: a loopback address with a port, and nothing else.
_LOCAL_ADDRESS = re.compile(r"http://127\.0\.0\.1:[0-9]{1,5}/")


def read_serve_editions(value: str | None) -> tuple[dict[str, str], str | None]:
    """(each declared language's local address, a warning): empty when unset or unreadable."""
    if not value:
        return {}, None
    try:
        parsed: Any = json.loads(value)
    except ValueError:
        return {}, "KB_SERVE_EDITIONS: not JSON; the language switch keeps the served edition's own links"
    if not isinstance(parsed, Mapping) or not all(
        lang in LANGUAGES and isinstance(address, str) and _LOCAL_ADDRESS.fullmatch(address)
        for lang, address in parsed.items()
    ):
        return {}, "KB_SERVE_EDITIONS: expected each language's http://127.0.0.1:<port>/ address; ignored"
    return dict(parsed), None
