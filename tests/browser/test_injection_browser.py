"""Hostile data in a real browser: on every page of the hostile site (tests/hostile.py), while it
loads, while its matrix marks are hovered and focused, and while search lists the hostile text, no
dialog opens, no script error is raised and no request leaves the local server.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Dialog

from macros.kb.model import KnowledgeBase
from tests.browser.conftest import serve


@pytest.fixture(scope="module")
def hostile_url(hostile_site: tuple[Path, KnowledgeBase]) -> Iterator[str]:
    server, url = serve(hostile_site[0])
    yield url
    server.shutdown()


def test_hostile_text_never_runs_or_loads_anything(
    browser: object, hostile_site: tuple[Path, KnowledgeBase], hostile_url: str
) -> None:
    site, _kb = hostile_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    dialogs: list[str] = []
    errors: list[str] = []
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.route(lambda url: not url.startswith(hostile_url), lambda route: route.abort())
    page = context.new_page()

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        for file in sorted(site.rglob("index.html")):
            page.goto(hostile_url + file.parent.relative_to(site).as_posix().removeprefix(".") + "/")
            page.wait_for_load_state("networkidle")
        page.goto(hostile_url + "matrix/")
        for mark in page.locator(".kb-mark").all()[:6]:
            mark.hover()
            mark.focus()
        # The portfolio's rows, built again from its data by each sort: the names shown are the names written.
        page.goto(hostile_url + "portfolio/")
        for button in page.locator("button[data-sort]").all():
            button.click()
        names = page.locator(".kb-heatmap tbody th[scope=row] > a").all_inner_texts()
        assert sorted(" ".join(n.split()) for n in names) == sorted(
            " ".join(s.name.en.split()) for s in _kb.systems.values()
        )
        for query in ("jinja", "warning", "comment"):  # words that stand alone in the hostile strings
            page.goto(hostile_url)
            page.wait_for_load_state("networkidle")
            page.keyboard.press("/")
            page.keyboard.type(query)
            page.locator(".md-search-result__item").first.wait_for(state="visible")
            page.locator(".md-search-result__item").first.hover()
        assert dialogs == []
        assert errors == []
        assert [url for url in requests if not url.startswith(hostile_url)] == []
    finally:
        context.close()
