"""What the 404 page offers for a near miss: every page's address with the names a reader may have typed.

The 404 page fetches this one file (names.json at the edition's root) only when it is shown, and
compares the missing address with each page's address, name and aliases (not-found.js); no other
page pays for it. Knows nothing of the site engine.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from macros.kb.kinds import KINDS
from macros.kb.model import BASE_LANGUAGE, KnowledgeBase
from macros.site.render import src_uri_of

NAMES_FILE = "names.json"


def _names_of(entity: Any, lang: str) -> list[str]:
    """An entity's name in this edition first, then its aliases, then the base edition's (readers type both)."""
    title = getattr(entity, "name", None) or entity.title
    aliases = getattr(entity, "aliases", None)
    names = [title[lang], *(aliases[lang] if aliases else ())]
    if lang != BASE_LANGUAGE:
        names += [title[BASE_LANGUAGE], *(aliases[BASE_LANGUAGE] if aliases else ())]
    return list(dict.fromkeys(names))


def build_page_names(
    kb: KnowledgeBase, lang: str, url_of: Callable[[str], str], pages: Iterable[tuple[str, str]]
) -> str:
    """names.json: [address, name, other names...] for each page in `pages` ((title, src_uri)) and each entity page.

    Addresses are relative to the edition's root, as MkDocs writes them; the text is JSON, closed by construction."""
    rows: list[list[str]] = [[url_of(src_uri), title] for title, src_uri in pages]
    for kind in KINDS.values():
        if kind.template is None:
            continue
        for entity in kb.entities(kind.folder).values():
            rows.append([url_of(src_uri_of(entity)), *_names_of(entity, lang)])
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def nav_pages(nav: Any) -> list[tuple[str, str]]:
    """The (title, source path) of each page the configuration's nav names, at any depth."""
    found: list[tuple[str, str]] = []
    for item in nav or ():
        if isinstance(item, dict):
            for title, target in item.items():
                if isinstance(target, str):
                    found.append((str(title), target))
                else:
                    found.extend(nav_pages(target))
    return found
