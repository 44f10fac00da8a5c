"""Where each tool sits on the adoption radar: a ring per status, a sector per lifecycle stage.

A tool's sector is the lifecycle stage of the capability it provides first, and a capability's
stage is the first `stage` tag in its `tags` (both declared in data). Pure geometry, computed once
at build time so the radar is a static SVG with no script.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from typing import Literal

from macros.kb.model import (
    NOT_RATED,
    RATED_RINGS,
    RING_ORDER,
    KnowledgeBase,
    Ring,
    Tag,
    Tool,
    declared_order,
    tool_order,
)
from macros.site.history import RingChange

SIZE = 720  # the SVG's view box is SIZE × SIZE, centred on the middle
CENTRE = SIZE / 2
RADIUS = 250  # the rest of the box holds the sectors' names, outside the rings
# Outer edge of each ring as a share of the radius (adopt innermost), as tech radars draw them.
RING_EDGES = {"adopt": 0.45, "trial": 0.66, "assess": 0.85, "hold": 1.0}
SPACING = 28  # preferred distance between two dots, in view-box units
MARGIN = 0.5  # keep dots this many spacings away from the edges of their cell
CENTRE_CLEARANCE = 1.0  # and the innermost ones this many more from the centre, where the sectors meet
# The ring labels sit just right of the dividing line at the top, never on it: dots keep this far
# from that line on its right (where the labels are), and half a spacing on its left.
LABEL_CLEARANCE = 84
LABEL_OFFSET = 6  # the labels' left edge, right of the line
SECTOR_LABEL_GAP = 14  # between the outer ring and a sector's name
# Text on the chart is drawn at least this large (view-box units); the page shows the chart only
# where that makes 11 px or more (landscape.css), and the lists alone elsewhere.
NUMBER_SIZE = 13
NUMBERED_DOT = 10  # smaller dots (a crowded radar) carry no number: it would not fit
# A blip is marked new or moved when its ring was set this recently (a tech radar's "this edition").
RECENT_DAYS = 90
OTHER_STAGE = "other"  # the sector of tools whose capabilities name no stage

Marker = Literal["new", "moved-in", "moved-out"]
Anchor = Literal["start", "middle", "end"]


@dataclass(frozen=True)
class Blip:
    """One tool on the radar: its number in the legend and where its dot is drawn."""

    number: int
    tool: Tool
    stage: str
    x: float
    y: float
    marker: Marker | None = None
    moved_from: str | None = None  # the ring a moved blip left (its marker says which way)

    def trail(self, centre: float, dot_radius: float) -> str:
        """The SVG path of the blip's mark: a ring around a new one; for a moved one, a triangle on the
        side it came from, pointing the way it moved (in towards adopt, or out towards hold)."""
        gap = dot_radius + 3
        if self.marker == "new":
            return f"M {self.x - gap} {self.y} a {gap} {gap} 0 1 0 {2 * gap} 0 a {gap} {gap} 0 1 0 {-2 * gap} 0"
        away = math.atan2(self.y - centre, self.x - centre)  # from the centre out through the dot
        side = away if self.marker == "moved-in" else away + math.pi
        tip, base, half = gap, gap + 7, 5.0

        def at(distance: float, across: float = 0.0) -> str:
            x = self.x + distance * math.cos(side) - across * math.sin(side)
            y = self.y + distance * math.sin(side) + across * math.cos(side)
            return f"{x:.1f} {y:.1f}"

        return f"M {at(tip)} L {at(base, half)} L {at(base, -half)} Z"


@dataclass(frozen=True)
class Sector:
    """The slice of the radar that holds the tools of one lifecycle stage."""

    stage: str  # a stage tag's id, or OTHER_STAGE
    start: float  # radians, clockwise from the top
    end: float
    label_x: float
    label_y: float
    anchor: Anchor  # the name runs away from the rings on either side
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
    number_size: int = NUMBER_SIZE
    # The sectors' names stand beside the rings, never far above or below: the view box is that much shorter.
    view_top: float = CENTRE - RADIUS - 40

    @property
    def numbered(self) -> bool:
        """Whether the dots are large enough to carry their numbers legibly."""
        return self.dot_radius >= NUMBERED_DOT

    def in_sector(self, stage: str) -> list[Blip]:
        """The blips of one sector, in legend order."""
        return [b for b in self.blips if b.stage == stage]


def radar_stages(kb: KnowledgeBase) -> list[Tag]:
    """The lifecycle stages (tags of group stage), in the lifecycle's order."""
    return sorted((t for t in kb.tags.values() if t.group == "stage"), key=declared_order)


