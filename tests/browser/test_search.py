"""Search finds a page by any of its names, typed into the real search box in Chromium.

The quality of search is measured on the query table in search_queries.yml: hit@1 (the expected
page comes first) and hit@3 (it is among the first three). The run prints the table.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from macros.kb.model import Capability, CaseStudy, Characteristic, KnowledgeBase
from macros.site.render import load_strings, src_uri_of
from tests.browser.searchbox import SEARCH_INPUT, open_site_for_search, read_results, search, type_query
from tests.samplepages import CAPABILITY
from tests.sourcefacts import page_of

QUERY_TABLE = Path(__file__).with_name("search_queries.yml")
HIT_AT_1_TARGET = 0.90
HIT_AT_3_TARGET = 1.00

# The issue's own checks: these words must take the reader straight to these pages.
REQUIRED = {
    "feature store": "capabilities/dataset-and-feature-repository/",
    "A/B testing": "capabilities/online-experimentation/",
    "drift": "capabilities/model-monitoring/",
    "lineage": "capabilities/ml-metadata-and-artifact-tracking/",
    "fraud": "case-studies/daily-fraud-detection/",
}


def load_query_table() -> list[dict[str, str]]:
    """The query table: query, expected first page, and what the case tests."""
    return yaml.safe_load(QUERY_TABLE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def search_page(browser, site_url: str) -> Iterator[object]:
    """One page with search ready, reused by the queries of this module."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    open_site_for_search(page, site_url)
    yield page
    context.close()


def expected_page(kb: KnowledgeBase, path: str) -> str:
    """The page a query table names, at its address of today; the test skips once the data has removed it."""
    page = page_of(kb, path)
    if page is None:
        pytest.skip(f"{path} is no longer in the data")
    return page


@pytest.mark.parametrize("query", REQUIRED)
def test_required_query_finds_its_page_first(search_page, site_url: str, kb: KnowledgeBase, query: str) -> None:
    expected = expected_page(kb, REQUIRED[query])
    results = search(search_page, site_url, query)
    assert results, f"no results for {query!r}"
    assert results[0].path == expected, [r.path for r in results[:3]]


def test_search_quality_meets_target(search_page, site_url: str, kb: KnowledgeBase, report) -> None:
    # Each row's page at its address of today; rows whose page the data has removed are left out.
    table = [{**row, "expect": page} for row in load_query_table() if (page := page_of(kb, row["expect"]))]
    assert len(table) >= 30, "the query table needs at least 30 queries whose pages exist"
    rows, hits_1, hits_3 = [], 0, 0
    for row in table:
        # Pasted whole: the same search as typed key by key (the tests above type theirs), run once.
        found = [r.path for r in search(search_page, site_url, row["query"], key_by_key=False)[:3]]
        rank = found.index(row["expect"]) + 1 if row["expect"] in found else None
        hits_1 += rank == 1
        hits_3 += rank is not None
        rows.append((row["query"], row["expect"], found[0] if found else "(nothing)", rank, row["case"]))
    hit_1, hit_3 = hits_1 / len(table), hits_3 / len(table)
    path = report("search quality", format_quality_table(rows, hit_1, hit_3))
    misses = [r for r in rows if r[3] != 1]
    assert hit_1 >= HIT_AT_1_TARGET and hit_3 >= HIT_AT_3_TARGET, (
        f"hit@1 {hit_1:.0%} (target {HIT_AT_1_TARGET:.0%}), hit@3 {hit_3:.0%} (target {HIT_AT_3_TARGET:.0%}); "
        f"not first: {misses}; table in {path}"
    )


def format_quality_table(rows: list[tuple], hit_1: float, hit_3: float) -> str:
    """The query table as aligned text, with the two figures at the bottom."""
    header = ("query", "expected first", "rank", "case")
    lines = [(q, e, "1" if r == 1 else (str(r) if r else f"miss (first: {f})"), c) for q, e, f, r, c in rows]
    widths = [max(len(str(line[i])) for line in [header, *lines]) for i in range(4)]
    text = [
        " | ".join(str(v).ljust(w) for v, w in zip(line, widths, strict=True)).rstrip() for line in [header, *lines]
    ]
    text.insert(1, "-+-".join("-" * w for w in widths))
    text.append(
        f"hit@1 = {hit_1:.1%} (target {HIT_AT_1_TARGET:.0%}), hit@3 = {hit_3:.1%} (target {HIT_AT_3_TARGET:.0%}), "
        f"{len(rows)} queries"
    )
    return "\n".join(text)


