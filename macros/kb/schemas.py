"""Checks each data file against its JSON Schema, the single description of every field."""

from __future__ import annotations

import copy
import datetime
import json
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, cast

import jsonschema_rs

from macros.kb.characters import FORMAT_CATEGORY, describe, hidden_in_machine_value, is_invisible
from macros.kb.documents import Document, Trail
from macros.kb.kinds import KINDS
from macros.kb.model import BASE_LANGUAGE, LANGUAGE_NAMES
from macros.kb.patterns import full_match
from macros.kb.problems import Problem, did_you_mean, shown
from macros.paths import SCHEMA_DIR

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError


_JSON_TYPES = {"object": "a mapping of fields", "array": "a list", "string": "text"}


def load_schema(name: str) -> dict[str, Any]:
    """One schema file as a dict."""
    schema: dict[str, Any] = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    return schema


# What makes a text a value for programs rather than for readers: its schema holds it to a pattern,
# a format or a list of choices (ids, addresses, mail addresses, dates, licences, rings).
_MACHINE_KEYWORDS = frozenset({"pattern", "format", "enum", "const"})


def is_machine_value(kind: str, trail: Trail) -> bool:
    """True when the value at trail in a file of the kind is an id, an address, a date or a choice."""
    return tuple("*" if isinstance(part, int) else part for part in trail) in _machine_fields(kind)


@cache
def _machine_fields(kind: str) -> frozenset[tuple[str | int, ...]]:
    """The places of a kind's values for programs, "*" standing for any item of a list: each field's
    schema followed through $ref and every condition, so a field added to a schema is covered."""
    found: set[tuple[str | int, ...]] = set()
    _find_machine_fields(load_schema(KINDS[kind].schema), (), load_schema("common")["$defs"], found)
    return frozenset(found)


def _find_machine_fields(schema: object, trail: Trail, defs: dict[str, Any], found: set[Trail]) -> None:
    if not isinstance(schema, dict):
        return
    ref = schema.get("$ref")
    if isinstance(ref, str):  # "common.schema.json#/$defs/id", or "#/$defs/id" within the common schema
        _find_machine_fields(defs[ref.rpartition("/")[2]], trail, defs, found)
    if _MACHINE_KEYWORDS & schema.keys():
        found.add(trail)
    for key, field_schema in schema.get("properties", {}).items():
        _find_machine_fields(field_schema, trail + (key,), defs, found)
    _find_machine_fields(schema.get("items"), trail + ("*",), defs, found)
    for branch in (schema.get("if"), schema.get("then"), schema.get("else"), *schema.get("allOf", ())):
        _find_machine_fields(branch, trail, defs, found)


def _is_partial_date(value: object) -> bool:
    """A real year, month or day: 2021, 2021-06 or 2021-06-25 (2021-13 and 2021-02-30 are not)."""
    if not isinstance(value, str):  # a format speaks of texts only; the type is checked on its own
        return True
    try:
        year, month, day = (*map(int, value.split("-")), 1, 1)[:3]
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


# The formats our schemas declare beyond JSON Schema's own, checked by both validators with the rest
# of a file's schema check (so every mistake of a file is told at once); and how each is written.
_OWN_FORMATS: dict[str, Callable[[object], bool]] = {"partial-date": _is_partial_date}
_FORMAT_HINTS = {"date": "write it as YYYY-MM-DD", "partial-date": "write YYYY-MM-DD, YYYY-MM or YYYY"}

# The base the schemas' relative $refs resolve against; never fetched.
_BASE_URI = "https://schemas.invalid/"


@cache
def _fast_validator(kind: str) -> jsonschema_rs.Validator:
    registry = jsonschema_rs.Registry([(_BASE_URI + "common.schema.json", load_schema("common"))])
    return jsonschema_rs.validator_for(
        load_schema(KINDS[kind].schema),
        registry=registry,
        base_uri=f"{_BASE_URI}{KINDS[kind].schema}.schema.json",
        offline=True,
        formats=_OWN_FORMATS,
        validate_formats=True,  # "format": "date" is a real day (2026-02-30 is not), in the file's own check
    )


@cache
def _validator(kind: str) -> Draft202012Validator:
    # Imported only when a file is invalid: it takes longer to import than to check 40 files.
    from jsonschema import Draft202012Validator, FormatChecker, validators
    from referencing import Registry, Resource

    common = Resource.from_contents(load_schema("common"))
    registry = Registry().with_resource("common.schema.json", common)
    # `pattern` with the schema's (ECMA-262) meaning, as the fast validator reads it.
    validator = validators.extend(Draft202012Validator, {"pattern": _pattern})  # type: ignore[no-untyped-call]
    formats = FormatChecker(())  # JSON Schema's own formats as the draft checks them, and ours
    formats.checkers = dict(Draft202012Validator.FORMAT_CHECKER.checkers)
    for name, check in _OWN_FORMATS.items():
        formats.checks(name)(check)
    return cast(
        "Draft202012Validator",
        validator(load_schema(KINDS[kind].schema), registry=registry, format_checker=formats),
    )


