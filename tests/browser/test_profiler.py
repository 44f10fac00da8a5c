"""The use-case profiler in a real browser: tick, read the plan, share it, export it, by mouse and keyboard."""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, Route, expect

from macros.kb.load import build_knowledge_base
from macros.kb.model import KnowledgeBase, declared_order
from macros.site.plan import TOOLS_SHOWN
from macros.site.render import load_strings
from tests import sourcefacts as source
from tests.browser.conftest import DESKTOP, recording_page, serve
from tests.conftest import DATA_DIR
from tests.contributions import rename
from tests.datafixture import set_ring
from tests.hostile import EVIL_HOST
from tests.sitebuild import build_site
from tests.sourcefacts import current

PLAN_NAMES = ".kb-profiler__needed > li > .kb-profiler__item-head > a"


@dataclass(frozen=True)
class Example:
    """The source's combined example as the data holds it today: what to tick and what the plan must be."""

    ids: list[str]  # its two characteristics, frequent retraining and batch serving
    names: list[str]
    plan: set[str]  # every capability the two call for, in the data


@pytest.fixture(scope="module")
def example(kb: KnowledgeBase) -> Example:
    ids = [current(kb.characteristics, c) for c in source.COMBINED_EXAMPLE_CHARACTERISTICS]
    plan = set(reasons_of(kb, ids))
    assert {kb.capabilities[current(kb.capabilities, c)].name.en for c in source.COMBINED_EXAMPLE_CAPABILITIES} <= plan
    return Example(ids, [kb.characteristics[c].name.en for c in ids], plan)


def tools_text(kb: KnowledgeBase, capability_id: str, limit: int | None = None) -> str:
    """A capability's tools line as the plan says it: the adopted tools, else those on trial, else none."""
    ring, tools = kb.tools_to_use(capability_id)
    label = {"adopt": "adopted", "trial": "none adopted yet; on trial"}.get(ring or "", "none adopted yet")
    names = [t.name.en for t in tools]
    if not names:
        return label + (" (see the options)" if limit else "")
    more = f" (Showing {limit} of {len(names)}.)" if limit and len(names) > limit else ""
    return f"{label}: {', '.join(names[:limit])}{more}"


