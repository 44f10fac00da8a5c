"""Both editions served together, as published: the language switch keeps the reader's place."""

from __future__ import annotations

import pytest

from macros.site.render import reason_anchor
from tests.samplepages import CAPABILITY, CAPABILITY_ID, CASE_STUDY, CHARACTERISTIC, KB
from tests.sourcefacts import COMBINED_EXAMPLE_CHARACTERISTICS, current


def _switch_to(page, language_name: str) -> None:
    page.locator(".md-header__option .md-select").hover()  # the menu opens on hover and focus
    page.get_by_role("link", name=language_name, exact=True).click()
    page.wait_for_load_state()


@pytest.mark.parametrize("path", [CAPABILITY, "matrix/", ""])
def test_switch_keeps_the_page_both_ways(tab, editions_url: str, path: str) -> None:
    tab.goto(editions_url + path)
    _switch_to(tab, "日本語")
    assert tab.url == editions_url + "ja/" + path
    assert tab.locator("html").get_attribute("lang") == "ja"
    _switch_to(tab, "English")
    assert tab.url == editions_url + path
    assert tab.locator("html").get_attribute("lang") == "en"


def test_switch_lands_on_the_same_capability(tab, editions_url: str) -> None:
    capability = KB.capabilities[CAPABILITY_ID]
    tab.goto(editions_url + "ja/" + CAPABILITY)
    assert tab.locator("h1").inner_text().rstrip("¶") == capability.name.ja
    _switch_to(tab, "English")
    assert tab.locator("h1").inner_text().rstrip("¶") == capability.name.en


def test_japanese_pages_make_no_request_outside_the_site(tab, editions_url: str) -> None:
    for path in ["ja/", "ja/matrix/", "ja/" + CAPABILITY, "ja/" + CASE_STUDY]:
        tab.goto(editions_url + path)
        tab.wait_for_load_state("networkidle")
    tab.keyboard.press("s")
    tab.locator("input.md-search__input").fill("特徴量ストア")
    tab.locator("input.md-search__input").press("End")
    tab.locator(".md-search-result__list > li").first.wait_for()
    outside = [url for url in tab.requested_urls if not url.startswith(editions_url)]
    assert outside == []


def test_japanese_text_uses_the_local_japanese_font_stack(tab, editions_url: str) -> None:
    tab.goto(editions_url + "ja/" + CAPABILITY)
    family = tab.locator("h1").evaluate("el => getComputedStyle(el).fontFamily")
    assert "Noto Sans CJK JP" in family
    # Phrase-aware line breaks in headings (Chromium's auto-phrase), never inside a word.
    assert tab.locator("h1").evaluate("el => getComputedStyle(el).wordBreak") == "auto-phrase"


def test_switch_keeps_the_profiler_selection(tab, editions_url: str) -> None:
    # The source's combined example, under the ids its characteristics have today.
    selection = "+".join(current(KB.characteristics, first_id) for first_id in COMBINED_EXAMPLE_CHARACTERISTICS)
    tab.goto(editions_url + "profiler/#" + selection)
    tab.locator(".kb-profiler__needed li").first.wait_for()
    _switch_to(tab, "日本語")
    assert tab.url == editions_url + "ja/profiler/#" + selection
    tab.locator(".kb-profiler__needed li").first.wait_for()
    assert tab.locator(".kb-profiler__choices input:checked").count() == 2


def test_switch_keeps_an_id_the_editions_share(tab, editions_url: str) -> None:
    # A reason's anchor: the source's batch serving recommends the model registry.
    place = f"{CHARACTERISTIC}#{reason_anchor(CAPABILITY_ID)}"
    tab.goto(editions_url + place)
    _switch_to(tab, "日本語")
    assert tab.url == editions_url + "ja/" + place


@pytest.mark.parametrize("start, other", [("", "日本語"), ("ja/", "English")])
def test_switch_lands_on_the_same_heading(tab, editions_url: str, start: str, other: str) -> None:
    tab.goto(editions_url + start + CAPABILITY)
    headings = tab.locator("article h2[id]")
    place = headings.count() - 1
    anchor = headings.nth(place).get_attribute("id")
    tab.goto(editions_url + start + CAPABILITY + "#" + anchor)
    with tab.expect_navigation(url=lambda url: "#" in url):
        _switch_to(tab, other)
    landed = tab.evaluate("decodeURIComponent(location.hash.slice(1))")
    ids = tab.locator("article h2[id]").evaluate_all("hs => hs.map(h => h.id)")
    assert ids.index(landed) == place