def _pattern(
    validator: Draft202012Validator, pattern: str, instance: object, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    from jsonschema.exceptions import ValidationError

    if isinstance(instance, str) and not full_match(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def check_schema(doc: Document) -> list[Problem]:
    """Every way the document departs from its kind's schema, each at its own place."""
    # A value for programs (an id, an address, a date, a choice) holding an invisible format character
    # is told so, naming it; the rest of the file is checked as if it were not there, so the other
    # problems are those still left once it is removed (not a pattern the value seems to follow).
    hidden = _hidden_in_machine_values(doc)
    data = _without_format_characters(doc.data, hidden) if hidden else doc.data
    problems = [doc.problem(trail, message) for trail, message in hidden.items()]
    # A compiled validator answers "valid?" fast; the Python one, which says where and why in
    # terms we turn into friendly messages, runs only on a file that is not.
    if _fast_validator(doc.kind).is_valid(data):
        return problems
    errors = sorted(_validator(doc.kind).iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if not errors:  # the validators disagree: a rejection stands, said in the fast one's words
        return [_fast_problem(doc, error) for error in _fast_validator(doc.kind).iter_errors(data)][:1]
    elsewhere = next((kind for kind in KINDS if kind != doc.kind and _fast_validator(kind).is_valid(data)), None)
    if elsewhere:
        return [
            doc.problem(
                (), f"this is a {KINDS[elsewhere].schema} file, in the wrong folder (move it to data/{elsewhere}/)"
            )
        ]
    # A value that is not even shaped as a date is told so once, by its pattern, not also as no calendar date.
    shaped = {tuple(e.absolute_path) for e in errors if e.validator != "format"}
    errors = [e for e in errors if e.validator != "format" or tuple(e.absolute_path) not in shaped]
    # jsonschema reports each missing field of one object as its own error; each becomes one problem.
    return problems + list(dict.fromkeys(_problem(doc, error) for error in errors))


def _hidden_in_machine_values(doc: Document) -> dict[Trail, str]:
    """Each value for programs of the file that holds an invisible format character, with why."""
    hidden = {}
    for trail, text in doc.texts:
        if is_machine_value(doc.kind, trail):
            message = hidden_in_machine_value(text)
            if message:
                hidden[trail] = message
    return hidden


def _without_format_characters(data: Any, trails: Iterable[Trail]) -> Any:
    """A copy of the file's values with the format characters taken out of the values at trails."""
    data = copy.deepcopy(data)
    for trail in trails:
        *parents, last = trail
        holder = data
        for part in parents:
            holder = holder[part]
        holder[last] = "".join(c for c in holder[last] if unicodedata.category(c) != FORMAT_CATEGORY)
    return data


def _fast_problem(doc: Document, error: jsonschema_rs.ValidationError) -> Problem:
    return doc.problem(
        tuple(error.instance_path), f"{shown(error.instance)} does not match the schema ({error.message[:200]})"
    )


def _problem(doc: Document, error: ValidationError) -> Problem:
    trail: Trail = tuple(error.absolute_path)
    # Typed as possibly unset: a failed check always sets both.
    value: Any = error.validator_value
    instance: Any = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    hint = schema.get("description")
    match error.validator:
        case "required":
            missing = next((f for f in value if f in error.message.split("'")), None) or next(
                f for f in value if f not in instance
            )
            if missing in LANGUAGE_NAMES and set(value) <= set(LANGUAGE_NAMES):
                return doc.problem(trail + (missing,), f"missing {LANGUAGE_NAMES[missing]} text (add '{missing}: ...')")
            field_hint = schema.get("properties", {}).get(missing, {}).get("description") or hint
            return doc.problem(trail, f"missing field '{missing}'" + (f" ({field_hint})" if field_hint else ""))
        case "additionalProperties":
            allowed = schema.get("properties", {})
            extra = sorted(set(instance) - set(allowed))[0]
            # A kind has a dozen fields at most: listing them all helps more than counting them.
            hint = did_you_mean(extra, allowed, listed_up_to=30, noun="fields")
            # A no-break space indenting a key (pasted from a page) is part of its name, and unseen: named.
            invisible = next((c for c in extra if c != " " and is_invisible(c)), None)
            if invisible:
                hint = f"it holds the invisible character {describe(invisible)}; {hint}"
            return doc.problem(trail + (extra,), f"unknown field {shown(extra)} ({hint})", key=True)
        case "type":
            found = "nothing" if instance == "" else _JSON_TYPES.get(_json_type(instance), "nothing")
            return doc.problem(trail, f"expected {_JSON_TYPES[value]}, found {found}")
        case "enum" if not isinstance(instance, str):
            choices = ", ".join(f"'{c}'" for c in value)
            return doc.problem(
                trail, f"expected one of {choices}, found {_JSON_TYPES.get(_json_type(instance), 'nothing')}"
            )
        case "enum":
            return doc.problem(trail, f"{shown(instance)} is not allowed ({did_you_mean(str(instance), value)})")
        case "pattern":
            return doc.problem(trail, f"{shown(instance)} is not valid" + (f" ({hint})" if hint else ""))
        case "format":
            return doc.problem(trail, f"{shown(instance)} is not a calendar date ({_FORMAT_HINTS[value]})")
        case "maxLength":
            return doc.problem(trail, f"is {len(instance):,} characters long; at most {value:,} (shorten it)")
        case "minLength" if trail and trail[-1] in LANGUAGE_NAMES and trail[-1] != BASE_LANGUAGE:
            return doc.problem(
                trail,
                f"must not be empty (write the {LANGUAGE_NAMES[str(trail[-1])]} text; if you cannot, say so in the pull request)",
            )
        case "minLength":
            return doc.problem(trail, "must not be empty")
        case "minItems":
            return doc.problem(trail, f"must list at least {value}")
        case "uniqueItems":
            seen: set[str] = set()
            twice: object = "?"
            for v in instance:
                if str(v) in seen:
                    twice = v
                    break
                seen.add(str(v))
            return doc.problem(trail, f"lists {shown(twice)} twice (keep one)")
        case "not":
            field = value.get("required", ["?"])[0]
            return doc.problem(
                trail + (field,), f"field '{field}' is not allowed here ({value.get('description', '')})", key=True
            )
        case _:
            return doc.problem(trail, error.message)


def _json_type(value: object) -> str:
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    return "string" if isinstance(value, str) else "null"
