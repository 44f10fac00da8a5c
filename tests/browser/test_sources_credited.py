"""The sources are linked where they are named, and each page's footer credits those it draws on."""

from __future__ import annotations

import pytest

from macros.kb.model import KnowledgeBase
from macros.site.render import load_strings

EDITIONS = {"en": "", "ja": "ja/"}


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("path", ["about/", "capabilities/"])
def test_a_source_named_on_a_page_links_to_it(page, editions_url: str, kb: KnowledgeBase, lang: str, path: str) -> None:
    page.goto(f"{editions_url}{EDITIONS[lang]}{path}")
    text = page.locator("article").inner_text()
    unlinked = []
    links = page.locator("article a").evaluate_all("links => links.map(a => a.href)")
    for source in kb.sources.values():
        titles = [getattr(source.title, field) for field in source.title.__dataclass_fields__]
        # A source named on the page (by a title in either language) is linked there, to its address in this edition.
        if any(title in text for title in titles) and getattr(source.url, lang) not in links:
            unlinked.append(source.id)
    assert unlinked == []
    assert page.locator("article a.kb-source-link").count() > 0


@pytest.mark.parametrize("lang", EDITIONS)
def test_a_tool_page_credits_the_makers_pages_it_draws_on(
    page, editions_url: str, kb: KnowledgeBase, lang: str
) -> None:
    ui = load_strings(lang)
    tool = sorted(kb.tools)[0]
    page.goto(f"{editions_url}{EDITIONS[lang]}tools/{tool}/")
    assert page.locator(".md-copyright__highlight").inner_text().strip() == ui["copyright_tools"]
    capability = sorted(kb.capabilities)[0]
    page.goto(f"{editions_url}{EDITIONS[lang]}capabilities/{capability}/")
    assert page.locator(".md-copyright__highlight").inner_text().strip() != ui["copyright_tools"]
