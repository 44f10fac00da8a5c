"""What the fuzzers write into data fields: the whole of Unicode and the syntax of every language
data text meets on its way to a page.

Text is drawn as a few pieces run together, each piece either characters from every plane
(surrogates and controls included), or a character chosen for trouble (astral, combining, bidi,
zero-width, C0 and C1 controls), or a fragment of Markdown, HTML, Jinja, YAML, CSV, JSON or URL syntax.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, seed, settings
from hypothesis import strategies as st

from tests.hostile import EVIL_HOST, HOSTILE

# The budget is fixed and the seed too, so `make test` is repeatable and bounded; both can be raised
# or changed from the environment, and a failure is replayed with the same two values.
FUZZ_EXAMPLES = int(os.environ.get("KB_FUZZ_EXAMPLES", "60"))
FUZZ_SEED = int(os.environ.get("KB_FUZZ_SEED", "0"))
FUZZ_SITES = max(1, FUZZ_EXAMPLES // 30)  # sites built and opened in Chromium by tests/browser/test_fuzz_site.py
REPLAY = (
    f"KB_FUZZ_SEED={FUZZ_SEED} KB_FUZZ_EXAMPLES={FUZZ_EXAMPLES} "
    ".venv/bin/python -m pytest tests/test_fuzz_loader.py tests/test_history_data.py tests/browser/test_fuzz_site.py"
)


def fuzzed(max_examples: int) -> Callable[[Any], Any]:
    """Hypothesis settings and seed for a fuzz test: `max_examples` examples from KB_FUZZ_SEED."""
    configured = settings(
        max_examples=max_examples,
        deadline=None,  # speed is measured by tests/bench_loader.py and make bench, not asserted here
        database=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
    )
    return lambda test: seed(FUZZ_SEED)(configured(test))


# Characters of every category, surrogates included (the loader meets them as YAML escapes).
EVERY_CHARACTER = st.characters(exclude_categories=())

TROUBLE = (
    "🚀",
    "👩🏽‍💻",
    "🇯🇵",
    "𠮷",
    "𩸽",
    "\U0001f600\ufe0f",
    "\U000e0041",
    "\U0010fffd",
    "\ue000",  # astral, flags, tags, private use
    "e\u0301",
    "\u0301",
    "\u0336\u0336",
    "Z\u0351\u0354\u0355",
    "ｶﾞ",
    "ガ",  # combining marks, NFC and NFD
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\u00ad",
    "\u180e",  # zero-width and soft hyphen
    "\u200e",
    "\u200f",
    "\u061c",
    "\u202a",
    "\u202b",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",  # bidi
    "\u00a0",
    "\u3000",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffd",  # spaces, separators, BOM
    "\x00",
    "\x07",
    "\x08",
    "\x0b",
    "\x0c",
    "\r",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\x9b",
    "\x9f",  # C0, DEL, C1
    "\t",
    "\n",
    "\n\n",
    "\r\n",
)

SYNTAX = HOSTILE + (
    # Markdown and its extensions
    "# ",
    "## h",
    "> quote",
    "- item",
    "1. item",
    "* ",
    "**b**",
    "_i_",
    "`code`",
    "```\nfence\n```",
    "~~~",
    "    indented",
    "[x]",
    "[x][1]",
    "[1]: https://" + EVIL_HOST,
    "<https://" + EVIL_HOST + ">",
    "https://" + EVIL_HOST,
    "www." + EVIL_HOST,
    "[^1]",
    "*[HTML]: abbr",
    "==mark==",
    "^^sup^^",
    "~~del~~",
    "++ins++",
    ":smile:",
    "{: #id .class }",
    "{ #anchor }",
    "| a | b |\n|---|---|",
    "---",
    "***",
    "\\",
    "\\*",
    "&",
    "&amp;",
    "&#x3C;script&#x3E;",
    "&lt;",
    "&#0;",
    "&#x202e;",
    # HTML
    "<",
    ">",
    "</p>",
    "</title><script>alert(1)</script>",
    "</textarea>",
    "</script>",
    "<!--",
    "-->",
    "<![CDATA[x]]>",
    "<b onmouseover=alert(1)>",
    '" onfocus="alert(1)" autofocus="',
    "' onload='alert(1)",
    "<base href=//" + EVIL_HOST + ">",
    "<meta http-equiv=refresh content='0;url=https://" + EVIL_HOST + "'>",
    "<details open ontoggle=alert(1)>",
    # Jinja and the macros plugin
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#}",
    "{{ config }}",
    "{% raw %}",
    "{{ ''.__class__ }}",
    "{%- if true -%}",
    # YAML and front matter
    "---\ntitle: x\n---",
    "...",
    ": ",
    "? ",
    "!!binary",
    "!ENV",
    "&anchor",
    "*alias",
    "%YAML 1.1",
    "~",
    "null",
    "yes",
    # CSV, JSON and URLs
    '=HYPERLINK("https://' + EVIL_HOST + '")',
    "+1",
    "-1",
    "@SUM(A1)",
    ",",
    '"',
    '""',
    "'",
    "\\u003c",
    '{"a": 1}',
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "//" + EVIL_HOST,
    "%0a%0d",
    "../../../etc/passwd",
)

PIECES = st.one_of(
    st.text(EVERY_CHARACTER, min_size=1, max_size=6),
    st.sampled_from(TROUBLE),
    st.sampled_from(SYNTAX),
)


def texts(max_pieces: int = 8) -> st.SearchStrategy[str]:
    """A text of a few pieces: characters from every plane, trouble characters, syntax fragments."""
    return st.lists(PIECES, min_size=1, max_size=max_pieces).map("".join)


def fuzz_header() -> str:
    """The session header's line: the budget, the seed and the command that replays them."""
    return (
        f"fuzz: {FUZZ_EXAMPLES} examples per kind and strategy, {FUZZ_SITES} fuzzed sites, seed {FUZZ_SEED}; "
        f"replay: {REPLAY}"
    )
