"""Model objects from a data file's validated values: one build_* function per kind.

Each reads the fields its kind's schema guarantees; the registry (macros.kb.kinds) names the
function of each kind. api/v1/ writes the same fields, so these functions read its entries too.
"""

from __future__ import annotations

from typing import Any

from macros.kb.model import (
    LANGUAGES,
    Aliases,
    Capability,
    CaseStudy,
    Characteristic,
    Citation,
    Dates,
    Function,
    InPlace,
    Note,
    PartialDate,
    Provenance,
    Provision,
    Recommendation,
    Ring,
    Source,
    Statement,
    Story,
    System,
    Tag,
    Term,
    Text,
    Tool,
)
from macros.kb.model import Origin as _Origin


def _text(value: dict[str, str]) -> Text:
    return Text(**{lang: value[lang] for lang in LANGUAGES})


def _aliases(value: dict[str, list[str]] | None) -> Aliases:
    return Aliases(**{lang: tuple(value.get(lang, ())) for lang in LANGUAGES}) if value else Aliases()


def _citation(value: dict[str, Any]) -> Citation:
    return Citation(value["ref"], _text(value["section"]))


def _provenance(value: dict[str, Any] | None) -> Provenance:
    """A provenance field: absent, the source; by: platform-team, the team's own; ref, another registered source."""
    if not value:  # absent (api/v1/ writes an absent one empty)
        return Provenance()
    if value.get("by"):
        return Provenance(
            by=value["by"],
            rationale=_text(value["rationale"]),
            decided=value["decided"],
            link=value.get("link") or None,
        )
    return Provenance(citation=_citation(value))


def _said(source: str | dict[str, Any], section: Provenance) -> tuple[_Origin, Provenance]:
    """A recommendation's `source`: its characteristic's own section (cited as the characteristic is), the
    post's combined example (the source), or a provenance of its own (said elsewhere)."""
    if source == "section":
        return "section", section
    if source == "combined-example":
        return "combined-example", Provenance()
    return "elsewhere", _provenance(source if isinstance(source, dict) else None)


def _statement(value: dict[str, Any], section: Provenance) -> Statement:
    origin, provenance = _said(value["source"], section)
    condition = _text(value["condition"]) if "condition" in value else None
    return Statement(value["strength"], value["level"], condition, _text(value["why"]), origin, provenance)


def build_capability(id: str, data: dict[str, Any]) -> Capability:
    """A capability from its validated fields."""
    return Capability(
        id=id,
        name=_text(data["name"]),
        aliases=_aliases(data["aliases"]),
        summary=_text(data["summary"]),
        description=_text(data["description"]),
        functions=tuple(
            Function(
                f["id"],
                _text(f["name"]),
                _text(f["description"]),
                f.get("basis") or "key-functions",
                _provenance(f.get("source")),
            )
            for f in data["functions"]
        ),
        tags=tuple(data["tags"]),
        related=tuple(data["related"]),
        citation=_citation(data["source"]),
        former_ids=tuple(data.get("former_ids", [])),
        order=int(data["order"]) if "order" in data else None,
    )


def _recommendation(characteristic: str, r: dict[str, Any], section: Provenance) -> Recommendation:
    origin, provenance = _said(r["source"], section)
    return Recommendation(
        characteristic=characteristic,
        capability=r["capability"],
        stated_level=r["level"],
        stated_condition=_text(r["condition"]) if "condition" in r else None,
        why=_text(r["why"]),
        stated_strength=r["strength"],
        origin=origin,
        stronger=_statement(r["stronger"], section) if "stronger" in r else None,
        provenance=provenance,
    )


def build_characteristic(id: str, data: dict[str, Any]) -> Characteristic:
    """A characteristic, its recommendations and notes, from its validated fields."""
    provenance = _provenance(data["source"])
    recommendations = tuple(_recommendation(id, r, provenance) for r in data["recommendations"])
    return Characteristic(
        id=id,
        name=_text(data["name"]),
        aliases=_aliases(data.get("aliases")),
        summary=_text(data["summary"]),
        description=_text(data["description"]),
        example=data["example"],
        recommendations=recommendations,
        notes=tuple(Note(_text(n["title"]), _text(n["text"])) for n in data.get("notes", [])),
        provenance=provenance,
        former_ids=tuple(data.get("former_ids", [])),
        order=int(data["order"]) if "order" in data else None,
    )


