"""A small element tree of an HTML page (standard library only), for tests that read the site back,
and where the site's links lead."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    """One element: its tag, attributes and children (elements and text, in order)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Element]:
        """This element and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        """Every element below (and including) this one with the tag and class given."""
        return [e for e in self.iter() if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)]

    def find(self, tag: str | None = None, cls: str | None = None) -> Element | None:
        found = self.find_all(tag, cls)
        return found[0] if found else None

    def one(self, tag: str | None = None, cls: str | None = None) -> Element:
        """The first element with the tag and class given, which must be there."""
        found = self.find(tag, cls)
        assert found is not None, f"no <{tag or '*'} class={cls}> in <{self.tag}>"
        return found

    def elements(self) -> list[Element]:
        return [c for c in self.children if isinstance(c, Element)]

    def text(self) -> str:
        """The text a reader sees, whitespace folded; permalink marks (¶) left out."""
        parts: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif "headerlink" not in child.classes:
                parts.append(" " + child.text() + " " if child.tag in {"p", "li", "div", "ul"} else child.text())
        return " ".join("".join(parts).split())


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        # Close up to the matching open element (browsers forgive missing end tags; so do we).
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Element:
    """The page's element tree."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def read_page(path: Path) -> Element:
    """The element tree of a built page."""
    return parse_html(path.read_text(encoding="utf-8"))


@cache
def read_built_page(path: Path) -> Element:
    """read_page, kept: many tests read the same built page."""
    return read_page(path)


def is_redirect(path: Path) -> bool:
    """A former address's page: it only forwards the browser to the entity's page (no article, no theme)."""
    return 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:2000]


def article_of(path: Path) -> Element:
    """The content of a built page, without the theme around it."""
    return read_built_page(path).one("article")


def page_path(site: Path, url_path: str) -> Path:
    """The index.html behind a directory URL such as 'capabilities/model-registry/'."""
    return site / url_path / "index.html"


def url_of(site: Path, page: Path) -> str:
    """The site path a page is served at: 'capabilities/model-registry/'."""
    relative = page.relative_to(site).as_posix()
    return relative.removesuffix("index.html") if relative.endswith("index.html") else relative


def target_of(site: Path, page_url: str, href: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points to; None for links that leave the site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    # 404.html links from the root ("/assets/..."): it is served at any address.
    base = "/" if parts.path.startswith("/") else posixpath.dirname(page_url)
    path = posixpath.normpath(posixpath.join(base, unquote(parts.path))).lstrip("/") if parts.path else page_url
    file = site / path
    return (file / "index.html" if file.is_dir() else file), unquote(parts.fragment)
