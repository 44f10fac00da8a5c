"""Spacing between scripts (macros.kb.spacing): one rule for the pages, the profiler's text and `make check`.

The names come from data/ at run time: every name a page may put before an aside or a word."""

from __future__ import annotations

import html
from collections.abc import Iterator

import pytest

from macros.kb.editorial_checks import spacing_slips
from macros.kb.model import LANGUAGE_DETAILS, LANGUAGES, KnowledgeBase
from macros.kb.spacing import aside_opening, needs_space, spelling_key, word_space
from macros.site.render import BACKLINK_LIMIT, distinct_spellings, load_strings, render_entity_pages

UNSPACED = [lang for lang, details in LANGUAGE_DETAILS.items() if not details.spaced]


def _names(kb: KnowledgeBase, lang: str) -> list[str]:
    """Every name of a tool, capability or characteristic in one language."""
    names = [tool.name[lang] for tool in kb.tools.values()]
    names += [cap.name[lang] for cap in kb.capabilities.values()]
    names += [char.name[lang] for char in kb.characteristics.values()]
    return sorted(set(names))


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.mark.parametrize("lang", UNSPACED)
def test_an_aside_is_spaced_after_another_scripts_word_and_tight_after_the_languages_own(lang: str) -> None:
    assert aside_opening(lang, "Weights & Biases") == " ("
    assert aside_opening(lang, "ML Metadata (MLMD)") == " (", "an aside at the end stands for the text before it"
    assert aside_opening(lang, "試験運用(reproducibility)") == "("
    assert aside_opening(lang, "状況次第") == "("
    assert aside_opening(lang, "「MLflow」") == "(", "a Japanese closing mark ends as Japanese"
    assert word_space(lang, "ML Metadata (MLMD)") == " " and word_space(lang, "モデル レジストリ") == ""
    assert aside_opening(lang, ")" * 5000 + "x") == " (", "unmatched brackets are skipped, in linear time"


def test_a_spaced_language_spaces_every_aside() -> None:
    for lang, details in LANGUAGE_DETAILS.items():
        if details.spaced:
            assert aside_opening(lang, "状況次第") == " (" and word_space(lang, "x") == " "


@pytest.mark.parametrize("lang", UNSPACED)
def test_make_check_warns_exactly_where_the_pages_would_space_otherwise(kb: KnowledgeBase, lang: str) -> None:
    """For every name in the data: the pages' own spacing passes the check; the other spacing is flagged."""
    for name in _names(kb, lang):
        aside = f"{name}{aside_opening(lang, name)}商用)"
        written = f"{aside}{word_space(lang, aside)}の一覧です。"
        assert list(spacing_slips(lang, written)) == [], written
        if name[-1:].isalnum():  # an opening after a letter is checked (after punctuation, the mark's own rule)
            wrong = f"{name}{' (' if not needs_space(lang, name) else '('}商用)"
            assert list(spacing_slips(lang, wrong)), wrong


@pytest.mark.parametrize("lang", UNSPACED)
def test_every_interface_string_is_spaced_as_make_check_wants(lang: str) -> None:
    slips = {text: list(spacing_slips(lang, text)) for text in _strings(load_strings(lang))}
    assert {text: found for text, found in slips.items() if found} == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_capability_page_opens_each_tools_kind_by_the_rule(kb: KnowledgeBase, lang: str) -> None:
    """Weights & Biases (商用), never Weights & Biases(商用); a retired tool's aside follows its status."""
    pages = {page.src_uri: page.markdown for page in render_entity_pages(kb, lang)}
    checked = 0
    for cap in kb.capabilities.values():
        page = pages[f"capabilities/{cap.id}.md"]
        for tool in kb.tools_for(cap.id)[:BACKLINK_LIMIT]:  # the page lists this many
            if tool.retired:
                continue
            opening = aside_opening(lang, tool.name[lang])
            assert f'](../tools/{tool.id}.md){opening}<span class="kb-kind">' in page, (cap.id, tool.id)
            checked += 1
    assert checked or not kb.tools


@pytest.mark.parametrize("lang", LANGUAGES)
def test_spellings_of_one_alias_are_shown_once(kb: KnowledgeBase, lang: str) -> None:
    """モデル管理 and モデルの管理 are one alias: the page shows one of them, never the name again."""
    pages = {page.src_uri: page.markdown for page in render_entity_pages(kb, lang)}
    for folder in ("capabilities", "characteristics"):
        for entity in kb.entities(folder).values():
            page = pages[f"{folder}/{entity.id}.md"]
            line = next((row for row in page.splitlines() if 'class="kb-aliases"' in row and "lang=" not in row), "")
            shown = [part.split("</span>")[0] for part in line.split('<span class="kb-alias">')[1:]]
            keys = [spelling_key(lang, html.unescape(alias)) for alias in shown]
            assert len(keys) == len(set(keys)), (entity.id, shown)
            assert spelling_key(lang, entity.name[lang]) not in keys, (entity.id, shown)


def test_a_joining_no_makes_no_new_alias_in_an_unspaced_language() -> None:
    for lang in UNSPACED:
        assert distinct_spellings(["モデル管理", "モデルの管理", "モデルカード"], "モデル レジストリ", lang) == [
            "モデル管理",
            "モデルカード",
        ]
        assert distinct_spellings(["ものの見方"], "もの", lang) == ["ものの見方"], "の inside a word is kept"
    assert spelling_key("en", "model of record") == "modelofrecord"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_glossary_form_of_another_language_says_whose_it_is(kb: KnowledgeBase, lang: str) -> None:
    """出典での表記: use case characteristic (英語版); Not used: 分散学習 (Japanese)."""
    ui = load_strings(lang)
    page = next(p.markdown for p in render_entity_pages(kb, lang) if p.src_uri == "glossary.md")
    entries = {part.split('"', 1)[0]: part for part in page.split('<div class="kb-glossary__entry" id="')[1:]}
    for term in kb.terms.values():
        entry = entries[term.id]
        for other in LANGUAGES:
            if other == lang:
                continue
            source_forms = [form for written_in, form in term.differing_source_forms() if written_in == other] + list(
                term.also_in_source[other]
            )
            if source_forms:
                last = html.escape(source_forms[-1], quote=False)
                label = f'{aside_opening(lang, source_forms[-1])}<span class="kb-form-language">{ui["source_edition_" + other]}</span>)'
                assert f"{last}</span>{label}" in entry, (term.id, other)
            if set(term.rejected[other]) - set(source_forms):
                assert ui["form_language_" + other] in entry, (term.id, other)