def build_case_study(id: str, data: dict[str, Any]) -> CaseStudy:
    """A case study from its validated fields."""
    story = data["story"]
    return CaseStudy(
        id=id,
        title=_text(data["title"]),
        summary=_text(data["summary"]),
        characteristics=tuple(data["characteristics"]),
        source_example=_text(data["source_example"]),
        story=Story(_text(story["situation"]), _text(story["stakes"]), _text(story["first_steps"])),
        citation=_citation(data["source"]),
        former_ids=tuple(data.get("former_ids", [])),
    )


def build_tag(id: str, data: dict[str, Any]) -> Tag:
    """A tag from its validated fields."""
    return Tag(
        id,
        _text(data["name"]),
        data["group"],
        _text(data["description"]),
        tuple(data.get("former_ids", [])),
        order=int(data["order"]) if "order" in data else None,
    )


def build_source(id: str, data: dict[str, Any]) -> Source:
    """A source from its validated fields."""
    published = Dates(**{lang: PartialDate(date) for lang, date in data["published"].items()})
    return Source(
        id,
        _text(data["title"]),
        data["publisher"],
        published,
        _text(data["url"]),
        tuple(data.get("translated_titles", [])),
        tuple(data.get("former_ids", [])),
        foundation=data.get("foundation") == "true",
    )


def build_tool(id: str, data: dict[str, Any]) -> Tool:
    """A tool, what it provides and its adoption ring, from its validated fields."""
    ring = data["ring"]
    return Tool(
        id=id,
        name=_text(data["name"]),
        aliases=_aliases(data.get("aliases")),
        kind=data["kind"],
        provider=data["provider"],
        homepage=data["homepage"],
        licence=data.get("licence") or None,  # api/v1/tools.json writes a missing one empty
        provides=tuple(Provision(p["capability"], tuple(p["functions"])) for p in data["provides"]),
        ring=Ring(ring["status"], _text(ring["reason"]) if "reason" in ring else None, ring.get("date")),
        notes=_text(data["notes"])
        if any(data.get("notes", {}).values())
        else None,  # api/v1/tools.json writes none empty
        sources=tuple(data["sources"]),
        status=data["status"],
        checked=data["checked"],
        successor=data.get("successor") or None,  # api/v1/tools.json writes a missing one empty
        status_reason=_text(data["status_reason"]) if any(data.get("status_reason", {}).values()) else None,
        former_ids=tuple(data.get("former_ids", [])),
    )


def build_term(id: str, data: dict[str, Any]) -> Term:
    """A glossary term from its validated fields."""
    in_source = data.get("in_source", {})
    return Term(
        id=id,
        term=_text(data["term"]),
        in_source=dict(in_source),
        rejected=_aliases(data.get("rejected")),
        note=_text(data["note"]) if "note" in data else None,
        definition=_text(data["definition"]) if "definition" in data else None,
        also_in_source=_aliases(data.get("also_in_source")),
        provenance=_provenance(data.get("source")),
        reading=dict(data.get("reading", {})),
    )


def build_system(id: str, data: dict[str, Any]) -> System:
    """One of our ML systems, and the capabilities it has in place, from its validated fields."""
    return System(
        id=id,
        name=_text(data["name"]),
        summary=_text(data["summary"]),
        owner=_text(data["owner"]),
        status=data["status"],
        characteristics=tuple(data["characteristics"]),
        in_place=tuple(
            InPlace(
                entry["capability"],
                entry["state"],
                tuple(entry.get("tools", ())),
                _text(entry["note"]) if any(entry.get("note", {}).values()) else None,  # api/v1/ writes none empty
            )
            for entry in data["in_place"]
        ),
        reviewed=data["reviewed"],
        contact=data.get("contact") or None,  # api/v1/systems.json writes a missing one empty
        like=data.get("like") or None,
        sample=data.get("sample") == "true",
        former_ids=tuple(data.get("former_ids", [])),
    )
