"""Reading the built site: pages, their article, and where their links lead."""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from bs4 import BeautifulSoup


@cache
def soup_of(path: Path) -> BeautifulSoup:
    """A built HTML file, parsed (cached: pages are read by many tests)."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_path(site: Path, url_path: str) -> Path:
    """The index.html behind a directory URL such as 'capabilities/model-registry/'."""
    return site / url_path / "index.html"


def article(site: Path, url_path: str) -> BeautifulSoup:
    """The content of a page, without the theme around it."""
    found = soup_of(page_path(site, url_path)).select_one("article")
    assert found is not None, url_path
    return found


def internal_target(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and anchor an internal link leads to; None for outside links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    url, anchor = urldefrag(href)
    if not url:
        return page, anchor
    base = page.parent.relative_to(site).as_posix()
    target = site / posixpath.normpath(posixpath.join(base, url))
    if url.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, anchor


def content_links(site: Path, url_path: str) -> set[str]:
    """The site-relative directory URLs the page's content links to."""
    page = page_path(site, url_path)
    links = set()
    for a in article(site, url_path).select("a[href]"):
        target = internal_target(site, page, a["href"])
        if target and target[0].name == "index.html":
            links.add(target[0].parent.relative_to(site).as_posix() + "/")
    return links
