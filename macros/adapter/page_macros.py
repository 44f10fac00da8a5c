"""The macros that hand-written pages in docs/ call (mkdocs-macros' define_env lands here)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from macros.kb.kinds import KINDS, folder_of
from macros.kb.model import BASE_LANGUAGE, LANGUAGES, KnowledgeBase, System
from macros.site.api import API_DIR
from macros.site.history import RingChange
from macros.site.landscape import render_landscape, render_radar
from macros.site.portfolio import render_portfolio, render_systems_index
from macros.site.profiler_page import render_matrix, render_profiler
from macros.site.render import relative_url, render_cited_source, render_index
from macros.site.repository_links import build_new_file_link

# What a component needs beyond the site-wide assets (extra_css, extra_javascript): loaded only on
# the pages that show it. Its macro adds them to the page's meta; overrides/main.html links them.
COMPONENT_STYLES = {
    "matrix": ["assets/stylesheets/matrix.css", "assets/stylesheets/profiler.css"],
    "profiler": ["assets/stylesheets/profiler.css"],
    "tools_landscape": ["assets/stylesheets/landscape.css"],
    "tools_radar": ["assets/stylesheets/landscape.css"],
    "systems_index": ["assets/stylesheets/portfolio.css"],
    "portfolio": ["assets/stylesheets/portfolio.css"],
}
COMPONENT_SCRIPTS = {
    "matrix": ["assets/javascripts/matrix.js", "assets/javascripts/profiler.js"],
    "profiler": ["assets/javascripts/profiler.js"],
    "tools_landscape": ["assets/javascripts/tools-filter.js"],
    "tools_radar": ["assets/javascripts/radar.js"],
    "systems_index": ["assets/javascripts/portfolio.js"],
    "portfolio": ["assets/javascripts/portfolio.js"],
}


def _add_assets(meta: dict[str, Any], component: str) -> None:
    """Add a component's stylesheets and scripts to a page's meta (kb_styles, kb_scripts), each once."""
    for key, table in (("kb_styles", COMPONENT_STYLES), ("kb_scripts", COMPONENT_SCRIPTS)):
        listed = meta.setdefault(key, [])
        listed += [path for path in table.get(component, []) if path not in listed]


_Macro = TypeVar("_Macro", bound=Callable[..., object])


# The knowledge base as a page reads it (the plugin's page_view): the page's source path, and
# whether the macro also reads something else.
PageView = Callable[..., KnowledgeBase]


def register_macros(
    env: Any,
    page_view: PageView,
    ring_history: Callable[[], dict[str, list[RingChange]]],
    api_folder: Callable[[], str] = lambda: API_DIR,
) -> None:
    """Register matrix(), entity_index(), profiler() and count() for the pages that opt in to macros.

    ring_history: this build's ring history of every tool (the plugin read the history once);
    api_folder: where this edition's pages find api/v1/, from its root (the plugin's, for this build)."""

    def knowledge_base(*, outside: bool = False) -> KnowledgeBase:
        # The plugin's on_config has loaded and checked the data at the start of this build. `make
        # serve` notes what the page reads of it, to rebuild the page when that changes; outside:
        # the macro reads more than the knowledge base.
        return page_view(env.page.file.src_uri, outside=outside)

    def known(kind: str) -> str:
        # A misspelt kind in a page fails the build, instead of printing an empty list or a zero.
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
        return kind

    def lang() -> str:
        language: str = env.conf.theme.get("language", BASE_LANGUAGE)
        return language

    def macro(function: _Macro) -> _Macro:
        # mkdocs-macros' own decorator is untyped: this one keeps each macro's signature.
        env.macro(function)
        return function

    @macro
    def matrix() -> str:
        """The characteristics × capabilities matrix."""
        _add_assets(env.page.meta, "matrix")
        return render_matrix(knowledge_base(), lang(), env.page.file.src_uri, api_folder())

    @macro
    def cited_source(kind: str, title_lang: str | None = None) -> str:
        """The source a kind's entities cite, its title linked to it (title_lang: the title in another language than the page's)."""
        if title_lang is not None and title_lang not in LANGUAGES:
            raise ValueError(f"unknown language {title_lang!r} (expected one of {', '.join(LANGUAGES)})")
        return render_cited_source(knowledge_base(), known(kind), lang(), env.page.file.src_uri, title_lang)

    @macro
    def entity_index(kind: str) -> str:
        """Every entity of a kind (by its data folder), linked."""
        return render_index(knowledge_base(), known(kind), lang(), env.page.file.src_uri)

    @macro
    def profiler() -> str:
        """The use-case profiler: its form and plan, filled in the browser from api/v1/."""
        _add_assets(env.page.meta, "profiler")
        # A new system file goes to data/systems/ beside mkdocs.yml, from docs/ (or docs/ja/).
        docs = Path(env.conf.config_file_path).parent
        folder = os.path.relpath(docs / "data" / folder_of(System), env.conf.docs_dir).replace(os.sep, "/")
        new_file = build_new_file_link(env.conf.repo_url, env.conf.edit_uri, folder)
        return render_profiler(knowledge_base(), lang(), env.page.file.src_uri, new_file, api_folder())

    @macro
    def count(kind: str) -> int:
        """How many entities of a kind there are."""
        return len(knowledge_base().entities(known(kind)))

    @macro
    def tools_landscape() -> str:
        """Every capability with the tools that provide it, filterable by kind and ring."""
        _add_assets(env.page.meta, "tools_landscape")
        return render_landscape(knowledge_base(), lang(), env.page.file.src_uri)

    @macro
    def tools_radar() -> str:
        """The adoption radar of every tool."""
        _add_assets(env.page.meta, "tools_radar")
        kb = knowledge_base(outside=True)  # and the tools' ring history in git
        return render_radar(kb, lang(), env.page.file.src_uri, ring_history())

    @macro
    def systems_index() -> str:
        """Every one of our systems, filterable by owner and status."""
        _add_assets(env.page.meta, "systems_index")
        return render_systems_index(knowledge_base(), lang(), env.page.file.src_uri)

    @macro
    def portfolio() -> str:
        """Our systems x the capabilities, the platform's priorities and the tools in practice."""
        _add_assets(env.page.meta, "portfolio")
        return render_portfolio(knowledge_base(), lang(), env.page.file.src_uri, api_folder())

    @macro
    def api_url(name: str = "") -> str:
        """The address of api/v1/ (or of one of its files) from this page; in another edition than the
        base, the base's copy. Pages write it in an HTML link: MkDocs refuses a Markdown link out of the edition."""
        return relative_url(env.page.file.src_uri, api_folder()) + name
