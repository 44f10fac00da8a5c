"""Generated pages handed to MkDocs as HTML: its Markdown conversion is skipped for them.

A generated page's body comes from our templates already converted (macros/site/page_markup.py),
with its table of contents; MkDocs still wraps it in the theme, gives it its edit link, and the
search plugin indexes it, as for any page. KB_PAGES_AS_MARKDOWN=1 hands the same pages over as
Markdown instead (the benchmark's static floor, and the test that both forms build the same site).
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from macros.site.page_markup import HeadingStyle, TocEntry, anchor_ids, slugify


def heading_style(config: MkDocsConfig) -> HeadingStyle | None:
    """How this site's `toc` extension writes headings, for pages generated as HTML; None when
    KB_PAGES_AS_MARKDOWN asks for Markdown."""
    if os.environ.get("KB_PAGES_AS_MARKDOWN", "") not in ("", "0"):
        return None
    toc = config.mdx_configs.get("toc", {})
    permalink = toc.get("permalink", False)
    return HeadingStyle(
        slugify=toc.get("slugify", slugify),
        separator=toc.get("separator", "-"),
        # `permalink: true` is the pilcrow; a text is the link's text.
        permalink="&para;" if permalink is True else (html.escape(permalink, quote=False) if permalink else None),
        permalink_title=toc.get("permalink_title", "Permanent link"),
    )


class HtmlPage(Page):
    """A page whose source is HTML with a known table of contents and metadata."""

    def __init__(self, file: File, config: MkDocsConfig, meta: Mapping[str, str], toc: list[TocEntry]) -> None:
        super().__init__(None, file, config)
        self._generated_meta = dict(meta)
        self._generated_toc = toc
        # Read now, so the title is known even when a `make serve` rebuild skips the page (incremental.py).
        self.read_source(config)

    def read_source(self, config: MkDocsConfig) -> None:
        # The text is ours whole: nothing in it is read as front matter; the metadata travels beside it.
        self.markdown = self.file.content_string
        self.meta = dict(self._generated_meta)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        content = self.markdown or ""
        self.content = content
        # Python-Markdown's toc tokens are TypedDicts; ours carry the same keys.
        tokens: Any = [entry.as_token() for entry in self._generated_toc]
        self.toc = get_toc(tokens)
        # Links from other pages to an anchor here are checked against these, as for converted pages.
        self.present_anchor_ids = anchor_ids(content)
