"""The built search index knows each entity page by all its names and its type.

Material's search indexes what a page shows; our build adds, to each entity page's own entry,
the `names` field (name first, then every other name) and the `kind` label the results show.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pytest

from macros.kb.kinds import KINDS, Kind
from macros.kb.model import CaseStudy
from macros.site.render import load_strings, src_uri_of
from macros.site.search_entries import NAMES_BOOST, SearchEntry, add_search_entries, build_search_entries
from tests.datafixture import knowledge_base
from tests.searchindex import whole_search_index
from tests.siteinvariants import search_entry_problems

KB = knowledge_base()
ENTITIES = [*KB.capabilities.values(), *KB.characteristics.values(), *KB.case_studies.values()]
KIND_LABELS = {"capabilities": "capability", "characteristics": "characteristic", "case-studies": "case_study"}


@pytest.fixture(scope="module")
def search_index(site_dir: Path) -> dict:
    return whole_search_index(site_dir)


@pytest.fixture(scope="module")
def entries(search_index: dict) -> dict[str, dict]:
    return {doc["location"]: doc for doc in search_index["docs"]}


def test_names_field_is_weighted_like_a_title(search_index: dict) -> None:
    fields = search_index["config"]["fields"]
    assert fields["names"] == {"boost": NAMES_BOOST} == fields["title"]


@pytest.mark.parametrize("entity", ENTITIES, ids=lambda e: src_uri_of(e).removesuffix(".md"))
def test_entity_page_is_indexed_by_every_name(entity, entries: dict[str, dict]) -> None:
    url = src_uri_of(entity).removesuffix(".md") + "/"
    entry = entries[url]
    other_names = () if isinstance(entity, CaseStudy) else entity.aliases.en
    assert [html.unescape(name) for name in entry["names"]] == [entity.name.en, *other_names]
    assert entry["kind"] == load_strings("en")[KIND_LABELS[url.split("/")[0]]]
    # Found only by words the reader can see: each name is shown on the page itself.
    visible = html.unescape(entry["title"] + " " + entry["text"]).lower()
    for name in map(html.unescape, entry["names"]):
        assert name.lower() in visible, f"{name!r} is indexed but not shown on {url}"


def test_every_entity_page_is_in_the_index_by_its_names_and_type(site_dir: Path, kb) -> None:
    assert search_entry_problems(site_dir, kb) == []


def test_tool_pages_get_their_type_and_no_names(entries: dict[str, dict]) -> None:
    # Found by their titles; a product named after a capability must not outrank the capability.
    assert KB is not None
    for tool in KB.tools.values():
        entry = entries[src_uri_of(tool).removesuffix(".md") + "/"]
        assert entry["kind"] == load_strings("en")["tool"] and "names" not in entry


def test_sections_and_other_pages_get_no_names(entries: dict[str, dict]) -> None:
    # Which kinds are labelled and searched by name is the kind registry's to say.
    assert KB is not None

    def urls(kinds: list[Kind]) -> set[str]:
        return {src_uri_of(e).removesuffix(".md") + "/" for kind in kinds for e in KB.entities(kind.folder).values()}

    labelled = [kind for kind in KINDS.values() if kind.template and kind.search_label]
    assert {location for location, doc in entries.items() if "names" in doc} == urls(
        [kind for kind in labelled if kind.search_names]
    )
    assert {location for location, doc in entries.items() if "kind" in doc} == urls(labelled)


def test_add_search_entries_extends_only_the_named_pages() -> None:
    index: dict[str, Any] = {
        "config": {"fields": {}},
        "docs": [
            {"location": "capabilities/x/", "title": "X", "text": ""},
            {"location": "capabilities/x/#definition", "title": "Definition", "text": ""},
            {"location": "", "title": "Home", "text": ""},
        ],
    }
    add_search_entries(index, {"capabilities/x/": SearchEntry(("X", "ex"), "Capability")})
    assert index["config"]["fields"]["names"] == {"boost": NAMES_BOOST}
    assert index["docs"][0] | {} == {
        "location": "capabilities/x/",
        "title": "X",
        "text": "",
        "names": ["X", "ex"],
        "kind": "Capability",
    }
    assert "names" not in index["docs"][1] and "names" not in index["docs"][2]


def test_names_and_kind_are_escaped_like_index_text() -> None:
    from macros.kb.kinds import folder_of
    from macros.kb.model import Aliases, Capability, Citation, KnowledgeBase, Text

    text = Text("<b>R&D</b> store", "x")
    capability = Capability("x", text, Aliases(("<i>",), ()), text, text, (), (), (), Citation("s", text))
    kb = KnowledgeBase({folder_of(Capability): {"x": capability}})
    entry = build_search_entries(kb, "en", lambda src: src)["capabilities/x.md"]
    assert entry.names == ("&lt;b&gt;R&amp;D&lt;/b&gt; store", "&lt;i&gt;")


def test_the_matrix_page_leaves_its_reasons_to_the_characteristic_pages(site_dir: Path, kb) -> None:
    # A query for a word of a reason leads to the characteristic that gives it, not to the matrix:
    # no text the matrix's marks and tips hold (reasons, the tap hint, the † and * marks) is indexed.
    ui = load_strings("en")
    matrix = [doc for doc in whole_search_index(site_dir)["docs"] if doc["location"].startswith("matrix/")]
    assert matrix, "the matrix page is in the index (by its title and introduction)"
    text = html.unescape(" ".join(doc["text"] for doc in matrix))
    reasons = [rec.why.en for char in kb.characteristics.values() for rec in char.recommendations]
    leaked = [why for why in reasons if html.unescape(why)[:40] in text]
    assert leaked == [] and ui["matrix_open_reason"] not in text


def test_the_index_every_page_fetches_holds_no_entry(site_dir: Path) -> None:
    # Material fetches search/search_index.json with every page: only its configuration and the
    # fragments' version, whatever the number of pages; the worker fetches the rest at a query.
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == []
    assert set(index["config"]["kb"]) == {"version"}
    assert index["config"]["fields"] == whole_search_index(site_dir)["config"]["fields"]
