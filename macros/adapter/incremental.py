"""`make serve` rebuilds only the pages a change touched: MkDocs' dirty build, told what changed.

MkDocs 1.6 rebuilds every page after each change. With `--dirty` it skips a page whose File says
it is not modified, but it can only tell by modification times, and a generated file always counts
as modified. While serving with `--dirty`, this module keeps from one build to the next a key of
each generated page's inputs as rendered (its HTML, metadata, table of contents and edit link), and
says a page is modified only when its key changed: an entity's own page, and the pages that name
it (back-links, checklists, tags), whose text changes with it. Hand-written pages (the matrix, the
indexes, the profiler, the landscape) are rebuilt whenever any generated page or file changed, and
every page when anything else did (the configuration, the theme, our templates, the docs' page
list). MkDocs' search index is put back together from each page's latest entries, in page order,
and the outputs of pages that no longer exist are deleted: the site served equals a clean build.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from macros.kb.model import KnowledgeBase
from macros.paths import STRINGS_DIR, TEMPLATE_DIR
from macros.site.kept_pages import KeptPages, ReadLog, Reads, as_reads, note_outside
from macros.site.render import GeneratedPage

# The folders whose files every page's HTML depends on, besides the configuration.
_SITE_WIDE_DIRS = (TEMPLATE_DIR, STRINGS_DIR)


@dataclass
class _Build:
    """What one build left behind for the next one."""

    site_dir: str = ""
    site_wide: str = ""
    page_keys: dict[str, str] = field(default_factory=dict)  # generated page's src_uri -> key of its inputs
    page_list: str = ""  # key of every page's source path and URL
    outputs: set[str] = field(default_factory=set)  # every file the build wrote from Files
    search: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # page URL -> its search entries
    # Each hand-written page's reads of the data through its macros: being noted (ReadLog) or as noted (Reads).
    macro_reads: dict[str, ReadLog | Reads] = field(default_factory=dict)
    rebuilt: set[str] = field(default_factory=set)  # the URLs of the pages this build renders
    unsearched: set[str] = field(default_factory=set)  # and of those among them that search leaves out


class _DirtyWarning(logging.Filter):
    """Drops MkDocs' warning that a dirty build makes navigation inaccurate: here it does not."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


_QUIET = _DirtyWarning()


class _CompiledTemplates(BytecodeCache):
    """The theme's templates compiled once a `make serve` session: MkDocs makes a new Jinja
    environment for each build, which compiled them all again. Jinja keys each by its source."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)  # Jinja drops it when the source's checksum differs

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


class IncrementalBuilds:
    """What one `make serve` session keeps from each build for the next (the plugin holds one)."""

    def __init__(self, command: str, dirty: bool) -> None:
        """Incremental rebuilds are on for `mkdocs serve --dirty` only."""
        self.enabled = command == "serve" and dirty
        self._last: _Build | None = None
        self._current = _Build()
        self._page_order: list[str] = []  # this build's page URLs, in MkDocs' order
        self._kept_pages = KeptPages()
        self._keys_of_pages: dict[
            str, tuple[GeneratedPage, str, str | None, str]
        ] = {}  # src_uri -> page, text, edit link, key
        self._compiled_templates = _CompiledTemplates()
        logger = logging.getLogger("mkdocs.commands.build")
        if self.enabled:
            logger.addFilter(_QUIET)
        else:
            logger.removeFilter(_QUIET)

    def page_key(self, page: GeneratedPage, text: str, edit_uri: str | None) -> str:
        """The key of a generated page's inputs as rendered: its text (the page's, and its provenance
        line), metadata, table of contents, edit link ('' outside incremental serving: nothing reads it)."""
        if not self.enabled:
            return ""
        last = self._keys_of_pages.get(page.src_uri)
        # A page kept from the last build (kept_pages) has the same metadata and contents: hashed once.
        if last is not None and last[0] is page and last[2] == edit_uri and last[1] == text:
            return last[3]
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16)
        digest.update(
            repr((sorted(dict(page.meta).items()), [entry.as_token() for entry in page.toc or []], edit_uri)).encode()
        )
        key = digest.hexdigest()
        self._keys_of_pages[page.src_uri] = (page, text, edit_uri, key)
        return key

    def kept_pages(self, files: Files, config: MkDocsConfig, kb: KnowledgeBase) -> KeptPages | None:
        """The generated pages of the last build, for this build to reuse those whose inputs did not change
        (None outside incremental serving); started with this build's knowledge base."""
        if not self.enabled:
            return None
        self._kept_pages.start(kb, _site_wide_key(files, config))
        return self._kept_pages

    def mark_unchanged(self, files: Files, config: MkDocsConfig, keys: dict[str, str]) -> None:
        """Tell MkDocs which pages to skip in this build; keys: each generated page's key (page_key)."""
        if not self.enabled:
            return
        pages = files.documentation_pages()
        page_list = hashlib.blake2b("\0".join(f"{file.src_uri}\0{file.url}" for file in pages).encode(), digest_size=16)
        outputs = {file.abs_dest_path for file in files} | _theme_outputs(config)
        current = self._current = _Build(
            config.site_dir, _site_wide_key(files, config), dict(keys), page_list.hexdigest(), outputs
        )
        last = self._last
        everything = last is None or last.site_wide != current.site_wide
        # A hand-written page links to generated ones by path: pages added, renamed or removed rebuild them all.
        pages_moved = everything or last is None or last.page_list != current.page_list
        for file in pages:
            if last is None or everything:
                modified = True
            elif file.src_uri in keys:
                modified = last.page_keys.get(file.src_uri) != keys[file.src_uri]
            else:  # a hand-written page: MkDocs knows when its own file changed, and its macros' reads say when the data did
                reads = last.macro_reads.get(file.src_uri)
                modified = (
                    pages_moved
                    or file.is_modified()
                    or reads is None
                    or not self._kept_pages.unchanged(as_reads(reads))
                )
                if not modified:
                    assert reads is not None
                    current.macro_reads[file.src_uri] = reads
            if modified and file.src_uri not in keys:
                current.macro_reads[file.src_uri] = {}  # filled by its macros (macro_view) as MkDocs renders it
            if modified:
                current.rebuilt.add(_page_url(file))
            # No public way to tell MkDocs' dirty build a page is unchanged: https://github.com/mkdocs/mkdocs/issues/1705
            file.is_modified = (lambda value: lambda: value)(modified)  # type: ignore[method-assign]

    def macro_view(self, kb: KnowledgeBase, src_uri: str, *, outside: bool = False) -> Any:
        """The knowledge base as a hand-written page's macro sees it: while serving incrementally, a view
        that notes the page's reads, by which the next build knows whether to rebuild the page.
        outside: the macro also reads something besides the knowledge base (git): rebuild the page every time."""
        reads = self._current.macro_reads.get(src_uri) if self.enabled else None
        if not isinstance(reads, dict):
            return kb
        if outside:
            note_outside(reads)
        return self._kept_pages.view(reads)

    def reuse_compiled_templates(self, env: Environment) -> None:
        """While serving incrementally, the theme's environment compiles each template once (a changed one again)."""
        if self.enabled:
            env.bytecode_cache = self._compiled_templates

    def note_page_order(self, files: Files) -> None:
        """The pages of this build in MkDocs' order, which the search index keeps."""
        self._page_order = [_page_url(file) for file in files.documentation_pages()]

    def note_page_rendered(self, page: Page) -> None:
        """A page this build rendered: one that search leaves out (`search: exclude`) has no entries now."""
        search = page.meta.get("search") or {}
        if self.enabled and isinstance(search, dict) and search.get("exclude"):
            self._current.unsearched.add(page.url)

    def finish(self, index: dict[str, Any] | None) -> dict[str, Any] | None:
        """After a build: delete what vanished, and the full search index (each page's latest entries).

        index: the search index Material wrote for this build. In a dirty build its plugin appends
        this build's entries, page by page, to what it kept from the builds before: each rebuilt
        page's own entries are its last run of entries."""
        if not self.enabled:
            return index
        current, last = self._current, self._last
        if index is not None:
            current.search = _last_runs(index["docs"], current.rebuilt - current.unsearched)
        if last is not None:
            for path in sorted(last.outputs - current.outputs):
                _remove(Path(path), Path(current.site_dir))
            for url, entries in last.search.items():
                if url not in current.rebuilt:
                    current.search.setdefault(url, entries)
        current.search = {url: current.search[url] for url in self._page_order if url in current.search}
        current.macro_reads = {src: as_reads(reads) for src, reads in current.macro_reads.items()}
        self._last = current
        if index is None:
            return None
        index["docs"] = [dict(entry) for entries in current.search.values() for entry in entries]
        return index


