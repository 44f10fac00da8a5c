"""The built site, crawled: every internal link and anchor resolves, every page is reachable from the
home page, and nothing is loaded from outside (a static scan; the browser tests watch the network).
"""

from __future__ import annotations

import re
from collections import deque
from functools import cache
from pathlib import Path

from tests.htmlread import Element, read_page, target_of, url_of

# Attributes that make the browser fetch something (an <a href> is only followed when clicked).
_LOADING = {("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
            ("iframe", "src"), ("link", "href"), ("video", "src"), ("video", "poster"), ("audio", "src"),
            ("embed", "src"), ("object", "data"), ("input", "src"), ("track", "src")}
_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""")
_OUTSIDE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def pages_of(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@cache
def _ids(file: Path) -> frozenset[str]:
    page = read_page(file)
    return frozenset(e.attrs["id"] for e in page.iter() if "id" in e.attrs) | frozenset(
        e.attrs["name"] for e in page.iter() if e.tag == "a" and "name" in e.attrs)


def _links(page: Element) -> list[str]:
    return [a.attrs["href"] for a in page.find_all("a") if "href" in a.attrs]


def test_every_internal_link_and_anchor_resolves(editions_dir: Path) -> None:
    # Both editions as published: the language switch links each page to the other edition's.
    site_dir = editions_dir
    broken = []
    for file in pages_of(site_dir):
        page_url = url_of(site_dir, file)
        for element in read_page(file).iter():
            for attribute in ("href", "src"):
                href = element.attrs.get(attribute)
                target = target_of(site_dir, page_url, href) if href else None
                if target is None:
                    continue
                path, fragment = target
                if not path.is_file():
                    broken.append(f"{page_url}: {href} (no such file)")
                # The profiler reads its fragment as a selection (#a+b), not as an element id.
                elif fragment and path.suffix == ".html" and path.parent.name != "profiler" and fragment not in _ids(path):
                    broken.append(f"{page_url}: {href} (no #{fragment} there)")
    assert broken == []


def test_every_page_is_reachable_from_the_home_page(editions_dir: Path) -> None:
    site_dir = editions_dir
    home = site_dir / "index.html"
    seen = {home}
    queue = deque([home])
    while queue:
        file = queue.popleft()
        for href in _links(read_page(file)):
            target = target_of(site_dir, url_of(site_dir, file), href)
            if target and target[0].suffix == ".html" and target[0].is_file() and target[0] not in seen:
                seen.add(target[0])
                queue.append(target[0])
    unreachable = [url_of(site_dir, p) for p in pages_of(site_dir) if p not in seen and p.name != "404.html"]
    assert unreachable == []
    assert len(seen) > 30  # the crawl really followed links


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
