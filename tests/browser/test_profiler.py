"""The use-case profiler in a real browser: tick, read the plan, share it, export it, by mouse and keyboard."""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from macros.model import KnowledgeBase
from tests.browser.conftest import serve
from tests.conftest import DATA_DIR
from tests.sitebuild import build_site

# The source's own combined example: a recommender retrained frequently that serves batch predictions.
COMBINED_EXAMPLE = ["Frequent retraining", "Batch serving"]
COMBINED_PLAN = {
    "Data processing", "Model training", "Model evaluation", "ML pipelines", "Model registry",
    "ML metadata and artifact tracking", "Model serving",
}
PLAN_NAMES = ".kb-profiler__needed > li > .kb-profiler__item-head > a"


@pytest.fixture
def profiler(page, site_url: str):
    """The profiler page, loaded, with clipboard access granted as a reader's click would."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page.goto(site_url + "profiler/")
    page.wait_for_selector(".kb-profiler__choices input")
    return page


def plan_of(page) -> list[str]:
    return page.locator(PLAN_NAMES).all_inner_texts()


def tick(page, names: list[str]) -> None:
    for name in names:
        page.get_by_label(name, exact=True).check()


def read_clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def unescape_markdown(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def reasons_of(kb: KnowledgeBase, char_ids: list[str]) -> dict[str, list[str]]:
    """Capability name -> the English reason of every ticked characteristic that calls for it."""
    reasons: dict[str, list[str]] = {}
    for char_id in char_ids:
        for rec in kb.characteristics[char_id].recommendations:
            reasons.setdefault(kb.capabilities[rec.capability].name.en, []).append(rec.why.en)
    return reasons


def test_the_combined_example_yields_exactly_its_capabilities(profiler) -> None:
    tick(profiler, COMBINED_EXAMPLE)
    plan = plan_of(profiler)
    assert sorted(plan) == sorted(COMBINED_PLAN)
    # Called for by both characteristics first.
    assert set(plan[:3]) == {"Data processing", "ML pipelines", "Model registry"}
    assert profiler.url.endswith("/profiler/#frequent-retraining+batch-serving")
    assert profiler.get_by_role("status").first.inner_text() == "7 of 11 capabilities called for."


def test_each_capability_shows_every_reason_and_links_to_its_page(profiler, kb: KnowledgeBase) -> None:
    tick(profiler, COMBINED_EXAMPLE)
    for name, whys in reasons_of(kb, ["frequent-retraining", "batch-serving"]).items():
        item = profiler.locator(".kb-profiler__needed > li").filter(has=profiler.get_by_role("link", name=name, exact=True))
        text = item.inner_text()
        assert all(why in text for why in whys), name
    profiler.get_by_role("link", name="Model registry", exact=True).click()
    assert profiler.url.endswith("/capabilities/model-registry/")


def test_capabilities_not_called_for_are_listed_apart_and_collapsed(profiler, kb: KnowledgeBase) -> None:
    tick(profiler, COMBINED_EXAMPLE)
    others = profiler.locator(".kb-profiler__others")
    assert others.get_attribute("open") is None
    assert others.locator("summary").inner_text() == f"Not called for ({len(kb.capabilities) - len(COMBINED_PLAN)})"
    names = others.locator("li > a").all_text_contents()
    assert set(names) == {c.name.en for c in kb.capabilities.values()} - COMBINED_PLAN


def test_case_studies_like_yours_share_the_most_characteristics(profiler) -> None:
    tick(profiler, COMBINED_EXAMPLE)
    cases = profiler.locator(".kb-profiler__cases > li > a").all_inner_texts()
    assert cases[0] == "Recommender retrained frequently, serving batch predictions"
    assert set(cases[1:]) == {"Daily fraud detection", "Weekly video recommendations"}


def test_the_address_restores_the_same_plan_in_a_new_page(profiler, browser) -> None:
    tick(profiler, COMBINED_EXAMPLE)
    plan = plan_of(profiler)
    profiler.get_by_role("button", name="Copy link").click()
    link = read_clipboard(profiler)
    assert link == profiler.url
    other = browser.new_context().new_page()
    try:
        other.goto(link)
        other.wait_for_selector(PLAN_NAMES)
        assert plan_of(other) == plan
        assert [other.get_by_label(n, exact=True).is_checked() for n in COMBINED_EXAMPLE] == [True, True]
    finally:
        other.context.close()


def test_unticking_updates_the_plan_and_the_address(profiler, kb: KnowledgeBase) -> None:
    tick(profiler, COMBINED_EXAMPLE)
    profiler.get_by_label("Frequent retraining", exact=True).uncheck()
    assert sorted(plan_of(profiler)) == sorted(reasons_of(kb, ["batch-serving"]))
    assert profiler.url.endswith("/profiler/#batch-serving")
    profiler.get_by_role("button", name="Clear all").click()
    assert plan_of(profiler) == []
    assert profiler.url.endswith("/profiler/")


def test_an_unknown_id_in_the_address_is_named_and_left_out(page, site_url: str) -> None:
    page.goto(site_url + "profiler/#batch-serving+no-such-thing")
    page.wait_for_selector(PLAN_NAMES)
    assert "no-such-thing" in page.locator(".kb-profiler__notice").inner_text()
    assert page.get_by_label("Batch serving", exact=True).is_checked()
    assert page.url.endswith("/profiler/#batch-serving")


def test_markdown_export_lists_each_capability_with_its_reasons(profiler, kb: KnowledgeBase) -> None:
    tick(profiler, COMBINED_EXAMPLE)
    profiler.get_by_role("button", name="Copy as Markdown checklist").click()
    # The clipboard write is asynchronous: wait for the notice rather than read it at once.
    expect(profiler.locator(".kb-profiler__notice")).to_have_text("Markdown checklist copied.")
    markdown = unescape_markdown(read_clipboard(profiler))
    items = re.findall(r"^- \[ \] \[(.+?)\]\((http[^)]+)\)", markdown, flags=re.MULTILINE)
    assert sorted(name for name, _ in items) == sorted(COMBINED_PLAN)
    assert all(url.startswith(profiler.url.split("profiler/")[0]) for _, url in items)
    for whys in reasons_of(kb, ["frequent-retraining", "batch-serving"]).values():
        assert all(why in markdown for why in whys)
    assert profiler.url in markdown


def test_csv_export_has_one_row_per_capability_with_its_reasons(profiler, kb: KnowledgeBase) -> None:
    tick(profiler, COMBINED_EXAMPLE)
    with profiler.expect_download() as download:
        profiler.get_by_role("button", name="Download CSV").click()
    assert download.value.suggested_filename == "mlops-capability-plan.csv"
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8-sig").read(), newline="")))
    assert sorted(row["capability"] for row in rows) == sorted(COMBINED_PLAN)
    for row in rows:
        whys = reasons_of(kb, ["frequent-retraining", "batch-serving"])[row["capability"]]
        assert int(row["called_for_by"]) == len(whys)
        assert all(why in row["reasons"] for why in whys)
        # Every tool is in ring assess today: the tools column says none is adopted.
        assert row["tools"] == "none adopted yet"


def tab_to(page, matches: str, limit: int = 80) -> None:
    """Press Tab until the focused element satisfies the JavaScript predicate `matches(el)`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(({matches}))(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {matches}")


def test_keyboard_only_ticks_and_exports(profiler) -> None:
    for char_id in ["frequent-retraining", "batch-serving"]:
        profiler.evaluate("document.activeElement && document.activeElement.blur()")
        tab_to(profiler, f"el => el.type === 'checkbox' && el.value === '{char_id}'")
        profiler.keyboard.press("Space")
    assert sorted(plan_of(profiler)) == sorted(COMBINED_PLAN)
    tab_to(profiler, "el => el.dataset.action === 'copy-markdown'")
    profiler.keyboard.press("Enter")
    assert "- [ ] [Model registry]" in read_clipboard(profiler)
    tab_to(profiler, "el => el.dataset.action === 'download-csv'")
    with profiler.expect_download() as download:
        profiler.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".csv")