def _page_url(file: File) -> str:
    """A page's URL as its Page (and so its search entries) gives it: the home page's is '' where its File's is './'."""
    return "" if file.url in (".", "./") else file.url


def _page_of(entry: dict[str, Any]) -> str:
    """The URL of the page a search entry is in (a section's entry has its #anchor)."""
    location: str = entry["location"]
    return location.split("#", 1)[0]


def _last_runs(docs: list[dict[str, Any]], pages: set[str]) -> dict[str, list[dict[str, Any]]]:
    """For each of `pages`, its last run of consecutive entries in docs (page URL -> entries)."""
    runs: dict[str, list[dict[str, Any]]] = {}
    index = len(docs)
    while index > 0:
        page = _page_of(docs[index - 1])
        start = index - 1
        while start > 0 and _page_of(docs[start - 1]) == page:
            start -= 1
        if page in pages and page not in runs:
            runs[page] = docs[start:index]
        index = start
    return runs


def _theme_outputs(config: MkDocsConfig) -> set[str]:
    """What the theme's own templates write besides the pages (404.html, sitemap.xml and its .gz):
    not in Files, and kept when a build before wrote them from Files (the data-errors site's 404.html)."""
    paths = {os.path.join(config.site_dir, name) for name in config.theme.static_templates}
    return paths | {f"{path}.gz" for path in paths if path.endswith("sitemap.xml")}


def _site_wide_key(files: Files, config: MkDocsConfig) -> str:
    """What every page depends on: the configuration, the theme's and our templates, the hand-written pages there are."""
    digest = hashlib.blake2b(digest_size=16)
    config_dir = Path(config.config_file_path).parent
    for path in sorted(config_dir.glob("mkdocs*.yml")):
        digest.update(path.read_bytes())
    # The theme's templates in our custom_dir (overrides/); its assets are copied when they change.
    custom_dir = config.theme.custom_dir
    templates = sorted(Path(custom_dir).rglob("*.html")) if custom_dir else []
    for folder in _SITE_WIDE_DIRS:
        templates += sorted(path for path in folder.rglob("*") if path.is_file())
    for path in templates:
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\0".encode())
    # The hand-written pages (the navigation lists them); generated ones come and go with the data.
    for file in files.documentation_pages():
        if not file.generated_by:
            digest.update(file.src_uri.encode() + b"\0")
    return digest.hexdigest()


def _remove(path: Path, site_dir: Path) -> None:
    """Delete a file a vanished page or file left, and the folders it leaves empty inside the site."""
    if path.is_file():
        path.unlink()
    folder = path.parent
    while folder != site_dir and site_dir in folder.parents and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