@pytest.fixture(scope="module")
def clipboard_tab(browser, site_url: str) -> Iterator[Page]:
    """A tab the module's profiler tests share, with clipboard access granted as a reader's click would."""
    context = browser.new_context(viewport=DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    yield recording_page(context)
    context.close()


def open_profiler(page: Page, site_url: str) -> Page:
    page.goto(site_url + "profiler/")
    page.wait_for_selector("[data-kb-profiler][data-ready]", state="attached")
    return page


@pytest.fixture
def profiler(clipboard_tab, site_url: str) -> Page:
    """The profiler page, loaded afresh (from a blank page: a new document) in the shared tab."""
    clipboard_tab.goto("about:blank")
    clipboard_tab.requested_urls = []
    return open_profiler(clipboard_tab, site_url)


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


def test_the_combined_example_yields_exactly_its_capabilities(profiler, kb: KnowledgeBase, example: Example) -> None:
    tick(profiler, example.names)
    plan = plan_of(profiler)
    assert sorted(plan) == sorted(example.plan)
    # Called for by both characteristics first.
    both = {name for name, whys in reasons_of(kb, example.ids).items() if len(whys) == 2}
    assert set(plan[: len(both)]) == both
    assert profiler.url.endswith("/profiler/#" + "+".join(example.ids))
    assert (
        profiler.get_by_role("status").first.inner_text()
        == f"{len(plan)} of {len(kb.capabilities)} capabilities called for."
    )


def test_each_capability_shows_every_reason_and_links_to_its_page(
    profiler, kb: KnowledgeBase, example: Example
) -> None:
    tick(profiler, example.names)
    for name, whys in reasons_of(kb, example.ids).items():
        item = profiler.locator(".kb-profiler__needed > li").filter(
            has=profiler.get_by_role("link", name=name, exact=True)
        )
        text = item.inner_text()
        assert all(why in text for why in whys), name
    capability = kb.capabilities[current(kb.capabilities, source.COMBINED_EXAMPLE_CAPABILITIES[0])]
    profiler.get_by_role("link", name=capability.name.en, exact=True).click()
    assert profiler.url.endswith(f"/capabilities/{capability.id}/")


def test_capabilities_not_called_for_are_listed_apart_and_collapsed(
    profiler, kb: KnowledgeBase, example: Example
) -> None:
    tick(profiler, example.names)
    others = profiler.locator(".kb-profiler__others")
    assert others.get_attribute("open") is None
    assert others.locator("summary").inner_text() == f"Not called for ({len(kb.capabilities) - len(example.plan)})"
    names = others.locator("li > a").all_text_contents()
    assert set(names) == {c.name.en for c in kb.capabilities.values()} - example.plan


def test_case_studies_like_yours_share_the_most_characteristics(profiler, kb: KnowledgeBase, example: Example) -> None:
    tick(profiler, example.names)
    cases = profiler.locator(".kb-profiler__cases > li > a").all_inner_texts()
    # Each case study that shares a ticked characteristic: most shared first, then the fewest others.
    rank = {
        c.title.en: (-len(set(c.characteristics) & set(example.ids)), len(set(c.characteristics) - set(example.ids)))
        for c in kb.case_studies.values()
        if set(c.characteristics) & set(example.ids)
    }
    assert sorted(cases) == sorted(rank)
    assert [rank[title] for title in cases] == sorted(rank.values())


def test_the_address_restores_the_same_plan_in_a_new_page(profiler, browser, example: Example) -> None:
    tick(profiler, example.names)
    plan = plan_of(profiler)
    profiler.get_by_role("button", name="Copy link").click()
    link = read_clipboard(profiler)
    assert link == profiler.url
    other = browser.new_context().new_page()
    try:
        other.goto(link)
        other.wait_for_selector(PLAN_NAMES)
        assert plan_of(other) == plan
        assert [other.get_by_label(n, exact=True).is_checked() for n in example.names] == [True, True]
    finally:
        other.context.close()


def test_unticking_updates_the_plan_and_the_address(profiler, kb: KnowledgeBase, example: Example) -> None:
    tick(profiler, example.names)
    profiler.get_by_label(example.names[0], exact=True).uncheck()
    assert sorted(plan_of(profiler)) == sorted(reasons_of(kb, example.ids[1:]))
    assert profiler.url.endswith(f"/profiler/#{example.ids[1]}")
    profiler.get_by_role("button", name="Clear all").click()
    assert plan_of(profiler) == []
    assert profiler.url.endswith("/profiler/")


def test_an_unknown_id_in_the_address_is_named_and_left_out(tab, site_url: str, example: Example) -> None:
    tab.goto(site_url + f"profiler/#{example.ids[1]}+no-such-thing")
    tab.wait_for_selector(PLAN_NAMES)
    assert "no-such-thing" in tab.locator(".kb-profiler__notice").inner_text()
    assert tab.get_by_label(example.names[1], exact=True).is_checked()
    assert tab.url.endswith(f"/profiler/#{example.ids[1]}")


def test_markdown_export_lists_each_capability_with_its_reasons(profiler, kb: KnowledgeBase, example: Example) -> None:
    tick(profiler, example.names)
    profiler.get_by_role("button", name="Copy as Markdown checklist").click()
    # The clipboard write is asynchronous: wait for the notice rather than read it at once.
    expect(profiler.locator(".kb-profiler__notice")).to_have_text("Markdown checklist copied.")
    markdown = unescape_markdown(read_clipboard(profiler))
    items = re.findall(r"^- \[ \] \[(.+?)\]\((http[^)]+)\)", markdown, flags=re.MULTILINE)
    assert sorted(name for name, _ in items) == sorted(example.plan)
    assert all(url.startswith(profiler.url.split("profiler/")[0]) for _, url in items)
    for whys in reasons_of(kb, example.ids).values():
        assert all(why in markdown for why in whys)
    assert profiler.url in markdown


def test_csv_export_has_one_row_per_capability_with_its_reasons(profiler, kb: KnowledgeBase, example: Example) -> None:
    tick(profiler, example.names)
    with profiler.expect_download() as download:
        profiler.get_by_role("button", name="Download CSV").click()
    assert download.value.suggested_filename == "mlops-capability-plan.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"), newline="")))
    assert sorted(row["capability"] for row in rows) == sorted(example.plan)
    ids = {cap.name.en: cap.id for cap in kb.capabilities.values()}
    for row in rows:
        whys = reasons_of(kb, example.ids)[row["capability"]]
        assert int(row["called_for_by"]) == len(whys)
        assert all(why in row["reasons"] for why in whys)
        assert row["tools"] == tools_text(kb, ids[row["capability"]])


