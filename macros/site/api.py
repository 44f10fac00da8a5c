"""The machine-readable edition of the knowledge base: api/v1/ JSON files, their schemas, a CSV.

Each JSON entity holds the same fields as its YAML file (so the data schemas describe both and
the build_* functions of macros.kb.builders read both), plus its id and the URL of its page. Optional
fields are always written, empty when the file leaves them out, so consumers need no defaults.
The profiler reads these files; nothing here knows the site engine.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from macros.kb.kinds import KINDS, Kind, folder_of
from macros.kb.model import LANGUAGES, KnowledgeBase, Provenance, System, Tool, declared_order
from macros.kb.schemas import load_schema
from macros.site.plan import build_plan_document

API_DIR = "api/v1"


def edition_api_folder(edition_dir: str, *, own_copy: bool) -> str:
    """Where api/v1/ is, from an edition's root: the published site holds it once, in the base
    edition, so another edition (edition_dir "ja/", under the base's root) links up to it; own_copy
    (`make serve`, where each edition is its own server) keeps it in the edition itself."""
    depth = 0 if own_copy else len([part for part in edition_dir.split("/") if part])
    return "../" * depth + API_DIR


# The entity kinds the API publishes, each as api/v1/<kind>.json.
EXPORTED = tuple(kind.folder for kind in KINDS.values() if kind.exported)

# A cell starting with one of these is a formula to a spreadsheet (OWASP's list); it gets a ' first,
# so it stays text. profiler.js's CSV export applies the same rule (a test holds them together).
FORMULA_START = "=+-@\t\r"

MATRIX_COLUMNS = [
    "characteristic",
    "capability",
    "level",
    "strength",
    *(f"condition_{lang}" for lang in LANGUAGES),
    *(f"why_{lang}" for lang in LANGUAGES),
    "source",
    # Where the source says it again more strongly (Recommendation.stronger), `level`, `strength` and
    # `condition_*` are that statement's; these are the recommendation's as first written.
    "stated_level",
    "stated_strength",
    *(f"stated_condition_{lang}" for lang in LANGUAGES),
    *(f"stronger_why_{lang}" for lang in LANGUAGES),
    "stronger_source",
    # Who says it as first written (KnowledgeBase.said_by: source, platform-team, other-source), and
    # the platform team's decision or the other source cited; then who says it more strongly.
    "said_by",
    "decided",
    *(f"rationale_{lang}" for lang in LANGUAGES),
    "link",
    "cited_source",
    "stronger_said_by",
]

# Where an entity's page is, relative to the site root ("capabilities/model-registry/").
UrlOf = Callable[[Any], str]


# A file leaves an optional field out; the API writes it empty (consumers need no defaults), but
# for these, whose absence itself means something: `order` unset is "after the placed ones".
WRITTEN_ONLY_WHEN_SET = frozenset({"order"})


@cache
def _entry_schema(name: str) -> dict[str, Any]:
    """A data schema with its references into common.schema.json written out: read once, walked for every entity."""
    definitions = load_schema("common")["$defs"]

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            base = inline(definitions[ref.rpartition("/")[2]]) if ref else {}
            return {**base, **{key: inline(value) for key, value in node.items() if key != "$ref"}}
        return [inline(value) for value in node] if isinstance(node, list) else node

    inlined: dict[str, Any] = inline(load_schema(name))
    return inlined


def _empty(schema: dict[str, Any]) -> Any:
    """The empty value of a field: [] for a list, "" for text, each language empty for a text in every language."""
    if schema.get("type") == "object":
        return {key: _empty(prop) for key, prop in schema.get("properties", {}).items()}
    return [] if schema.get("type") == "array" else ""


def _in_schema_order(value: Any, schema: dict[str, Any]) -> Any:
    """A validated value with its mappings' keys in the schema's order, nested fields' defaults filled in."""
    properties = schema.get("properties")
    if properties and isinstance(value, dict):
        return {
            key: _in_schema_order(value[key], prop) if key in value else prop["default"]
            for key, prop in properties.items()
            if key in value or "default" in prop
        }
    items = schema.get("items")
    if isinstance(value, list) and isinstance(items, dict) and ("properties" in items or "items" in items):
        return [_in_schema_order(item, items) for item in value]
    return value


def build_entry(kind: Kind, record: Mapping[str, Any], id: str, url: str) -> dict[str, Any]:
    """An entity's fields as in its YAML file, in its schema's order, optional ones empty, with its id and page URL."""
    entry: dict[str, Any] = {"id": id, "url": url}
    for key, prop in _entry_schema(kind.schema)["properties"].items():
        if key in record:
            entry[key] = _in_schema_order(record[key], prop)
        elif key not in WRITTEN_ONLY_WHEN_SET:
            entry[key] = _empty(prop)
    return entry


def build_document(kb: KnowledgeBase, kind: str, url_of: UrlOf) -> dict[str, list[dict[str, Any]]]:
    """One API file's content: {kind: [entry, ...]}, entries sorted by id; a system's with its plan and gaps."""
    entries = []
    for id, entity in kb.entities(kind).items():
        entry = build_entry(KINDS[kind], kb.record(kind, id), id, url_of(entity))
        if isinstance(entity, System):
            entry.update(build_system_plan(kb, entity))
        entries.append(entry)
    return {kind: entries}


# What systems.json adds to a system's fields: derived by the model, as its page shows them.
SYSTEM_PLAN_FIELDS = {
    "needed": "Ids of the capabilities its characteristics call for, in rank order (the profiler's rule: strength, then how many characteristics call for it)",
    "gaps": "Ids of the needed capabilities it lacks or has only in part, in the same rank order",
    "partial": "Ids of the gaps it has in part (state: partial)",
}


def build_system_plan(kb: KnowledgeBase, system: System) -> dict[str, list[str]]:
    """A system's needed capabilities and gaps (ids in rank order), and which gaps are partial."""
    plan = kb.system_plan(system)
    return {
        "needed": [item.capability.id for item in plan.needed],
        "gaps": list(plan.gap_ids),
        "partial": [gap.capability.id for gap in plan.gaps if gap.partial],
    }


def build_matrix_rows(kb: KnowledgeBase) -> list[dict[str, str]]:
    """One row per recommendation: characteristic × capability, its level, condition and reason."""
    rows = []
    for char in kb.characteristics.values():
        for rec in char.recommendations:
            rows.append(
                {
                    "characteristic": char.id,
                    "capability": rec.capability,
                    "level": rec.level,
                    "strength": rec.strength,
                    **{f"condition_{lang}": rec.condition[lang] if rec.condition else "" for lang in LANGUAGES},
                    **{f"why_{lang}": rec.why[lang] for lang in LANGUAGES},
                    "source": rec.origin,
                    "stated_level": rec.stated_level,
                    "stated_strength": rec.stated_strength,
                    **{
                        f"stated_condition_{lang}": rec.stated_condition[lang] if rec.stated_condition else ""
                        for lang in LANGUAGES
                    },
                    **{f"stronger_why_{lang}": rec.stronger.why[lang] if rec.stronger else "" for lang in LANGUAGES},
                    "stronger_source": rec.stronger.origin if rec.stronger else "",
                    **_provenance_cells(kb, rec.provenance),
                    "stronger_said_by": kb.said_by(rec.stronger.provenance) if rec.stronger else "",
                }
            )
    return rows


def _provenance_cells(kb: KnowledgeBase, provenance: Provenance) -> dict[str, str]:
    rationale = provenance.rationale
    return {
        "said_by": kb.said_by(provenance),
        "decided": provenance.decided or "",
        **{f"rationale_{lang}": rationale[lang] if rationale else "" for lang in LANGUAGES},
        "link": provenance.link or "",
        "cited_source": provenance.citation.source if provenance.citation else "",
    }


def csv_cell(value: str) -> str:
    """A text as a CSV cell that no spreadsheet runs: a leading formula character gets a ' before it."""
    return "'" + value if value.startswith(tuple(FORMULA_START)) else value


def render_matrix_csv(kb: KnowledgeBase) -> str:
    """matrix.csv: RFC 4180 CSV with a header row, UTF-8, one row per recommendation, no cell a formula."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=MATRIX_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({column: csv_cell(value) for column, value in row.items()} for row in build_matrix_rows(kb))
    return out.getvalue()


# portfolio.csv: one row per system and capability, as the portfolio's heatmap shows them.
PORTFOLIO_COLUMNS = [
    "system",
    *(f"name_{lang}" for lang in LANGUAGES),
    *(f"owner_{lang}" for lang in LANGUAGES),
    "status",
    "sample",
    "capability",
    "state",
    "gap_rank",
]


def build_portfolio_rows(kb: KnowledgeBase) -> list[dict[str, str]]:
    """Each system x each capability: its state (in place, partial, missing and needed or helps, not needed) and its rank among the gaps."""
    capabilities = sorted(kb.capabilities.values(), key=declared_order)
    rows = []
    for system in kb.systems.values():
        plan = kb.system_plan(system)
        ranks = {cap_id: str(i + 1) for i, cap_id in enumerate(plan.gap_ids)}
        for cap in capabilities:
            rows.append(
                {
                    "system": system.id,
                    **{f"name_{lang}": system.name[lang] for lang in LANGUAGES},
                    **{f"owner_{lang}": system.owner[lang] for lang in LANGUAGES},
                    "status": system.status,
                    "sample": "true" if system.sample else "",
                    "capability": cap.id,
                    "state": plan.state(cap.id),
                    "gap_rank": ranks.get(cap.id, ""),
                }
            )
    return rows


def render_portfolio_csv(kb: KnowledgeBase) -> str:
    """portfolio.csv: RFC 4180 CSV with a header row, UTF-8, one row per system and capability, no cell a formula."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=PORTFOLIO_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({column: csv_cell(value) for column, value in row.items()} for row in build_portfolio_rows(kb))
    return out.getvalue()


def _local_refs(node: Any) -> Any:
    """The data schemas point into common.schema.json; the API schemas carry those $defs."""
    if isinstance(node, dict):
        return {k: (v.replace("common.schema.json#", "#") if k == "$ref" else _local_refs(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [_local_refs(v) for v in node]
    return node


def allow_empty_tool_fields(entry: dict[str, Any]) -> None:
    """tools.json writes a missing licence and notes empty: the schema accepts them so, and its
    licence rules say it as the data schema does (open source and source-available name one; others leave it empty)."""
    props = entry["properties"]
    # As build_entry writes them when the file leaves them out.
    written = _entry_schema(KINDS[folder_of(Tool)].schema)["properties"]
    no_licence, no_successor, no_notes, no_reason = (
        _empty(written[key]) for key in ("licence", "successor", "notes", "status_reason")
    )
    props["licence"] = {
        "anyOf": [{"const": no_licence}, props["licence"]],
        "description": props["licence"]["description"] + "; empty unless open source or source-available",
    }
    props["successor"] = {
        "anyOf": [{"const": no_successor}, props["successor"]],
        "description": props["successor"]["description"] + "; empty when there is none",
    }
    props["status_reason"] = {
        "anyOf": [{"const": no_reason}, props["status_reason"]],
        "description": props["status_reason"]["description"] + "; empty when there is none",
    }
    props["notes"] = {
        "anyOf": [{"const": no_notes}, props["notes"]],
        "description": props["notes"]["description"] + "; empty when there are none",
    }
    open_source, others = entry["allOf"][:2]  # the licence rules, in the data schema's order
    open_source["then"] = {
        "properties": {
            "licence": {"minLength": 1, "description": open_source["then"]["properties"]["licence"]["description"]}
        }
    }
    others["then"] = {
        "properties": {
            "licence": {
                "const": no_licence,
                "description": "only an open-source or source-available tool has a licence; others have an empty one",
            }
        }
    }
    # A maintained tool has no successor: here, an empty one (every tool carries the field).
    for rule in entry["allOf"]:
        if rule["if"]["properties"].get("status", {}).get("const") == "maintained":
            rule["then"] = {
                "properties": {
                    "successor": {"const": no_successor, "description": "a maintained tool has an empty successor"}
                }
            }


def allow_empty_optional_fields(entry: dict[str, Any], names: tuple[str, ...], kind: str) -> None:
    """Optional text fields the API writes empty when the file leaves them out: the schema accepts them so."""
    written = _entry_schema(KINDS[kind].schema)["properties"]
    props = entry["properties"]
    for name in names:
        props[name] = {
            "anyOf": [{"const": _empty(written[name])}, props[name]],
            "description": props[name]["description"] + "; empty when the file leaves it out",
        }


def build_api_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of api/v1/<kind>.json, derived from the data file schema of that kind."""
    entry = copy.deepcopy(load_schema(KINDS[kind].schema))
    title = entry.pop("title")
    entry.pop("$schema")
    entry["description"] = f"{title}: the fields of its file in data/{kind}/, with its id and the URL of its page."
    entry["properties"] = {
        "id": {"$ref": "#/$defs/id", "description": "The entity's id: its data file's name without .yml"},
        "url": {"type": "string", "description": "Its page, relative to the site's root"},
        **entry["properties"],
    }
    # Every field is written, optional ones empty, so every one is required here, but those written only when set.
    entry["required"] = [key for key in entry["properties"] if key not in WRITTEN_ONLY_WHEN_SET]
    if kind == folder_of(Tool):
        allow_empty_tool_fields(entry)
    if kind == folder_of(System):
        allow_empty_optional_fields(entry, ("contact", "like", "sample"), folder_of(System))
        entry["properties"].update(
            {name: {"$ref": "#/$defs/ids", "description": text} for name, text in SYSTEM_PLAN_FIELDS.items()}
        )
        entry["required"] += list(SYSTEM_PLAN_FIELDS)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{API_DIR}/{kind}.json",
        "description": f"Every {title.lower()} of the MLOps capability knowledge base, in English and Japanese.",
        "type": "object",
        "properties": {kind: {"type": "array", "items": {"$ref": f"#/$defs/{KINDS[kind].schema}"}}},
        "required": [kind],
        "additionalProperties": False,
        "$defs": {**load_schema("common")["$defs"], KINDS[kind].schema: _local_refs(entry)},
    }


def render_json(value: Any) -> str:
    """JSON as published: compact UTF-8 text (Japanese stays readable), keys in a stable order."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def build_renamed(kb: KnowledgeBase) -> dict[str, dict[str, str]]:
    """Each kind's former ids -> the id each entity has now: what a stored id (a bookmark, a profile) reads as today."""
    return {
        kind.folder: {former: entity.id for entity in kb.entities(kind.folder).values() for former in entity.former_ids}
        for kind in KINDS.values()
        if kind.renamable
    }


def build_api_files(kb: KnowledgeBase, url_of: UrlOf) -> dict[str, str]:
    """Every file of api/v1/, by its path in the site: the JSON files, their schemas, renamed.json, plan.json, matrix.csv, portfolio.csv."""
    files = {}
    for kind in EXPORTED:
        files[f"{API_DIR}/{kind}.json"] = render_json(build_document(kb, kind, url_of))
        files[f"{API_DIR}/schemas/{kind}.schema.json"] = render_json(build_api_schema(kind))
    files[f"{API_DIR}/renamed.json"] = render_json(build_renamed(kb))
    files[f"{API_DIR}/plan.json"] = render_json(build_plan_document(kb))
    files[f"{API_DIR}/matrix.csv"] = render_matrix_csv(kb)
    files[f"{API_DIR}/portfolio.csv"] = render_portfolio_csv(kb)
    return files
