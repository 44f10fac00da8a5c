"""The block markup of generated pages, written either as Markdown or as the HTML it converts to.

Generated pages are handed to the site engine as HTML, so no Markdown parser ever reads data text.
The same templates still print Markdown (`markdown=True`), for the hand-written pages' macros, the
benchmark's static floor and the test that both forms build the same pages. Headings get the ids,
permalinks and table of contents that Python-Markdown's `toc` extension (slugify, unique ids,
`permalink: true`) gives the Markdown form.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

# Stands where a heading's id goes until every explicit id of the page is known; `<` never
# survives escaping, so no data text can contain it.
_PLACEHOLDER = "<!kb-heading-{}!>"
_PLACEHOLDER_RE = re.compile(r"<!kb-heading-(\d+)!>")
_TAG_RE = re.compile(r"<[^>]*>")
_ID_RE = re.compile(r'\sid="([^"]+)"')
_COUNTED_RE = re.compile(r"^(.*)_([0-9]+)$")


@dataclass
class TocEntry:
    """One heading of a page's table of contents, as the site engine's `toc` tokens hold it."""

    level: int
    id: str
    name: str
    children: list[TocEntry] = field(default_factory=list)

    def as_token(self) -> dict[str, Any]:
        """The entry as Python-Markdown's toc extension writes it."""
        return {
            "level": self.level,
            "id": self.id,
            "name": self.name,
            "children": [c.as_token() for c in self.children],
        }


def slugify(value: str, separator: str = "-") -> str:
    """A heading's id as Python-Markdown's default `toc` slugify makes it (ASCII only: Japanese gives '')."""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(rf"[{separator}\s]+", separator, value)


@dataclass(frozen=True)
class HeadingStyle:
    """How the site's `toc` settings make heading ids and permalinks (the adapter reads them from the config)."""

    slugify: Callable[[str, str], str] = slugify
    separator: str = "-"
    permalink: str | None = "&para;"  # the link's text as HTML; None: no permalink
    permalink_title: str = "Permanent link"


@dataclass
class PageMarkup:
    """What one HTML page's rendering collects: its headings (ids settled at the end) and explicit ids."""

    style: HeadingStyle = field(default_factory=HeadingStyle)
    headings: list[tuple[int, str, str]] = field(default_factory=list)  # level, inner HTML, explicit id or ""
    explicit_ids: set[str] = field(default_factory=set)

    def heading(self, level: int, text: Markup, anchor: str) -> Markup:
        """An <hN> with its permalink; without an anchor, its id is settled by finish()."""
        self.headings.append((level, str(text), anchor))
        if anchor:
            self.explicit_ids.add(anchor)
        key = anchor or _PLACEHOLDER.format(len(self.headings) - 1)
        link = ""
        if self.style.permalink is not None:
            title = html.escape(self.style.permalink_title)
            link = f'<a class="headerlink" href="#{key}" title="{title}">{self.style.permalink}</a>'
        return Markup(f'<h{level} id="{key}">{text}{link}</h{level}>')

    def finish(self, text: str) -> tuple[str, list[TocEntry]]:
        """The page with every heading's id in place, and its table of contents."""
        used = set(self.explicit_ids)
        ids = []
        for _level, inner, anchor in self.headings:
            slug = self.style.slugify(html.unescape(_name(inner)), self.style.separator)
            ids.append(anchor or _unique(slug, used))
        text = _PLACEHOLDER_RE.sub(lambda match: ids[int(match[1])], text)
        return text.lstrip(), _nest(
            [TocEntry(level, id, _name(inner)) for (level, inner, _), id in zip(self.headings, ids, strict=True)]
        )


def anchor_ids(text: str) -> set[str]:
    """Every id an HTML page's elements carry (links to the page may point at them)."""
    return set(_ID_RE.findall(text))


def _name(inner: str) -> str:
    """A heading's name in the table of contents: its HTML without tags, whitespace folded."""
    return " ".join(_TAG_RE.sub("", inner).split())


def _unique(id: str, used: set[str]) -> str:
    """id, or id_1, id_2... when taken (an empty id becomes _1), as the `toc` extension numbers them."""
    if id in used or not id:
        counted = _COUNTED_RE.match(id)
        base, count = (counted[1], int(counted[2])) if counted else (id, 0)
        count += 1
        while f"{base}_{count}" in used:
            count += 1
        id = f"{base}_{count}"
    used.add(id)
    return id


def _nest(entries: list[TocEntry]) -> list[TocEntry]:
    """Flat headings in page order as a tree: each under the nearest earlier heading of a lower level."""
    roots: list[TocEntry] = []
    stack: list[TocEntry] = []
    for entry in entries:
        while stack and stack[-1].level >= entry.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(entry)
        stack.append(entry)
    return roots
