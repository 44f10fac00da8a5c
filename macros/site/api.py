"""The machine-readable edition of the knowledge base: api/v1/ JSON files, their schemas, a CSV.

Each JSON entity holds the same fields as its YAML file (so the data schemas describe both and
the build_* functions of macros.kb.load read both), plus its id and the URL of its page. Optional
fields are always written, empty when the file leaves them out, so consumers need no defaults.
The profiler reads these files; nothing here knows the site engine.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Callable, Mapping
from typing import Any

from macros.kb.model import Aliases, CaseStudy, Capability, Characteristic, Citation, KnowledgeBase, Ring, Text, Tool
from macros.kb.schemas import KINDS, load_schema

API_DIR = "api/v1"

# The entity kinds the API publishes, each as api/v1/<kind>.json.
EXPORTED = ("capabilities", "characteristics", "case-studies", "tools")

# A cell starting with one of these is a formula to a spreadsheet (OWASP's list); it gets a ' first,
# so it stays text. profiler.js's CSV export applies the same rule (a test holds them together).
FORMULA_START = "=+-@\t\r"

MATRIX_COLUMNS = ["characteristic", "capability", "level", "strength", "condition_en", "condition_ja", "why_en", "why_ja", "source"]

# Where an entity's page is, relative to the site root ("capabilities/model-registry/").
UrlOf = Callable[[Any], str]


def _text(text: Text) -> dict[str, str]:
    return {"en": text.en, "ja": text.ja}


def _aliases(aliases: Aliases) -> dict[str, list[str]]:
    return {"en": list(aliases.en), "ja": list(aliases.ja)}


def _citation(citation: Citation) -> dict[str, Any]:
    return {"ref": citation.source, "section": _text(citation.section)}


def _order(entity: Capability | Characteristic) -> dict[str, str]:
    # Written only when the file declares it, as in the file (digits, as every scalar there is text):
    # its absence means "after the placed ones".
    return {} if entity.order is None else {"order": str(entity.order)}


def build_capability_entry(cap: Capability, url: str) -> dict[str, Any]:
    """A capability's fields, as in its YAML file, with its id and page URL."""
    return {
        "id": cap.id,
        "url": url,
        "name": _text(cap.name),
        "aliases": _aliases(cap.aliases),
        "summary": _text(cap.summary),
        "description": _text(cap.description),
        "functions": [{"id": f.id, "name": _text(f.name), "description": _text(f.description), "basis": f.basis}
                      for f in cap.functions],
        "tags": list(cap.tags),
        "related": list(cap.related),
        "source": _citation(cap.citation),
        "former_ids": list(cap.former_ids),
        **_order(cap),
    }


def build_characteristic_entry(char: Characteristic, url: str) -> dict[str, Any]:
    """A characteristic's fields, its recommendations in file order, with its id and page URL."""
    recommendations = []
    for rec in char.recommendations:
        entry: dict[str, Any] = {"capability": rec.capability, "level": rec.level, "strength": rec.strength}
        # As in the data files, only a situational recommendation has a condition.
        if rec.condition is not None:
            entry["condition"] = _text(rec.condition)
        entry.update(why=_text(rec.why), source=rec.origin)
        recommendations.append(entry)
    return {
        "id": char.id,
        "url": url,
        "name": _text(char.name),
        "aliases": _aliases(char.aliases),
        "summary": _text(char.summary),
        "description": _text(char.description),
        "example": char.example,
        "recommendations": recommendations,
        "notes": [{"title": _text(n.title), "text": _text(n.text)} for n in char.notes],
        "source": _citation(char.citation),
        "former_ids": list(char.former_ids),
        **_order(char),
    }


def build_case_study_entry(case: CaseStudy, url: str) -> dict[str, Any]:
    """A case study's fields, as in its YAML file, with its id and page URL."""
    story = case.story
    return {
        "id": case.id,
        "url": url,
        "title": _text(case.title),
        "summary": _text(case.summary),
        "characteristics": list(case.characteristics),
        "source_example": _text(case.source_example),
        "story": {"situation": _text(story.situation), "stakes": _text(story.stakes), "first_steps": _text(story.first_steps)},
        "source": _citation(case.citation),
        "former_ids": list(case.former_ids),
    }


# How tools.json writes the optional fields a tool file leaves out.
NO_LICENCE = ""
NO_NOTES = {"en": "", "ja": ""}
NO_SUCCESSOR = ""


def _ring(ring: Ring) -> dict[str, Any]:
    """A ring as its file writes it: a status alone when not rated, else with its reason and date."""
    if not ring.rated:
        return {"status": ring.status}
    assert ring.reason and ring.date  # the schema requires both on a rated ring
    return {"status": ring.status, "reason": _text(ring.reason), "date": ring.date}


def build_tool_entry(tool: Tool, url: str) -> dict[str, Any]:
    """A tool's fields, as in its YAML file, with its id and page URL."""
    return {
        "id": tool.id,
        "url": url,
        "name": _text(tool.name),
        "aliases": _aliases(tool.aliases),
        "kind": tool.kind,
        "provider": tool.provider,
        "homepage": tool.homepage,
        "licence": tool.licence or NO_LICENCE,
        "status": tool.status,
        "successor": tool.successor or NO_SUCCESSOR,
        "checked": tool.checked,
        "provides": [{"capability": p.capability, "functions": list(p.functions)} for p in tool.provides],
        "ring": _ring(tool.ring),
        "notes": _text(tool.notes) if tool.notes else dict(NO_NOTES),
        "sources": list(tool.sources),
        "former_ids": list(tool.former_ids),
    }