def tab_to(page, matches: str, limit: int = 80) -> None:
    """Press Tab until the focused element satisfies the JavaScript predicate `matches(el)`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(({matches}))(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {matches}")


def test_keyboard_only_ticks_and_exports(profiler, example: Example) -> None:
    for char_id in example.ids:
        profiler.evaluate("document.activeElement && document.activeElement.blur()")
        tab_to(profiler, f"el => el.type === 'checkbox' && el.value === '{char_id}'")
        profiler.keyboard.press("Space")
    assert sorted(plan_of(profiler)) == sorted(example.plan)
    tab_to(profiler, "el => el.dataset.action === 'copy-markdown'")
    profiler.keyboard.press("Enter")
    assert f"- [ ] [{sorted(example.plan)[0]}]" in read_clipboard(profiler)
    tab_to(profiler, "el => el.dataset.action === 'download-csv'")
    with profiler.expect_download() as download:
        profiler.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".csv")


def test_changes_are_announced_in_a_live_region(profiler, kb: KnowledgeBase, example: Example) -> None:
    status = profiler.locator(".kb-profiler__status")
    assert status.get_attribute("role") == "status"
    assert status.inner_text() == "No characteristic ticked; the plan is empty."
    tick(profiler, example.names[1:])
    called_for = len(kb.characteristics[example.ids[1]].recommendations)
    assert status.inner_text() == f"{called_for} of {len(kb.capabilities)} capabilities called for."


def test_open_in_profiler_from_a_case_study(tab, site_url: str, kb: KnowledgeBase, example: Example) -> None:
    case = next(iter(kb.case_studies))
    tab.goto(site_url + f"case-studies/{case}/")
    tab.get_by_role("link", name="Open in the profiler").click()
    tab.wait_for_selector(PLAN_NAMES)
    assert sorted(plan_of(tab)) == sorted(reasons_of(kb, list(kb.case_studies[case].characteristics)))


def test_printing_shows_only_the_plan(page, site_url: str, example: Example) -> None:
    profiler = open_profiler(page, site_url)  # a tab of its own: print media would outlive the test
    tick(profiler, example.names)
    profiler.emulate_media(media="print")
    for hidden in [
        ".md-header",
        ".kb-profiler__form",
        ".kb-profiler__actions",
        ".kb-profiler__others",
        ".md-content__inner > p",
    ]:
        assert not profiler.locator(hidden).first.is_visible(), hidden
    assert profiler.locator(".kb-profiler__needed").is_visible()
    assert profiler.url in profiler.locator(".kb-profiler__print-link").inner_text()


def test_the_profiler_makes_no_request_outside_the_site(profiler, site_url: str, example: Example) -> None:
    tick(profiler, example.names)
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
        assert not page.locator(".kb-profiler__choices").is_visible(), "boxes that do nothing"
        note.get_by_role("link", name="Open the matrix").click()
        assert page.url.endswith("/matrix/")
    finally:
        context.close()


def held_data(page) -> list[Route]:
    """Hold back the profiler's api/v1/ requests; the held routes, to continue them later."""
    held: list[Route] = []
    page.route("**/api/v1/**", lambda route: held.append(route))
    return held


def test_the_page_is_whole_before_its_data_arrives(page, site_url: str, kb: KnowledgeBase) -> None:
    # Nothing moves when the data comes: the boxes and the empty plan are in the page itself.
    held = held_data(page)
    page.goto(site_url + "profiler/")
    assert not page.locator(".kb-profiler-fallback").is_visible()
    names = [c.name.en for c in sorted(kb.characteristics.values(), key=declared_order)]
    assert page.locator(".kb-profiler__choices label").all_inner_texts() == names
    before = page.locator(".kb-profiler").inner_text()
    assert "No characteristic ticked; the plan is empty." in before
    assert held, "the data is fetched"
    for route in held:
        route.continue_()
    page.wait_for_selector("[data-kb-profiler][data-ready]", state="attached")
    assert page.locator(".kb-profiler").inner_text() == before


def test_boxes_ticked_before_the_data_arrives_count(page, site_url: str, kb: KnowledgeBase, example: Example) -> None:
    held = held_data(page)
    page.goto(site_url + "profiler/")
    tick(page, example.names)
    for route in held:
        route.continue_()
    page.wait_for_selector(PLAN_NAMES)
    assert sorted(plan_of(page)) == sorted(example.plan)
    assert page.url.endswith("/profiler/#" + "+".join(example.ids))


