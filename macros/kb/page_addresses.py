"""Addresses the site's own pages hold under each kind's folder, which no id may take.

An entity's page is `<folder>/<id>/` and each former id's redirect `<folder>/<former>/`; a
hand-written page in docs/ (the section's own `index.md`, any other page or folder beside it, in
any edition) holds an address there too. An id equal to one of them would replace that page, so
it is refused at its field. The names come from the docs folders as they are, never from a list.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from macros.kb.documents import Document
from macros.kb.kinds import KINDS
from macros.kb.problems import Problem
from macros.paths import DOCS_DIR

# What MkDocs makes a folder's own page (its address is the folder's): held even where docs/ has none.
_FOLDER_PAGES = ("index",)

Taken = Mapping[str, Mapping[str, str]]  # kind folder -> {name: the page that holds <folder>/<name>/}


def taken_addresses(docs_dir: Path = DOCS_DIR) -> Taken:
    """For each kind with pages, the names under its folder that the site's own pages hold, with the page."""
    taken: dict[str, dict[str, str]] = {}
    for folder in (kind.folder for kind in KINDS.values() if kind.template):
        names = taken.setdefault(folder, {})
        for section in sorted(_sections(docs_dir, folder), key=lambda path: (len(path.parts), path)):
            for entry in sorted(section.iterdir()):
                name = entry.name.removesuffix(".md") if entry.is_file() else entry.name
                names.setdefault(name, entry.relative_to(docs_dir.parent).as_posix())
        for name in _FOLDER_PAGES:
            names.setdefault(name, f"{folder}/")
    return taken


def _sections(docs_dir: Path, folder: str) -> Iterator[Path]:
    """Every folder of docs/ (an edition's docs included) named as a kind's folder (the base edition's first)."""
    return (path for path in docs_dir.rglob(folder) if path.is_dir())


def check_page_addresses(doc: Document, taken: Taken) -> list[Problem]:
    """The file's id and former ids, each refused where a page of the site already has its address."""
    names = taken.get(doc.kind, {})
    problems = []
    if doc.id in names:
        problems.append(
            Problem(
                doc.path,
                1,
                1,
                f"the id '{doc.id}' is the address of the site's page {names[doc.id]} "
                "(its page would replace that one; rename the file)",
            )
        )
    former_ids = doc.data.get("former_ids") if isinstance(doc.data, dict) else None
    for i, former in enumerate(former_ids if isinstance(former_ids, list) else []):
        if isinstance(former, str) and former in names:
            problems.append(
                doc.problem(
                    ("former_ids", i),
                    f"'{former}' is the address of the site's page {names[former]} "
                    "(its redirect would replace that page; remove it)",
                )
            )
    return problems
