"""The glossary's data where pages use it: forms it does not use stay in search but are not shown as other names."""

from __future__ import annotations

import dataclasses
import html
import re

import pytest

from macros.kb.model import LANGUAGES, KnowledgeBase
from macros.site.render import distinct_spellings, render_entity_pages
from macros.site.search_entries import build_search_entries


def test_spellings_that_differ_only_in_spaces_are_shown_once_as_the_house_style_spaces_them() -> None:
    assert distinct_spellings(["MLメタデータ", "ML メタデータ", "リネージ"], "ML メタデータ管理", "ja") == [
        "ML メタデータ",
        "リネージ",
    ]
    assert distinct_spellings(["モデルレジストリ"], "モデル レジストリ", "ja") == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_alias_the_glossary_rejects_is_searchable_but_not_shown(kb: KnowledgeBase, lang: str) -> None:
    rejected = kb.rejected_forms(lang)
    pages = {page.src_uri: page.markdown for page in render_entity_pages(kb, lang)}
    search = build_search_entries(kb, lang, lambda src_uri: src_uri)
    shown_wrongly = {}
    for folder in ("capabilities", "characteristics"):
        for entity in kb.entities(folder).values():
            src_uri = f"{folder}/{entity.id}.md"
            for alias in set(entity.aliases[lang]) & rejected:
                if f'<span class="kb-alias">{html.escape(alias, quote=False)}</span>' in pages[src_uri]:
                    shown_wrongly[src_uri] = alias
                assert html.escape(alias, quote=False) in search[src_uri].names, (src_uri, alias)
    assert shown_wrongly == {}


def test_a_term_sorts_by_its_reading_with_katakana_read_as_hiragana(kb: KnowledgeBase) -> None:
    term = next(iter(kb.terms.values()))
    read = dataclasses.replace(term, term=dataclasses.replace(term.term, ja="再現性"), reading={"ja": "さいげんせい"})
    assert read.sort_keys["ja"] == "さいげんせい"
    spelled = dataclasses.replace(term, term=dataclasses.replace(term.term, ja="パフォーマンス"), reading={})
    assert spelled.sort_keys["ja"] == "ぱふぉーまんす"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_glossary_lists_terms_in_the_order_of_their_readings(kb: KnowledgeBase, lang: str) -> None:
    """五十音順 in Japanese (再現性 by さいげんせい, not after every katakana term by code point)."""
    page = next(p.markdown for p in render_entity_pages(kb, lang) if p.src_uri == "glossary.md")
    listed = re.findall(r'<div class="kb-glossary__entry" id="([^"]+)">', page)
    assert listed == [t.id for t in sorted(kb.terms.values(), key=lambda t: t.sort_keys[lang])]
    assert sorted(listed) == sorted(kb.terms)
