"""Checks across files: every reference resolves and the entities agree with each other.

Each check_* function returns problems and does no I/O. Positions come from the documents.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from macros.kb.characters import describe, first_format_character
from macros.kb.documents import Document, Trail, format_trail
from macros.kb.glossary_checks import check_rejected_forms, check_terms
from macros.kb.kinds import KINDS, folder_of, kind_of
from macros.kb.model import LANGUAGES, KnowledgeBase, System
from macros.kb.problems import Problem, did_you_mean, shown
from macros.kb.provenance_checks import check_provenance
from macros.kb.textrules import folded

Documents = dict[tuple[str, str], Document]
KnownIds = dict[str, set[str]]


def check_knowledge_base(kb: KnowledgeBase, docs: Documents, *, complete: bool = True) -> list[Problem]:
    """Every cross-file check, all problems at once.

    References are checked per file (check_references), broken files included. The coverage
    warnings only make sense when every file could be read (complete).
    """
    return [
        *check_self_relations(kb, docs),
        *check_unique_entries(kb, docs),
        *check_examples(kb, docs),
        *(check_coverage(kb, docs) if complete else []),
        *check_tools(kb, docs),
        *check_systems(kb, docs, datetime.date.today()),
        *check_successor_loops(kb, docs),
        *check_former_ids(kb, docs),
        *check_distinct_names(kb, docs),
        *check_owners_written_alike(kb, docs),
        *check_terms(kb, docs),
        *check_provenance(kb, docs, datetime.date.today()),
        *check_rejected_forms(kb.terms.values(), docs.values()),
    ]


def _reference(
    doc: Document,
    trail: Trail,
    target: str,
    kind: str,
    known: KnownIds,
    renamed: dict[tuple[str, str], str] | None = None,
) -> Iterator[Problem]:
    if target not in known[kind]:
        singular = KINDS[kind].noun
        new_id = (renamed or {}).get((kind, target))
        hint = f"it was renamed to '{new_id}'; use the new id" if new_id else _unknown_hint(target, kind, known)
        yield doc.problem(trail, f"unknown {singular} '{target}' ({hint})")


def _unknown_hint(target: str, kind: str, known: KnownIds) -> str:
    """The closest ids; with none close among many, the way to rename an entity whose file was moved by hand."""
    hint = did_you_mean(target, known[kind])
    if not hint.endswith("none is close"):  # a close id, or the few ids listed
        return hint
    return (
        f"{hint}; if you renamed the file, make rename KIND={KINDS[kind].schema} FROM={target} TO=<its new id> "
        "keeps the old id and rewrites every reference"
    )


def renamed_ids(kb: KnowledgeBase) -> dict[tuple[str, str], str]:
    """(kind, former id) -> the id it has now."""
    return {
        (kind, former): entity.id
        for kind, entities in _renamable(kb)
        for entity in entities.values()
        for former in entity.former_ids
    }


def _renamable(kb: KnowledgeBase) -> tuple[tuple[str, dict[str, Any]], ...]:
    """The kinds whose files keep their former ids, by folder."""
    return tuple((kind.folder, kb.entities(kind.folder)) for kind in KINDS.values() if kind.renamable)


def _doc(docs: Documents, entity: Any) -> Document:
    """The file an entity was read from."""
    return docs[kind_of(entity).folder, entity.id]


def check_references(doc: Document, known: KnownIds, renamed: dict[tuple[str, str], str]) -> Iterator[Problem]:
    """Every id a file names exists in data/ (with the closest ids as a hint when not).

    Read from the file's raw values, so a file that failed its schema check still has its ids
    checked in the same run: every error at once, not one per run.
    """
    for pattern, kind in KINDS[doc.kind].references if doc.kind in KINDS else ():
        for trail, value in values_at(doc.data, pattern, ()):
            # An id holding an invisible character is told so by the text rules, naming it: not as unknown too.
            if isinstance(value, str) and first_format_character(value) is None:
                yield from _reference(doc, trail, value, kind, known, renamed)


def values_at(value: Any, pattern: tuple[str, ...], trail: Trail) -> Iterator[tuple[Trail, Any]]:
    """Each value of a file at a reference's pattern ("*" for each item of a list), with its trail."""
    if not pattern:
        yield trail, value
    elif pattern[0] == "*" and isinstance(value, list):
        for i, item in enumerate(value):
            yield from values_at(item, pattern[1:], trail + (i,))
    elif isinstance(value, dict) and pattern[0] in value:
        yield from values_at(value[pattern[0]], pattern[1:], trail + (pattern[0],))


