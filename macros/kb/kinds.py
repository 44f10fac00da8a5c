"""The kinds of entity, declared once: everything the generator needs to know about each.

Every list of kinds in the code (the data folders, the schemas, the pages, the API files, the
search labels, the redirects, the changes page) iterates KINDS. Adding a kind is an entry here
with its model class and build function, a schema, a template and its strings.

The page-facing fields are plain names (a template, a strings key), so this module stays in kb/:
the site package reads them, nothing here renders.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from macros.kb.builders import (
    build_capability,
    build_case_study,
    build_characteristic,
    build_source,
    build_system,
    build_tag,
    build_term,
    build_tool,
)
from macros.kb.model import Capability, CaseStudy, Characteristic, Source, System, Tag, Term, Tool

# A reference to other entities: where a file names them (a trail, "*" for each item of a list), and their folder.
Reference = tuple[tuple[str, ...], str]


@dataclass(frozen=True)
class Kind:
    """One kind of entity: where its files are, how they are read, and where the site shows them."""

    folder: str  # data/<folder>/<id>.yml; its pages are <folder>/<id>/ and its API file api/v1/<folder>.json
    schema: str  # macros/schemas/<schema>.schema.json, its scaffold and `make new KIND=<schema>`
    model: type  # the frozen dataclass of one entity (macros.kb.model)
    build: Callable[[str, dict[str, Any]], Any]  # the model object from a file's validated values
    noun: str  # how messages name one ("unknown case study 'x'")
    references: tuple[Reference, ...] = ()  # the ids its files name, each checked to exist
    renamable: bool = True  # keeps former_ids: reported with the new id, listed in api/v1/renamed.json
    distinct_names: bool = False  # no two of its entities share a name, nor names that only look the same
    template: str | None = None  # the template of each entity's own page (templates/), or None
    listed_on: str | None = None  # or the page that lists every entity, each at its id's anchor
    exported: bool = False  # published in api/v1/ with the schema of its entries
    search_label: str | None = None  # the strings key of the type label its pages show in search results
    search_names: bool = False  # its names and aliases find its page, weighted like a title
    history: bool = True  # the changes page lists its files added, removed and renamed

    @property
    def redirects(self) -> bool:
        """Each former id's address forwards to the entity's page."""
        return self.renamable and self.template is not None


_KINDS = (
    Kind(
        "capabilities",
        "capability",
        Capability,
        build_capability,
        "capability",
        references=(
            (("related", "*"), "capabilities"),
            (("tags", "*"), "tags"),
            (("source", "ref"), "sources"),
            (("functions", "*", "source", "ref"), "sources"),
        ),
        distinct_names=True,
        template="capability.md.j2",
        exported=True,
        search_label="capability",
        search_names=True,
    ),
    Kind(
        "characteristics",
        "characteristic",
        Characteristic,
        build_characteristic,
        "characteristic",
        references=(
            (("example",), "case-studies"),
            (("recommendations", "*", "capability"), "capabilities"),
            (("source", "ref"), "sources"),
            (("recommendations", "*", "source", "ref"), "sources"),
            (("recommendations", "*", "stronger", "source", "ref"), "sources"),
        ),
        distinct_names=True,
        template="characteristic.md.j2",
        exported=True,
        search_label="characteristic",
        search_names=True,
    ),
    Kind(
        "case-studies",
        "case-study",
        CaseStudy,
        build_case_study,
        "case study",
        references=((("characteristics", "*"), "characteristics"), (("source", "ref"), "sources")),
        distinct_names=True,
        template="case-study.md.j2",
        exported=True,
        search_label="case_study",
        search_names=True,
    ),
    Kind("tags", "tag", Tag, build_tag, "tag", distinct_names=True, listed_on="tags.md"),
    Kind("sources", "source", Source, build_source, "source"),
    # A tool's name does not find its page through the names field: a product named after a
    # capability ("... Model Registry") must not outrank the capability; its title finds it.
    Kind(
        "tools",
        "tool",
        Tool,
        build_tool,
        "tool",
        references=((("provides", "*", "capability"), "capabilities"), (("successor",), "tools")),
        distinct_names=True,
        template="tool.md.j2",
        exported=True,
        search_label="tool",
    ),
    Kind(
        "terms",
        "term",
        Term,
        build_term,
        "term",
        references=((("source", "ref"), "sources"),),
        renamable=False,
        listed_on="glossary.md",
    ),
    # Our own ML systems: what each has in place, what it lacks of its characteristics' plan.
    Kind(
        "systems",
        "system",
        System,
        build_system,
        "system",
        references=(
            (("characteristics", "*"), "characteristics"),
            (("in_place", "*", "capability"), "capabilities"),
            (("in_place", "*", "tools", "*"), "tools"),
            (("like",), "case-studies"),
        ),
        template="system.md.j2",
        exported=True,
        search_label="system",
        search_names=False,
    ),
)

# Every kind by its folder, in the order the messages, the field reference and the pages list them.
KINDS: dict[str, Kind] = {kind.folder: kind for kind in _KINDS}
_BY_MODEL: dict[type, Kind] = {kind.model: kind for kind in _KINDS}


def kind_of(entity: Any) -> Kind:
    """The kind of a model object (a Capability is of the kind 'capabilities')."""
    return _BY_MODEL[type(entity)]


def folder_of(model: type) -> str:
    """The data folder of a model class, for the code about one kind (Tool -> 'tools')."""
    return _BY_MODEL[model].folder
