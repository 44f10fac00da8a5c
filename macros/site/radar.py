"""Where each tool sits on the adoption radar: a ring per status, a sector per kind of tool.

Pure geometry, computed once at build time so the radar is a static SVG with no script.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from typing import Literal

from macros.kb.model import RATED_RINGS, TOOL_KINDS, Tool, tool_order
from macros.site.history import NOT_RATED, RingChange

SIZE = 720  # the SVG's view box is SIZE × SIZE, centred on the middle
CENTRE = SIZE / 2
RADIUS = 300
# Outer edge of each ring as a share of the radius (adopt innermost), as tech radars draw them.
RING_EDGES = {"adopt": 0.34, "trial": 0.56, "assess": 0.80, "hold": 1.0}
SPACING = 28  # preferred distance between two dots, in view-box units
MARGIN = 0.5  # keep dots this many spacings away from the edges of their cell
# The ring labels sit just right of the dividing line at the top, never on it: dots keep this far
# from that line on its right (where the labels are), and half a spacing on its left.
LABEL_CLEARANCE = 84
LABEL_OFFSET = 6  # the labels' left edge, right of the line
# A blip is marked new or moved when its ring was set this recently (a tech radar's "this edition").
RECENT_DAYS = 90

Marker = Literal["new", "moved"]


@dataclass(frozen=True)
class Blip:
    """One tool on the radar: its number in the legend and where its dot is drawn."""

    number: int
    tool: Tool
    x: float
    y: float
    marker: Marker | None = None


@dataclass(frozen=True)
class Sector:
    """The slice of the radar that holds one kind of tool."""

    kind: str
    start: float  # radians, clockwise from the top
    end: float
    label_x: float
    label_y: float
    edge_x: float  # where the line before the sector meets the outer ring
    edge_y: float


@dataclass(frozen=True)
class Band:
    """One ring: its outer radius and where its label goes."""

    status: str
    radius: float
    label_y: float


@dataclass(frozen=True)
class Radar:
    size: int
    centre: float
    sectors: tuple[Sector, ...]
    bands: tuple[Band, ...]
    blips: tuple[Blip, ...]
    dot_radius: float
    label_x: float = CENTRE + LABEL_OFFSET

    def in_sector(self, kind: str) -> list[Blip]:
        """The blips of one kind of tool, in legend order."""
        return [b for b in self.blips if b.tool.kind == kind]


def _point(radius: float, angle: float) -> tuple[float, float]:
    """Polar (angle clockwise from the top) to view-box coordinates."""
    return (round(CENTRE + radius * math.sin(angle), 1), round(CENTRE - radius * math.cos(angle), 1))


def _inner_edge(status: str) -> float:
    order: list[str] = list(RATED_RINGS)
    index = order.index(status)
    return 0.0 if index == 0 else RING_EDGES[order[index - 1]] * RADIUS


def _place_in_cell(
    count: int, inner: float, outer: float, start: float, end: float
) -> tuple[list[tuple[float, float]], float]:
    """Spread `count` dots over arcs inside one ring of one sector, closer together when crowded."""
    spacing: float = SPACING
    while True:
        low, high = inner + spacing * MARGIN + (spacing if inner == 0 else 0), outer - spacing * MARGIN
        # Arcs one spacing apart, from the inner edge outwards, as many as fit in the ring.
        rows = max(1, int((high - low) // spacing) + 1) if high > low else 1
        radii = [low + i * spacing for i in range(rows)] if high > low else [(inner + outer) / 2]
        # Each arc holds as many dots as fit along it, leaving half a spacing at both ends.
        room = [max(1, int(r * (end - start) / spacing)) for r in radii]
        if sum(room) >= count:
            break
        spacing *= 0.85
    points: list[tuple[float, float]] = []
    remaining = count
    for radius, fits in sorted(zip(radii, room, strict=True), key=lambda rf: -rf[0]):
        take = min(fits, remaining)
        for i in range(take):
            points.append(_point(radius, start + (end - start) * (i + 0.5) / take))
        remaining -= take
        if not remaining:
            break
    return points, spacing


def _padded(sector: Sector, radius: float) -> tuple[float, float]:
    """The sector's angles, a little inside its dividing lines and clear of the labels on the top line."""
    edge = SPACING * MARGIN / radius
    label = LABEL_CLEARANCE / radius
    start = sector.start + (label if math.isclose(sector.start, 0) else edge)
    end = sector.end - edge
    return start, max(end, start)


def marker_of(changes: list[RingChange], status: str, today: datetime.date) -> Marker | None:
    """'new' when the tool got its first ring lately, 'moved' when it changed ring lately, else None."""
    last = next((c for c in reversed(changes) if c.to_ring == status), None)
    if last is None or (today - datetime.date.fromisoformat(last.date[:10])).days > RECENT_DAYS:
        return None
    return "new" if last.from_ring in (None, NOT_RATED) else "moved"


def build_radar(
    tools: list[Tool], history: dict[str, list[RingChange]] | None = None, today: datetime.date | None = None
) -> Radar:
    """The radar of the rated ones of these tools; numbers follow the legend's order (kind, ring, then name).

    With the ring history from git, each blip whose ring was set in the last RECENT_DAYS is marked new or moved.
    """
    history, today = history or {}, today or datetime.date.today()
    ordered = sorted((t for t in tools if t.ring.rated), key=lambda t: (TOOL_KINDS.index(t.kind), *tool_order(t)))
    width = 2 * math.pi / len(TOOL_KINDS)
    sectors = tuple(
        Sector(kind, i * width, (i + 1) * width, *_point(RADIUS + 22, (i + 0.5) * width), *_point(RADIUS, i * width))
        for i, kind in enumerate(TOOL_KINDS)
    )
    bands = tuple(
        Band(s, RING_EDGES[s] * RADIUS, round(CENTRE - (_inner_edge(s) + RING_EDGES[s] * RADIUS) / 2, 1))
        for s in RATED_RINGS
    )
    numbers = {tool.id: n for n, tool in enumerate(ordered, start=1)}
    blips: list[Blip] = []
    closest = float(SPACING)
    for sector in sectors:
        for status in RATED_RINGS:
            cell = [t for t in ordered if t.kind == sector.kind and t.ring.status == status]
            inner, outer = _inner_edge(status), RING_EDGES[status] * RADIUS
            start, end = _padded(sector, (inner + outer) / 2)
            places, spacing = _place_in_cell(len(cell), inner, outer, start, end)
            blips += [
                Blip(numbers[t.id], t, x, y, marker_of(history.get(t.id, []), status, today))
                for t, (x, y) in zip(cell, places, strict=True)
            ]
            if cell:
                closest = min(closest, spacing)
    dot_radius = round(min(11.0, closest * 0.42), 1)
    return Radar(SIZE, CENTRE, sectors, bands, tuple(sorted(blips, key=lambda b: b.number)), dot_radius)
