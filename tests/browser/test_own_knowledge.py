"""Knowledge of our own in a real browser: the matrix's ‡ on a platform-team recommendation and beside a
characteristic of our own, its legend entry and its reason with the rationale and the date, and the
profiler's reason the same, in both editions, at a desktop's and a phone's width.

The site is built from generated data that holds knowledge of our own (benchmarks/generate.py: the
last characteristic and a share of the other recommendations), so nothing here names today's data.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from benchmarks.generate import write_synthetic_data
from macros.kb.model import KnowledgeBase
from macros.site.plan import SAID_BY_MARKS
from macros.site.render import format_date, load_strings
from tests.browser.conftest import serve
from tests.contributions import load
from tests.sitebuild import SharedBuilds

pytestmark = pytest.mark.site
EDITIONS = {"en": "", "ja": "ja/"}
WIDTHS = (1280, 390)
MARK = SAID_BY_MARKS["platform-team"]


@pytest.fixture(scope="module")
def own_site(shared_builds: SharedBuilds) -> Iterator[tuple[str, KnowledgeBase]]:
    built = shared_builds.site("own-knowledge", lambda folder: write_synthetic_data(folder / "data"), editions=True)
    server, url = serve(built.site)
    yield url, load(built.data)
    server.shutdown()


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def sized(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_matrix_shows_the_platform_teams_mark_its_legend_and_its_reason(
    own_site: tuple[str, KnowledgeBase], sized: Page, lang: str
) -> None:
    url, kb = own_site
    ui = load_strings(lang)
    sized.goto(f"{url}{EDITIONS[lang]}matrix/")
    expect(sized.locator(".kb-legend-said-by[data-said-by='platform-team']")).to_have_text(
        ui["matrix_legend_platform-team"]
    )
    own = [c for c in kb.characteristics.values() if c.provenance.ours]
    assert own, "the generated data holds a characteristic of our own"
    # The table, or on a phone the list that stands in for it (matrix.css).
    phone = sized.viewport_size is not None and sized.viewport_size["width"] < 600
    for char in own:
        heading = (
            sized.locator(".kb-matrix-list__head").filter(has=sized.locator(f".kb-matrix__tick[value='{char.id}']"))
            if phone
            else sized.locator(f"#char-{char.id}")
        )
        expect(heading.locator(".kb-mark-said-by")).to_have_text(MARK)
        expect(heading.locator(".kb-mark-said-by")).to_be_visible()
    recs = [r for c in kb.characteristics.values() for r in c.recommendations if r.strength_provenance.ours]
    for rec in recs[:3]:
        if phone:
            item = (
                sized.locator(".kb-matrix-list > li")
                .filter(has=sized.locator(f".kb-matrix__tick[value='{rec.characteristic}']"))
                .locator(f"li[data-said-by='platform-team'][data-capability='{rec.capability}']")
            )
            shape = item.locator("summary .kb-mark__shape .kb-mark-said-by")
            item.locator("summary").focus()
            sized.keyboard.press("Enter")  # as a keyboard reader opens it; a tap does the same
            tip = item.locator(".kb-matrix-list__reason")
        else:
            mark = sized.locator(
                f"td[data-said-by='platform-team']:has(a.kb-mark[href$='/{rec.characteristic}/#why-{rec.capability}'])"
            ).locator("a.kb-mark")
            mark.focus()  # as a keyboard reader reaches it; hover and tap show the same tip
            shape = mark.locator(".kb-mark__shape .kb-mark-said-by")
            tip = mark.locator(".kb-tip")
        expect(shape).to_be_visible()
        expect(shape).to_have_text(MARK)
        box = tip.bounding_box()
        assert box and box["width"] > 1, "the reason shows"
        provenance = rec.strength_provenance
        assert provenance.rationale and provenance.decided
        expect(tip).to_contain_text(ui[f"strength_{rec.strength}_platform-team"])
        expect(tip).to_contain_text(" ".join(provenance.rationale[lang].split()))
        expect(tip).to_contain_text(ui["decided_on"].format(date=format_date(provenance.decided, ui)))


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_profiler_words_a_platform_team_reason_as_ours_with_its_record(
    own_site: tuple[str, KnowledgeBase], sized: Page, lang: str
) -> None:
    url, kb = own_site
    ui = load_strings(lang)
    char = next(c for c in kb.characteristics.values() if c.provenance.ours)
    sized.goto(f"{url}{EDITIONS[lang]}profiler/#{char.id}")
    reasons = sized.locator(".kb-profiler__reasons > li[data-said-by='platform-team']")
    expect(reasons).to_have_count(len(char.recommendations))
    for rec in char.recommendations:
        provenance = rec.provenance
        assert provenance.rationale and provenance.decided and provenance.link
        line = sized.locator(
            f".kb-profiler__item:has(a[href$='capabilities/{rec.capability}/']) li[data-said-by='platform-team']"
        )
        expect(line).to_contain_text(ui[f"strength_{rec.statements[0].strength}_platform-team"] + MARK)
        expect(line).to_contain_text(" ".join(provenance.rationale[lang].split()))
        expect(line).to_contain_text(ui["decided_on"].format(date=format_date(provenance.decided, ui)))
        links = [said.provenance.link for said in rec.statements if said.provenance.link]
        expect(line.locator("a.kb-decision__link")).to_have_count(len(links))
        for i, link in enumerate(links):  # each statement's record, in the order the reason gives them
            expect(line.locator("a.kb-decision__link").nth(i)).to_have_attribute("href", link)
        assert ui[f"strength_{rec.strength}"] not in line.inner_text(), "never worded as the source's"
    # The capability's own line words its strength as the platform team's where only the team calls for it.
    head = sized.locator(".kb-profiler__needed > li .kb-profiler__item-head .kb-strength")
    assert any(MARK in text for text in head.all_inner_texts())


def test_the_matrix_needs_no_legend_entry_where_nothing_is_ours(
    site_url: str, kb: KnowledgeBase, browser: Browser
) -> None:
    """On the real data: the legend explains ‡ exactly when a cell or a row shows it."""
    page = browser.new_page()
    try:
        page.goto(f"{site_url}matrix/")
        shown = page.locator(".kb-matrix .kb-mark-said-by[data-said-by='platform-team']").count()
        expect(page.locator(".kb-legend-said-by[data-said-by='platform-team']")).to_have_count(1 if shown else 0)
    finally:
        page.close()
