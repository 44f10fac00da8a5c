"""What the site search knows about each entity page beyond its text: its names and its type.

Material's search (lunr) indexes titles and body text only, and has no synonyms. A reader who
types "feature store" must land on *Dataset and feature repository*, so every entity page's
search entry gets a `names` field (its name and every other name, weighted like a title) and a
`kind` label (Capability, Characteristic, Case study) that the search results show. The other
names are also printed on the page itself ("Also known as"), so nothing is found by words the
reader cannot see. Tool pages get their label (Tool) but no names: their titles already find
them, and a product named after a capability ("... Model Registry") must not outrank it.
A capability's entry also gets a `functions` field, its key functions' names (weighted between
title and text), so a reader's term from one of them ("point-in-time queries") finds it.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from macros.kb.kinds import KINDS
from macros.kb.model import BASE_LANGUAGE, Capability, KnowledgeBase
from macros.site.render import load_strings, src_uri_of

# Weight of the names field: the same as a page title (Material weighs titles 1000, text 1),
# so a page named by the query outranks any page that merely mentions it.
NAMES_BOOST = 1000.0
FUNCTIONS_BOOST = 100.0


@dataclass(frozen=True)
class SearchEntry:
    """The extra search fields of one entity page, as HTML text like the rest of the index.

    Material's results insert index text as HTML, so data text is escaped here, as Material's
    own indexer escapes page text.
    """

    names: tuple[str, ...]
    kind: str
    functions: tuple[str, ...] = ()


def build_search_entries(kb: KnowledgeBase, lang: str, url_of: Callable[[str], str]) -> dict[str, SearchEntry]:
    """Each entity page's URL (from url_of(src_uri)) with its type label and, for the kinds searched by name, its names, name first."""
    ui = load_strings(lang)
    entries = {}
    for kind in KINDS.values():
        if kind.template is None or kind.search_label is None:
            continue
        label = html.escape(ui[kind.search_label], quote=False)
        for entity in kb.entities(kind.folder).values():
            names: tuple[str, ...] = ()
            if kind.search_names:
                aliases = getattr(entity, "aliases", None)  # a case study has its title alone
                other_names: tuple[str, ...] = aliases[lang] if aliases else ()
                # Other editions print the base edition's (English) names too ("英語名"), and readers type them.
                if aliases and lang != BASE_LANGUAGE:
                    other_names += (entity.name[BASE_LANGUAGE], *aliases[BASE_LANGUAGE])
                names = tuple(
                    dict.fromkeys(html.escape(name, quote=False) for name in [entity.name[lang], *other_names])
                )
            functions: tuple[str, ...] = ()
            if isinstance(entity, Capability):
                functions = tuple(dict.fromkeys(html.escape(f.name[lang], quote=False) for f in entity.functions))
            entries[url_of(src_uri_of(entity))] = SearchEntry(names, label, functions)
    return entries


def add_search_entries(index: dict[str, Any], entries: dict[str, SearchEntry]) -> dict[str, Any]:
    """Material's search index with the names field declared and each entity page's entry extended."""
    index["config"].setdefault("fields", {})["names"] = {"boost": NAMES_BOOST}
    index["config"]["fields"]["functions"] = {"boost": FUNCTIONS_BOOST}
    for doc in index["docs"]:
        # Only the page's own entry (no #section): the names describe the page, not each section.
        entry = entries.get(doc["location"])
        if entry:
            if entry.names:
                doc["names"] = list(entry.names)
            if entry.functions:
                doc["functions"] = list(entry.functions)
            doc["kind"] = entry.kind
    return index
