"""Rendering: a small fixture knowledge base to Markdown, and data text kept inert."""

from __future__ import annotations

import html
import re

import pytest

from macros.kb.load import build_knowledge_base
from macros.kb.model import KnowledgeBase
from macros.site.profiler_page import render_matrix
from macros.site.render import escape_text, page_meta, render_entity_pages
from tests.datafixture import FIXTURE_DATA


@pytest.fixture(scope="module")
def fixture_kb() -> KnowledgeBase:
    kb = build_knowledge_base(FIXTURE_DATA).knowledge_base
    assert kb is not None
    return kb


def _pages(kb: KnowledgeBase) -> dict[str, str]:
    return {page.src_uri: page.markdown for page in render_entity_pages(kb, "en")}


def test_a_page_per_entity_and_the_tags_page(fixture_kb: KnowledgeBase) -> None:
    assert sorted(_pages(fixture_kb)) == [
        "capabilities/model-registry.md",
        "capabilities/model-training.md",
        "case-studies/daily-fraud.md",
        "characteristics/frequent-retraining.md",
        "glossary.md",
        "tags.md",
    ]


def test_capability_page_links_back_to_what_recommends_it(fixture_kb: KnowledgeBase) -> None:
    generated = {page.src_uri: page for page in render_entity_pages(fixture_kb, "en")}["capabilities/model-registry.md"]
    assert generated.meta == {
        "title": "Model registry",
        "kb_kind": "capability",
        "description": "Keeps model versions.",
    }
    page = generated.markdown
    assert page.startswith("# Model registry\n")  # no front matter: the metadata travels beside the text
    # Separators keep their space (finalize folds the whitespace around data text, not around ours).
    assert '</a> (<span class="kb-publisher">Example</span>, <span class="kb-published">' in page
    assert '</span>), section “<span class="kb-section">' in page, "one label a citation: the section is no second one"
    assert (
        "- [Frequent retraining](../characteristics/frequent-retraining.md) — "
        '<span class="kb-level kb-level--situational">Situational</span> (<span class="kb-condition">with many models</span>), <span class="kb-strength kb-strength--helps" data-strength="helps">the source says it helps or can</span>'
        ' (<span class="kb-origin">from the introduction&#39;s combined example</span>): '
        '<span class="kb-why">It tracks versions&#46;</span>'
    ) in page
    assert "- [Daily fraud detection](../case-studies/daily-fraud.md)" in page
    assert "- [Model training](model-training.md)" in page


def test_case_study_checklist_is_derived(fixture_kb: KnowledgeBase) -> None:
    page = _pages(fixture_kb)["case-studies/daily-fraud.md"]
    assert "- [Model training](../capabilities/model-training.md)" in page
    assert "- [Model registry](../capabilities/model-registry.md)" in page
    assert page.index("Model training](") < page.index("Model registry]("), "core before situational"


def test_matrix_cells_and_totals(fixture_kb: KnowledgeBase) -> None:
    html = render_matrix(fixture_kb, "en", "matrix.md")
    assert html.count('class="kb-cell kb-cell--core"') == 1
    assert html.count('class="kb-cell kb-cell--situational"') == 1
    # The source's own strength and where it says so, in words and in a mark the legend explains.
    assert html.count('data-strength="helps" data-origin="combined-example"') == 1
    # The mark twice: in the table's cell and in the phone's list, each with its strength and origin.
    assert html.count('<sup class="kb-mark-strength">†</sup><sup class="kb-mark-origin">*</sup>') == 2
    assert html.count('<li class="kb-cell--core" data-level="core"') == 1
    assert html.count('<li class="kb-cell--situational" data-level="situational"') == 1
    assert 'the source says it helps or can</span> (<span class="kb-origin">' in html
    assert '<a href="../capabilities/model-registry/">' in html
    assert '<th scope="row" id="char-frequent-retraining" aria-labelledby="char--frequent-retraining">' in html
    assert '<a href="../characteristics/frequent-retraining/" id="char--frequent-retraining">' in html
    # Each row's box to tick, for the plan its ticked rows make in place.
    assert html.count('<input type="checkbox" class="kb-matrix__tick" value="frequent-retraining"') == 2


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "{{ 7*7 }}",
        "{% raw %}",
        "[click](https://evil.example/)",
        "![img](https://evil.example/x.png)",
        "`code` *em* _em_ # heading",
        "--8<-- 'secrets.txt'",
        '{: onclick="alert(1)" }',
    ],
)
def test_escaped_text_contains_no_markup(text: str) -> None:
    # Only character references remain where the punctuation was.
    escaped = re.sub(r"&#[0-9]+;", "", str(escape_text(text)))
    for character in "<>[]{}()`*_#!-:'\"&":
        assert character not in escaped
    assert html.unescape(str(escape_text(text))) == text


def test_an_entity_page_is_described_by_its_own_summary_as_inert_text(fixture_kb: KnowledgeBase) -> None:
    # Without it every page's <meta name="description"> was the site's one sentence.
    for lang in ("en", "ja"):
        pages = {page.src_uri: page for page in render_entity_pages(fixture_kb, lang)}
        for kind in ("capabilities", "characteristics", "case_studies"):
            for entity in getattr(fixture_kb, kind).values():
                page = next(p for p in pages.values() if p.data_file and p.data_file.endswith(f"/{entity.id}.yml"))
                assert page.meta["description"] == html.escape(" ".join(entity.summary[lang].split())), page.src_uri
    hostile = page_meta("t", "capability", 'a <script>alert(1)</script> "quoted"\n{{ x }}')
    assert hostile["description"] == "a &lt;script&gt;alert(1)&lt;/script&gt; &#34;quoted&#34; {{ x }}"