def test_changes_are_announced_in_a_live_region(profiler) -> None:
    status = profiler.locator(".kb-profiler__status")
    assert status.get_attribute("role") == "status"
    assert status.inner_text() == "No characteristic ticked; the plan is empty."
    tick(profiler, ["Batch serving"])
    assert status.inner_text() == "4 of 11 capabilities called for."


def test_open_in_profiler_from_a_case_study(page, site_url: str) -> None:
    page.goto(site_url + "case-studies/retrained-batch-recommender/")
    page.get_by_role("link", name="Open in the profiler").click()
    page.wait_for_selector(PLAN_NAMES)
    assert sorted(plan_of(page)) == sorted(COMBINED_PLAN)


def test_printing_shows_only_the_plan(profiler) -> None:
    tick(profiler, COMBINED_EXAMPLE)
    profiler.emulate_media(media="print")
    for hidden in [".md-header", ".kb-profiler__form", ".kb-profiler__actions", ".kb-profiler__others", ".md-content__inner > p"]:
        assert not profiler.locator(hidden).first.is_visible(), hidden
    assert profiler.locator(".kb-profiler__needed").is_visible()
    assert profiler.url in profiler.locator(".kb-profiler__print-link").inner_text()


def test_the_profiler_makes_no_request_outside_the_site(profiler, site_url: str) -> None:
    tick(profiler, COMBINED_EXAMPLE)
    with profiler.expect_download():
        profiler.get_by_role("button", name="Download CSV").click()
    profiler.get_by_role("button", name="Copy as Markdown checklist").click()
    profiler.wait_for_load_state("networkidle")
    outside = [url for url in profiler.requested_urls if not url.startswith(site_url)]
    assert outside == []
    assert any(url.endswith("/api/v1/characteristics.json") for url in profiler.requested_urls)
    assert any(url.endswith("/api/v1/tools.json") for url in profiler.requested_urls)


