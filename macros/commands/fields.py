"""`python -m macros.commands.fields [--check]`: the field reference of CONTRIBUTING.md, from the JSON Schemas.

The schemas are the one description of every field; this writes their tables between the
markers in CONTRIBUTING.md (--check only reports whether the file is up to date).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from macros.kb.kinds import KINDS
from macros.kb.model import BASE_LANGUAGE, LANGUAGES
from macros.kb.schemas import load_schema
from macros.paths import REPO_ROOT, TEMPLATE_DIR

CONTRIBUTING = REPO_ROOT / "CONTRIBUTING.md"
START = "<!-- field-reference:start (generated from macros/schemas/ by `make fields`; do not edit by hand) -->"
END = "<!-- field-reference:end -->"

# The languages a text is written in: "`en` and `ja`".
_IN_LANGUAGES = " and ".join(f"`{lang}`" for lang in LANGUAGES)
# Shared definitions shown as one field rather than broken into their parts.
_SHAPES = {
    "text": f"text in {_IN_LANGUAGES}",
    "short_text": f"text in {_IN_LANGUAGES}",
    "aliases": f"lists of names in {_IN_LANGUAGES}",
    "id": "an id (kebab-case)",
    "ids": "a list of ids",
    "https_url": "an `https://` address",
    "order": "a whole number, e.g. `55`",
    "partial_date": "a date: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`",
}
# A day written inline in a schema (checked, ring.date): named as a date, not as any text.
_DAY_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# Lists of a shared definition, by that definition.
_LISTS = {
    "https_url": "a list of `https://` addresses",
    "id": "a list of ids",
    "text": f"a list of texts in {_IN_LANGUAGES}",
}


@dataclass(frozen=True)
class Field:
    """One row of a kind's table."""

    path: str
    required: bool
    shape: str
    description: str


@dataclass(frozen=True)
class KindReference:
    """One kind's folder, summary and fields."""

    folder: str
    title: str
    description: str
    fields: list[Field]


def build_reference() -> list[KindReference]:
    """Every kind's fields, in schema order, nested fields under their parent."""
    common = load_schema("common")["$defs"]
    kinds = []
    for folder, kind in KINDS.items():
        schema = load_schema(kind.schema)
        kinds.append(KindReference(folder, schema["title"], schema["description"], list(_fields(schema, "", common))))
    return kinds


def _fields(schema: dict[str, Any], prefix: str, common: dict[str, Any]) -> Iterator[Field]:
    required = set(schema.get("required", []))
    for key, prop in schema.get("properties", {}).items():
        path = prefix + key
        shared = prop.get("$ref", "").rpartition("/")[2]
        target = common.get(shared, {}) if shared else prop
        description = prop.get("description") or target.get("description", "")
        if shared in _SHAPES:
            yield Field(path, key in required, _SHAPES[shared] + _limit(target), description)
        elif "enum" in target:
            yield Field(path, key in required, "one of " + ", ".join(f"`{v}`" for v in target["enum"]), description)
        elif "enum" in target.get("then", {}) and "$ref" in target.get("else", {}):
            # A word, or else a mapping (a recommendation's `source`: a place in the post, or a provenance).
            mapping = common.get(target["else"]["$ref"].rpartition("/")[2], {}).get("properties", {})
            choices = ", ".join(f"`{v}`" for v in target["then"]["enum"])
            fields = ", ".join(f"`{name}`" for name in mapping)
            yield Field(path, key in required, f"one of {choices}, or a mapping of {fields}", description)
        elif target.get("type") == "array" and (item := target["items"].get("$ref", "").rpartition("/")[2]) in _LISTS:
            yield Field(path, key in required, _LISTS[item], description)
        elif target.get("type") == "array" and target["items"].get("type") == "object":
            yield Field(path, key in required, "a list of entries with the fields below", description)
            yield from _fields(target["items"], f"{path}[].", common)
        elif target.get("type") == "array" and "enum" in target["items"]:
            yield Field(
                path, key in required, "a list of " + ", ".join(f"`{v}`" for v in target["items"]["enum"]), description
            )
        elif target.get("type") == "array":
            yield Field(path, key in required, "a list of texts" + _limit(target["items"]), description)
        elif target.get("type") == "object" or shared == "citation":
            yield Field(path, key in required, "a mapping with the fields below", description)
            yield from _fields(target, f"{path}.", common)
        elif target.get("pattern") == _DAY_PATTERN:
            yield Field(path, key in required, "a date, `YYYY-MM-DD`", description)
        else:
            yield Field(path, key in required, "text" + _limit(target), description)


def _limit(shape: dict[str, Any]) -> str:
    """', at most 200 characters (each)': the length limit a field's schema states, if any."""
    if "maxLength" in shape:
        return f", at most {shape['maxLength']:,} characters"
    # Every language has the same limit: the base one's says it.
    base = shape.get("properties", {}).get(BASE_LANGUAGE, {})
    for part in (base, base.get("items", {})):
        if "maxLength" in part:
            return f", at most {part['maxLength']:,} characters each"
    return ""


def render_reference() -> str:
    """The Markdown that goes between the markers."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env.get_template("field-reference.md.j2").render(kinds=build_reference())


def splice(document: str, section: str) -> str:
    """The document with the text between START and END replaced by `section`."""
    head, start, rest = document.partition(START)
    _, end, tail = rest.partition(END)
    if not start or not end:
        raise ValueError(f"{CONTRIBUTING.name} lacks the field-reference markers")
    return f"{head}{START}\n{section}{END}{tail}"


def main(argv: list[str]) -> int:
    """Rewrite the section (or with --check, exit 1 when it differs from the schemas)."""
    current = CONTRIBUTING.read_text(encoding="utf-8")
    wanted = splice(current, render_reference())
    if "--check" in argv:
        if current != wanted:
            print(
                f"{CONTRIBUTING.name}: the field reference differs from macros/schemas/ (run `make fields`)",
                file=sys.stderr,
            )
            return 1
        return 0
    CONTRIBUTING.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
