"""Where each page comes from and what changed: the provenance line, the changes page, redirects.

Renders through the same escaping templates as every other page; knows nothing of MkDocs or git.
"""

from __future__ import annotations

from typing import Any

from macros.kb.kinds import KINDS, folder_of
from macros.kb.model import Capability, KnowledgeBase
from macros.site.history import Change
from macros.site.page_markup import HeadingStyle
from macros.site.render import GeneratedPage, load_strings, page_meta, render_page, render_template
from macros.site.repository_links import FileLinks

CHANGES_PAGE = "changes.md"
# The changes page lists this many changes at most, however long the history grows.
CHANGES_LIMIT = 50


def render_provenance(
    kb: KnowledgeBase, lang: str, page_src: str, last_updated: str | None, links: FileLinks | None
) -> str:
    """The line closing an entity page: last updated, view source, history (each only when known)."""
    if not (last_updated or links):  # outside git and without a repository: nothing to say
        return ""
    return render_template("provenance.md.j2", kb, lang, page_src, last_updated=last_updated, links=links)


def render_changes_page(
    kb: KnowledgeBase, lang: str, changes: list[Change], commit_link: Any, html: HeadingStyle | None = None
) -> GeneratedPage:
    """The page listing the latest data changes, newest first; `commit_link(hash)` gives a commit's address or None.

    html: as HTML with its table of contents, headings in this style; None: as Markdown."""

    def entity_of(kind: str, id: str) -> Any:
        """The entity to link to, if it still exists and the site shows it somewhere."""
        shown = kind in KINDS and (KINDS[kind].template or KINDS[kind].listed_on)
        return kb.entities(kind).get(id) if shown else None

    meta = page_meta(load_strings(lang)["changes_title"], "changes")
    return render_page(
        "changes.md.j2",
        kb,
        lang,
        CHANGES_PAGE,
        meta,
        html,
        changes=changes[:CHANGES_LIMIT],
        limit=CHANGES_LIMIT,
        entity_of=entity_of,
        commit_link=commit_link,
        capability_kind=folder_of(Capability),
    )


def render_data_errors(lang: str, report: str) -> str:
    """The page `make serve` shows at every address while the data has errors: the report, line by line."""
    return render_template("data-errors.html.j2", None, lang, "", lines=report.splitlines())


def render_redirect(kb: KnowledgeBase, lang: str, title: str, target: str) -> str:
    """A page that sends the browser on to `target` (a URL relative to it): an entity's former address."""
    return render_template("redirect.html.j2", kb, lang, "", title=title, target=target)
