"""The generated pages work in a real browser: links navigate, the matrix explains itself."""

from __future__ import annotations

from tests.samplepages import CAPABILITY, CAPABILITY_ID, CASE_STUDY, CHARACTERISTIC, CHARACTERISTIC_ID, KB


def test_matrix_mark_shows_its_reason_on_focus(tab, site_url: str) -> None:
    tab.goto(site_url + "matrix/")
    mark = tab.locator("td.kb-cell--situational .kb-mark").first
    tip = mark.locator(".kb-tip")
    assert tip.bounding_box()["width"] <= 1
    mark.focus()
    assert tip.bounding_box()["width"] > 100
    assert "Situational" in tip.inner_text()


def test_matrix_row_headers_stay_visible_while_scrolling_sideways(page, site_url: str) -> None:
    page.set_viewport_size({"width": 600, "height": 700})  # the narrowest that shows the table (a phone, its list)
    page.goto(site_url + "matrix/")
    scroller = page.locator(".kb-matrix-scroll")
    row_header = page.locator(".kb-matrix tbody th").first
    cell = page.locator(".kb-matrix tbody td").first
    cell_before = cell.bounding_box()
    scroller.evaluate("el => { el.scrollLeft = 400; }")
    cell_after = cell.bounding_box()
    assert cell_after["x"] < cell_before["x"], "the table did not scroll"
    # The row headers are pinned to the scroll box's left edge (within its 1px border).
    assert abs(row_header.bounding_box()["x"] - scroller.bounding_box()["x"]) <= 1


def test_following_links_both_ways(tab, site_url: str) -> None:
    tab.goto(site_url + CAPABILITY)
    tab.get_by_role("link", name=KB.characteristics[CHARACTERISTIC_ID].name.en, exact=True).first.click()
    assert tab.url.endswith("/" + CHARACTERISTIC)
    tab.get_by_role("link", name=KB.capabilities[CAPABILITY_ID].name.en, exact=True).first.click()
    assert tab.url.endswith("/" + CAPABILITY)


def test_pages_make_no_request_outside_the_site(tab, site_url: str) -> None:
    for path in ["", "matrix/", CAPABILITY, CASE_STUDY]:
        tab.goto(site_url + path)
        tab.wait_for_load_state("networkidle")
    outside = [url for url in tab.requested_urls if not url.startswith(site_url)]
    assert outside == []
