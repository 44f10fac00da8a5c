"""The built site, crawled: every internal link and anchor resolves, every page is reachable from the
home page, and nothing is loaded from outside (a static scan; the browser tests watch the network).
"""

from __future__ import annotations

import re
from pathlib import Path

from macros.kb.model import KnowledgeBase
from tests.htmlread import read_page, url_of
from tests.siteinvariants import broken_links, pages_of, redirect_problems, unreachable_pages

EDITIONS = ("", "ja/")  # where each edition's pages are in the published site

# Attributes that make the browser fetch something (an <a href> is only followed when clicked).
_LOADING = {
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("link", "href"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
    ("track", "src"),
}
_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""")
_OUTSIDE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def test_every_internal_link_and_anchor_resolves(editions_dir: Path) -> None:
    # Both editions as published: the language switch links each page to the other edition's.
    assert broken_links(editions_dir) == []


def test_every_page_is_reachable_from_the_home_page(editions_dir: Path, kb: KnowledgeBase) -> None:
    assert unreachable_pages(editions_dir, kb, EDITIONS) == []
    assert pages_of(editions_dir), "the crawl had a site to follow"


def test_each_former_address_forwards_to_its_page(editions_dir: Path, kb: KnowledgeBase) -> None:
    assert redirect_problems(editions_dir, kb, EDITIONS) == []


def test_nothing_is_loaded_from_outside_the_site(site_dir: Path) -> None:
    found = []
    for file in pages_of(site_dir):
        name = url_of(site_dir, file) or "index.html"
        for element in read_page(file).iter():
            for tag, attribute in _LOADING:
                value = element.attrs.get(attribute, "") if element.tag == tag else ""
                urls = [u.split()[0] for u in value.split(",") if u.strip()] if attribute == "srcset" else [value]
                found += [f"{name}: <{tag} {attribute}={u}>" for u in urls if _OUTSIDE.match(u.strip())]
            css = element.attrs.get("style", "") + (element.text() if element.tag == "style" else "")
            found += [f"{name}: CSS url({u})" for u in _CSS_URL.findall(css) if _OUTSIDE.match(u)]
    for stylesheet in sorted(site_dir.rglob("*.css")):
        text = stylesheet.read_text(encoding="utf-8")
        found += [f"{stylesheet.relative_to(site_dir)}: url({u})" for u in _CSS_URL.findall(text) if _OUTSIDE.match(u)]
    assert found == []
