"""Sentences about a count read in each language for none, one, all and many (strings/<lang>.yml
declares the forms a count's sentence takes; render.counted picks one), and the pages print them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pytest

from macros.kb.model import BASE_LANGUAGE, LANGUAGES, KnowledgeBase
from macros.site.render import COUNT_FORMS, counted, load_strings
from tests.htmlread import parse_html

# A count printed as a bare zero: "0 件", "0 個", "0 of", "used by 0".
_ZERO = re.compile(r"(?<![\d.])0(?![\d.])")


def _count_strings(lang: str) -> dict[str, Mapping[str, str]]:
    return {key: value for key, value in load_strings(lang).items() if isinstance(value, Mapping)}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_count_strings_declare_known_forms_with_one_for_every_other_number(lang: str) -> None:
    for key, forms in _count_strings(lang).items():
        assert set(forms) <= set(COUNT_FORMS), f"{lang}.yml: {key}: forms are {COUNT_FORMS}"
        assert "other" in forms, f"{lang}.yml: {key}: no 'other' form for the numbers no other form covers"
        assert all(isinstance(text, str) for text in forms.values()), f"{lang}.yml: {key}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_gives_a_count_sentence_the_same_forms_as_none_or_more(lang: str) -> None:
    """A count string is a set of forms in every language or in none (a template calls counted() on it)."""
    base = {key for key, value in load_strings("en").items() if isinstance(value, Mapping)}
    assert set(_count_strings(lang)) == base


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_count_sentence_says_none_with_a_zero(lang: str) -> None:
    for key, forms in _count_strings(lang).items():
        for total in (None, 3):
            text = counted(forms, 0, total, weight=1)
            assert not _ZERO.search(text), f"{lang}.yml: {key} for none reads {text!r}"


def test_counted_picks_the_form_for_its_number() -> None:
    forms = {"zero": "none", "one": "one", "all": "all {total}", "other": "{count} of {total}"}
    assert [counted(forms, n, 3) for n in (0, 1, 2, 3)] == ["none", "one", "2 of 3", "all 3"]
    assert counted({"other": "{count}"}, 0) == "0"  # a language that says none with its number
    assert counted("{count} left", 1) == "1 left"  # one sentence for every number


@pytest.mark.parametrize("lang", LANGUAGES)
def test_tool_pages_count_the_systems_that_use_them_in_their_language(
    editions_dir: Path, kb: KnowledgeBase, lang: str
) -> None:
    if not kb.systems:
        pytest.skip("no system is recorded, so no page counts them")
    site = editions_dir if lang == BASE_LANGUAGE else editions_dir / lang
    ui = load_strings(lang)
    for tool in kb.tools.values():
        html = parse_html((site / "tools" / tool.id / "index.html").read_text(encoding="utf-8"))
        said = html.one("span", "kb-system-counts").text()
        assert said == counted(ui["tool_systems"], len(kb.systems_using(tool.id))), tool.id


def test_no_japanese_page_counts_none_as_zero(site_dir_ja: Path) -> None:
    """「0 件です」 is not how Japanese says none (the zero forms of strings/ja.yml say it)."""
    said = {
        str(path.relative_to(site_dir_ja)): found
        for path in site_dir_ja.rglob("*.html")
        for found in [
            re.findall(r".{0,20}(?<![\d.])0 ?[件個つ].{0,10}", parse_html(path.read_text(encoding="utf-8")).text())
        ]
        if found
    }
    assert said == {}


def test_no_japanese_page_counts_all_as_n_of_n(site_dir_ja: Path) -> None:
    """「3 件のうち 3 件」 is said 「すべて」 (the all forms of strings/ja.yml)."""
    said = {
        str(path.relative_to(site_dir_ja)): found
        for path in site_dir_ja.rglob("*.html")
        for found in [
            [
                m[0]
                for m in re.finditer(
                    r"(\d+) ?[件個]の?うち ?\1 ?[件個]", parse_html(path.read_text(encoding="utf-8")).text()
                )
            ]
        ]
        if found
    }
    assert said == {}
