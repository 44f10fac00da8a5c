"""The matrix as a reader meets it, in both editions, at desktop (1280), tablet (600) and phone (390) width.

Each mark links to its reason on the characteristic's page; the reason it shows on hover, focus
and tap lies wholly inside the window; the table fits a desktop's page and scrolls sideways, only,
inside its box on a narrower screen, with a cue; on a phone it is a list, each reason opened by tap
or keyboard; rows and columns follow the order the data declares; the row and column under the
pointer or focus light up; the Japanese row headings break between words on a desktop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from macros.kb.model import KnowledgeBase, declared_order
from macros.site.render import reason_anchor
from tests.browser.wordbreaks import BREAKS_INSIDE_WORDS
from tests.htmlread import read_page, target_of

EDITIONS = {"en": "", "ja": "ja/"}
WIDTHS: dict[str, ViewportSize] = {
    "desktop": {"width": 1280, "height": 800},
    "tablet": {"width": 600, "height": 844},  # the narrowest screen that shows the table (matrix.css)
    "phone": {"width": 390, "height": 844},
}
TABLE_WIDTHS = ("desktop", "tablet")

# Every box that shows a mark's reason, as a list of [mark's href, left, top, right, bottom].
_SHOWN_TIPS = """() => [...document.querySelectorAll('a.kb-mark')].filter(m => m.querySelector('.kb-tip').getBoundingClientRect().width > 1)
  .map(m => { const r = m.querySelector('.kb-tip').getBoundingClientRect(); return [m.getAttribute('href'), r.left, r.top, r.right, r.bottom]; })"""


def _outside(box: list, viewport: ViewportSize) -> bool:
    _, left, top, right, bottom = box
    return left < 0 or top < 0 or right > viewport["width"] or bottom > viewport["height"]


@pytest.fixture(scope="module")
def matrix_at(browser: Browser, editions_url: str) -> Iterator[Callable[..., Page]]:
    """Opens an edition's matrix at a width (and with touch): loaded afresh, in one tab per width and touch."""
    tabs: dict[tuple[str, bool], Page] = {}

    def open_matrix(edition: str, width: str, *, has_touch: bool = False) -> Page:
        if (width, has_touch) not in tabs:
            tabs[width, has_touch] = browser.new_context(viewport=WIDTHS[width], has_touch=has_touch).new_page()
        page = tabs[width, has_touch]
        page.goto("about:blank")  # a new document, though only the part after # may differ
        page.goto(editions_url + EDITIONS[edition] + "matrix/")
        return page

    yield open_matrix
    for page in tabs.values():
        page.context.close()


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_mark_links_to_its_reason_on_the_characteristic_page(matrix_at, editions_dir: Path, edition: str) -> None:
    page = matrix_at(edition, "desktop")
    cells = page.eval_on_selector_all(
        "td.kb-cell",
        """cells => cells.map(td => {
        const row = td.parentElement.querySelector('th').id.replace('char-', '');
        const column = td.closest('table').tHead.rows[0].cells[td.cellIndex].id.replace('cap-', '');
        const mark = td.querySelector('a.kb-mark');
        return [row, column, mark ? mark.getAttribute('href') : null]; })""",
    )
    assert cells, "no marks in the matrix"
    wrong = []
    for characteristic, capability, href in cells:
        target = href and target_of(editions_dir, EDITIONS[edition] + "matrix/", href)
        if (
            not target
            or target[0] != editions_dir / EDITIONS[edition] / "characteristics" / characteristic / "index.html"
        ):
            wrong.append(f"{characteristic} × {capability}: {href} is not a link to the characteristic's page")
            continue
        reason = next((e for e in read_page(target[0]).iter() if e.attrs.get("id") == target[1]), None)
        if reason is None or "kb-why" not in reason.classes:
            wrong.append(f"{characteristic} × {capability}: {href} names no reason on that page")
    assert wrong == []


