"""The site's MkDocs plugin (`kb` in mkdocs.yml's plugins; registered in pyproject.toml): validates
data/ before anything is built, adds a generated page per entity, and completes the search index.

This is the only module (with mkdocs-macros' entry point) that knows the site engine. The plugin
instance holds a build's state and, under `make serve`, what one build keeps for the next: MkDocs
keeps a plugin that has on_startup for a whole serve session.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from macros.adapter.html_pages import HtmlPage, heading_style
from macros.adapter.incremental import IncrementalBuilds
from macros.adapter.readers import HEADERS_FILE, declared_public, render_headers
from macros.adapter.serve_editions import SERVE_EDITIONS, read_serve_editions
from macros.adapter.site_addresses import check_site_addresses
from macros.kb.gc_pause import cycle_collector_paused
from macros.kb.kinds import KINDS
from macros.kb.load import KnowledgeBaseLoader
from macros.kb.model import BASE_LANGUAGE, KnowledgeBase
from macros.kb.problems import format_report
from macros.paths import SCHEMA_DIR, data_dir_of
from macros.site.api import API_DIR, build_api_files, edition_api_folder
from macros.site.content_policy import allow_more, with_policy
from macros.site.history import DataHistory, HistoryReader, RingChange, list_changes, report_history, ring_history
from macros.site.not_found import NAMES_FILE, build_page_names, nav_pages
from macros.site.provenance import (
    CHANGES_LIMIT,
    CHANGES_PAGES,
    render_changes_pages,
    render_data_errors,
    render_provenance,
    render_redirect,
)
from macros.site.render import GeneratedPage, load_strings, render_entity_pages, src_uri_of
from macros.site.repository_links import build_commit_link, build_file_links
from macros.site.ring_dates import check_ring_dates
from macros.site.search_entries import add_search_entries, build_search_entries
from macros.site.search_fragments import FragmentWriter

_DATA_ERRORS = "kb_data_errors"  # config.extra key: the report, while the data has errors


class _NoOptions(Config):  # type: ignore[no-untyped-call]
    """The plugin takes no options: what it reads is data/ and the rest of the configuration."""


# MkDocs' BasePlugin.__init_subclass__ has no type hints.
class KnowledgeBasePlugin(BasePlugin[_NoOptions]):  # type: ignore[no-untyped-call]
    """The knowledge base as a MkDocs plugin: one instance per `mkdocs build`, or per `mkdocs serve` session."""

    def __init__(self) -> None:
        # `mkdocs serve`: invalid data builds a site of one error page instead of stopping, so every
        # address shows the problems (a stopped build leaves the browser waiting), and fixing the data
        # rebuilds the real site and reloads the page.
        self.serving = False
        self.public = False  # declared public (KB_PUBLIC): indexed, with a sitemap
        self.policy_hashes: set[str] = set()  # the inline scripts this build's pages allow (content_policy)
        self.not_found_hashes: set[str] = set()  # those of this edition's 404 page
        self.loader = KnowledgeBaseLoader()  # keeps each data file's checks between the builds of a session
        self.builds = IncrementalBuilds("build", dirty=False)
        self.fragments = FragmentWriter()
        self.knowledge_base: KnowledgeBase | None = None  # this build's, once on_config has loaded it
        self.history_reader = HistoryReader()  # reads data/'s history again only when HEAD moved
        self.history = DataHistory(unavailable="not read yet")  # this build's, read by on_config
        self.api_folder = API_DIR  # where this edition's pages find api/v1/, from its root (on_config)
        # The metadata of this build's generated pages, by source path; set on each page as it is read.
        self._generated_meta: dict[str, Mapping[str, str]] = {}
        # The key of each generated page's inputs, by source path: `make serve` rebuilds the pages whose key changed.
        self._page_keys: dict[str, str] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """A session starts (MkDocs keeps the instance for the whole process): nothing kept from one before."""
        self.serving = command == "serve"
        self.builds = IncrementalBuilds(command, dirty)
        self.loader = KnowledgeBaseLoader()
        self.fragments = FragmentWriter()

    def page_view(self, src_uri: str, *, outside: bool = False) -> KnowledgeBase:
        """The knowledge base as a hand-written page's macros read it (incremental.IncrementalBuilds.macro_view)."""
        if self.knowledge_base is None:  # the plugin has already stopped the build with the report
            raise RuntimeError("the data has errors; run `make check`")
        view: KnowledgeBase = self.builds.macro_view(self.knowledge_base, src_uri, outside=outside)
        return view

    def ring_history(self) -> dict[str, list[RingChange]]:
        """Each tool's ring changes in this build's history (for the radar's macro)."""
        return ring_history(self.history)

    def _loaded(self) -> KnowledgeBase:
        """The knowledge base on_config loaded for this build."""
        assert self.knowledge_base is not None  # on_config stopped the build otherwise
        return self.knowledge_base

    # Before every other plugin: invalid data stops the build before anything is written.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        unsafe = check_site_addresses(config, serving=self.serving)
        if unsafe:
            print("\n".join(unsafe), file=sys.stderr)
            raise Abort("The site's addresses (above) would be printed in every page; nothing was built.")
        # Internal unless declared public: pages carry noindex (overrides/main.html) and no sitemap is
        # published (on_post_template).
        self.public = declared_public(config)
        config.extra["public"] = self.public
        self.policy_hashes = set()
        result = self.loader.load(data_dir_of(config.config_file_path))
        self.knowledge_base = result.knowledge_base
        if not result.ok:
            report = format_report(result.problems, result.file_count)
            print(report, file=sys.stderr)
            if not self.serving:
                raise Abort("The data has errors (listed above); nothing was built.")
            config.extra[_DATA_ERRORS] = report
            config.theme.static_templates.discard("404.html")  # the error page stands at every address
            config.nav = None  # no page exists for nav to name: a warning per entry would bury the report
            return config
        for problem in result.problems:
            print(problem, file=sys.stderr)
        # edit_uri (which holds the branch) only means something with repo_url; without it, no edit links.
        if not config.repo_url:
            config.edit_uri = None
        # The theme's own partials (overrides/) print the same per-language strings as our templates.
        config.extra["ui"] = load_strings(config.theme.get("language", BASE_LANGUAGE))
        self.api_folder = edition_api_folder(config.extra.get("edition_dir", ""), own_copy=self.serving)
        _resolve_site_url(config, self.serving)
        if self.serving:  # `make serve`: the language switch leads to the other edition's server
            editions, warning = read_serve_editions(os.environ.get(SERVE_EDITIONS))
            if warning:
                print(warning, file=sys.stderr)
            for alternate in config.extra.get("alternate", []):
                if alternate.get("lang") in editions:
                    alternate["serve_url"] = editions[alternate["lang"]]
        data_dir = data_dir_of(config.config_file_path)
        history = self.history_reader.read(data_dir)
        base_edition = config.theme.get("language", BASE_LANGUAGE) == BASE_LANGUAGE
        # Said once per commit, not at every rebuild of `make serve`, and by the base edition alone:
        # every edition reads the same history.
        if history is not self.history and base_edition:
            for line in report_history(history, data_dir.name):
                print(line, file=sys.stderr)
        self.history = history
        # The data against its history, said at every build as the data's own warnings are.
        if base_edition:
            for problem in check_ring_dates(self._loaded(), history, data_dir):
                print(problem, file=sys.stderr)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if _DATA_ERRORS in config.extra:
            page = render_data_errors(config.theme.get("language", BASE_LANGUAGE), config.extra[_DATA_ERRORS])
            error_files = Files([File.generated(config, name, content=page) for name in ("index.html", "404.html")])
            self.builds.mark_unchanged(error_files, config, {})
            return error_files
        kb = self._loaded()
        lang = config.theme.get("language", BASE_LANGUAGE)
        self._generated_meta.clear()
        self._page_keys.clear()
        self._add_entity_pages(files, config, kb, lang)
        changes = list_changes(self.history, CHANGES_LIMIT * CHANGES_PAGES)
        for changes_page in render_changes_pages(
            kb,
            lang,
            changes,
            lambda commit: build_commit_link(config.repo_url, config.edit_uri, commit),
            html=heading_style(config),
        ):
            self._add_page(files, config, changes_page, changes_page.markdown)
        _add_redirects(files, config, kb, lang, self.policy_hashes)
        # The schemas, published so editors and other tools can check data files.
        for name in ["common", *(kind.schema for kind in KINDS.values())]:
            path = SCHEMA_DIR / f"{name}.schema.json"
            files.append(File.generated(config, f"schemas/{path.name}", abs_src_path=str(path)))
        # The machine-readable edition (api/v1/), which the profiler reads; URLs as MkDocs writes them.
        # The same bytes in every edition: written once, by the edition whose pages find it in their own root.
        by_src_uri = files.src_uris

        def url_of(entity: object) -> str:
            return by_src_uri[src_uri_of(entity)].url

        if self.api_folder == API_DIR:
            for api_path, content in build_api_files(kb, url_of).items():
                files.append(File.generated(config, api_path, content=content))
        # What the 404 page suggests for a near miss: the nav's pages and every entity page, by their names.
        pages = [(title, src_uri) for title, src_uri in nav_pages(config.nav) if src_uri in by_src_uri]
        names = build_page_names(kb, lang, lambda src_uri: by_src_uri[src_uri].url, pages)
        files.append(File.generated(config, NAMES_FILE, content=names))
        self.builds.mark_unchanged(files, config, self._page_keys)
        # The knowledge base and the rendered pages live until the build ends: frozen, Python's cycle
        # collector stops scanning them again at every collection while MkDocs builds the pages.
        gc.freeze()
        return files

    def _add_entity_pages(self, files: Files, config: MkDocsConfig, kb: KnowledgeBase, lang: str) -> None:
        """A page per entity, closed by its provenance line; its edit button opens its data file."""
        # The repository path is data/ beside mkdocs.yml (KB_DATA_DIR only swaps the content).
        data_from_docs = os.path.relpath(Path(config.config_file_path).parent / "data", config.docs_dir).replace(
            os.sep, "/"
        )
        last_updated = self.history.last_updated  # read once, in on_config
        kept = self.builds.kept_pages(files, config, kb)
        for page in render_entity_pages(kb, lang, self.ring_history(), html=heading_style(config), kept=kept):
            data_file = page.data_file
            if not data_file:
                self._add_page(files, config, page, page.markdown)
                continue
            path_from_docs = f"{data_from_docs}/{data_file}"
            links = build_file_links(config.repo_url, config.edit_uri, path_from_docs)
            markdown = page.markdown + render_provenance(kb, lang, page.src_uri, last_updated.get(data_file), links)
            self._add_page(files, config, page, markdown, edit_uri=path_from_docs)

    def _add_page(
        self, files: Files, config: MkDocsConfig, page: GeneratedPage, text: str, edit_uri: str | None = None
    ) -> File:
        """A generated page's file; its metadata waits for on_page_markdown, outside the text.

        An HTML page gets its page object now, which skips the Markdown conversion."""
        file = File.generated(config, page.src_uri, content=text)
        if edit_uri:
            file.edit_uri = edit_uri  # MkDocs joins it to repo_url and edit_uri, as for docs/ pages
        self._generated_meta[page.src_uri] = page.meta
        self._page_keys[page.src_uri] = self.builds.page_key(page, text, edit_uri)
        if page.toc is not None:
            HtmlPage(file, config, page.meta, page.toc)
        files.append(file)
        return file

    # Before the macros plugin (which reads page.meta): a generated page's metadata is ours alone, and
    # its Markdown is the text we generated, whole; nothing in it is ever parsed as front matter.
    @event_priority(100)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        meta = self._generated_meta.get(page.file.src_uri)
        if meta is None or not page.file.generated_by:
            return markdown
        page.meta = dict(meta)
        return page.file.content_string

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.builds.reuse_compiled_templates(env)
        return env

    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.builds.note_page_order(files)
        return nav

    # After Material's search plugin has indexed the page, or left it out.
    @event_priority(-100)
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        self.builds.note_page_rendered(page)
        return context

    # Last, on the page as written: its Content Security Policy, from the inline scripts around its
    # content. `make serve` has none: its live reload is an inline script that changes at every build.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.serving:
            return output
        html, hashes = with_policy(output, page.content or "")
        self.policy_hashes |= hashes
        return html

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if template_name == "sitemap.xml" and not self.public:
            return ""  # MkDocs writes no file for an empty template (nor its .gz)
        if self.serving or not template_name.endswith(".html"):
            return output_content
        html, hashes = with_policy(output_content)
        self.policy_hashes |= hashes
        if template_name == "404.html":
            self.not_found_hashes = hashes
        return html

    # After Material's search plugin has written its whole index: read once, with each entity page's
    # names and type added, it is cut into the fragments, and the page's index takes its place.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        gc.unfreeze()  # `make serve` builds again in this process; let the last build's objects go
        if not self.serving:
            headers = render_headers(self.policy_hashes, public=self.public)
            (Path(config.site_dir) / HEADERS_FILE).write_text(headers, encoding="utf-8")
            _let_the_first_edition_show_this_404(config, self.not_found_hashes)
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not path.exists() or _DATA_ERRORS in config.extra:  # search disabled, or only the error page built
            self.builds.finish(None)
            return
        kb = self._loaded()

        def url_of(src_uri: str) -> str:
            return File(src_uri, None, config.site_dir, config.use_directory_urls).url

        entries = build_search_entries(kb, config.theme.get("language", BASE_LANGUAGE), url_of)
        # Material's plugin hands its index to no other plugin: the file it writes is the public contract
        # (https://github.com/squidfunk/mkdocs-material/issues/2973), read once here.
        # The index and its fragments are many objects and no cycles: the collector would scan the site's heap for nothing.
        with cycle_collector_paused():
            # A `make serve` rebuild: the index of every page, those this build skipped included.
            index = self.builds.finish(json.loads(path.read_text(encoding="utf-8")))
            assert index is not None
            self.fragments.write(add_search_entries(index, entries), path.parent)

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()


