"""Japanese that reads as Japanese, on the pages as Chromium draws them: never italic, no space after
「。」 or 「、」 in what the site writes around the data, 出典 for the source everywhere, phrases kept
whole where the browser can; and a reason from the introduction's combined example keeps its note
wherever it is shown (case studies, the profiler's plan)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from macros.kb.model import CaseStudy, KnowledgeBase
from macros.site.render import load_strings
from tests.browser.wordbreaks import BREAKS_INSIDE_WORDS
from tests.htmlread import parse_html
from tests.samplepages import CAPABILITY, CASE_STUDY, CHARACTERISTIC, PLAN, TOOL, wait_until_shown

PAGES = ["", "matrix/", PLAN, CAPABILITY, CHARACTERISTIC, CASE_STUDY, TOOL, "tools/", "glossary/", "about/"]
# (width, a touch screen): a phone shows the matrix's tap hint, a desktop its hover hint.
SCREENS = {"1280": (1280, False), "390": (390, True)}
JAPANESE = r"[\u3040-\u30ff\u3400-\u9fff]"

# Every element that holds Japanese text of its own, with its computed style.
_SLANTED = """japanese => Array.from(document.querySelectorAll("body *")).filter(e => {
  const own = Array.from(e.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join("");
  return new RegExp(japanese).test(own) && getComputedStyle(e).fontStyle !== "normal";
}).map(e => e.tagName + "." + e.className + ": " + e.textContent.trim().slice(0, 40))"""


# The English edition's pages that print Japanese (terms, titles).
ENGLISH_WITH_JAPANESE = ["glossary/", "about/"]


def _visit(browser, urls: list[str], screen: str, read: str, *args: object) -> dict[str, Any]:
    """What the script `read` finds on each page, in one browser context of this screen."""
    width, touch = SCREENS[screen]
    context = browser.new_context(viewport={"width": width, "height": 900}, has_touch=touch, is_mobile=touch)
    found = {}
    try:
        page = context.new_page()
        for url in urls:
            page.goto(url)
            wait_until_shown(page, url)
            found[url] = page.evaluate(read, *args)
    finally:
        context.close()
    return found


@pytest.mark.parametrize("screen", SCREENS)
def test_japanese_text_is_never_italic(browser, editions_url: str, screen: str) -> None:
    urls = [editions_url + "ja/" + path for path in PAGES] + [editions_url + path for path in ENGLISH_WITH_JAPANESE]
    slanted = {url: found for url, found in _visit(browser, urls, screen, _SLANTED, JAPANESE).items() if found}
    assert slanted == {}


def test_no_space_after_japanese_punctuation(browser, editions_url: str) -> None:
    urls = [editions_url + "ja/" + path for path in PAGES]
    texts = _visit(browser, urls, "1280", "() => document.body.innerText")
    spaced = {url: re.findall(r".{0,15}[。、][ \u3000].{0,15}", str(text)) for url, text in texts.items()}
    assert {url: found for url, found in spaced.items() if found} == {}


def test_the_source_is_called_出典_everywhere(site_dir_ja: Path) -> None:
    """The Japanese edition names the source one way (the interface's `source` string) on every page."""
    assert load_strings("ja")["source"] == "出典"
    for path in site_dir_ja.rglob("*.html"):
        assert "ソース記事" not in path.read_text(encoding="utf-8"), path


def test_japanese_breaks_between_phrases_where_the_browser_can(browser, editions_url: str) -> None:
    urls = [editions_url + "ja/" + path for path in ("matrix/", "glossary/", PLAN)]
    read = """() => [CSS.supports("word-break", "auto-phrase"),
      Array.from(document.querySelectorAll("article :is(h1, h2, th, td, caption, label)")).map(c => getComputedStyle(c).wordBreak)]"""
    for url, (supported, styles) in _visit(browser, urls, "390", read).items():
        assert styles, url
        assert set(styles) == {"auto-phrase" if supported else "keep-all"}, url


# How many of each kind's longest names are drawn on a phone.
LONGEST_NAMES = 3


def _longest_named(entities: Iterable[Any]) -> list[Any]:
    """The entities of one kind with the longest Japanese names as their pages head them (a case study by its title)."""

    def heading(entity: Any) -> int:
        return len((entity.title if isinstance(entity, CaseStudy) else entity.name)["ja"])

    return sorted(entities, key=heading, reverse=True)[:LONGEST_NAMES]


def test_entity_page_headings_break_between_words_on_a_phone(browser, editions_url: str, kb: KnowledgeBase) -> None:
    """A name longer than a phone's line (再利用可能かつコラボレーション指向) breaks between its words, never
    コラボレーショ|ン: the phrase segmenter keeps phrases whole, the page marks the words inside one."""
    # The pages of each kind's longest names, those a phone's line can least hold: every page of a kind
    # heads itself with the same markup, so a page per entity would draw the same rule many times over.
    pages = [
        f"{folder}/{entity.id}/"
        for folder in ("characteristics", "capabilities", "case-studies")
        for entity in _longest_named(getattr(kb, folder.replace("-", "_")).values())
    ]
    urls = [editions_url + "ja/" + path for path in pages]
    inside = _visit(browser, urls, "390", BREAKS_INSIDE_WORDS, "article :is(h1, h2)")
    assert {url: found for url, found in inside.items() if found} == {}


def _combined_example_reasons(kb: KnowledgeBase, characteristics: list[str]) -> list[tuple[str, str]]:
    """(characteristic, capability) of each reason the introduction's combined example gives, among these characteristics."""
    return [
        (rec.characteristic, rec.capability)
        for char in characteristics
        for rec in kb.characteristics[char].recommendations
        if any(said.origin == "combined-example" for said in rec.statements)
    ]


@pytest.mark.parametrize("edition", ["en", "ja"])
def test_combined_example_reasons_keep_their_note_in_the_profiler(
    page, editions_url: str, edition: str, kb: KnowledgeBase
) -> None:
    selected = PLAN.partition("#")[2].split("+")
    reasons = _combined_example_reasons(kb, selected)
    assert reasons, "the source's combined example gives reasons for these characteristics"
    root = editions_url + ("" if edition == "en" else edition + "/")
    page.goto(root + PLAN)
    page.locator(".kb-profiler__needed > li").first.wait_for()
    note = load_strings(edition)["from_combined_example"]
    for characteristic, capability in reasons:
        item = page.locator(".kb-profiler__needed > li").filter(
            has=page.locator(f".kb-profiler__item-head > a[href$='capabilities/{capability}/']")
        )
        line = item.locator(".kb-profiler__reasons > li").filter(
            has=page.locator(f"a[href$='characteristics/{characteristic}/']")
        )
        assert note in line.inner_text(), f"{characteristic} × {capability}"


@pytest.mark.parametrize("edition", ["en", "ja"])
def test_combined_example_reasons_keep_their_note_on_case_studies(
    editions_dir: Path, edition: str, kb: KnowledgeBase
) -> None:
    note = load_strings(edition)["from_combined_example"]
    site = editions_dir if edition == "en" else editions_dir / edition
    shown = 0
    for case in kb.case_studies.values():
        reasons = _combined_example_reasons(kb, list(case.characteristics))
        if not reasons:
            continue
        html = parse_html((site / "case-studies" / case.id / "index.html").read_text(encoding="utf-8"))
        checklist = html.one("div", "kb-checklist")
        for characteristic, capability in reasons:
            lines = [
                li
                for item in checklist.find_all("li")
                if any(a.attrs.get("href", "").endswith(f"capabilities/{capability}/") for a in item.find_all("a")[:1])
                for li in item.find_all("li")
                if any(a.attrs.get("href", "").endswith(f"characteristics/{characteristic}/") for a in li.find_all("a"))
            ]
            assert lines and all(note in li.text() for li in lines), f"{case.id}: {characteristic} × {capability}"
            shown += 1
    assert shown, "some case study combines characteristics of the combined example"
