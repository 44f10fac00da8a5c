"""The adoption radar's geometry: each tool sits in its own ring and sector (its lifecycle stage), and no two dots touch."""

from __future__ import annotations

import itertools
import math

import pytest

from macros.kb.builders import build_tool
from macros.kb.model import RATED_RINGS, RING_ORDER, TOOL_KINDS, Tool
from macros.site.radar import RADIUS, RING_EDGES, Radar, build_radar

STAGES = ["develop", "train", "deploy", "operate", "govern"]


def _tool(i: int, kind: str, status: str, date: str = "2026-01-01") -> Tool:
    return build_tool(
        f"t{i}",
        {
            "name": {"en": f"Tool {i:03}", "ja": f"Tool {i:03}"},
            "kind": kind,
            "provider": "P",
            "homepage": "https://example.org/",
            **({"licence": "MIT"} if kind == "open-source" else {}),
            "status": "maintained",
            "checked": "2026-01-01",
            "provides": [{"capability": "model-serving", "functions": ["serving-runtimes"]}],
            "ring": {"status": status, "reason": {"en": "r", "ja": "r"}, "date": date},
            "sources": ["https://example.org/docs/"],
        },
    )


def _mix(count: int) -> list[Tool]:
    cells = list(itertools.product(TOOL_KINDS, RATED_RINGS))
    # Uneven on purpose: most tools in one cell, as when every tool starts in assess.
    return [_tool(i, *(("open-source", "assess") if i % 3 else cells[i % len(cells)])) for i in range(count)]


def _stage_of(tools: list[Tool]) -> dict[str, str]:
    # Uneven too: most tools in one stage; every tenth in none of them (the "other" sector).
    return {t.id: ("train" if i % 4 else STAGES[i % len(STAGES)]) if i % 10 != 9 else "" for i, t in enumerate(tools)}


def _radar(tools: list[Tool], *args: object) -> Radar:
    return build_radar(tools, STAGES, _stage_of(tools), *args)  # type: ignore[arg-type]


@pytest.mark.parametrize("count", [1, 12, 40, 120, 1000])
def test_every_blip_sits_in_its_ring_and_sector(count: int) -> None:
    radar = _radar(_mix(count))
    assert len(radar.blips) == count
    sectors = {s.stage: s for s in radar.sectors}
    order = list(RATED_RINGS)
    for blip in radar.blips:
        dx, dy = blip.x - radar.centre, radar.centre - blip.y
        radius, angle = math.hypot(dx, dy), math.atan2(dx, dy) % (2 * math.pi)
        status = blip.tool.ring.status
        inner = RING_EDGES[order[order.index(status) - 1]] * RADIUS if status != order[0] else 0
        assert inner - 1 <= radius <= RING_EDGES[status] * RADIUS + 1, blip.tool.id
        sector = sectors[blip.stage]
        assert sector.start <= angle <= sector.end, blip.tool.id


@pytest.mark.parametrize("count", [12, 40, 120, 1000])
def test_no_two_dots_overlap(count: int) -> None:
    radar = _radar(_mix(count))
    closest = min(math.dist((a.x, a.y), (b.x, b.y)) for a, b in itertools.combinations(radar.blips, 2))
    assert closest >= 2 * radar.dot_radius


def test_numbers_follow_the_legend_order() -> None:
    radar = _radar(_mix(40))
    assert [b.number for b in radar.blips] == list(range(1, 41))
    # The legend lists each stage's tools, ring by ring, stages in the lifecycle's order.
    order = [s.stage for s in radar.sectors]
    places = [(order.index(b.stage), RING_ORDER[b.tool.ring.status]) for b in radar.blips]
    assert places == sorted(places)


def test_a_tool_with_no_stage_gets_a_sector_of_its_own() -> None:
    radar = _radar(_mix(12))
    assert [s.stage for s in radar.sectors] == [*STAGES, "other"]
    assert [s.stage for s in _radar(_mix(9)).sectors] == STAGES


@pytest.mark.parametrize("count", [1, 12, 40, 120])
def test_no_dot_covers_the_ring_labels(count: int) -> None:
    # Each ring's label starts just right of the dividing line at the top, about 60 units wide and 14 high
    # ("ASSESS" in bold capitals); the browser test measures the real boxes.
    radar = _radar(_mix(count))
    for blip in radar.blips:
        for band in radar.bands:
            level = abs(blip.y - band.label_y) < 7 + radar.dot_radius
            across = radar.label_x - radar.dot_radius < blip.x < radar.label_x + 60 + radar.dot_radius
            assert not (level and across), (blip.tool.id, band.status)


def test_a_ring_set_lately_is_marked_new_or_moved() -> None:
    import datetime

    from macros.site.history import RingChange

    today = datetime.date(2026, 6, 1)
    # Lately: by the ring's own date (what its page says), the history telling where it came from.
    tools = [
        _tool(1, "open-source", "adopt", "2026-05-20"),
        _tool(2, "open-source", "trial", "2026-04-01"),
        _tool(3, "open-source", "hold", "2025-01-01"),
        _tool(4, "open-source", "hold", "2026-05-01"),
        _tool(5, "open-source", "trial", "2025-06-01"),  # committed lately, decided a year ago
        _tool(6, "open-source", "assess", "2026-05-30"),  # decided lately, its commit's date long ago
    ]
    history = {
        "t1": [
            RingChange("2025-01-01T00:00:00+00:00", "a", "t1", None, "not-rated"),
            RingChange("2026-05-20T00:00:00+00:00", "b", "t1", "not-rated", "adopt"),
        ],
        "t2": [
            RingChange("2025-01-01T00:00:00+00:00", "a", "t2", None, "hold"),
            RingChange("2026-04-01T00:00:00+00:00", "c", "t2", "hold", "trial"),
        ],
        "t3": [RingChange("2025-01-01T00:00:00+00:00", "a", "t3", None, "hold")],
        "t4": [
            RingChange("2025-01-01T00:00:00+00:00", "a", "t4", None, "adopt"),
            RingChange("2026-05-01T00:00:00+00:00", "d", "t4", "adopt", "hold"),
        ],
        "t5": [RingChange("2026-05-25T00:00:00+00:00", "e", "t5", "not-rated", "trial")],
        "t6": [RingChange("2025-01-01T00:00:00+00:00", "f", "t6", "hold", "assess")],
    }
    markers = {b.tool.id: b.marker for b in _radar(tools, history, today).blips}
    assert markers == {"t1": "new", "t2": "moved-in", "t3": None, "t4": "moved-out", "t5": None, "t6": "moved-in"}


def test_no_japanese_string_puts_a_space_after_a_date() -> None:
    import re

    from macros.site.render import load_strings

    ui = load_strings("ja")
    spaced = {key: value for key, value in ui.items() if isinstance(value, str) and re.search(r"\{date\}\s", value)}
    assert spaced == {}
