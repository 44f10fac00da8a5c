"""The portfolio and the systems list in Chromium, 1280 and 390 wide, in both editions: sorted by
system, owner and gaps, filtered by owner and status (the view kept in the address and across the
language switch), and nothing clipped: every cell reachable in the table's own scroll box."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from playwright.sync_api import Page

from macros.kb.model import CELL_STATES, KnowledgeBase, declared_order
from macros.site.portfolio import PAGE_ROWS, heatmap_capabilities, render_portfolio
from tests.browser.conftest import serve
from tests.datafixture import write_more_systems_than_a_page
from tests.sitebuild import ROOT

EDITIONS = {"en": "", "ja": "ja/"}
WIDTHS = (1280, 390)

_ROWS = """() => [...document.querySelectorAll('.kb-heatmap tbody tr')].filter(r => !r.hidden).map(r =>
    [r.dataset.name, r.dataset.owner, r.dataset.status, Number(r.dataset.gaps)])"""

# Whatever lies outside the page or the table's scroll box, or a header cut short.
_CLIPPED = """() => {
    const problems = [];
    const root = document.scrollingElement;
    if (root.scrollWidth > window.innerWidth + 1) problems.push('page ' + root.scrollWidth + ' > ' + window.innerWidth);
    const box = document.querySelector('.kb-heatmap-scroll');
    const table = box.querySelector('table');
    if (box.scrollWidth + 1 < table.getBoundingClientRect().width) problems.push('table wider than its scroll box can show');
    for (const cell of document.querySelectorAll('.kb-heatmap th, .kb-sort, .kb-system-filters label')) {
        if (cell.getClientRects().length === 0) continue;  // hidden on a phone (the owner column)
        if (cell.scrollWidth > cell.clientWidth + 1 || cell.scrollHeight > cell.clientHeight + 1)
            problems.push('clipped: ' + cell.textContent.trim().slice(0, 40));
    }
    return problems;
}"""


def _open(page: Page, url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    page.wait_for_selector(".kb-heatmap[data-ready]")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("edition", EDITIONS)
def test_the_portfolio_sorts_filters_and_clips_nothing(
    page: Page, editions_url: str, kb: KnowledgeBase, edition: str, width: int
) -> None:
    if not kb.systems:
        pytest.skip("no system in the data")
    _open(page, f"{editions_url}{EDITIONS[edition]}portfolio/", width)
    assert page.evaluate(_CLIPPED) == []
    rows = page.evaluate(_ROWS)
    assert len(rows) == len(kb.systems)
    lang = "ja" if edition == "ja" else "en"
    expected_gaps = sorted((len(kb.system_plan(s).gaps) for s in kb.systems.values()), reverse=True)

    page.locator(".kb-sort button[data-sort=gaps]").click()
    assert [row[3] for row in page.evaluate(_ROWS)] == expected_gaps
    assert "sort=gaps" in page.evaluate("location.hash")
    assert page.locator(".kb-sort button[data-sort=gaps]").get_attribute("aria-pressed") == "true"

    page.locator(".kb-sort button[data-sort=owner]").click()
    owners = [row[1] for row in page.evaluate(_ROWS)]
    assert owners == page.evaluate(
        "o => [...o].sort(new Intl.Collator(document.documentElement.lang, {sensitivity: 'base', numeric: true}).compare)",
        owners,
    )

    owner = kb.systems[sorted(kb.systems)[0]].owner[lang]
    page.locator(".kb-system-filters select[name=owner]").select_option(owner)
    shown = page.evaluate(_ROWS)
    assert shown and {row[1] for row in shown} == {owner}
    assert len(shown) == sum(1 for s in kb.systems.values() if s.owner[lang] == owner)
    page.locator(".kb-system-filters select[name=owner]").select_option("")
    page.locator(".kb-system-filters select[name=status]").select_option("retired")
    assert {row[2] for row in page.evaluate(_ROWS)} <= {"retired"}
    assert len(page.evaluate(_ROWS)) == sum(1 for s in kb.systems.values() if s.retired)
    assert page.evaluate(_CLIPPED) == []

    # The view is in the address: a reload (or a shared link) shows the same rows in the same order.
    before = page.evaluate(_ROWS)
    page.reload()
    page.wait_for_selector(".kb-heatmap[data-ready]")
    assert page.evaluate(_ROWS) == before


def test_the_language_switch_keeps_the_portfolio_s_view(page: Page, editions_url: str, kb: KnowledgeBase) -> None:
    if not kb.systems:
        pytest.skip("no system in the data")
    _open(page, f"{editions_url}portfolio/", 1280)
    page.locator(".kb-sort button[data-sort=gaps]").click()
    page.locator(".kb-system-filters select[name=status]").select_option("in-production")
    page.locator("a.md-select__link[hreflang=ja]").first.evaluate("a => a.click()")
    page.wait_for_url("**/ja/portfolio/**")
    page.wait_for_selector(".kb-heatmap[data-ready]")
    assert page.locator(".kb-system-filters select[name=status]").input_value() == "in-production"
    gaps = [row[3] for row in page.evaluate(_ROWS)]
    assert gaps == sorted(gaps, reverse=True)


# An address with choices the page never offered (a shared link, typed or crafted): each read as no
# choice, and nothing of it becomes markup.
_INJECTED = '<img src=x id=kb-injected onerror="document.title=1">'
_FOREIGN_VIEW = (
    "?q="
    + quote(_INJECTED)
    + "#"
    + urlencode(
        {"owner": _INJECTED, "status": "__proto__", "sort": "constructor", "page": "1e309", "columns": "toString"}
    )
)


@pytest.mark.parametrize("path", ["portfolio/", "systems/"])
@pytest.mark.parametrize("edition", EDITIONS)
def test_an_address_with_choices_the_page_never_offered_shows_every_system(
    page: Page, editions_url: str, kb: KnowledgeBase, edition: str, path: str
) -> None:
    if not kb.systems:
        pytest.skip("no system in the data")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{editions_url}{EDITIONS[edition]}{path}{_FOREIGN_VIEW}")
    page.wait_for_selector("[data-kb-rows][data-ready]")
    assert errors == [] and page.locator("#kb-injected").count() == 0
    for name in ("owner", "status"):
        assert page.locator(f".kb-system-filters select[name={name}]").input_value() == ""
    shown = page.locator("[data-kb-rows] tbody tr[data-name]:not([hidden])").count()
    assert shown == min(len(kb.systems), PAGE_ROWS)


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_cell_shows_the_state_the_model_derives(
    page: Page, editions_url: str, kb: KnowledgeBase, edition: str
) -> None:
    _open(page, f"{editions_url}{EDITIONS[edition]}portfolio/", 1280)
    # Each row's link names its system; each cell's class the index of its state in CELL_STATES.
    capabilities = [c.id for c in heatmap_capabilities(kb)]
    cells = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.kb-heatmap tbody tr')].map(r =>
        [r.querySelector('a').getAttribute('href').split('/').filter(Boolean).pop(),
         [...r.querySelectorAll('td')].slice(2).map(td => td.className ? Number(td.className.slice(1)) : 4)]))""")
    expected = {
        s.id: [CELL_STATES.index(kb.system_plan(s).state(c)) for c in capabilities] for s in kb.systems.values()
    }
    assert cells == expected


