"""Tools' rings over time, from git: the What changed page, each tool page's ring history and the
radar's new and moved marks, on a temporary repository whose history the test writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from macros.kb.model import BASE_LANGUAGE, LANGUAGES, KnowledgeBase
from macros.kb.spacing import word_space
from macros.site.history import list_changes, read_history, ring_history
from macros.site.render import format_date, load_strings
from tests.contributions import load
from tests.htmlread import Element, article_of
from tests.ring_repo import RingRepo, build_ring_repo, day, when
from tests.sitebuild import build_site


@pytest.fixture(scope="module")
def ring_repo(tmp_path_factory: pytest.TempPathFactory, kb: KnowledgeBase) -> RingRepo:
    return build_ring_repo(tmp_path_factory.mktemp("ring-repo"), kb)


def test_each_tool_has_its_rings_in_order_each_on_its_decisions_day(ring_repo: RingRepo) -> None:
    # The history orders the changes; a ring's day is its ring.date (a not-rated one's, its commit's).
    history = ring_history(read_history(ring_repo.data))
    rings = {tool: [(c.from_ring, c.to_ring, c.date[:10]) for c in changes] for tool, changes in history.items()}
    imported = (None, "not-rated", day(400))
    assert rings[ring_repo.adopted] == [imported, ("not-rated", "adopt", day(200))]
    assert rings[ring_repo.moved] == [imported, ("not-rated", "hold", day(200)), ("hold", "trial", day(10))]
    assert rings[ring_repo.new] == [imported, ("not-rated", "assess", day(10))]
    assert rings[ring_repo.removed] == [imported, ("not-rated", None, day(10))]
    # Committed 10 days ago, decided 200 days ago: the decision's day.
    assert rings[ring_repo.late] == [imported, ("not-rated", "trial", day(200))]
    # A revert brings back the earlier decision, with its day.
    assert rings[ring_repo.reverted] == [
        imported,
        ("not-rated", "adopt", day(200)),
        ("adopt", "hold", day(30)),
        ("hold", "adopt", day(200)),
    ]


def test_ring_moves_are_listed_newest_day_first_without_file_additions(ring_repo: RingRepo) -> None:
    changes = list_changes(read_history(ring_repo.data), 1000)
    assert [c.date[:10] for c in changes] == sorted((c.date[:10] for c in changes), reverse=True)
    moves = {(c.id, c.from_ring, c.to_ring): c.date[:10] for c in changes if c.action == "ring-changed"}
    assert moves == {
        (ring_repo.moved, "hold", "trial"): day(10),
        (ring_repo.new, "not-rated", "assess"): day(10),
        (ring_repo.reverted, "adopt", "hold"): day(30),
        (ring_repo.late, "not-rated", "trial"): day(200),
        (ring_repo.reverted, "hold", "adopt"): day(200),
        (ring_repo.moved, "not-rated", "hold"): day(200),
        (ring_repo.adopted, "not-rated", "adopt"): day(200),
        (ring_repo.reverted, "not-rated", "adopt"): day(200),
    }


@pytest.fixture(scope="module")
def ring_site(ring_repo: RingRepo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("ring-site")
    result = build_site(site, data_dir=ring_repo.data)
    assert result.returncode == 0, result.stderr
    return site


@pytest.mark.site
def test_what_changed_lists_ring_moves_and_removed_tools(
    ring_site: Path, ring_repo: RingRepo, kb: KnowledgeBase
) -> None:
    ui = load_strings("en")
    items = [li.text() for li in article_of(ring_site / "changes" / "index.html").find_all("li")]
    moved = kb.tools[ring_repo.moved].name.en
    assert any(f"{moved} {ui['changed_ring']}: {ui['ring_hold']} → {ui['ring_trial']}" in i for i in items), items[:5]
    new = kb.tools[ring_repo.new].name.en
    assert any(f"{new} {ui['changed_ring']}: {ui['ring_not-rated']} → {ui['ring_assess']}" in i for i in items)
    assert any(f"{ui['change_removed']}: {ring_repo.removed}" in i for i in items)
    # A status change, with its makers' reason, as its own entry.
    adopted = kb.tools[ring_repo.adopted].name.en
    status = f"{adopted} {ui['changed_status']}: {ui['tool_status_maintained']} → {ui['tool_status_deprecated']}"
    assert any(status in i and "Its makers say so in their announcement." in i for i in items), items[:6]


@pytest.mark.site
def test_a_tool_page_shows_its_ring_history_newest_first(ring_site: Path, ring_repo: RingRepo) -> None:
    ui = load_strings("en")
    history = article_of(ring_site / "tools" / ring_repo.moved / "index.html").find("ol", "kb-ring-history")
    assert history is not None
    lines = [li.text() for li in history.find_all("li")]
    assert [line.split(" — ")[1] for line in lines] == [
        f"{ui['ring_hold']} → {ui['ring_trial']}",
        f"{ui['ring_not-rated']} → {ui['ring_hold']}",
        ui["ring_history_added"].format(ring=ui["ring_not-rated"]),
    ]
    assert history.find_all("time")[0].attrs["datetime"].startswith(when(10)[:10])


@pytest.mark.site
def test_the_radar_marks_new_and_moved_tools_and_gives_each_ring_its_reason(
    ring_site: Path, ring_repo: RingRepo
) -> None:
    page = article_of(ring_site / "tools" / "index.html")
    # Each blip links to its entry in the lists, whose tool link names the tool.
    entries = {
        li.attrs["id"]: link.attrs["href"].strip("/")
        for li in page.find_all("li")
        if (link := li.find("a", "kb-radar-legend__tool")) is not None
    }
    blips = {entries[a.attrs["href"].removeprefix("#")]: a.classes for a in page.find_all("a", "kb-radar__blip")}
    assert "kb-radar__blip--moved-in" in blips[ring_repo.moved]
    assert "kb-radar__blip--new" in blips[ring_repo.new]
    # Decided long ago, whenever committed or reverted: no mark.
    marks = {"kb-radar__blip--new", "kb-radar__blip--moved-in", "kb-radar__blip--moved-out"}
    for old in (ring_repo.adopted, ring_repo.late, ring_repo.reverted):
        assert not marks & blips[old], old
    legend = page.find(cls="kb-radar-legend")
    assert legend is not None
    reasons = legend.find_all(cls="kb-radar-legend__reason")
    rated = [tool for tool in load(ring_repo.data).tools.values() if tool.ring.rated]
    assert len(reasons) == len(rated) and all("Planted for a test." in r.text() for r in reasons)
    # The tools not rated yet are counted once on the page (in the landscape's introduction).
    ui = load_strings("en")
    not_rated = page.find_all("p", "kb-not-rated")
    assert len([p for p in not_rated if ui["rings_not_rated"].split("{count}")[0] in p.text()]) == 1


@pytest.mark.site
def test_a_rings_day_is_the_same_on_its_page_its_history_what_changed_and_the_api(
    ring_site: Path, ring_repo: RingRepo
) -> None:
    ui = load_strings("en")
    kb = load(ring_repo.data)
    api = {
        t["id"]: t for t in json.loads((ring_site / "api" / "v1" / "tools.json").read_text(encoding="utf-8"))["tools"]
    }
    for tool_id in (ring_repo.late, ring_repo.reverted, ring_repo.moved):
        ring = kb.tools[tool_id].ring
        assert ring.date is not None
        page = article_of(ring_site / "tools" / tool_id / "index.html")
        set_on = ui["tool_ring_date"].format(date=format_date(ring.date, ui))
        assert set_on in page.text(), tool_id
        history = page.find("ol", "kb-ring-history")
        assert history is not None
        assert history.find_all("time")[0].attrs["datetime"][:10] == ring.date, tool_id
        assert api[tool_id]["ring"]["date"] == ring.date, tool_id
    # What changed lists the late decision under its own day, not its commit's.
    changes = article_of(ring_site / "changes" / "index.html")
    late = kb.tools[ring_repo.late].name.en
    day_of = ""
    for element in changes.iter():
        if element.tag == "h2":
            day_of = element.text()
        elif element.tag == "li" and element.text().startswith(f"{late} {ui['changed_ring']}:"):
            break
    assert format_date(day(200), ui) in day_of


def _without_names(entry: Element) -> str:
    """An entry's text without the names it gives (links, and the names of what has no page)."""
    text = entry.text()
    for name in [*entry.find_all("a"), *entry.find_all("span", "kb-changes__name")]:
        text = text.replace(name.text(), "", 1)
    return text