def test_when_the_data_cannot_be_loaded_the_note_takes_the_place_of_the_boxes(page, site_url: str) -> None:
    page.route("**/api/v1/tools.json", lambda route: route.fulfill(status=503, body="down"))
    page.goto(site_url + "profiler/")
    note = page.locator(".kb-profiler-fallback")
    expect(note).to_contain_text("could not be loaded (tools.json: 503")
    assert not page.locator(".kb-profiler").is_visible()


def test_when_copying_is_refused_the_text_is_shown_selected(page, site_url: str, example: Example) -> None:
    # A browser that refuses clipboard access (a policy, an insecure origin): the reader copies by hand.
    page.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new Error('denied'))")
    page.goto(site_url + f"profiler/#{example.ids[1]}")
    page.wait_for_selector(PLAN_NAMES)
    page.get_by_role("button", name="Copy as Markdown checklist").click()
    box = page.get_by_role("textbox", name="Text to copy")
    assert box.is_visible() and box.evaluate("el => el === document.activeElement")
    assert box.evaluate("el => el.value.slice(el.selectionStart, el.selectionEnd)").startswith(
        "# MLOps capability plan"
    )
    expect(page.locator(".kb-profiler__notice")).to_contain_text("Ctrl+C")


# The tools line of each capability in the plan: what to use, as the case-study checklists say it.
TOOLS_LINE = ".kb-profiler__needed > li > .kb-profiler__tools"


def tools_lines(page: Page) -> dict[str, Locator]:
    """Capability name -> its tools line in the plan."""
    items = page.locator(".kb-profiler__needed > li")
    return {
        items.nth(i).locator(".kb-profiler__item-head > a").inner_text(): items.nth(i).locator(".kb-profiler__tools")
        for i in range(items.count())
    }


def test_each_capability_of_the_plan_says_which_tools_to_use(
    profiler, kb: KnowledgeBase, site_url: str, example: Example
) -> None:
    # A capability with a tool adopted or on trial names it; the others are counted once, above the
    # plan, as the case-study checklists do (not a "none adopted yet" line under each).
    tick(profiler, example.names)
    lines = tools_lines(profiler)
    assert sorted(lines) == sorted(example.plan)
    ids = {cap.name.en: cap.id for cap in kb.capabilities.values()}
    undecided = [name for name in lines if kb.tools_to_use(ids[name])[0] is None]
    for name, line in lines.items():
        if name in undecided:
            assert line.count() == 0, name
        else:
            assert line.inner_text() == "Tools: " + tools_text(kb, ids[name], limit=TOOLS_SHOWN), name
    note = profiler.locator(".kb-profiler__undecided")
    if undecided:
        ui = load_strings("en")
        # "All" reads as all: every capability of the plan undecided is said so, not counted.
        line = (
            ui["checklist_tools_not_rated_all"]
            if len(undecided) == len(lines)
            else ui["checklist_tools_not_rated"].format(count=len(undecided))
        )
        assert note.inner_text() == f"{line} {ui['checklist_see_options']}."
        assert note.get_by_role("link").get_attribute("href") == f"{site_url}tools/"
    else:
        assert note.is_hidden()
    profiler.get_by_role("button", name="Copy as Markdown checklist").click()
    expect(profiler.locator(".kb-profiler__notice")).to_have_text("Markdown checklist copied.")
    markdown = unescape_markdown(read_clipboard(profiler))
    assert all(f"    - Tools: {tools_text(kb, ids[name])}\n" in markdown for name in example.plan)


def test_the_landscape_has_a_section_for_each_capability(site_dir: Path, kb: KnowledgeBase) -> None:
    html = (site_dir / "tools/index.html").read_text(encoding="utf-8")
    assert all(f'id="{cap_id}"' in html for cap_id in kb.capabilities)


