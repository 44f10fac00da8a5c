"""Search as readers of either edition meet it: a result's snippet shows a list only by the items
that hold a match, each whole (no stray line of the next item), and Japanese typed into the English
edition is offered to the Japanese edition's search."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from macros.kb.model import KnowledgeBase
from macros.site.render import load_strings
from tests.browser.searchbox import RESULT_ITEM, open_site_for_search, type_query

# Every list item a snippet cut around its matches shows (a snippet without one is the section whole),
# with whether it (or an item inside it) holds a searched word.
_LIST_ITEMS = f"""() => Array.from(document.querySelectorAll("{RESULT_ITEM} article"))
  .filter(article => article.querySelector(":scope :is(p, li, td, dd) mark"))
  .flatMap(article => Array.from(article.querySelectorAll("li")))
  .map(li => [li.textContent.trim().slice(0, 60), li.querySelector("mark") !== null])"""


@pytest.mark.parametrize("edition", ["ja", "en"])
def test_a_snippet_shows_only_list_items_that_match(page, editions_url: str, edition: str, kb: KnowledgeBase) -> None:
    root = editions_url + ("ja/" if edition == "ja" else "")
    open_site_for_search(page, root)
    # Capability names: each is found on case studies' checklists, lists whose items nest lists.
    for capability in kb.capabilities.values():
        type_query(page, capability.name[edition], key_by_key=False)
        page.locator(RESULT_ITEM).first.wait_for()
        unmatched = [text for text, matched in page.evaluate(_LIST_ITEMS) if not matched]
        assert unmatched == [], f"{capability.name[edition]!r}: items shown without a match"


def test_japanese_typed_in_the_english_edition_is_offered_to_the_japanese_one(
    page, editions_url: str, kb: KnowledgeBase
) -> None:
    capability = next(iter(kb.capabilities.values()))
    open_site_for_search(page, editions_url)
    hint = page.locator(".md-search-result .kb-search-other-edition")
    type_query(page, capability.name["en"], key_by_key=False)
    assert hint.is_hidden()
    query = capability.name["ja"]
    type_query(page, query, key_by_key=False)
    assert hint.is_visible()
    assert hint.inner_text().startswith(load_strings("en")["search_other_edition"])
    link = hint.locator("a")
    assert link.evaluate("a => a.href") == editions_url + "ja/?q=" + quote(query, safe="")
    with page.expect_navigation():
        link.click()
    # Material opens the search with the query; the Japanese edition finds the capability.
    page.locator(RESULT_ITEM).first.wait_for()
    assert page.locator("input.md-search__input").input_value() == query
    found = page.locator(f"{RESULT_ITEM} a.md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    assert any(href.split("?")[0] == editions_url + f"ja/capabilities/{capability.id}/" for href in found)