def check_self_relations(kb: KnowledgeBase, docs: Documents) -> Iterator[Problem]:
    """No capability names itself among its related capabilities."""
    for cap in kb.capabilities.values():
        for i, related in enumerate(cap.related):
            if related == cap.id:
                yield _doc(docs, cap).problem(("related", i), "a capability cannot be related to itself")


def check_unique_entries(kb: KnowledgeBase, docs: Documents) -> Iterator[Problem]:
    """No capability is recommended twice by one characteristic; no function id repeats."""
    for char in kb.characteristics.values():
        first: dict[str, int] = {}
        for i, rec in enumerate(char.recommendations):
            if rec.capability in first:
                yield _doc(docs, char).problem(
                    ("recommendations", i, "capability"),
                    f"'{rec.capability}' is already recommended in recommendations[{first[rec.capability]}] (merge the two)",
                )
            first.setdefault(rec.capability, i)
    for cap in kb.capabilities.values():
        seen: dict[str, int] = {}
        for i, function in enumerate(cap.functions):
            if function.id in seen:
                yield _doc(docs, cap).problem(
                    ("functions", i, "id"),
                    f"duplicate id '{function.id}' (also functions[{seen[function.id]}]; ids must differ)",
                )
            seen.setdefault(function.id, i)


def check_examples(kb: KnowledgeBase, docs: Documents) -> Iterator[Problem]:
    """A characteristic's example case study has that characteristic."""
    for char in kb.characteristics.values():
        case = kb.case_studies.get(char.example)
        if case and char.id not in case.characteristics:
            yield _doc(docs, char).problem(
                ("example",),
                f"case study '{case.id}' does not list '{char.id}' among its characteristics (add it there)",
            )


def check_coverage(kb: KnowledgeBase, docs: Documents) -> Iterator[Problem]:
    """Warnings: a capability nothing recommends; a characteristic no case study has; a key function no tool provides."""
    for cap in kb.capabilities.values():
        if not kb.recommendations_for(cap.id):
            yield _doc(docs, cap).problem(
                (),
                "no characteristic recommends this capability (add it to a characteristic's recommendations)",
                severity="warning",
            )
    provided = {(p.capability, f) for tool in kb.tools.values() for p in tool.provides for f in p.functions}
    # Data without a tools landscape at all (the benchmarks' generated sets) has no options to name.
    for cap in kb.capabilities.values() if kb.tools else ():
        for i, function in enumerate(cap.functions):
            if (cap.id, function.id) not in provided:
                yield _doc(docs, cap).problem(
                    ("functions", i, "id"),
                    f"no tool provides the key function '{function.id}' (name it in a tool's provides, "
                    "or add a tool: readers look for at least one option per function)",
                    severity="warning",
                )
    for char in kb.characteristics.values():
        if not kb.case_studies_with(char.id):
            yield _doc(docs, char).problem(
                (),
                "no case study has this characteristic (list it in a case study's characteristics)",
                severity="warning",
            )


