"""Small things a reader sees on entity pages, in both editions: separators keep their space, and
other names that differ only in spaces are printed once."""

from __future__ import annotations

import re

import pytest

from macros.kb.editorial_checks import spacing_slips
from macros.kb.model import LANGUAGE_DETAILS, KnowledgeBase
from macros.site.render import load_strings
from tests.samplepages import CAPABILITY, CASE_STUDY, CHARACTERISTIC, TOOL
from tests.sourcefacts import COMBINED_EXAMPLE_CHARACTERISTICS, COMBINED_EXAMPLE_PROFILER
from tests.test_japanese_edition import N_OF_N

PAGES = [CAPABILITY, CHARACTERISTIC, CASE_STUDY]


@pytest.mark.parametrize("path", PAGES)
def test_english_separators_keep_their_space(tab, editions_url: str, path: str) -> None:
    tab.goto(editions_url + path)
    lines = tab.locator(".kb-aliases, .kb-source").all_inner_texts()
    assert lines
    assert [line for line in lines if re.search(r"[,;](?=\S)", line)] == []


@pytest.mark.parametrize("edition", ["", "ja/"], ids=["en", "ja"])
def test_other_names_are_printed_once_whatever_their_spacing(
    tab, editions_url: str, kb: KnowledgeBase, edition: str
) -> None:
    repeated = {}
    for cap in kb.capabilities.values():
        tab.goto(f"{editions_url}{edition}capabilities/{cap.id}/")
        line = tab.locator(".kb-aliases").first
        if not line.count():
            continue
        names = [tab.locator("h1").inner_text(), *line.locator(".kb-alias").all_inner_texts()]
        squeezed = ["".join(name.split()) for name in names]
        if len(set(squeezed)) != len(squeezed):
            repeated[cap.id] = names
    assert repeated == {}


JAPANESE_PAGES = ["", "matrix/", "profiler/", "tools/", "about/", "glossary/", "changes/", TOOL, CAPABILITY]
JAPANESE_PAGES += [CHARACTERISTIC, CASE_STUDY]
# A space beside hiragana, between Japanese words: a line break in a Japanese paragraph's source.
_STRAY_SPACE = re.compile(
    r"[\u3040-\u30ff\u4e00-\u9fff][ \t\n]+[\u3040-\u309f]|[\u3040-\u309f][ \t\n]+[\u3040-\u30ff\u4e00-\u9fff]"
)


@pytest.mark.parametrize("path", JAPANESE_PAGES)
def test_japanese_sentences_have_no_stray_spaces(tab, editions_url: str, path: str) -> None:
    tab.goto(editions_url + "ja/" + path)
    # Each paragraph and item on its own: the end of one and the start of the next are no sentence.
    texts = tab.locator("article").evaluate("a => [...a.querySelectorAll('p, li')].map(e => e.textContent)")
    assert [found for text in texts for found in _STRAY_SPACE.findall(text)] == []
    # English prose (not names) left in Japanese text reads as a slip: "created by", "and", "the".
    summary = tab.locator("article .kb-summary").all_inner_texts()
    assert [line for line in summary if re.search(r"\b(?:created by|and|the|by)\b", line)] == []


@pytest.mark.parametrize("path", [*JAPANESE_PAGES, COMBINED_EXAMPLE_PROFILER])
def test_japanese_pages_are_spaced_as_make_check_wants_data_spaced(tab, editions_url: str, path: str) -> None:
    """The pages' own text (labels, asides, citations) keeps the rule make check holds data to: Weights & Biases
    (商用), 状況次第(…), one half-width colon form, no space after 。 or 、 (macros.kb.spacing)."""
    [lang] = [code for code, details in LANGUAGE_DETAILS.items() if not details.spaced]
    tab.goto(f"{editions_url}{lang}/{path}")
    if path == COMBINED_EXAMPLE_PROFILER:  # the plan profiler.js writes, its asides by its own copy of the rule
        tab.locator(".kb-profiler__reasons li").first.wait_for()
    # The words of each paragraph, item and glossary line, without the badges set beside a name as boxes.
    texts = tab.locator("article").evaluate(
        """a => [...a.querySelectorAll('p, li, dd')].map(e => {
             const copy = e.cloneNode(true);
             copy.querySelectorAll('.kb-sample, .kb-status, .headerlink, ul, ol, label').forEach(b => b.remove());
             return copy.textContent;
           })"""
    )
    assert texts
    assert {text: found for text in texts if (found := list(spacing_slips(lang, text)))} == {}


@pytest.mark.parametrize("edition", ["", "ja/"], ids=["en", "ja"])
def test_the_profiler_says_all_not_n_of_n(tab, editions_url: str, edition: str) -> None:
    """A capability every ticked characteristic calls for: 選んだ性質のすべてが必要とする, not 2 個のうち 2 個."""
    tab.goto(f"{editions_url}{edition}{COMBINED_EXAMPLE_PROFILER}")
    tab.locator(".kb-profiler__count").first.wait_for()
    counts = tab.locator(".kb-profiler__count").all_inner_texts()
    lang = "ja" if edition else "en"
    assert [text for text in counts if N_OF_N[lang].search(text)] == []
    ui = load_strings(lang)
    every = ui["profiler_called_by"]["all"].format(total=len(COMBINED_EXAMPLE_CHARACTERISTICS))
    assert every in counts, "the combined example has a capability both call for"