def _one_label_each(changes_page: Path) -> list[str]:
    """The changes page's entries, each checked to hold one label (the reason after its dash is the makers' words)."""
    items = [li.text() for li in article_of(changes_page).find_all("li")]
    # A name may hold ': ' itself (a source's title, "Practitioners guide to MLOps: A framework…"): not a label.
    labels = [_without_names(li).split(" — ")[0] for li in article_of(changes_page).find_all("li")]
    doubled = [item for item, label in zip(items, labels, strict=True) if label.count(": ") > 1]
    assert doubled == [], doubled[:3]
    return items


@pytest.mark.site
def test_a_tools_change_has_one_label_its_names(ring_site: Path, ring_repo: RingRepo, kb: KnowledgeBase) -> None:
    """ML Metadata (MLMD) status: deprecated → …, never Status changed: ML Metadata (MLMD): …"""
    ui = load_strings(BASE_LANGUAGE)
    items = _one_label_each(ring_site / "changes" / "index.html")
    adopted = kb.tools[ring_repo.adopted].name[BASE_LANGUAGE]
    status = f"{adopted}{word_space(BASE_LANGUAGE, adopted)}{ui['changed_status']}: {ui['tool_status_maintained']} → "
    assert any(item.startswith(status) for item in items), items[:6]


@pytest.mark.site
def test_every_editions_changes_have_one_label_each(editions_dir: Path) -> None:
    for lang in LANGUAGES:
        _one_label_each(editions_dir / ("" if lang == BASE_LANGUAGE else lang) / "changes" / "index.html")