def test_without_javascript_the_page_points_to_the_matrix(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "profiler/")
        note = page.locator(".kb-profiler-fallback")
        assert note.is_visible()
        assert "needs JavaScript" in note.inner_text()
        note.get_by_role("link", name="Open the matrix").click()
        assert page.url.endswith("/matrix/")
    finally:
        context.close()


def test_when_copying_is_refused_the_text_is_shown_selected(page, site_url: str) -> None:
    # A browser that refuses clipboard access (a policy, an insecure origin): the reader copies by hand.
    page.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new Error('denied'))")
    page.goto(site_url + "profiler/#batch-serving")
    page.wait_for_selector(PLAN_NAMES)
    page.get_by_role("button", name="Copy as Markdown checklist").click()
    box = page.get_by_role("textbox", name="Text to copy")
    assert box.is_visible() and box.evaluate("el => el === document.activeElement")
    assert box.evaluate("el => el.value.slice(el.selectionStart, el.selectionEnd)").startswith("# MLOps capability plan")
    expect(page.locator(".kb-profiler__notice")).to_contain_text("Ctrl+C")


# The tools line of each capability in the plan: what to use, as the case-study checklists say it.
TOOLS_LINE = ".kb-profiler__needed > li > .kb-profiler__tools"


def tools_lines(page) -> dict[str, object]:
    """Capability name -> its tools line in the plan."""
    items = page.locator(".kb-profiler__needed > li")
    return {items.nth(i).locator(".kb-profiler__item-head > a").inner_text(): items.nth(i).locator(".kb-profiler__tools")
            for i in range(items.count())}


def test_each_capability_of_the_plan_says_no_tool_is_adopted_yet(profiler, kb: KnowledgeBase, site_url: str) -> None:
    tick(profiler, COMBINED_EXAMPLE)
    lines = tools_lines(profiler)
    assert sorted(lines) == sorted(COMBINED_PLAN)
    ids = {cap.name.en: cap.id for cap in kb.capabilities.values()}
    for name, line in lines.items():
        assert line.inner_text() == "Tools: none adopted yet (see the options)", name
        assert line.get_by_role("link", name="see the options").get_attribute("href") == f"{site_url}tools/#{ids[name]}"
    profiler.get_by_role("button", name="Copy as Markdown checklist").click()
    expect(profiler.locator(".kb-profiler__notice")).to_have_text("Markdown checklist copied.")
    assert read_clipboard(profiler).count("    - Tools: none adopted yet\n") == len(COMBINED_PLAN)


def test_the_landscape_has_a_section_for_each_capability(site_dir: Path, kb: KnowledgeBase) -> None:
    html = (site_dir / "tools/index.html").read_text(encoding="utf-8")
    assert all(f'id="{cap_id}"' in html for cap_id in kb.capabilities)


ADOPTED = "mlflow"


@pytest.fixture(scope="module")
def adopted_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built from a copy of the data in which one tool is in ring adopt."""
    tmp = tmp_path_factory.mktemp("adopted")
    data = tmp / "data"
    shutil.copytree(DATA_DIR, data)
    tool = data / "tools" / f"{ADOPTED}.yml"
    text = tool.read_text(encoding="utf-8")
    assert "ring:\n  status: not-rated\n" in text
    tool.write_text(text.replace("ring:\n  status: not-rated\n", "ring:\n  status: adopt\n  reason: {en: Chosen., ja: 選定。}\n  date: '2026-01-15'\n"), encoding="utf-8")
    result = build_site(tmp / "site", data_dir=data)
    assert result.returncode == 0, result.stderr
    server, url = serve(tmp / "site")
    yield url
    server.shutdown()


def test_an_adopted_tool_is_named_for_the_capabilities_it_provides(page, adopted_site_url: str, kb: KnowledgeBase) -> None:
    tool = kb.tools[ADOPTED]
    provided = {kb.capabilities[p.capability].name.en for p in tool.provides}
    page.goto(adopted_site_url + "profiler/#frequent-retraining+batch-serving")
    page.wait_for_selector(TOOLS_LINE)
    lines = tools_lines(page)
    assert provided & set(lines), "the plan should hold a capability the adopted tool provides"
    for name, line in lines.items():
        if name in provided:
            assert line.inner_text() == f"Tools: adopted: {tool.name.en}", name
            href = line.get_by_role("link", name=tool.name.en).get_attribute("href")
            assert href == f"{adopted_site_url}tools/{ADOPTED}/"
        else:
            assert line.inner_text() == "Tools: none adopted yet (see the options)", name
    assert [url for url in page.requested_urls if not url.startswith(adopted_site_url)] == []