def check_tools(kb: KnowledgeBase, docs: Documents) -> Iterator[Problem]:
    """A tool names existing capabilities, each once, and functions those capabilities have."""
    for tool in kb.tools.values():
        doc = _doc(docs, tool)
        first: dict[str, int] = {}
        for i, provision in enumerate(tool.provides):
            trail: Trail = ("provides", i, "capability")
            if provision.capability in first:
                yield doc.problem(
                    trail,
                    f"'{provision.capability}' is already listed in provides[{first[provision.capability]}] (merge the two)",
                )
            first.setdefault(provision.capability, i)
            capability = kb.capabilities.get(provision.capability)
            if capability is None:  # unknown (check_references says so) or broken in its own file
                continue
            function_ids = [f.id for f in capability.functions]
            for j, function_id in enumerate(provision.functions):
                if function_id not in function_ids:
                    yield doc.problem(
                        ("provides", i, "functions", j),
                        f"capability '{capability.id}' has no function '{function_id}' ({did_you_mean(function_id, function_ids)})",
                    )
        if tool.successor == tool.id:
            yield doc.problem(("successor",), "a tool cannot succeed itself (name the tool that takes its place)")
        yield from check_freshness(tool.checked, doc, datetime.date.today())
        yield from check_ring_date(tool.ring.date, doc, datetime.date.today())


def check_ring_date(date: str | None, doc: Document, today: datetime.date) -> Iterator[Problem]:
    """A ring is decided by the day it is written down: its date is not in the future. (One before the
    tool came into the data is a warning of the build, which reads git's history: macros/site/ring_dates.py.)"""
    decided = next(iter(_parse_date(date or "")), None)
    if decided is not None and decided > today:
        yield doc.problem(
            ("ring", "date"),
            f"'{date}' is in the future (the day the platform team decided the ring, at the latest today)",
        )


def check_systems(kb: KnowledgeBase, docs: Documents, today: datetime.date) -> Iterator[Problem]:
    """A system lists each capability in place once, and was not reviewed after today."""
    for system in kb.systems.values():
        doc = _doc(docs, system)
        first: dict[str, int] = {}
        for i, entry in enumerate(system.in_place):
            if entry.capability in first:
                yield doc.problem(
                    ("in_place", i, "capability"),
                    f"'{entry.capability}' is already listed in in_place[{first[entry.capability]}] (merge the two)",
                )
            first.setdefault(entry.capability, i)
        # A day that is no calendar date is refused by the file's own check (the schema's "format": "date").
        reviewed = next(iter(_parse_date(system.reviewed)), None)
        if reviewed is not None and reviewed > today:
            yield doc.problem(
                ("reviewed",),
                f"'{system.reviewed}' is in the future (the day the owner last checked the file, at the latest today)",
            )


def check_successor_loops(kb: KnowledgeBase, docs: Documents) -> Iterator[Problem]:
    """No chain of successors leads back to where it started: a reader following them would go round for ever."""
    for tool in kb.tools.values():
        chain = [tool.id]
        while (nxt := kb.tools[chain[-1]].successor) in kb.tools and nxt not in chain:
            chain.append(nxt)
        # Reported once, on the loop's first tool by id; a tool naming itself has its own message.
        if nxt == tool.id and len(chain) > 1 and tool.id == min(chain):
            loop = " -> ".join([*chain, tool.id])
            yield _doc(docs, tool).problem(
                ("successor",),
                f"successors go round in a loop: {loop} "
                "(the last tool of a chain is the one carried on: give it no successor)",
            )


# A tool's facts (names, owners, what it provides) are checked again at least this often.
STALE_AFTER_DAYS = 365


def check_freshness(checked: str, doc: Document, today: datetime.date) -> Iterator[Problem]:
    """The check date is not in the future; older than STALE_AFTER_DAYS warns."""
    date = next(iter(_parse_date(checked)), None)
    if date is None:  # no calendar date: the file's own check refuses it (the schema's "format": "date")
        return
    if date > today:
        yield doc.problem(
            ("checked",), f"'{checked}' is in the future (the date the facts were last checked, at the latest today)"
        )
    elif (today - date).days > STALE_AFTER_DAYS:
        yield doc.problem(
            ("checked",),
            f"facts last checked on {checked}, more than 12 months ago (check them against the "
            "tool's own documentation, update what changed and set checked to that day's date)",
            severity="warning",
        )


