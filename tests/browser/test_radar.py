"""The adoption radar as readers see it, at desktop and phone width, in both editions and palettes.

Built from a temporary repository whose history rates, moves and removes tools (tests/ring_repo.py),
and from the real data, where the platform team has rated nothing yet.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from macros.kb.model import KnowledgeBase
from macros.site.render import load_strings
from tests.browser.conftest import serve
from tests.datafixture import set_field
from tests.ring_repo import RingRepo, build_ring_repo
from tests.sitebuild import build_editions

WIDTHS = [1280, 390]
EDITIONS = ["", "ja/"]


@pytest.fixture(scope="module")
def rated(tmp_path_factory: pytest.TempPathFactory, kb: KnowledgeBase) -> Iterator[tuple[str, RingRepo]]:
    """Both editions built from a history in which tools of every kind have rings; (base URL, repository).

    The adopted tool is also deprecated (in the working tree), as a team may still use one its makers retired.
    """
    tmp = tmp_path_factory.mktemp("radar")
    repo = build_ring_repo(tmp / "repo", kb, more=14)
    set_field(repo.data / "tools" / f"{repo.adopted}.yml", "status", "deprecated")
    result = build_editions(tmp / "site", data_dir=repo.data)
    assert result.returncode == 0, result.stderr
    server, url = serve(tmp / "site")
    yield url, repo
    server.shutdown()


def _open(browser, url: str, width: int, scheme: str = "light"):
    context = browser.new_context(viewport={"width": width, "height": 844 if width < 500 else 800}, color_scheme=scheme)
    page = context.new_page()
    page.goto(url)
    if scheme == "dark":
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    return context, page


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_blip_is_named_in_a_readable_list_and_links_to_its_tool(browser, rated, edition: str, width: int) -> None:
    url, _ = rated
    context, page = _open(browser, f"{url}{edition}tools/", width)
    try:
        blips = page.locator(".kb-radar__chart a").evaluate_all(
            "links => links.map(a => ({href: a.getAttribute('href'), number: a.querySelector('text').textContent.trim(),"
            " title: a.querySelector('title').textContent}))"
        )
        assert blips
        entries = page.locator(".kb-radar-legend li").evaluate_all(
            "items => items.map(li => ({number: li.value + '', href: li.querySelector('a').getAttribute('href'),"
            " name: li.querySelector('a').textContent, size: parseFloat(getComputedStyle(li.querySelector('a')).fontSize),"
            " right: li.getBoundingClientRect().right}))"
        )
        by_number = {e["number"]: e for e in entries}
        for blip in blips:
            entry = by_number[blip["number"]]
            assert entry["href"] == blip["href"] and entry["name"] in blip["title"]
            # Readable on a phone: the list's names are at least 12 px and inside the screen.
            assert entry["size"] >= 12 and entry["right"] <= width, entry
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        first = page.locator(".kb-radar__chart a").first
        href = first.get_attribute("href")
        first.click(force=True)
        page.wait_for_url(f"{url}{edition}tools/{href}**")
    finally:
        context.close()


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_dividing_line_runs_through_a_ring_label(browser, rated, edition: str) -> None:
    url, _ = rated
    context, page = _open(browser, f"{url}{edition}tools/", 1280)
    try:
        crossings = page.evaluate("""() => {
            const lines = [...document.querySelectorAll('.kb-radar__divider')].map(l => l.getBoundingClientRect());
            return [...document.querySelectorAll('.kb-radar__band')].filter(label => {
                const box = label.getBoundingClientRect();
                return lines.some(l => l.left <= box.right && l.right >= box.left && l.top <= box.bottom && l.bottom >= box.top
                                       && (l.width < 2 ? (l.left > box.left + 0.5 && l.left < box.right - 0.5) : true));
            }).map(label => label.textContent);
        }""")
        assert crossings == []
    finally:
        context.close()


def test_new_and_moved_tools_are_marked_in_words(browser, rated, kb: KnowledgeBase) -> None:
    url, repo = rated
    ui = load_strings("en")
    context, page = _open(browser, f"{url}tools/", 390)
    try:

        def marker(tool_id: str) -> list[str]:
            item = page.locator(".kb-radar-legend li", has=page.locator(f"a[href='{tool_id}/']"))
            return item.locator(".kb-radar-marker").all_inner_texts()

        assert marker(repo.moved) == [ui["radar_moved"]]
        assert marker(repo.new) == [ui["radar_new"]]
        assert marker(repo.adopted) == []
        assert (
            page.locator(".kb-radar-legend .kb-radar-legend__reason").count() == page.locator(".kb-radar__blip").count()
        )
    finally:
        context.close()


@pytest.mark.parametrize("edition", EDITIONS)
def test_with_nothing_rated_the_radar_says_so_once_and_draws_no_empty_rings(
    browser, editions_url: str, kb: KnowledgeBase, edition: str
) -> None:
    if any(tool.ring.rated for tool in kb.tools.values()):
        pytest.skip("the platform team has rated a tool: the rated radar is tested above")
    ui = load_strings("ja" if edition else "en")
    context, page = _open(browser, f"{editions_url}{edition}tools/", 390)
    try:
        assert page.locator(".kb-radar__chart").count() == 0
        assert page.locator(".kb-radar-empty").all_inner_texts() == [ui["radar_empty"]]
        assert page.get_by_text(ui["rings_none_rated"]).count() == 1
        # No ring filter that could only empty the page.
        assert page.locator("input[name=ring]").count() == 0
        assert page.locator("li.kb-card:visible").count() > 0
    finally:
        context.close()


def test_the_plan_marks_a_deprecated_tool_beside_its_name(page, rated, kb: KnowledgeBase) -> None:
    url, repo = rated
    provided = {p.capability for p in kb.tools[repo.adopted].provides}
    characteristic = next(
        c.id for c in kb.characteristics.values() if provided & {r.capability for r in c.recommendations}
    )
    page.goto(f"{url}profiler/#{characteristic}")
    line = page.locator(".kb-profiler__tools", has=page.locator(f"a[href$='tools/{repo.adopted}/']")).first
    line.wait_for()
    assert line.locator(".kb-status--deprecated").inner_text() == load_strings("en")["tool_status_deprecated"]
    # The radar and its list mark it too.
    page.goto(f"{url}tools/")
    item = page.locator(".kb-radar-legend li", has=page.locator(f"a[href='{repo.adopted}/']"))
    assert item.locator(".kb-status--deprecated").count() == 1
