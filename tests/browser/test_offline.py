"""Zero external requests: every page type, while it loads and while search is used, asks only the
local server; with the network cut off outside it, the site still works.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.samplepages import CAPABILITY, CASE_STUDY, CHARACTERISTIC, PLAN, TOOL

PAGES = [
    "",
    "matrix/",
    "characteristics/",
    "capabilities/",
    "case-studies/",
    CAPABILITY,
    CHARACTERISTIC,
    CASE_STUDY,
    "tags/",
    "about/",
    "404.html",
    "schemas/capability.schema.json",
    PLAN,
    "tools/",
    TOOL,
    "changes/",
    "api/v1/capabilities.json",
]


@pytest.fixture
def recorded(browser: object, site_url: str) -> Iterator[tuple[object, list[str]]]:
    """A page whose every request (pages, assets, workers, fetches) is listed; any outside is refused."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.route(lambda url: not url.startswith(site_url), lambda route: route.abort())
    yield context.new_page(), requests
    context.close()


def test_every_page_type_loads_from_the_site_alone(recorded, site_url: str) -> None:
    page, requests = recorded
    for path in PAGES:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert len(requests) > len(PAGES)
    assert [url for url in requests if not url.startswith(site_url)] == []


def test_search_asks_the_site_alone(recorded, site_url: str) -> None:
    page, requests = recorded
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    page.keyboard.type("feature store")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state("networkidle")
    assert any("/search/kb/" in url for url in requests)
    assert [url for url in requests if not url.startswith(site_url)] == []
