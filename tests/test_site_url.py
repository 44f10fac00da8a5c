"""The published address (site_url, from KB_SITE_URL): with it, every page names its canonical
address and, as hreflang alternates, its own copy in each edition by full address, each pointing
back; without it, no hreflang link at all (search engines take only full addresses there)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.htmlread import is_redirect
from tests.sitebuild import ROOT, refuse_under_make_unit

# Every test here reads a published site (two editions built by `make build`'s command).
pytestmark = pytest.mark.site

ADDRESS = "https://example.org/kb/"
HEAD_LINK = re.compile(r'<link rel="(canonical|alternate)" href="([^"]*)"(?: hreflang="([^"]*)")?>')


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both editions as `make build` publishes them at ADDRESS, declared public (KB_PUBLIC=1)."""
    refuse_under_make_unit()
    site = tmp_path_factory.mktemp("published") / "site"
    # As GitHub Pages gives the address: no final slash.
    env = {**os.environ, "KB_SITE_URL": ADDRESS.rstrip("/"), "KB_PUBLIC": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "macros.commands.publish", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return site


def head_links(page: Path) -> tuple[str | None, dict[str, str]]:
    """A page's canonical address and its hreflang alternates (language -> address)."""
    head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
    canonical, alternates = None, {}
    for rel, href, lang in HEAD_LINK.findall(head):
        if rel == "canonical":
            canonical = href
        elif lang:
            alternates[lang] = href
    return canonical, alternates


def content_pages(site: Path) -> list[Path]:
    """Every page of both editions but the 404 pages and former addresses' redirects."""
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html" and not is_redirect(p))


def page_at(site: Path, address: str) -> Path:
    """The built page behind a full address of the published site."""
    assert address.startswith(ADDRESS), address
    return site / address.removeprefix(ADDRESS) / "index.html"


def test_every_page_names_itself_in_each_edition_by_full_address(published: Path) -> None:
    languages = {"en", "ja"}
    wrong = []
    pages = content_pages(published)
    assert len(pages) > 2
    for page in pages:
        canonical, alternates = head_links(page)
        own = "ja" if page.relative_to(published).parts[0] == "ja" else "en"
        if set(alternates) != languages or alternates[own] != canonical:
            wrong.append(f"{page.relative_to(published)}: canonical {canonical}, alternates {alternates}")
            continue
        for lang, address in alternates.items():
            other = page_at(published, address)
            # The same page in the other edition, which names this one back.
            if not other.is_file() or head_links(other)[1] != alternates:
                wrong.append(f"{page.relative_to(published)}: {lang} -> {address}")
    assert wrong == []


def test_the_404_pages_have_no_alternates(published: Path) -> None:
    assert [head_links(page)[1] for page in published.rglob("404.html")] == [{}, {}]


def test_without_an_address_there_is_no_hreflang_link(site_dir: Path) -> None:
    # Relative hreflang addresses are invalid; the language switch in the header still works.
    assert [str(p) for p in content_pages(site_dir) if head_links(p)[1]] == []
    assert 'hreflang="ja"' in (site_dir / "index.html").read_text(encoding="utf-8")