def _parse_date(value: str) -> list[datetime.date]:
    try:
        return [datetime.date.fromisoformat(value)]
    except ValueError:
        return []


def check_distinct_names(kb: KnowledgeBase, docs: Documents) -> Iterator[Problem]:
    """Names that read the same once normalised (NFKC, case, look-alike letters, invisible characters)
    are written the same: two entities of a kind never share a name, and no name or alias differs
    from another only in what a reader cannot see."""
    for kind, entities in ((k.folder, kb.entities(k.folder)) for k in KINDS.values() if k.distinct_names):
        for lang in LANGUAGES:
            seen: dict[str, tuple[str, Trail, str, bool]] = {}
            for entity in entities.values():
                for trail, text, is_name in _names_of(entity, lang):
                    key = folded(text)
                    first = seen.setdefault(key, (entity.id, trail, text, is_name))
                    if first[0] == entity.id and first[1] == trail:
                        continue
                    same_entity = first[0] == entity.id
                    if text != first[2]:
                        where = "" if same_entity else f" of {kind}/{first[0]}"
                        yield docs[kind, entity.id].problem(
                            trail,
                            f"{shown(text)} reads the same as {format_trail(first[1])}{where} "
                            f"({shown(first[2])}) but is written differently{_difference(text, first[2])} "
                            "(write both the same way, or keep one)",
                        )
                    elif not same_entity and is_name and first[3]:
                        yield docs[kind, entity.id].problem(
                            trail, f"{kind}/{first[0]} has the same name (give each its own)"
                        )


def check_owners_written_alike(kb: KnowledgeBase, docs: Documents) -> Iterator[Problem]:
    """Systems of one owner name it the same way: the portfolio's owner filter groups them by the text,
    so an owner that reads the same as another but is written differently (an invisible character,
    a look-alike letter) would be a second team that looks like the first."""
    for lang in LANGUAGES:
        seen: dict[str, tuple[str, str]] = {}
        for system in sorted(kb.systems.values(), key=lambda s: s.id):
            text = system.owner[lang]
            first_id, first = seen.setdefault(folded(text), (system.id, text))
            if text != first:
                yield _doc(docs, system).problem(
                    ("owner", lang),
                    f"{shown(text)} reads the same as owner.{lang} of {folder_of(System)}/{first_id} ({shown(first)}) "
                    f"but is written differently{_difference(text, first)} (write the owner the same way in both)",
                )


def _difference(text: str, other: str) -> str:
    """': one holds U+043E CYRILLIC SMALL LETTER O': the character a reader cannot see, named."""
    odd = next((c for c in text if c not in other and not c.isascii()), None) or next(
        (c for c in other if c not in text and not c.isascii()), None
    )
    return f": one holds {describe(odd)}" if odd else ""


def _names_of(entity: Any, lang: str) -> Iterator[tuple[Trail, str, bool]]:
    """(trail, text, whether it is the name) for the name or title and every alias, in one language."""
    field = "title" if hasattr(entity, "title") else "name"
    yield (field, lang), getattr(entity, field)[lang], True
    for i, alias in enumerate(getattr(getattr(entity, "aliases", None), lang, ())):
        yield ("aliases", lang, i), alias, False


def check_former_ids(kb: KnowledgeBase, docs: Documents) -> Iterator[Problem]:
    """A former id is free: no current entity of its kind has it, and only one entity claims it."""
    for kind, entities in _renamable(kb):
        claimed: dict[str, str] = {}
        for entity in entities.values():
            for i, former in enumerate(entity.former_ids):
                doc = docs[kind, entity.id]
                if former in entities:
                    yield doc.problem(
                        ("former_ids", i),
                        f"'{former}' is the id of an existing file in data/{kind}/ (a former id must be free; remove it)",
                    )
                elif former in claimed:
                    yield doc.problem(
                        ("former_ids", i), f"'{former}' is already a former id of '{claimed[former]}' (keep it on one)"
                    )
                claimed.setdefault(former, entity.id)
