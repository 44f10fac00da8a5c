"""The glossary as a reader meets it on a phone, in both editions: every term with its one-line
definition and a link to the capability or characteristic it names, nothing cut off at 390 px."""

from __future__ import annotations

import pytest

from macros.kb.model import BASE_LANGUAGE, LANGUAGES, KnowledgeBase

# Each entry: its id, its definition's text, and the addresses it links to.
_ENTRIES = """() => Array.from(document.querySelectorAll(".kb-glossary__entry")).map(entry => [
  entry.id,
  (entry.querySelector(".kb-glossary__definition") || { textContent: "" }).textContent,
  Array.from(entry.querySelectorAll("a")).map(a => a.href),
])"""
# Elements of the article whose right edge is past the window's, or that scroll sideways.
_CUT_OFF = """() => Array.from(document.querySelectorAll("article *")).filter(e => {
  const box = e.getBoundingClientRect();
  return box.width > 0 && (box.right > window.innerWidth + 1 || e.scrollWidth > e.clientWidth + 1);
}).map(e => e.tagName + "." + e.className)"""


def _named(kb: KnowledgeBase, term) -> list[str]:
    """The pages (folder/id/) of the capabilities and characteristics a term names by id, name or other name."""
    wanted = term.term[BASE_LANGUAGE].lower()
    return [
        f"{folder}/{entity.id}/"
        for folder, entities in (("capabilities", kb.capabilities), ("characteristics", kb.characteristics))
        for entity in entities.values()
        if entity.id == term.id
        or wanted in [name.lower() for name in (entity.name[BASE_LANGUAGE], *entity.aliases[BASE_LANGUAGE])]
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_glossary_defines_and_links_every_term_at_390(
    browser, editions_url: str, lang: str, kb: KnowledgeBase
) -> None:
    root = editions_url + ("" if lang == BASE_LANGUAGE else f"{lang}/")
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        page.goto(root + "glossary/")
        entries = {id: (definition, links) for id, definition, links in page.evaluate(_ENTRIES)}
        cut_off = page.evaluate(_CUT_OFF)
    finally:
        context.close()
    assert set(entries) == set(kb.terms)
    for term in kb.terms.values():
        definition, links = entries[term.id]
        if term.definition:
            assert term.definition[lang] in definition, term.id
        named = _named(kb, term)
        if named:
            assert root + named[0] in links, term.id
    assert cut_off == []
