"""Tags: every capability shows its tags, each linking to the tags page, which lists them all."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.datafixture import knowledge_base

KB = knowledge_base()
CAPABILITIES = list(KB.capabilities.values())


class _Outline(HTMLParser):
    """The article's headings (level, id) and links (href, text), in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, str, str]] = []  # (tag, id or href, text)
        self._open: list[str] | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("h1", "h2", "h3") and (anchor := values.get("id")):
            self._open, self._text = [tag, anchor], ""
        elif tag == "a" and "href" in values and "headerlink" not in (values.get("class") or ""):
            self._open, self._text = ["a", values["href"] or ""], ""

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag in ("a", "h1", "h2", "h3") and (tag == "a") == (self._open[0] == "a"):
            self.items.append((self._open[0], self._open[1], self._text.strip().removesuffix("¶")))
            self._open = None


def outline(path: Path) -> list[tuple[str, str, str]]:
    text = path.read_text(encoding="utf-8")
    article = text[text.index("<article") : text.index("</article>")]
    parser = _Outline()
    parser.feed(article)
    return parser.items


@pytest.fixture(scope="module")
def tags_page(site_dir: Path) -> list[tuple[str, str, str]]:
    return outline(site_dir / "tags" / "index.html")


def test_tags_page_lists_every_tag_under_its_group_with_its_capabilities(tags_page) -> None:
    listed: dict[str, set[str]] = {}
    group, tag = None, None
    for kind, target, text in tags_page:
        if kind == "h2":
            group, tag = text, None
        elif kind == "h3":
            tag = KB.tags[target]
            assert text == tag.name.en
            assert group == {"stage": "Lifecycle stage", "process": "MLOps process"}[tag.group]
            listed[tag.id] = set()
        elif kind == "a" and tag:
            listed[tag.id].add(target.removeprefix("../capabilities/").strip("/"))
    expected = {t: {c.id for c in CAPABILITIES if t in c.tags} for t in KB.tags}
    assert listed == expected


@pytest.mark.parametrize("capability", CAPABILITIES, ids=lambda c: c.id)
def test_capability_page_links_each_of_its_tags_to_the_tags_page(capability, site_dir: Path, tags_page) -> None:
    anchors = {target for kind, target, _ in tags_page if kind == "h3"}
    page_dir = f"capabilities/{capability.id}/"
    links = [
        (href, text)
        for kind, href, text in outline(site_dir / page_dir / "index.html")
        if kind == "a" and "tags/#" in href
    ]
    assert [text for _, text in links] == [KB.tags[t].name.en for t in capability.tags]
    for href, _ in links:
        target, _, anchor = href.partition("#")
        assert posixpath.normpath(posixpath.join(page_dir, target)) == "tags"
        assert anchor in anchors
