"""From validated documents to the knowledge base: the one place that reads data/ as a whole."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.collector import cycle_collector_paused
from macros.loader import ID_PATTERN, Document, iter_data_files, load_document
from macros.placeholders import check_placeholders, without_masked
from macros.model import (
    Aliases, CaseStudy, Capability, Characteristic, Citation, Function, KnowledgeBase,
    Note, Provision, Recommendation, Ring, Source, Story, Tag, Text, Tool,
)
from macros.problems import Problem, errors_in
from macros.schema import KINDS, check_schema
from macros.validation import _renamed, check_knowledge_base, check_references


@dataclass(frozen=True)
class LoadResult:
    """The knowledge base (None when any error stops it) and every problem found."""

    knowledge_base: KnowledgeBase | None
    problems: list[Problem]
    file_count: int

    @property
    def ok(self) -> bool:
        return not errors_in(self.problems)


def build_knowledge_base(data_dir: Path) -> LoadResult:
    """Read, check and assemble everything in data/, reporting all problems at once."""
    with cycle_collector_paused():
        return _build_knowledge_base(data_dir)


def _build_knowledge_base(data_dir: Path) -> LoadResult:
    problems: list[Problem] = []
    placeholders: list[Problem] = []
    documents: list[Document] = []
    files = list(iter_data_files(data_dir))
    for path in files:
        placement = _check_placement(path, data_dir)
        if placement:
            problems.append(placement)
            continue
        doc, read_problems = load_document(path, data_dir)
        if not read_problems:
            placeholders += check_placeholders(doc)
        problems += read_problems or check_schema(doc)
        documents.append(doc)
    # A scaffolded file fails on its placeholders alone, and is otherwise checked like any other.
    problems = without_masked(problems, placeholders)
    broken = {p.path for p in problems}
    valid = [d for d in documents if d.path not in broken]
    kb = _assemble(valid)
    # Ids of every file, valid or not, so one broken file does not make its ids "unknown" elsewhere.
    known = {kind: {d.id for d in documents if d.kind == kind} for kind in KINDS}
    problems += check_knowledge_base(kb, {(d.kind, d.id): d for d in valid}, complete=not broken)
    renamed = _renamed(kb)
    for doc in documents:
        if doc.data is not None:
            problems += check_references(doc, known, renamed)
    problems = without_masked(problems, placeholders) + placeholders
    return LoadResult(kb if not errors_in(problems) else None, problems, len(files))


def _check_placement(path: Path, data_dir: Path) -> Problem | None:
    relative_path = path.relative_to(data_dir.parent)
    relative, parts = relative_path.as_posix(), relative_path.parts[1:]
    if path.is_symlink():
        link_problem = _check_link(path, relative, data_dir)
        if link_problem:
            return link_problem
    if len(parts) != 2 or parts[0] not in KINDS:
        folders = ", ".join(f"data/{k}/" for k in KINDS)
        return Problem(relative, 1, 1, f"not in a data folder (data files go in {folders})")
    if path.suffix != ".yml":
        return Problem(relative, 1, 1, f"data files end in .yml (rename it to {path.stem}.yml)")
    if not ID_PATTERN.match(path.stem):
        return Problem(relative, 1, 1, f"'{path.stem}' is not a valid id: the file name is the id, in kebab-case (e.g. model-registry.yml)")
    return None


def _check_link(path: Path, relative: str, data_dir: Path) -> Problem | None:
    if not path.exists():
        return Problem(relative, 1, 1, "a link to nothing (its target does not exist; remove it)")
    if data_dir.resolve() not in path.resolve().parents:
        if path.is_dir():
            return Problem(relative, 1, 1, "a folder in data/ may not link outside data/ (copy its files in instead)")
        return Problem(relative, 1, 1, "a data file may not link outside data/ (copy the file in instead)")
    if path.is_dir():  # a link to a folder inside data/: its files are read where they are
        return Problem(relative, 1, 1, "a folder in data/ may not be a link (move its files in instead)")
    return None


def _assemble(documents: list[Document]) -> KnowledgeBase:
    by_kind: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
    for doc in sorted(documents, key=lambda d: (d.kind, d.id)):
        by_kind[doc.kind][doc.id] = _BUILDERS[doc.kind](doc.id, doc.data)
    return KnowledgeBase(
        capabilities=by_kind["capabilities"],
        characteristics=by_kind["characteristics"],
        case_studies=by_kind["case-studies"],
        tags=by_kind["tags"],
        sources=by_kind["sources"],
        tools=by_kind["tools"],
    )


def _text(value: dict[str, str]) -> Text:
    return Text(en=value["en"], ja=value["ja"])


def _aliases(value: dict[str, list[str]] | None) -> Aliases:
    return Aliases(tuple(value["en"]), tuple(value["ja"])) if value else Aliases()


def _citation(value: dict[str, Any]) -> Citation:
    return Citation(value["ref"], _text(value["section"]))


def build_capability(id: str, data: dict[str, Any]) -> Capability:
    """A capability from its validated fields."""
    return Capability(
        id=id,
        name=_text(data["name"]),
        aliases=_aliases(data["aliases"]),
        summary=_text(data["summary"]),
        description=_text(data["description"]),
        functions=tuple(Function(f["id"], _text(f["name"]), _text(f["description"])) for f in data["functions"]),
        tags=tuple(data["tags"]),
        related=tuple(data["related"]),
        citation=_citation(data["source"]),
        former_ids=tuple(data.get("former_ids", [])),
        order=int(data["order"]) if "order" in data else None,
    )


def build_characteristic(id: str, data: dict[str, Any]) -> Characteristic:
    """A characteristic, its recommendations and notes, from its validated fields."""
    recommendations = tuple(
        Recommendation(
            characteristic=id,
            capability=r["capability"],
            level=r["level"],
            condition=_text(r["condition"]) if "condition" in r else None,
            why=_text(r["why"]),
            origin=r["source"],
        )
        for r in data["recommendations"]
    )
    return Characteristic(
        id=id,
        name=_text(data["name"]),
        aliases=_aliases(data.get("aliases")),
        summary=_text(data["summary"]),
        description=_text(data["description"]),
        example=data["example"],
        recommendations=recommendations,
        notes=tuple(Note(_text(n["title"]), _text(n["text"])) for n in data.get("notes", [])),
        citation=_citation(data["source"]),
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
        story=Story(_text(story["situation"]), _text(story["stakes"]), _text(story["first_steps"])),
        citation=_citation(data["source"]),
        former_ids=tuple(data.get("former_ids", [])),
    )


def build_tag(id: str, data: dict[str, Any]) -> Tag:
    """A tag from its validated fields."""
    return Tag(id, _text(data["name"]), data["group"], _text(data["description"]))


def build_source(id: str, data: dict[str, Any]) -> Source:
    """A source from its validated fields."""
    return Source(id, _text(data["title"]), data["publisher"], data["published"], _text(data["url"]))


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
        ring=Ring(ring["status"], _text(ring["reason"]), ring["date"]),
        notes=_text(data["notes"]) if data.get("notes", {}).get("en") else None,
        sources=tuple(data["sources"]),
    )


_BUILDERS = {
    "capabilities": build_capability,
    "characteristics": build_characteristic,
    "case-studies": build_case_study,
    "tags": build_tag,
    "sources": build_source,
    "tools": build_tool,
}


_cache: dict[Path, tuple[tuple, LoadResult]] = {}


def load_knowledge_base(data_dir: Path) -> LoadResult:
    """build_knowledge_base, reused while no data file has changed (each `make serve` rebuild)."""
    data_dir = data_dir.resolve()
    stamp = _fingerprint(data_dir)
    cached = _cache.get(data_dir)
    if cached and cached[0] == stamp:
        return cached[1]
    result = build_knowledge_base(data_dir)
    _cache[data_dir] = (stamp, result)
    return result


def current_knowledge_base(data_dir: Path) -> LoadResult:
    """What load_knowledge_base last returned for data_dir, without looking at the files again.

    For the later steps of a build that loaded the data in its first step: a build asks about
    fifteen times, and at `l` each look at the 3,000 files' dates takes about 14 ms.
    """
    cached = _cache.get(data_dir.resolve())
    return cached[1] if cached else load_knowledge_base(data_dir)


def _fingerprint(data_dir: Path) -> tuple:
    entries = []
    for root, _dirs, names in os.walk(data_dir):
        for name in names:
            info = os.stat(os.path.join(root, name))
            entries.append((root, name, info.st_mtime_ns, info.st_size))
    return tuple(sorted(entries))