@pytest.fixture(scope="module")
def adopted(
    tmp_path_factory: pytest.TempPathFactory, kb: KnowledgeBase, example: Example
) -> Iterator[tuple[str, KnowledgeBase, str, str]]:
    """The site built from a copy of the data in which one more tool is in ring adopt and the combined
    example's first characteristic is renamed: (its address, its data, that tool's id, the renamed one's new id)."""
    tmp = tmp_path_factory.mktemp("adopted")
    data = tmp / "data"
    shutil.copytree(DATA_DIR, data)
    plan_ids = {cap.id for cap in kb.capabilities.values() if cap.name.en in example.plan}
    tool = next(
        t for t in kb.tools.values() if t.ring.status != "adopt" and {p.capability for p in t.provides} & plan_ids
    )
    path = data / "tools" / f"{tool.id}.yml"
    set_ring(path, "adopt")
    renamed = rename(data, "characteristics", example.ids[0])
    result = build_site(tmp / "site", data_dir=data)
    assert result.returncode == 0, result.stderr
    changed = build_knowledge_base(data).knowledge_base
    assert changed is not None and changed.tools[tool.id].ring.status == "adopt"
    server, url = serve(tmp / "site")
    yield url, changed, tool.id, renamed
    server.shutdown()


def test_an_address_with_a_former_id_keeps_that_characteristic_ticked(tab, adopted, example: Example) -> None:
    url, kb, _, renamed = adopted
    tab.goto(url + "profiler/#" + "+".join(example.ids))  # saved before the rename
    tab.wait_for_selector(PLAN_NAMES)
    assert [
        tab.get_by_label(kb.characteristics[c].name.en, exact=True).is_checked() for c in [renamed, example.ids[1]]
    ] == [True, True]
    assert tab.url.endswith("/profiler/#" + "+".join([renamed, example.ids[1]]))
    assert tab.locator(".kb-profiler__notice").inner_text() == ""
    assert sorted(plan_of(tab)) == sorted(reasons_of(kb, [renamed, example.ids[1]]))


def test_an_adopted_tool_is_named_for_the_capabilities_it_provides(tab, adopted, example: Example) -> None:
    adopted_site_url, kb, tool_id, _ = adopted
    tool = kb.tools[tool_id]
    provided = {kb.capabilities[p.capability].name.en for p in tool.provides}
    ids = {cap.name.en: cap.id for cap in kb.capabilities.values()}
    tab.goto(adopted_site_url + "profiler/#" + "+".join(example.ids))
    tab.wait_for_selector(TOOLS_LINE)
    lines = tools_lines(tab)
    assert provided & set(lines), "the plan should hold a capability the adopted tool provides"
    for name, line in lines.items():
        if not line.count():
            assert kb.tools_to_use(ids[name])[0] is None, name
            continue
        assert line.inner_text() == "Tools: " + tools_text(kb, ids[name], limit=TOOLS_SHOWN), name
        if name in provided:
            href = line.get_by_role("link", name=tool.name.en).get_attribute("href")
            assert href == f"{adopted_site_url}tools/{tool_id}/"
    assert [url for url in tab.requested_urls if not url.startswith(adopted_site_url)] == []


def test_a_shared_link_passes_on_nothing_but_the_plan(page, site_url: str, kb: KnowledgeBase, example: Example) -> None:
    # Finding 4: "Copy as Markdown" embedded the address's query unescaped: a link such as this one
    # put a live image and link into the pasted checklist.
    import markdown as python_markdown  # type: ignore[import-untyped]

    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    query = f"?x=)![pwn](https://{EVIL_HOST}/p.png)[click](javascript:alert(1))"
    page.goto(site_url + "profiler/" + query + "#" + "+".join(example.ids))
    page.wait_for_selector(PLAN_NAMES)
    page.get_by_role("button", name="Copy as Markdown checklist").click()
    expect(page.locator(".kb-profiler__notice")).to_have_text("Markdown checklist copied.")
    html = python_markdown.markdown(read_clipboard(page))
    assert "<img" not in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(href.startswith(site_url) for href in hrefs), hrefs
    page.get_by_role("button", name="Copy link").click()
    assert read_clipboard(page) == site_url + "profiler/#" + "+".join(example.ids)


def test_an_address_is_read_up_to_as_many_ids_as_there_are_characteristics(
    page, site_url: str, kb: KnowledgeBase, example: Example
) -> None:
    # Finding 4: a hash of 30,000 ids froze the page for seconds (each id compared with every other).
    padding = [f"x{i}" for i in range(30_000)]
    page.goto(site_url + "profiler/#" + "+".join([example.ids[0], *padding, example.ids[1]]))
    page.wait_for_selector(PLAN_NAMES)
    assert page.get_by_label(example.names[0], exact=True).is_checked()
    assert not page.get_by_label(example.names[1], exact=True).is_checked()  # past the cap: not read
    named = page.locator(".kb-profiler__notice").inner_text()
    assert f"x{len(kb.characteristics) - 2}" in named and f"x{len(kb.characteristics) - 1}" not in named
