"""In the browser: a former address lands on the renamed page, and a site with its repository set
still asks nothing of any outside host (no repository statistics from the GitHub API)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import serve
from tests.history_repo import REPO_URL


@pytest.fixture(scope="module")
def history_url(history_site) -> Iterator[str]:
    server, url = serve(history_site[1])
    yield url
    server.shutdown()


def test_old_url_lands_on_the_renamed_page(tab, history_site, history_url: str) -> None:
    history = history_site[0]
    tab.goto(history_url + f"case-studies/{history.old_case}/#situation")
    tab.wait_for_url(f"**/case-studies/{history.new_case}/**")
    assert tab.url == history_url + f"case-studies/{history.new_case}/#situation"
    assert tab.title().startswith(history.case_title)


def test_edit_button_opens_the_data_file_and_nothing_outside_is_requested(tab, history_site, history_url: str) -> None:
    capability = history_site[0].edited_capability
    tab.goto(history_url + f"capabilities/{capability}/")
    tab.wait_for_load_state("networkidle")
    edit = tab.locator('a.md-content__button[rel="edit"]')
    assert edit.get_attribute("href") == f"{REPO_URL}/edit/main/data/capabilities/{capability}.yml"
    assert tab.locator("a.md-source").first.get_attribute("href") == REPO_URL
    assert [url for url in tab.requested_urls if not url.startswith(history_url)] == []