@pytest.mark.parametrize("width", TABLE_WIDTHS)
@pytest.mark.parametrize("edition", EDITIONS)
def test_every_reason_shows_whole_inside_the_window_on_focus(matrix_at, edition: str, width: str) -> None:
    page = matrix_at(edition, width)
    marks = page.locator("a.kb-mark")
    assert marks.count() > 0, "no marks are links"
    clipped = []
    for i in range(marks.count()):
        marks.nth(i).focus()  # focus scrolls the mark into view, as a keyboard reader's Tab does
        shown = page.evaluate(_SHOWN_TIPS)
        tip = marks.nth(i).locator(".kb-tip")
        # Not covered by the scroll box's edge or the pinned first column: the reason is on top.
        box = tip.bounding_box()
        # (A shown reason lets the pointer through; for this look it must not.)
        on_top = tip.evaluate(
            """(t, p) => { t.style.pointerEvents = 'auto';
            const top = document.elementFromPoint(p[0], p[1]); t.style.pointerEvents = ''; return t.contains(top); }""",
            [box["x"] + box["width"] / 2, box["y"] + box["height"] - 4],
        )
        if len(shown) != 1 or _outside(shown[0], WIDTHS[width]) or not on_top:
            clipped.append(shown)
    assert clipped == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_reason_shows_on_hover_at_the_table_s_far_corner(matrix_at, edition: str) -> None:
    page = matrix_at(edition, "desktop")
    last = page.locator("tbody tr").last.locator("a.kb-mark").last
    last.hover()
    shown = page.evaluate(_SHOWN_TIPS)
    assert len(shown) == 1 and not _outside(shown[0], WIDTHS["desktop"]), shown


@pytest.mark.parametrize("edition", EDITIONS)
def test_first_tap_shows_the_reason_and_the_second_follows_the_link(matrix_at, edition: str) -> None:
    page = matrix_at(edition, "tablet", has_touch=True)
    mark = page.locator("tbody tr").last.locator("a.kb-mark").last
    href = mark.get_attribute("href")
    mark.tap()
    shown = page.evaluate(_SHOWN_TIPS)
    assert page.url.endswith("/matrix/")
    assert len(shown) == 1 and not _outside(shown[0], WIDTHS["tablet"]), shown
    with page.expect_navigation():
        mark.tap()
    assert page.url.endswith(href.removeprefix("..")), (page.url, href)


@pytest.mark.parametrize("edition", EDITIONS)
def test_table_fits_the_page_at_desktop_width(matrix_at, edition: str) -> None:
    page = matrix_at(edition, "desktop")
    sizes = page.locator(".kb-matrix-scroll").evaluate(
        "b => [b.scrollWidth, b.clientWidth, b.scrollHeight, b.clientHeight]"
    )
    assert sizes[0] <= sizes[1], f"the table is {sizes[0]}px wide in a {sizes[1]}px box"
    assert sizes[2] <= sizes[3], "the table scrolls up and down inside its box"


@pytest.mark.parametrize("edition", EDITIONS)
def test_on_a_narrow_screen_the_table_scrolls_sideways_inside_one_box_with_a_cue(matrix_at, edition: str) -> None:
    page = matrix_at(edition, "tablet")
    box = page.locator(".kb-matrix-scroll")
    page_width = page.evaluate("document.documentElement.scrollWidth")
    sizes = box.evaluate("b => [b.scrollWidth, b.clientWidth, b.scrollHeight, b.clientHeight]")
    cue_before = page.locator(".kb-matrix-figure").get_attribute("data-more")
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    page.wait_for_function(
        "() => document.querySelector('.kb-matrix-figure').dataset.more === 'left'"
    )  # a function: the CSP allows no eval
    legend = page.locator(".kb-matrix-legend").evaluate(
        "l => { const r = l.getBoundingClientRect(); return [r.left, r.right, l.scrollWidth <= l.clientWidth]; }"
    )
    assert page_width <= WIDTHS["tablet"]["width"], f"the page is {page_width}px wide"
    assert sizes[0] > sizes[1], "expected the table to be wider than the screen"
    assert sizes[2] <= sizes[3], "the table also scrolls up and down: two boxes to scroll"
    assert cue_before == "right"
    assert legend[0] >= 0 and legend[1] <= WIDTHS["tablet"]["width"] and legend[2], f"the legend is cut: {legend}"


def test_rows_and_columns_follow_the_declared_order_in_both_editions(matrix_at, kb: KnowledgeBase) -> None:
    orders = {}
    for edition in EDITIONS:
        page = matrix_at(edition, "desktop")
        orders[edition] = page.evaluate("""() => ({
            rows: [...document.querySelectorAll('.kb-matrix tbody th')].map(th => th.id.replace('char-', '')),
            columns: [...document.querySelectorAll('.kb-matrix thead th[id]')].map(th => th.id.replace('cap-', ''))})""")
    expected = {
        "rows": [c.id for c in sorted(kb.characteristics.values(), key=declared_order)],
        "columns": [c.id for c in sorted(kb.capabilities.values(), key=declared_order)],
    }
    assert orders["en"] == expected
    assert orders["ja"] == expected


