"""The adoption radar as readers see it, at desktop and phone width, in both editions and palettes.

Built from a temporary repository whose history rates, moves and removes tools (tests/ring_repo.py),
and from the real data, where the platform team has rated nothing yet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from macros.kb.load import build_knowledge_base
from macros.kb.model import RATED_RINGS, KnowledgeBase
from macros.site.radar import OTHER_STAGE, build_kb_radar
from macros.site.render import load_strings
from tests.browser.conftest import serve
from tests.contributions import UNRATED_AND_RENAMED, write_unrated_and_renamed
from tests.datafixture import set_field
from tests.ring_repo import FULLER_RADAR, RingRepo, build_ring_repo
from tests.sitebuild import SharedBuilds, build_editions

WIDTHS = [1280, 390]
EDITIONS = ["", "ja/"]


@pytest.fixture(scope="module")
def rated(tmp_path_factory: pytest.TempPathFactory, kb: KnowledgeBase) -> Iterator[tuple[str, RingRepo]]:
    """Both editions built from a history in which tools of every kind have rings; (base URL, repository).

    The adopted tool is also deprecated (in the working tree), as a team may still use one its makers retired.
    """
    tmp = tmp_path_factory.mktemp("radar")
    repo = build_ring_repo(tmp / "repo", kb, more=FULLER_RADAR)
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
        entries = page.locator(".kb-radar-legend li").evaluate_all(
            "items => items.map(li => ({id: li.id, number: li.querySelector('.kb-radar-legend__blip').textContent.trim(),"
            " back: li.querySelector('.kb-radar-legend__blip').getAttribute('href'),"
            " href: li.querySelector('.kb-radar-legend__tool').getAttribute('href'),"
            " name: li.querySelector('.kb-radar-legend__tool').textContent,"
            " size: parseFloat(getComputedStyle(li.querySelector('.kb-radar-legend__tool')).fontSize),"
            " right: li.getBoundingClientRect().right}))"
        )
        blips = page.locator(".kb-radar__blip").evaluate_all(
            "links => links.map(a => ({id: a.id, href: a.getAttribute('href'), label: a.getAttribute('aria-label')}))"
        )
        assert blips and len(blips) == len(entries)
        by_id = {e["id"]: e for e in entries}
        for blip in blips:
            # Linked both ways: the dot leads to its entry, the entry's number back to the dot.
            entry = by_id[blip["href"].removeprefix("#")]
            assert entry["back"] == f"#{blip['id']}" and entry["name"] in blip["label"]
            assert blip["label"].startswith(f"{entry['number']}. ")
            # Readable on a phone: the list's names are at least 12 px and inside the screen.
            assert entry["size"] >= 12 and entry["right"] <= width, entry
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        entry = page.locator(".kb-radar-legend li").first
        entry.locator(".kb-radar-legend__tool").click()
        page.wait_for_url(f"{url}{edition}tools/{entries[0]['href']}**")
    finally:
        context.close()


# The radar's lists as shown: each stage's section, each ring's group in it with its edge's colour,
# each entry's tool link; every visible text with its size and box; every visible in-page link's target.
_PHONE_VIEW = """() => {
    const layout = document.querySelector('.kb-radar-layout');
    const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
    const sections = [...layout.querySelectorAll('.kb-radar-quadrant')].filter(shown).map(section => ({
        id: section.getAttribute('aria-labelledby'),
        title: section.querySelector('.kb-radar-quadrant__title').textContent,
        groups: [...section.querySelectorAll('ol')].filter(shown).map(ol => ({
            ring: [...ol.classList].find(c => c.startsWith('kb-radar-legend__group--')).split('--')[1],
            badge: shown(ol.previousElementSibling) ? ol.previousElementSibling.textContent : null,
            edge: getComputedStyle(ol).borderLeftColor, edgeWidth: parseFloat(getComputedStyle(ol).borderLeftWidth),
            tools: [...ol.children].map(li => { const a = li.querySelector('.kb-radar-legend__tool');
                return shown(a) ? a.getAttribute('href').split('/').filter(Boolean).pop() : null; })}))}));
    const texts = [...layout.querySelectorAll('*')].filter(e => shown(e)
            && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
        .map(e => { const r = e.getBoundingClientRect();
            return {text: e.textContent.trim().slice(0, 30), px: parseFloat(getComputedStyle(e).fontSize), left: r.left, right: r.right}; });
    const dead = [...layout.querySelectorAll('a[href^="#"]')].filter(shown)
        .filter(a => { const target = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
                       return !target || !shown(target); }).map(a => a.getAttribute('href'));
    return {chart: shown(layout.querySelector('.kb-radar__chart')), sections, texts, dead,
            background: getComputedStyle(document.body).backgroundColor};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("edition", EDITIONS)
def test_on_a_phone_the_radar_is_a_list_by_stage_and_ring_in_the_rings_colours(
    browser, rated, kb: KnowledgeBase, edition: str, scheme: str
) -> None:
    url, repo = rated
    lang = "ja" if edition else "en"
    ui = load_strings(lang)
    context, page = _open(browser, f"{url}{edition}tools/", 390, scheme)
    try:
        view = page.evaluate(_PHONE_VIEW)
        assert not view["chart"] or all(s["px"] >= 11 for s in _visible_text_sizes(page))
        # The tools the copy of the data rates, by stage (in the lifecycle's order) and ring (adopt to hold).
        rated_kb = build_knowledge_base(repo.data).knowledge_base
        assert rated_kb is not None
        radar = build_kb_radar(rated_kb)
        expected: list[dict[str, Any]] = [
            {
                "id": f"kb-radar-{sector.stage}",
                "title": ui["radar_stage_other"]
                if sector.stage == OTHER_STAGE
                else rated_kb.tags[sector.stage].name[lang],
                "groups": [
                    {"ring": ring, "badge": ui[f"ring_{ring}"], "tools": [b.tool.id for b in blips]}
                    for ring in RATED_RINGS
                    if (blips := [b for b in radar.in_sector(sector.stage) if b.tool.ring.status == ring])
                ],
            }
            for sector in radar.sectors
            if radar.in_sector(sector.stage)
        ]
        assert {g["ring"] for s in expected for g in s["groups"]} == set(RATED_RINGS), (
            "the copy of the data rates a tool in every ring"
        )
        assert [
            {
                "id": s["id"],
                "title": s["title"],
                "groups": [{k: g[k] for k in ("ring", "badge", "tools")} for g in s["groups"]],
            }
            for s in view["sections"]
        ] == expected
        # Each ring's group edged in its own colour, at 3:1 against the page, no two rings alike.
        background = _luminance(_rgb(view["background"]))
        edges = {g["ring"]: g["edge"] for s in view["sections"] for g in s["groups"]}
        assert len(set(edges.values())) == len(RATED_RINGS), edges
        assert all(g["edgeWidth"] >= 2 for s in view["sections"] for g in s["groups"])
        assert {r: e for r, e in edges.items() if _contrast(_luminance(_rgb(e)), background) < 3} == {}
        # Legible and whole: no text under 11 px, none past the screen; no link to what is not shown.
        assert [t for t in view["texts"] if t["px"] < 11 or t["left"] < 0 or t["right"] > 390] == []
        assert view["dead"] == []
        assert page.locator(".kb-radar-narrow").inner_text() == ui["radar_narrow"]
    finally:
        context.close()


def _rgb(css: str) -> tuple[float, float, float]:
    r, g, b = (float(v) for v in re.findall(r"[\d.]+", css)[:3])
    return r, g, b


def _visible_text_sizes(page) -> list[dict]:
    """Every text the radar's chart shows, with the size it is drawn at on the screen (px)."""
    return page.evaluate("""() => [...document.querySelectorAll('.kb-radar__chart text')]
        .filter(t => t.getClientRects().length && getComputedStyle(t).display !== 'none'
                     && t.closest('.kb-radar').getBoundingClientRect().width > 0)
        .map(t => { const svg = t.ownerSVGElement;
                    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                    return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale}; })""")


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_text_on_the_radar_is_under_11_px(browser, rated, edition: str, width: int) -> None:
    url, _ = rated
    context, page = _open(browser, f"{url}{edition}tools/", width)
    try:
        sizes = _visible_text_sizes(page)
        assert [s for s in sizes if s["px"] < 11] == []
        if not sizes:
            # Where the chart cannot be legible, its lists stand alone, and a line says so.
            assert page.locator(".kb-radar-narrow").is_visible()
            assert page.locator(".kb-radar-legend li").first.is_visible()
        if width >= 1280:
            assert sizes, "the chart is shown on a wide screen"
    finally:
        context.close()


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_label_on_the_radar_collides_with_another_or_with_a_dot(browser, rated, edition: str) -> None:
    url, _ = rated
    context, page = _open(browser, f"{url}{edition}tools/", 1280)
    try:
        collisions = page.evaluate("""() => {
            const box = node => { const r = node.getBoundingClientRect(); return {l: r.left, r: r.right, t: r.top, b: r.bottom}; };
            const meets = (a, b) => a.l < b.r - 0.5 && b.l < a.r - 0.5 && a.t < b.b - 0.5 && b.t < a.b - 0.5;
            const labels = [...document.querySelectorAll('.kb-radar__sector, .kb-radar__band')]
                .map(node => ({name: node.textContent, box: box(node)}));
            const blips = [...document.querySelectorAll('.kb-radar__blip')].map(a => ({
                name: a.getAttribute('aria-label'), dot: box(a.querySelector('circle')),
                number: a.querySelector('text') ? box(a.querySelector('text')) : null}));
            const found = [];
            labels.forEach((x, i) => labels.slice(i + 1).forEach(y => { if (meets(x.box, y.box)) found.push([x.name, y.name]); }));
            blips.forEach(b => labels.forEach(l => { if (meets(b.dot, l.box)) found.push([b.name, l.name]); }));
            blips.forEach((b, i) => blips.slice(i + 1).forEach(c => {
                if (meets(b.dot, c.dot) && Math.hypot((b.dot.l + b.dot.r - c.dot.l - c.dot.r) / 2, (b.dot.t + b.dot.b - c.dot.t - c.dot.b) / 2) < (b.dot.r - b.dot.l)) found.push([b.name, c.name]);
            }));
            // A number stays inside its own dot.
            blips.forEach(b => { if (b.number && (b.number.l < b.dot.l - 1 || b.number.r > b.dot.r + 1)) found.push([b.name, 'its number']); });
            // And the names stay inside the chart.
            const chart = box(document.querySelector('.kb-radar__chart'));
            labels.forEach(l => { if (l.box.l < chart.l || l.box.r > chart.r) found.push([l.name, 'the edge']); });
            return found;
        }""")
        assert collisions == []
    finally:
        context.close()


def test_a_dots_number_carries_no_line(browser, rated) -> None:
    """Seen in `make screenshots`: the underline of links in text (kb.css) reached the dots, and under a
    number centred on its dot Chromium drew it above the number, a bar on every dot."""
    url, _ = rated
    context, page = _open(browser, f"{url}tools/", 1280)
    try:
        lines = page.locator(".kb-radar__blip").evaluate_all(
            "links => links.map(a => getComputedStyle(a).textDecorationLine)"
        )
        assert lines and set(lines) == {"none"}
    finally:
        context.close()


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_blip_is_named_on_hover_and_focus_and_lights_up_its_entry(browser, rated, edition: str) -> None:
    url, _ = rated
    context, page = _open(browser, f"{url}{edition}tools/", 1280)
    try:
        blip = page.locator(".kb-radar__blip").nth(1)
        label = blip.get_attribute("aria-label")
        entry = page.locator(blip.get_attribute("href"))
        blip.hover()
        tip = page.locator(".kb-radar__tip")
        assert tip.is_visible() and tip.inner_text() == label
        assert entry.get_attribute("data-active") is not None
        # The name sits beside the dot, never on it.
        dot, name = blip.locator("circle").bounding_box(), tip.bounding_box()
        assert dot["x"] + dot["width"] <= name["x"] or name["x"] + name["width"] <= dot["x"]
        page.mouse.move(0, 0)
        assert tip.is_hidden()
        blip.focus()
        assert tip.is_visible() and tip.inner_text() == label
        # And the other way: the entry under the pointer lights up its dot.
        page.evaluate("document.activeElement.blur()")
        page.locator(".kb-radar-legend li").nth(2).hover()
        assert page.locator(".kb-radar__blip[data-active]").count() == 1
        assert page.locator(".kb-radar__blip[data-active]").get_attribute("href") == "#" + page.locator(
            ".kb-radar-legend li"
        ).nth(2).get_attribute("id")
    finally:
        context.close()


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = map(channel, rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: float, b: float) -> float:
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


# Each mark's colour as drawn on the page, its alpha blended over the page's background.
_COLOURS = r"""selectors => {
    const parse = text => { const [r, g, b, a = 1] = text.match(/[\d.]+/g).map(Number); return [r, g, b, a]; };
    const bg = parse(getComputedStyle(document.body).backgroundColor);
    const flat = ([r, g, b, a]) => [r * a + bg[0] * (1 - a), g * a + bg[1] * (1 - a), b * a + bg[2] * (1 - a)];
    const found = {};
    for (const [name, [selector, property]] of Object.entries(selectors)) {
        const node = document.querySelector(selector);
        if (node) found[name] = flat(parse(getComputedStyle(node)[property]));
    }
    return {background: bg.slice(0, 3), colours: found};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_mark_and_ring_colour_is_3_to_1_against_the_page_and_apart_in_greyscale(
    browser, rated, scheme: str
) -> None:
    url, _ = rated
    rings = {
        f"{part} {ring}": (f".kb-radar__{part}--{ring}{' circle' if part == 'blip' else ''}", prop)
        for ring in ("adopt", "trial", "assess", "hold")
        for part, prop in (("blip", "fill"), ("ring", "stroke"))
    }
    marks = {
        "core mark": (".kb-cell--core .kb-mark__shape", "color"),
        "situational mark": (".kb-cell--situational .kb-mark__shape", "color"),
    }
    for path, selectors in (("tools/", rings), ("matrix/", marks)):
        context, page = _open(browser, f"{url}{path}", 1280, scheme)
        try:
            found = page.evaluate(_COLOURS, selectors)
            assert set(found["colours"]) == set(selectors), path
            background = _luminance(tuple(found["background"]))
            low = {
                name: round(_contrast(_luminance(tuple(rgb)), background), 2)
                for name, rgb in found["colours"].items()
                if _contrast(_luminance(tuple(rgb)), background) < 3
            }
            assert low == {}, (scheme, path)
            if path == "tools/":
                # Four rings, four lightnesses: told apart in greyscale too (1.3:1 or more between any two).
                dots = [
                    _luminance(tuple(found["colours"][f"blip {ring}"])) for ring in ("adopt", "trial", "assess", "hold")
                ]
                close = [(a, b) for i, a in enumerate(dots) for b in dots[i + 1 :] if _contrast(a, b) < 1.3]
                assert close == [], scheme
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

        # Which way it moved, and from where (its history: hold, then trial).
        assert marker(repo.moved) == [ui["radar_moved-in_from"].format(ring=ui["ring_hold"])]
        assert marker(repo.new) == [ui["radar_new"]]
        assert marker(repo.adopted) == []
        assert (
            page.locator(".kb-radar-legend .kb-radar-legend__reason").count() == page.locator(".kb-radar__blip").count()
        )
    finally:
        context.close()


@pytest.fixture(scope="module")
def none_rated(shared_builds: SharedBuilds) -> Iterator[str]:
    """Both editions built from a copy of the data in which no tool is rated; their base URL. The contribution
    drill's shared build (its capabilities renamed too, which the radar and the checklists do not show)."""
    built = shared_builds.site(UNRATED_AND_RENAMED, write_unrated_and_renamed, editions=True)
    server, url = serve(built.site)
    yield url
    server.shutdown()


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("width", WIDTHS)
def test_with_nothing_rated_the_radar_shows_its_empty_rings_and_one_line(
    browser, none_rated: str, kb: KnowledgeBase, edition: str, width: int
) -> None:
    ui = load_strings("ja" if edition else "en")
    context, page = _open(browser, f"{none_rated}{edition}tools/", width)
    try:
        # The empty rings where the chart is legible; the one line everywhere, with the way to rate a tool.
        if width >= 1280:
            assert page.locator(".kb-radar__ring").count() == 4 and page.locator(".kb-radar__ring").first.is_visible()
        assert page.locator(".kb-radar__blip").count() == 0
        line = page.locator(".kb-radar-empty")
        assert line.count() == 1
        assert line.inner_text().startswith(ui["radar_not_rated"].format(count=len(kb.tools)))
        # The count is a sentence of its own, the link another (not "… the platform team how to rate one").
        before_link = line.inner_text().partition(line.locator("a").inner_text())[0]
        assert before_link.rstrip().endswith((".", "。")), before_link
        target = line.locator("a").get_attribute("href")
        assert page.locator(target).is_visible()
        assert page.locator(".kb-radar-legend").count() == 0
        # The caption speaks of no dot or number: there is none.
        if width >= 1280:
            caption = page.locator(".kb-radar figcaption").inner_text()
            assert ui["radar_links"] not in caption and ui["radar_caption"] in caption
        # No ring filter that could only empty the page.
        assert page.locator("input[name=ring]").count() == 0
        assert page.locator("li.kb-card:visible").count() > 0
    finally:
        context.close()


@pytest.mark.parametrize("edition", EDITIONS)
def test_with_nothing_rated_all_reads_as_all(browser, none_rated: str, kb: KnowledgeBase, edition: str) -> None:
    ui = load_strings("ja" if edition else "en")
    case = next(iter(sorted(kb.case_studies)))
    context, page = _open(browser, f"{none_rated}{edition}case-studies/{case}/", 1280)
    try:
        assert page.get_by_text(ui["checklist_tools_not_rated_all"]).count() == 1
        counted = re.compile(re.escape(ui["checklist_tools_not_rated"]).replace(re.escape("{count}"), r"\d+"))
        assert [t for t in page.locator("article p").all_inner_texts() if counted.search(t)] == []
        characteristic = kb.case_studies[case].characteristics[0]
        page.goto(f"{none_rated}{edition}profiler/#{characteristic}")
        undecided = page.locator(".kb-profiler__undecided")
        undecided.wait_for()
        assert undecided.inner_text().startswith(ui["checklist_tools_not_rated_all"])
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