@pytest.mark.parametrize("width", WIDTHS)
def test_the_systems_list_filters_by_owner_and_status(
    page: Page, editions_url: str, kb: KnowledgeBase, width: int
) -> None:
    if not kb.systems:
        pytest.skip("no system in the data")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{editions_url}systems/")
    page.wait_for_selector(".kb-systems[data-ready]")
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth + 1")
    status = kb.systems[sorted(kb.systems)[0]].status
    page.locator(".kb-system-filters select[name=status]").select_option(status)
    shown = page.evaluate(
        "() => [...document.querySelectorAll('.kb-systems tbody tr')].filter(r => !r.hidden).map(r => r.dataset.status)"
    )
    assert shown == [status] * sum(1 for s in kb.systems.values() if s.status == status)
    # Every system is marked as an example where it is one.
    samples = page.locator(".kb-systems tbody tr .kb-sample").count()
    assert samples == sum(1 for s in kb.systems.values() if s.sample)


@pytest.mark.parametrize("edition", EDITIONS)
def test_on_a_phone_each_system_reads_as_a_card_with_its_fields_labelled(
    page: Page, editions_url: str, kb: KnowledgeBase, edition: str
) -> None:
    if not kb.systems:
        pytest.skip("no system in the data")
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{editions_url}{EDITIONS[edition]}systems/")
    page.wait_for_selector(".kb-systems[data-ready]")
    cards = page.evaluate("""() => {
        const headers = [...document.querySelectorAll('.kb-systems thead th')].map(th => th.textContent.trim());
        return [...document.querySelectorAll('.kb-systems tbody tr')].map(tr => {
            const name = tr.querySelector('th').getBoundingClientRect();
            const cells = [...tr.querySelectorAll('td')];
            return {
                nameShare: name.width / tr.getBoundingClientRect().width,
                aligned: getComputedStyle(tr.querySelector('th')).textAlign,
                labels: cells.map(td => getComputedStyle(td, '::before').content),
                expected: cells.map((td, i) => JSON.stringify(headers[i + 1] + ': ')),
            };
        });
    }""")
    assert len(cards) == len(kb.systems)
    for card in cards:
        # The name and summary take the card's whole width (not a narrow first column), left-aligned.
        assert card["nameShare"] > 0.95 and card["aligned"] in ("left", "start")
        assert card["labels"] == card["expected"]