@pytest.mark.parametrize("width", WIDTHS)
def test_japanese_row_headings_break_between_words(matrix_at, width: str) -> None:
    page = matrix_at("ja", width)
    # The table's row headings, or on a phone the list's.
    selector = '.kb-matrix tbody th[scope="row"] a' if width in TABLE_WIDTHS else ".kb-matrix-list__head a"
    assert page.locator(selector).first.is_visible()
    inside = page.evaluate(BREAKS_INSIDE_WORDS, selector)
    assert not inside, f"row headings broken inside a word (heading, before, after): {inside}"


@pytest.mark.parametrize("edition", ["", "ja/"], ids=["en", "ja"])
def test_an_open_reason_names_its_cell_and_lights_up_its_row_and_column(page, editions_url: str, edition: str) -> None:
    page.goto(f"{editions_url}{edition}matrix/")
    mark = page.locator("a.kb-mark").nth(3)
    cell = mark.locator("xpath=ancestor::td")
    row = cell.locator("xpath=ancestor::tr/th").inner_text().strip()
    index = cell.evaluate("td => [...td.parentElement.children].indexOf(td)")
    column = page.locator(".kb-matrix thead tr > *").nth(index).inner_text().strip()
    mark.focus()
    tip = mark.locator(".kb-tip")
    assert tip.is_visible()
    assert tip.locator(".kb-tip__cell").inner_text() == f"{row} × {column}"
    active = page.locator(".kb-matrix th[data-active]").all_inner_texts()
    assert sorted(t.strip() for t in active) == sorted([row, column])
    page.keyboard.press("Escape")
    assert page.locator(".kb-matrix th[data-active]").count() == 0


@pytest.mark.parametrize("edition", ["", "ja/"], ids=["en", "ja"])
def test_ticked_rows_combine_in_place_into_the_profiler_s_plan(
    page, editions_url: str, kb: KnowledgeBase, edition: str
) -> None:
    chosen = [c.id for c in sorted(kb.characteristics.values(), key=declared_order)][:3:2]
    page.goto(f"{editions_url}{edition}matrix/")
    page.locator(".kb-matrix-plan[data-ready]").wait_for()
    for characteristic in chosen:
        page.locator(f"#char-{characteristic} .kb-matrix__tick").check()
    # Still the matrix, with the plan under it and the selection in the address, as the profiler keeps it.
    assert page.url.split("#")[0].endswith("/matrix/")
    assert page.url.split("#")[1] == "+".join(chosen)
    needed = page.locator(".kb-matrix-plan .kb-profiler__needed > li .kb-profiler__item-head > a")
    in_matrix = needed.evaluate_all("links => links.map(a => a.getAttribute('href').split('/').filter(Boolean).pop())")
    called = {r.capability for c in chosen for r in kb.characteristics[c].recommendations}
    assert set(in_matrix) == called and len(in_matrix) == len(called)
    # The same plan, in the same order, as the profiler makes for the same characteristics.
    page.goto(f"{editions_url}{edition}profiler/#{'+'.join(chosen)}")
    page.locator("[data-kb-profiler][data-ready]").wait_for()
    in_profiler = page.locator(".kb-profiler__needed > li .kb-profiler__item-head > a").evaluate_all(
        "links => links.map(a => a.getAttribute('href').split('/').filter(Boolean).pop())"
    )
    assert in_matrix == in_profiler