def _let_the_first_edition_show_this_404(config: MkDocsConfig, hashes: set[str]) -> None:
    """Hosts serve the first edition's 404 page at every missing address; under another edition's
    folder it writes that edition's 404 page in its place (overrides/404.html), whose inline scripts
    its policy must then allow. The first edition is built first, into the folder above this one."""
    edition_dir = config.extra.get("edition_dir")
    if not edition_dir or not hashes:
        return
    root = Path(config.site_dir)
    for _ in Path(edition_dir).parts:  # ja/ -> the site's root, one folder up
        root = root.parent
    first = root / "404.html"
    if first.is_file():
        first.write_text(allow_more(first.read_text(encoding="utf-8"), hashes), encoding="utf-8")


def _add_redirects(files: Files, config: MkDocsConfig, kb: KnowledgeBase, lang: str, hashes: set[str]) -> None:
    """A small page at each former id's address that forwards to the entity's page."""
    for kind in KINDS.values():
        if not kind.redirects:
            continue
        for entity in kb.entities(kind.folder).values():
            if not entity.former_ids:
                continue
            target = files.get_file_from_path(src_uri_of(entity))
            assert target is not None  # added by _add_entity_pages
            section = kind.folder
            for former in entity.former_ids:
                dest = f"{section}/{former}/index.html" if config.use_directory_urls else f"{section}/{former}.html"
                html = render_redirect(
                    kb, lang, entity.name[lang], get_relative_url(target.url, dest.removesuffix("index.html"))
                )
                html, allowed = with_policy(html)
                hashes |= allowed
                files.append(File.generated(config, dest, content=html))


def _resolve_site_url(config: MkDocsConfig, serving: bool) -> None:
    """This edition's published address, and each edition's in the language switch (alternate[].url).

    site_url (KB_SITE_URL) is the published site's root; this edition's pages are under its folder
    there (extra.edition_dir). The head's hreflang links need full addresses (overrides/main.html
    prints them only then). `mkdocs serve` serves one edition at its own address: nothing to add.
    """
    if serving or not config.site_url:
        return
    config.site_url = urljoin(config.site_url, config.extra.get("edition_dir", ""))
    for alternate in config.extra.get("alternate", []):
        alternate["url"] = urljoin(config.site_url, alternate["link"])