def test_every_name_finds_its_page_first(search_page, site_url: str, kb: KnowledgeBase) -> None:
    """Each name and other name in the data brings its page first (or, shared, its pages)."""
    pages_named: dict[str, set[str]] = defaultdict(set)
    entities: list[Capability | Characteristic | CaseStudy] = [
        *kb.capabilities.values(),
        *kb.characteristics.values(),
        *kb.case_studies.values(),
    ]
    for entity in entities:
        other_names = getattr(entity, "aliases", None)
        for name in [entity.name.en, *(other_names.en if other_names else ())]:
            pages_named[name].add(src_uri_of(entity).removesuffix(".md") + "/")
    failures = []
    for name, expected in pages_named.items():
        found = {r.path for r in search(search_page, site_url, name, key_by_key=False)[: len(expected)]}
        if found != expected:
            failures.append(f"{name!r}: expected {sorted(expected)} first, found {sorted(found)}")
    assert failures == []


def test_results_show_the_type_of_each_page(search_page, site_url: str, kb: KnowledgeBase) -> None:
    ui = load_strings("en")
    entity_kinds = {
        "capabilities": ui["capability"],
        "characteristics": ui["characteristic"],
        "case-studies": ui["case_study"],
    }
    kinds = entity_kinds | {"tools": ui["tool"]}
    results = search(search_page, site_url, "batch")
    assert {r.path.split("/")[0] for r in results} >= set(entity_kinds), (
        "the query should reach every kind of entity page"
    )
    for result in results:
        section, _, rest = result.path.partition("/")
        expected = kinds[section] if section in kinds and rest else ""
        assert result.kind == expected, result
    # A tool found by its whole name is labelled a tool (the tool with the longest name, whatever the data holds).
    named = max(kb.tools.values(), key=lambda t: (len(t.name.en.split()), t.id))
    tool = search(search_page, site_url, named.name.en)[0]
    assert (tool.path, tool.kind) == (f"tools/{named.id}/", ui["tool"])


def test_slash_and_s_focus_the_search_box(page, site_url: str) -> None:
    page.goto(site_url + CAPABILITY)
    box = page.locator(SEARCH_INPUT)
    for key in ["/", "s"]:
        page.locator("body").click(position={"x": 5, "y": 300})
        page.keyboard.press("Escape")
        assert not box.evaluate("el => el === document.activeElement")
        page.keyboard.press(key)
        assert box.evaluate("el => el === document.activeElement"), f"{key!r} did not focus search"


def test_arrows_and_enter_open_a_result(page, site_url: str) -> None:
    open_site_for_search(page, site_url)
    type_query(page, "drift")
    first = read_results(page, site_url)[0]
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.closest('.md-search-result__item') !== null")
    assert focused, "ArrowDown did not move to the results"
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + first.path + "**")
    assert page.locator("article h1").first.text_content().removesuffix("¶") == first.title


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("feture store", "capabilities/dataset-and-feature-repository/"),  # corrected typo
        ("batch serving", "characteristics/batch-serving/"),  # exact name, moved up by our worker
    ],
)
def test_enter_in_the_search_box_opens_the_first_result(
    page, site_url: str, kb: KnowledgeBase, query: str, expected: str
) -> None:
    expected = expected_page(kb, expected)
    open_site_for_search(page, site_url)
    type_query(page, query)
    assert read_results(page, site_url)[0].path == expected
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{expected}**")


def test_a_query_word_named_like_a_javascript_property_is_shown_like_any_other(page, site_url: str) -> None:
    # The worker keys each result's query words by the words themselves: "__proto__" must not
    # vanish, as it would from a plain object, which takes it for its prototype.
    word = "__proto__"
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_site_for_search(page, site_url)
    type_query(page, f"model {word}", key_by_key=False)
    results = page.locator(".md-search-result__list")
    results.locator(".md-search-result__item").first.wait_for(state="visible")
    shown = results.inner_text().lower()
    assert word in shown, "the word is neither found in a result nor shown as missing"
    assert errors == []