@pytest.mark.parametrize("width", [WIDTHS[w]["width"] for w in TABLE_WIDTHS])
def test_an_open_reason_never_covers_its_row_or_column_heading(browser, editions_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 600})
    page = context.new_page()
    try:
        page.goto(f"{editions_url}matrix/")
        covered = []
        rows = page.locator(".kb-matrix tbody tr")
        # The marks of the first and last rows: reasons that open below, and above.
        for row in (rows.first, rows.last):
            for i in range(row.locator("a.kb-mark").count()):
                mark = row.locator("a.kb-mark").nth(i)
                mark.scroll_into_view_if_needed()
                mark.focus()
                found = mark.evaluate("""mark => {
                    const tip = mark.querySelector('.kb-tip').getBoundingClientRect();
                    const cell = mark.closest('td'), row = cell.parentElement;
                    const column = document.querySelector('.kb-matrix thead tr').children[[...row.children].indexOf(cell)];
                    const active = [row.querySelector('th'), column];
                    const meets = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
                    return active.filter(th => meets(tip, th.getBoundingClientRect())).map(th => th.textContent.trim());
                }""")
                covered += found
        assert covered == []
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_one_view_at_a_time_the_table_or_on_a_phone_the_list(matrix_at, width: str) -> None:
    page = matrix_at("en", width)
    views = page.evaluate("""() => [...document.querySelectorAll('.kb-matrix-figure, .kb-matrix-list')]
        .filter(view => view.checkVisibility()).map(view => view.className)""")
    assert views == (["kb-matrix-figure"] if width in TABLE_WIDTHS else ["kb-matrix-list"])
    # The hidden view's controls are out of the keyboard's way.
    hidden = ".kb-matrix-list" if width in TABLE_WIDTHS else ".kb-matrix-figure"
    focusable = page.locator(f"{hidden} :is(a, input, summary)").evaluate_all(
        "all => all.filter(e => { e.focus(); return document.activeElement === e; }).length"
    )
    assert focusable == 0


# Every element of the root showing text of its own, with its computed font size and box (px).
_TEXTS = """root => [...root.querySelectorAll('*')]
  .filter(e => e.getClientRects().length && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
  .map(e => { const r = e.getBoundingClientRect();
              return {text: e.textContent.trim().slice(0, 40), px: parseFloat(getComputedStyle(e).fontSize), left: r.left, right: r.right}; })"""


@pytest.mark.parametrize("edition", EDITIONS)
def test_on_a_phone_the_matrix_is_a_list_of_each_characteristic_with_its_capabilities(
    matrix_at, kb: KnowledgeBase, edition: str
) -> None:
    page = matrix_at(edition, "phone")
    assert not page.locator(".kb-matrix-figure").is_visible(), "the table, on a phone"
    assert page.locator(".kb-matrix-list").is_visible()
    shown = page.locator(".kb-matrix-list > li").evaluate_all("""rows => rows.map(row => ({
        name: row.querySelector('.kb-matrix-list__head a').textContent,
        page: row.querySelector('.kb-matrix-list__head a').getAttribute('href').split('/').filter(Boolean).pop(),
        tick: row.querySelector('.kb-matrix__tick').value,
        capabilities: [...row.querySelectorAll('ul > li')].map(li => [li.dataset.capability, li.dataset.level,
            li.dataset.strength, li.querySelector('.kb-matrix-list__capability').textContent])}))""")
    capabilities = sorted(kb.capabilities.values(), key=declared_order)
    expected = [
        {
            "name": c.name[edition],
            "page": c.id,
            "tick": c.id,
            "capabilities": [
                [cap.id, rec.level, rec.strength, cap.name[edition]]
                for cap in capabilities
                if (rec := kb.recommendation(c.id, cap.id))
            ],
        }
        for c in sorted(kb.characteristics.values(), key=declared_order)
    ]
    assert shown == expected
    # Readable: with every reason open, no text under 11 px and none past the screen's edges.
    page.locator(".kb-matrix-list details").evaluate_all("all => all.forEach(d => { d.open = true; })")
    texts = page.locator(".kb-matrix-list").evaluate(_TEXTS)
    assert texts and [t for t in texts if t["px"] < 11 or t["left"] < 0 or t["right"] > 390] == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("edition", EDITIONS)
def test_on_a_phone_each_reason_opens_by_tap_and_by_keyboard(
    matrix_at, kb: KnowledgeBase, editions_dir: Path, edition: str
) -> None:
    page = matrix_at(edition, "phone", has_touch=True)
    items = page.locator(".kb-matrix-list ul > li")
    for item, opens in ((items.last, "tap"), (items.first, "keyboard")):
        characteristic = item.locator("xpath=ancestor::li[1]").locator(".kb-matrix__tick").get_attribute("value")
        capability = item.get_attribute("data-capability")
        rec = kb.recommendation(characteristic, capability)
        assert rec is not None
        reason = item.locator(".kb-matrix-list__reason")
        assert not reason.is_visible()
        if opens == "tap":
            item.locator("summary").tap()
        else:
            item.locator("summary").focus()
            page.keyboard.press("Enter")
        assert reason.is_visible(), opens
        assert page.url.endswith("/matrix/"), "opening a reason leaves the page"
        assert reason.locator(".kb-why").first.text_content() == rec.statements[0].why[edition]
        # And the way to the same reason on the characteristic's page.
        target = target_of(editions_dir, EDITIONS[edition] + "matrix/", reason.locator("a").last.get_attribute("href"))
        assert target == (
            editions_dir / EDITIONS[edition] / "characteristics" / characteristic / "index.html",
            reason_anchor(capability),
        )
        if opens == "keyboard":
            page.keyboard.press("Enter")
            assert not reason.is_visible(), "Enter closes it again"