def tool_stage(kb: KnowledgeBase, tool: Tool) -> str:
    """The stage of the first capability the tool provides that names one; OTHER_STAGE if none does."""
    stages = {t.id for t in radar_stages(kb)}
    for provision in tool.provides:
        capability = kb.capabilities.get(provision.capability)
        for tag in capability.tags if capability else ():
            if tag in stages:
                return tag
    return OTHER_STAGE


def _point(radius: float, angle: float) -> tuple[float, float]:
    """Polar (angle clockwise from the top) to view-box coordinates."""
    return (round(CENTRE + radius * math.sin(angle), 1), round(CENTRE - radius * math.cos(angle), 1))


def _inner_edge(status: str) -> float:
    order: list[str] = list(RATED_RINGS)
    index = order.index(status)
    return 0.0 if index == 0 else RING_EDGES[order[index - 1]] * RADIUS


def _place_in_cell(count: int, inner: float, outer: float, sector: Sector) -> tuple[list[tuple[float, float]], float]:
    """Spread `count` dots over arcs inside one ring of one sector, closer together when crowded."""
    spacing: float = SPACING
    while True:
        low = inner + spacing * MARGIN + (spacing * CENTRE_CLEARANCE if inner == 0 else 0)
        high = outer - spacing * MARGIN
        # Arcs one spacing apart, from the inner edge outwards, as many as fit in the ring.
        rows = max(1, int((high - low) // spacing) + 1) if high > low else 1
        radii = [low + i * spacing for i in range(rows)] if high > low else [(inner + outer) / 2]
        # Each arc holds as many dots as fit along it, clear of the dividing lines at its own radius.
        spans = [_padded(sector, r, spacing) for r in radii]
        room = [max(1, int(r * (end - start) / spacing)) for r, (start, end) in zip(radii, spans, strict=True)]
        if sum(room) >= count or spacing < 1:
            break
        spacing *= 0.85
    points: list[tuple[float, float]] = []
    remaining = count
    for radius, fits, (start, end) in sorted(zip(radii, room, spans, strict=True), key=lambda row: -row[0]):
        take = min(fits, remaining)
        for i in range(take):
            points.append(_point(radius, start + (end - start) * (i + 0.5) / take))
        remaining -= take
        if not remaining:
            break
    return points, spacing


def _padded(sector: Sector, radius: float, spacing: float) -> tuple[float, float]:
    """The sector's angles at one radius, half a spacing inside its dividing lines and clear of the labels on the top line."""
    edge = spacing * MARGIN / radius
    label = LABEL_CLEARANCE / radius
    start = sector.start + (label if math.isclose(sector.start, 0) else edge)
    end = sector.end - edge
    if start >= end:  # too close to the centre for the padding: the middle line, or the far one beside the labels
        line = sector.end - 0.01 if math.isclose(sector.start, 0) else (sector.start + sector.end) / 2
        return line, line
    return start, end


def _sector(stage: str, start: float, end: float) -> Sector:
    """A sector with its name outside the outer ring at its middle, running away from the rings."""
    middle = (start + end) / 2
    x, y = _point(RADIUS + SECTOR_LABEL_GAP, middle)
    across = math.sin(middle)
    anchor: Anchor = "start" if across > 0.35 else "end" if across < -0.35 else "middle"
    # Above or below the rings, the name's baseline side faces away from them.
    y += NUMBER_SIZE * 0.6 * (1 if math.cos(middle) < -0.35 else -1 if math.cos(middle) > 0.35 else 0)
    return Sector(stage, start, end, x, round(y, 1), anchor, *_point(RADIUS, start))


def _recent_change(changes: list[RingChange], ring: Ring, today: datetime.date) -> RingChange | None:
    """The change that put the tool in its ring, if lately: the ring's own day (Ring.decided_on, the day
    its page says it was set) is at most RECENT_DAYS ago; the history says only where the tool came from."""
    last = next((c for c in reversed(changes) if c.to_ring == ring.status), None)
    if last is None or (today - datetime.date.fromisoformat(ring.decided_on(last.date)[:10])).days > RECENT_DAYS:
        return None
    return last


def marker_of(changes: list[RingChange], ring: Ring, today: datetime.date) -> Marker | None:
    """'new' when the tool got its first ring lately; 'moved-in' or 'moved-out' (towards adopt or hold)
    when it changed ring lately; else None."""
    status = ring.status
    last = _recent_change(changes, ring, today)
    if last is None:
        return None
    if last.from_ring in (None, NOT_RATED):
        return "new"
    return "moved-in" if RING_ORDER[status] < RING_ORDER[last.from_ring] else "moved-out"


def moved_from(changes: list[RingChange], ring: Ring, today: datetime.date) -> str | None:
    """The ring a tool left when it moved lately (from one rated ring to another); else None."""
    last = _recent_change(changes, ring, today)
    return last.from_ring if last and last.from_ring not in (None, NOT_RATED) else None


def build_radar(
    tools: list[Tool],
    stages: list[str],
    stage_of: dict[str, str],
    history: dict[str, list[RingChange]] | None = None,
    today: datetime.date | None = None,
) -> Radar:
    """The radar of the rated ones of these tools, a sector per stage (in the order given, with one
    more for OTHER_STAGE when a tool has no stage); numbers follow the legend's order (stage, ring, name).

    stage_of: each tool's stage by tool id. With the ring history from git, each blip whose ring was
    set in the last RECENT_DAYS is marked new or moved in or out.
    """
    history, today = history or {}, today or datetime.date.today()
    rated = [t for t in tools if t.ring.rated]
    names = list(stages) + ([OTHER_STAGE] if any(stage_of.get(t.id, OTHER_STAGE) not in stages for t in rated) else [])
    place = {name: i for i, name in enumerate(names)}

    def stage(tool: Tool) -> str:
        name = stage_of.get(tool.id, OTHER_STAGE)
        return name if name in place else OTHER_STAGE

    ordered = sorted(rated, key=lambda t: (place[stage(t)], *tool_order(t)))
    width = 2 * math.pi / max(1, len(names))
    sectors = tuple(_sector(name, i * width, (i + 1) * width) for i, name in enumerate(names))
    bands = tuple(
        Band(s, RING_EDGES[s] * RADIUS, round(CENTRE - (_inner_edge(s) + RING_EDGES[s] * RADIUS) / 2, 1))
        for s in RATED_RINGS
    )
    numbers = {tool.id: n for n, tool in enumerate(ordered, start=1)}
    blips: list[Blip] = []
    closest = float(SPACING)
    for sector in sectors:
        for status in RATED_RINGS:
            cell = [t for t in ordered if stage(t) == sector.stage and t.ring.status == status]
            inner, outer = _inner_edge(status), RING_EDGES[status] * RADIUS
            places, spacing = _place_in_cell(len(cell), inner, outer, sector)
            blips += [
                Blip(
                    numbers[t.id],
                    t,
                    sector.stage,
                    x,
                    y,
                    marker_of(history.get(t.id, []), t.ring, today),
                    moved_from(history.get(t.id, []), t.ring, today),
                )
                for t, (x, y) in zip(cell, places, strict=True)
            ]
            if cell:
                closest = min(closest, spacing)
    # No two dots touch, whichever cells they are in: the radius follows the closest pair.
    points = sorted((b.x, b.y) for b in blips)
    for i, (x, y) in enumerate(points):
        for u, v in points[i + 1 :]:
            if u - x >= closest:
                break
            closest = min(closest, math.hypot(u - x, v - y))
    dot_radius = math.floor(min(11.0, closest * 0.45) * 10) / 10
    return Radar(SIZE, CENTRE, sectors, bands, tuple(sorted(blips, key=lambda b: b.number)), dot_radius)


def build_kb_radar(
    kb: KnowledgeBase, history: dict[str, list[RingChange]] | None = None, today: datetime.date | None = None
) -> Radar:
    """The radar of a knowledge base's tools, a sector per lifecycle stage."""
    tools = list(kb.tools.values())
    stages = [t.id for t in radar_stages(kb)]
    return build_radar(tools, stages, {t.id: tool_stage(kb, t) for t in tools}, history, today)
