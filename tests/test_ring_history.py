"""Tools' rings over time, from git: the What changed page, each tool page's ring history and the
radar's new and moved marks, on a temporary repository whose history the test writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.kb.model import KnowledgeBase
from macros.site.history import list_changes, read_history, ring_history
from macros.site.render import load_strings
from tests.htmlread import article_of
from tests.ring_repo import RingRepo, build_ring_repo, when
from tests.sitebuild import build_site


@pytest.fixture(scope="module")
def ring_repo(tmp_path_factory: pytest.TempPathFactory, kb: KnowledgeBase) -> RingRepo:
    return build_ring_repo(tmp_path_factory.mktemp("ring-repo"), kb)


def test_each_tool_has_its_rings_in_order(ring_repo: RingRepo) -> None:
    history = ring_history(read_history(ring_repo.data))
    rings = {tool: [(c.from_ring, c.to_ring) for c in changes] for tool, changes in history.items()}
    assert rings[ring_repo.adopted] == [(None, "not-rated"), ("not-rated", "adopt")]
    assert rings[ring_repo.moved] == [(None, "not-rated"), ("not-rated", "hold"), ("hold", "trial")]
    assert rings[ring_repo.new] == [(None, "not-rated"), ("not-rated", "assess")]
    assert rings[ring_repo.removed] == [(None, "not-rated"), ("not-rated", None)]


def test_ring_moves_are_listed_newest_first_without_file_additions(ring_repo: RingRepo) -> None:
    changes = list_changes(read_history(ring_repo.data), 1000)
    moves = [(c.id, c.from_ring, c.to_ring) for c in changes if c.action == "ring-changed"]
    assert sorted(moves[:2]) == sorted([(ring_repo.moved, "hold", "trial"), (ring_repo.new, "not-rated", "assess")])
    assert set(moves[2:]) == {(ring_repo.moved, "not-rated", "hold"), (ring_repo.adopted, "not-rated", "adopt")}


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
    assert any(f"{ui['change_ring']}: {moved}: {ui['ring_hold']} → {ui['ring_trial']}" in i for i in items), items[:5]
    new = kb.tools[ring_repo.new].name.en
    assert any(f"{ui['change_ring']}: {new}: {ui['ring_not-rated']} → {ui['ring_assess']}" in i for i in items)
    assert any(f"{ui['change_removed']}: {ring_repo.removed}" in i for i in items)
    # A status change, with its makers' reason, as its own entry.
    adopted = kb.tools[ring_repo.adopted].name.en
    status = f"{ui['change_status']}: {adopted}: {ui['tool_status_maintained']} → {ui['tool_status_deprecated']}"
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
    assert (
        not {"kb-radar__blip--new", "kb-radar__blip--moved-in", "kb-radar__blip--moved-out"} & blips[ring_repo.adopted]
    )
    legend = page.find(cls="kb-radar-legend")
    assert legend is not None
    reasons = legend.find_all(cls="kb-radar-legend__reason")
    assert len(reasons) == 3 and all("Planted for a test." in r.text() for r in reasons)
    # The tools not rated yet are counted once on the page (in the landscape's introduction).
    ui = load_strings("en")
    not_rated = page.find_all("p", "kb-not-rated")
    assert len([p for p in not_rated if ui["rings_not_rated"].split("{count}")[0] in p.text()]) == 1
