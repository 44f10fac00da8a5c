"""Headings of pages generated as HTML: ids, permalinks and tables of contents as the `toc` extension makes them."""

from __future__ import annotations

from markupsafe import Markup

from macros.kb.load import build_knowledge_base
from macros.site.page_markup import HeadingStyle, PageMarkup, anchor_ids
from macros.site.render import render_entity_pages
from tests.datafixture import FIXTURE_DATA


def _ids(markup: PageMarkup, text: str) -> list[str]:
    _html, toc = markup.finish(text)
    flat, stack = [], list(toc)
    while stack:
        entry = stack.pop(0)
        flat.append(entry.id)
        stack[:0] = entry.children
    return flat


def test_a_repeated_heading_is_numbered_and_an_explicit_id_is_never_taken() -> None:
    markup = PageMarkup()
    text = "".join(
        markup.heading(2, Markup(name), anchor)
        for name, anchor in [("Notes", ""), ("Notes", ""), ("Tools", ""), ("Adopt", "tools")]
    )
    assert _ids(markup, text) == ["notes", "notes_1", "tools_1", "tools"]


def test_a_heading_without_ascii_letters_gets_a_number_by_default() -> None:
    markup = PageMarkup()
    text = markup.heading(2, Markup("定義"), "") + markup.heading(2, Markup("例"), "")
    assert _ids(markup, text) == ["_1", "_2"]


def test_the_configured_slugify_and_permalink_title_are_used() -> None:
    markup = PageMarkup(HeadingStyle(slugify=lambda value, separator: value, permalink_title="見出し"))
    html, _toc = markup.finish(markup.heading(2, Markup("定義"), ""))
    assert html == '<h2 id="定義">定義<a class="headerlink" href="#定義" title="見出し">&para;</a></h2>'


def test_headings_nest_in_the_table_of_contents_and_the_name_keeps_its_entities() -> None:
    markup = PageMarkup()
    text = markup.heading(1, Markup("Title"), "") + markup.heading(2, Markup("The source&#39;s example"), "")
    text += markup.heading(3, Markup("Situation"), "") + markup.heading(2, Markup("Checklist"), "")
    html, toc = markup.finish(text)
    assert [(e.id, e.name) for e in toc] == [("title", "Title")]
    assert [(e.id, e.name) for e in toc[0].children] == [
        ("the-sources-example", "The source&#39;s example"),
        ("checklist", "Checklist"),
    ]
    assert [e.id for e in toc[0].children[0].children] == ["situation"]
    assert anchor_ids(html) == {"title", "the-sources-example", "situation", "checklist"}


def test_every_generated_page_is_html_with_its_table_of_contents() -> None:
    kb = build_knowledge_base(FIXTURE_DATA).knowledge_base
    assert kb is not None
    for page in render_entity_pages(kb, "en", html=HeadingStyle()):
        assert page.toc, page.src_uri
        assert page.markdown.startswith(f'<h1 id="{page.toc[0].id}">'), page.src_uri
        assert ".md" not in page.markdown and "](" not in page.markdown, page.src_uri
