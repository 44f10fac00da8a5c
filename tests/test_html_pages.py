"""Generated pages handed to MkDocs as HTML build the same site as the same pages as Markdown.

The Markdown form (KB_PAGES_AS_MARKDOWN=1) is what MkDocs and Python-Markdown make of the
templates' Markdown: every page, heading id, permalink, table of contents, edit link and search
entry of the HTML form must be the same, on the real data in both editions, on hostile data
(headings made of markup and duplicate names) and with a repository set (edit and history links).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.kb.model import KnowledgeBase
from tests.datafixture import knowledge_base
from tests.sitebuild import build_site
from tests.sitecompare import site_differences


def _markdown_build(site: Path, *, data_dir: Path | None = None, config: str = "mkdocs.yml") -> Path:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("KB_PAGES_AS_MARKDOWN", "1")
        result = build_site(site, data_dir=data_dir, config=config)
    assert result.returncode == 0, result.stderr
    return site


def test_the_english_edition_is_the_same_as_from_markdown(site_dir: Path, tmp_path: Path) -> None:
    assert site_differences(site_dir, _markdown_build(tmp_path / "md")) == []


def test_the_japanese_edition_is_the_same_as_from_markdown(site_dir_ja: Path, tmp_path: Path) -> None:
    assert site_differences(site_dir_ja, _markdown_build(tmp_path / "md", config="mkdocs.ja.yml")) == []


def test_hostile_data_builds_the_same_pages_as_from_markdown(
    hostile_site: tuple[Path, KnowledgeBase], tmp_path: Path
) -> None:
    site, _kb = hostile_site
    data = site.parent / "data"
    assert site_differences(site, _markdown_build(tmp_path / "md", data_dir=data)) == []


def test_edit_and_history_links_are_the_same_as_from_markdown(
    history_site: tuple[object, Path], tmp_path: Path
) -> None:
    from tests.history_repo import REPO_URL

    history, site = history_site
    with pytest.MonkeyPatch.context() as env:
        env.setenv("KB_REPO_URL", REPO_URL)
        markdown = _markdown_build(tmp_path / "md", data_dir=history.data)  # type: ignore[attr-defined]
    # The capabilities' own pages, by the data's ids: a renamed one's old address is a redirect with no edit link.
    pages = [site / "capabilities" / id / "index.html" for id in knowledge_base(history.data).capabilities]  # type: ignore[attr-defined]
    assert pages and all(
        'rel="edit"' in page.read_text(encoding="utf-8") for page in pages
    )  # the comparison covers them
    assert site_differences(site, markdown) == []
