"""Where each page comes from and what changed: the provenance line, the changes page, redirects.

Renders through the same escaping templates as every other page; knows nothing of MkDocs or git.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from macros.kb.kinds import KINDS, folder_of
from macros.kb.model import Capability, KnowledgeBase
from macros.site.history import Change
from macros.site.page_markup import HeadingStyle
from macros.site.render import GeneratedPage, load_strings, page_meta, render_page, render_template
from macros.site.repository_links import FileLinks

CHANGES_PAGE = "changes.md"
# Each changes page lists this many changes at most; older ones are on the next page (changes/2/, ...).
CHANGES_LIMIT = 50
# And the pages stop here, however long the history grows: the repository's history holds the rest.
CHANGES_PAGES = 20


@dataclass(frozen=True)
class ChangeGroup:
    """The changes of one kind of data (a data folder) on one day, ordered by their names in one edition."""

    kind: str
    changes: list[Change]


@dataclass(frozen=True)
class ChangeDay:
    """The changes of one day (a commit's, or a ring decision's own), newest day first, by kind in the kind registry's order."""

    date: str
    groups: list[ChangeGroup]


def group_changes(changes: list[Change], name_of: Callable[[str, str], str]) -> list[ChangeDay]:
    """Changes (newest first) by day, then by kind; within a kind by `name_of(kind, id)`, as this edition sorts its names."""
    by_day: dict[str, dict[str, list[Change]]] = {}
    for change in changes:
        by_day.setdefault(change.date[:10], {}).setdefault(change.kind, []).append(change)
    order = {kind: place for place, kind in enumerate(KINDS)}  # a kind the registry no longer has comes last
    return [
        ChangeDay(
            day,
            [
                ChangeGroup(kind, sorted(kinds[kind], key=lambda c: (name_of(c.kind, c.id).casefold(), c.id)))
                for kind in sorted(kinds, key=lambda kind: (order.get(kind, len(order)), kind))
            ],
        )
        for day, kinds in by_day.items()
    ]


def changes_page_src(number: int) -> str:
    """The source path of the changes page `number` (1: the newest changes)."""
    return CHANGES_PAGE if number == 1 else f"{CHANGES_PAGE.removesuffix('.md')}/{number}.md"


def render_provenance(
    kb: KnowledgeBase, lang: str, page_src: str, last_updated: str | None, links: FileLinks | None
) -> str:
    """The line closing an entity page: last updated, view source, history (each only when known)."""
    if not (last_updated or links):  # outside git and without a repository: nothing to say
        return ""
    return render_template("provenance.md.j2", kb, lang, page_src, last_updated=last_updated, links=links)


def render_changes_pages(
    kb: KnowledgeBase, lang: str, changes: list[Change], commit_link: Any, html: HeadingStyle | None = None
) -> list[GeneratedPage]:
    """The pages listing the data's changes, newest first, CHANGES_LIMIT a page; `commit_link(hash)` gives a commit's address or None.

    html: as HTML with its table of contents, headings in this style; None: as Markdown."""
    ui = load_strings(lang)

    # An id a change names may have been renamed since: the entity that holds it among its former_ids.
    renamed = {
        (kind.folder, former): entity
        for kind in KINDS.values()
        for entity in kb.entities(kind.folder).values()
        for former in getattr(entity, "former_ids", ())
    }

    def entity_of(kind: str, id: str) -> Any:
        """The entity to link to (under its id of today), if it still exists and the site shows it somewhere."""
        shown = kind in KINDS and (KINDS[kind].template or KINDS[kind].listed_on)
        return (kb.entities(kind).get(id) or renamed.get((kind, id))) if shown else None

    def unlinked_name(kind: str, id: str) -> str | None:
        """The name (a source's title) of an entity of today that no page of the site shows: said, not linked."""
        entity = kb.entities(kind).get(id) if kind in KINDS and entity_of(kind, id) is None else None
        text = getattr(entity, "name", None) or getattr(entity, "title", None)
        return text[lang] if text else None

    def name_of(kind: str, id: str) -> str:
        entity = entity_of(kind, id)
        name = getattr(entity, "name", None) if entity is not None else None
        return name[lang] if name else unlinked_name(kind, id) or id

    chunks = [changes[start : start + CHANGES_LIMIT] for start in range(0, len(changes), CHANGES_LIMIT)]
    chunks = chunks[:CHANGES_PAGES] or [[]]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        src = changes_page_src(number)
        title = ui["changes_title"] if number == 1 else ui["changes_page_title"].format(page=number)

        def neighbour(other: int) -> str | None:
            """The changes page `other`'s source path, if there is one (page_url links it inside HTML)."""
            return changes_page_src(other) if 1 <= other <= len(chunks) else None

        pages.append(
            render_page(
                "changes.md.j2",
                kb,
                lang,
                src,
                page_meta(title, "changes"),
                html,
                title=title,
                days=group_changes(chunk, name_of),
                changes=chunk,
                limit=CHANGES_LIMIT,
                newer=neighbour(number - 1),
                older=neighbour(number + 1),
                last_page=number == CHANGES_PAGES,
                entity_of=entity_of,
                unlinked_name=unlinked_name,
                commit_link=commit_link,
                capability_kind=folder_of(Capability),
            )
        )
    return pages


def render_data_errors(lang: str, report: str) -> str:
    """The page `make serve` shows at every address while the data has errors: the report, line by line."""
    return render_template("data-errors.html.j2", None, lang, "", lines=report.splitlines())


def render_redirect(kb: KnowledgeBase, lang: str, title: str, target: str) -> str:
    """A page that sends the browser on to `target` (a URL relative to it): an entity's former address."""
    return render_template("redirect.html.j2", kb, lang, "", title=title, target=target)
