"""The tools landscape in a real browser: search finds tools by name, the filters work, and without
JavaScript the page is a plain list."""

from __future__ import annotations

import pytest

from macros.kb.model import KnowledgeBase
from tests.browser.searchbox import open_site_for_search, search
from tests.samplepages import CAPABILITY, KB, TOOL


def one_word_names(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(name, id) of tools named in one word that no other tool's or capability's name holds: a search for
    that word has one page to land on, whatever tools the data has."""
    others = [t.name.en.lower() for t in kb.tools.values()] + [c.name.en.lower() for c in kb.capabilities.values()]
    return [
        (tool.name.en, tool.id)
        for tool in sorted(kb.tools.values(), key=lambda t: t.id)
        if " " not in tool.name.en
        and len(tool.name.en) >= 4
        and sum(tool.name.en.lower() in other for other in others) == 1
    ]


# The section of a capability that has tools, whatever their rings.
WITH_TOOLS = next(c for c in KB.capabilities if KB.tools_for(c))


@pytest.mark.parametrize(("query", "tool_id"), one_word_names(KB)[:2])
def test_searching_a_tool_name_lands_on_its_page_first(page, site_url: str, query: str, tool_id: str) -> None:
    # The results read are the answer to the whole name (searchbox's message counter, an init script:
    # `page`), not a list still being redrawn for its first letters.
    open_site_for_search(page, site_url)
    results = search(page, site_url, query)
    assert results and results[0].path == f"tools/{tool_id}/", results[:3]
    page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    page.wait_for_url(f"{site_url}tools/{tool_id}/**")
    assert page.locator("h1").inner_text().startswith(query)


def test_filters_hide_cards_of_the_unticked_kind(tab, site_url: str, kb) -> None:
    tab.goto(site_url + "tools/")
    filters = tab.locator("form.kb-filters")
    assert filters.is_visible()
    # Counted in tools, as the introduction counts them ("the 40 tools"), not in cards: a tool has
    # a card under each capability it provides.
    total = len(kb.tools)
    assert f" {total} tools" in tab.locator("article p").first.inner_text()
    open_source = tab.locator('li.kb-card[data-kind="open-source"]')
    assert open_source.first.is_visible()
    assert filters.locator(".kb-filter-count").inner_text() == f"{total} of {total} tools shown"

    # The filter's own label: the radar's quadrant may be named alike.
    filters.get_by_label("Open source", exact=True).uncheck()
    assert open_source.evaluate_all("cards => cards.every(card => card.offsetParent === null)")
    assert tab.locator('li.kb-card[data-kind="managed-service"]').first.is_visible()
    shown = sum(tool.kind != "open-source" for tool in kb.tools.values())
    assert filters.locator(".kb-filter-count").inner_text() == f"{shown} of {total} tools shown"


def test_a_section_with_no_matching_card_says_so(tab, site_url: str) -> None:
    tab.goto(site_url + "tools/")
    empty = tab.locator(f"ul.kb-cards[data-capability='{WITH_TOOLS}'] + p.kb-empty")
    assert not empty.is_visible()
    # Every kind unticked: whatever rings the tools have, no card matches.
    for kind in tab.locator("input[name=kind]").all():
        kind.uncheck()
    assert empty.is_visible()
    assert empty.inner_text() == "No tool matches the filters."


def test_without_javascript_the_landscape_is_a_plain_list(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "tools/")
        assert not page.locator("form.kb-filters").is_visible()
        cards = page.locator("li.kb-card")
        assert cards.count() > 0
        assert cards.evaluate_all("cards => cards.every(card => card.offsetParent !== null)")
    finally:
        context.close()


def test_tool_pages_make_no_request_outside_the_site(tab, site_url: str) -> None:
    for path in ["tools/", TOOL, CAPABILITY]:
        tab.goto(site_url + path)
        tab.wait_for_load_state("networkidle")
    outside = [url for url in tab.requested_urls if not url.startswith(site_url)]
    assert outside == []