def test_on_a_phone_a_tick_in_the_list_combines_into_the_plan(matrix_at, kb: KnowledgeBase) -> None:
    page = matrix_at("en", "phone")
    page.locator(".kb-matrix-plan[data-ready]").wait_for()
    chosen = min(kb.characteristics.values(), key=declared_order).id
    # Nothing ticked, nothing to save: the plan is its heading and hint alone.
    assert not page.locator(".kb-matrix-plan .kb-profiler__save").is_visible()
    page.locator(f".kb-matrix-list .kb-matrix__tick[value='{chosen}']").check()
    assert page.locator(".kb-matrix-plan .kb-profiler__save").is_visible()
    assert page.url.split("#")[1] == chosen
    # The table's box agrees, for a reader who turns the phone.
    assert page.locator(f".kb-matrix .kb-matrix__tick[value='{chosen}']").is_checked()
    needed = page.locator(".kb-matrix-plan .kb-profiler__needed > li .kb-profiler__item-head > a").evaluate_all(
        "links => links.map(a => a.getAttribute('href').split('/').filter(Boolean).pop())"
    )
    assert sorted(needed) == sorted(r.capability for r in kb.characteristics[chosen].recommendations)


# The cells lit up, as [row index, column index], and whether each of them and of the rest is tinted.
_CROSSED = """() => {
    const table = document.querySelector('.kb-matrix');
    const cells = [...table.querySelectorAll('th, td')];
    const tinted = c => getComputedStyle(c).backgroundImage.includes('gradient');
    return {crossed: cells.filter(c => c.hasAttribute('data-cross')).map(c => [c.parentElement.rowIndex, c.cellIndex]),
            wrong: cells.filter(c => c.hasAttribute('data-cross') !== tinted(c)).length};
}"""
_TARGETS = {
    "a mark": "tbody td a.kb-mark",
    "an empty cell": "tbody td:not(.kb-cell):not(.kb-total)",
    "a row heading": "tbody th[scope=row] a",
    "a tick box": "tbody th[scope=row] .kb-matrix__tick",
    "a column heading": "thead th[id] a",
    "a total": "tfoot td.kb-total",
}
_FOCUSABLE = ("a mark", "a row heading", "a tick box", "a column heading")


@pytest.mark.parametrize(
    ("how", "target"), [("pointer", t) for t in _TARGETS] + [("focus", t) for t in _FOCUSABLE], ids=str
)
def test_the_row_and_column_under_the_pointer_or_focus_light_up(matrix_at, how: str, target: str) -> None:
    page = matrix_at("en", "desktop")
    page.locator(".kb-matrix-plan[data-ready]").wait_for()
    found = page.locator(".kb-matrix " + _TARGETS[target])
    if not found.count():
        pytest.skip(f"no {target} to {how} in this data")
    element = found.nth(found.count() // 2)
    if how == "pointer":
        element.hover()
    else:
        element.focus()
    row, column, rows, columns = element.evaluate(
        """e => { const cell = e.closest('th, td'), table = cell.closest('table');
                  return [cell.parentElement.rowIndex, cell.cellIndex, table.rows.length, cell.parentElement.cells.length]; }"""
    )
    expected = set()
    if row > 0:  # not the headings' row: the whole row
        expected |= {(row, i) for i in range(columns)}
    if column > 0:  # not the row headings' column: the whole column
        expected |= {(i, column) for i in range(rows)}
    lit = page.evaluate(_CROSSED)
    assert {tuple(c) for c in lit["crossed"]} == expected and expected
    assert lit["wrong"] == 0, "a lit cell untinted, or a tinted one not lit"
    # It goes out when the pointer leaves and nothing in the table has the focus.
    page.evaluate("() => document.activeElement.blur()")
    page.mouse.move(1, 1)
    assert page.evaluate(_CROSSED)["crossed"] == []