def build_document(kb: KnowledgeBase, kind: str, url_of: UrlOf) -> dict[str, list[dict[str, Any]]]:
    """One API file's content: {kind: [entry, ...]}, entries sorted by id."""
    by_kind: dict[str, tuple[Mapping[str, Any], Callable[[Any, str], dict[str, Any]]]] = {
        "capabilities": (kb.capabilities, build_capability_entry),
        "characteristics": (kb.characteristics, build_characteristic_entry),
        "case-studies": (kb.case_studies, build_case_study_entry),
        "tools": (kb.tools, build_tool_entry),
    }
    entities, build_entry = by_kind[kind]
    return {kind: [build_entry(entity, url_of(entity)) for entity in entities.values()]}


def build_matrix_rows(kb: KnowledgeBase) -> list[dict[str, str]]:
    """One row per recommendation: characteristic × capability, its level, condition and reason."""
    rows = []
    for char in kb.characteristics.values():
        for rec in char.recommendations:
            rows.append({
                "characteristic": char.id,
                "capability": rec.capability,
                "level": rec.level,
                "strength": rec.strength,
                "condition_en": rec.condition.en if rec.condition else "",
                "condition_ja": rec.condition.ja if rec.condition else "",
                "why_en": rec.why.en,
                "why_ja": rec.why.ja,
                "source": rec.origin,
            })
    return rows


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


def _local_refs(node: Any) -> Any:
    """The data schemas point into common.schema.json; the API schemas carry those $defs."""
    if isinstance(node, dict):
        return {k: (v.replace("common.schema.json#", "#") if k == "$ref" else _local_refs(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [_local_refs(v) for v in node]
    return node


def allow_empty_tool_fields(entry: dict[str, Any]) -> None:
    """tools.json writes a missing licence and notes empty: the schema accepts them so, and its
    licence rules say it as the data schema does (open source names one; others leave it empty)."""
    props = entry["properties"]
    props["licence"] = {"anyOf": [{"const": NO_LICENCE}, props["licence"]], "description": props["licence"]["description"] + "; empty unless open source"}
    props["successor"] = {"anyOf": [{"const": NO_SUCCESSOR}, props["successor"]], "description": props["successor"]["description"] + "; empty when there is none"}
    props["notes"] = {"anyOf": [{"const": NO_NOTES}, props["notes"]], "description": props["notes"]["description"] + "; empty when there are none"}
    open_source, others = entry["allOf"][:2]  # the licence rules, in the data schema's order
    open_source["then"] = {"properties": {"licence": {"minLength": 1, "description": open_source["then"]["properties"]["licence"]["description"]}}}
    others["then"] = {"properties": {"licence": {"const": NO_LICENCE, "description": "only an open-source tool has a licence; others have an empty one"}}}
    # A maintained tool has no successor: here, an empty one (every tool carries the field).
    for rule in entry["allOf"]:
        if rule["if"]["properties"].get("status", {}).get("const") == "maintained":
            rule["then"] = {"properties": {"successor": {"const": NO_SUCCESSOR, "description": "a maintained tool has an empty successor"}}}


def build_api_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of api/v1/<kind>.json, derived from the data file schema of that kind."""
    entry = copy.deepcopy(load_schema(KINDS[kind]))
    title = entry.pop("title")
    entry.pop("$schema")
    entry["description"] = f"{title}: the fields of its file in data/{kind}/, with its id and the URL of its page."
    entry["properties"] = {
        "id": {"$ref": "#/$defs/id", "description": "The entity's id: its data file's name without .yml"},
        "url": {"type": "string", "description": "Its page, relative to the site's root"},
        **entry["properties"],
    }
    # Every field is written, optional ones empty, so every one is required here.
    entry["required"] = list(entry["properties"])
    if kind == "tools":
        allow_empty_tool_fields(entry)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{API_DIR}/{kind}.json",
        "description": f"Every {title.lower()} of the MLOps capability knowledge base, in English and Japanese.",
        "type": "object",
        "properties": {kind: {"type": "array", "items": {"$ref": f"#/$defs/{KINDS[kind]}"}}},
        "required": [kind],
        "additionalProperties": False,
        "$defs": {**load_schema("common")["$defs"], KINDS[kind]: _local_refs(entry)},
    }


def render_json(value: Any) -> str:
    """JSON as published: compact UTF-8 text (Japanese stays readable), keys in a stable order."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def build_renamed(kb: KnowledgeBase) -> dict[str, dict[str, str]]:
    """Each kind's former ids -> the id each entity has now: what a stored id (a bookmark, a profile) reads as today."""
    return {kind: {former: entity.id for entity in getattr(kb, kind.replace("-", "_")).values() for former in entity.former_ids}
            for kind in (*EXPORTED, "tags", "sources")}


def build_api_files(kb: KnowledgeBase, url_of: UrlOf) -> dict[str, str]:
    """Every file of api/v1/, by its path in the site: the JSON files, their schemas, renamed.json, matrix.csv."""
    files = {}
    for kind in EXPORTED:
        files[f"{API_DIR}/{kind}.json"] = render_json(build_document(kb, kind, url_of))
        files[f"{API_DIR}/schemas/{kind}.schema.json"] = render_json(build_api_schema(kind))
    files[f"{API_DIR}/renamed.json"] = render_json(build_renamed(kb))
    files[f"{API_DIR}/matrix.csv"] = render_matrix_csv(kb)
    return files