@pytest.fixture(scope="module")
def many_systems_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, KnowledgeBase]]:
    """The portfolio's block for more systems than a page shows and more capabilities than its first
    columns, as render_portfolio writes it, in a page with portfolio.js (no site build: the paging is
    the script's, on the block's own HTML and data)."""
    folder = tmp_path_factory.mktemp("many-systems")
    kb = write_more_systems_than_a_page(folder / "data")
    script = ROOT / "overrides/assets/javascripts/portfolio.js"
    (folder / "site").mkdir()
    (folder / "site" / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portfolio</title></head><body>'
        f'{render_portfolio(kb, "en", "portfolio.md")}<script src="portfolio.js"></script></body></html>',
        encoding="utf-8",
    )
    (folder / "site" / "portfolio.js").write_text(script.read_text(encoding="utf-8"), encoding="utf-8")
    server, url = serve(folder / "site")
    yield url, kb
    server.shutdown()


def test_the_heatmap_pages_through_every_system_in_every_order(
    page: Page, many_systems_page: tuple[str, KnowledgeBase]
) -> None:
    url, kb = many_systems_page
    _open(page, url, 1280)
    next_page = page.locator('.kb-heatmap-pager button[data-page="1"]')
    assert len(page.evaluate(_ROWS)) == PAGE_ROWS
    page.locator(".kb-sort button[data-sort=gaps]").click()

    def all_pages() -> list[list[Any]]:
        rows = page.evaluate(_ROWS)
        while not next_page.is_disabled():
            next_page.click()
            rows += page.evaluate(_ROWS)
        return rows

    # Page after page, every system once, most gaps first across the pages.
    rows = all_pages()
    assert sorted(row[0] for row in rows) == sorted(s.name.en for s in kb.systems.values())
    assert [row[3] for row in rows] == sorted((len(kb.system_plan(s).gaps) for s in kb.systems.values()), reverse=True)
    assert "page=2" in page.evaluate("location.hash")
    # A filter starts again at its first page, and pages through the matching systems only.
    page.locator(".kb-system-filters select[name=status]").select_option("retired")
    assert "page=" not in page.evaluate("location.hash")
    assert sorted(row[0] for row in all_pages()) == sorted(s.name.en for s in kb.systems.values() if s.retired)


def test_every_capability_is_a_column_of_one_choice(page: Page, many_systems_page: tuple[str, KnowledgeBase]) -> None:
    url, kb = many_systems_page
    _open(page, url, 1280)
    capabilities = sorted(kb.capabilities.values(), key=declared_order)
    choices = page.locator(".kb-system-filters select[name=columns] option").evaluate_all("o => o.map(o => o.value)")
    seen = []
    for choice in choices[1:]:
        page.locator(".kb-system-filters select[name=columns]").select_option(choice)
        columns = page.evaluate(
            "[...document.querySelectorAll('.kb-heatmap thead th.kb-heatmap__cap')].map(th => th.textContent)"
        )
        seen += columns
        # Each cell the state the model derives, for the columns chosen, on the page shown.
        cells = page.evaluate("""() => [...document.querySelectorAll('.kb-heatmap tbody tr')].map(r =>
            [r.dataset.name, [...r.querySelectorAll('td')].slice(2).map(td => td.className ? Number(td.className.slice(1)) : 4)])""")
        by_name = {s.name.en: s for s in kb.systems.values()}
        ids = [next(c.id for c in capabilities if c.name.en == name) for name in columns]
        for name, states in cells:
            plan = kb.system_plan(by_name[name])
            assert states == [CELL_STATES.index(plan.state(cap)) for cap in ids], name
    assert seen == [c.name.en for c in capabilities]
