"""Where the boxes and arrows of the supply chain map go, and how the map is cut into sheets.

The map is laid out once on an unbounded virtual sheet at its reading size: one column per
tier, raw material leftmost, the importer rightmost; each entity in a row slot near the rows
of the buyers it ships to, so chains run straight and fans stay compact. When the whole map
does not fit on a page at a legible scale, it is cut into sheets between columns and between
rows, never through a box; neighbouring column windows share a column so that every transfer
between adjacent tiers is whole on some sheet. Coordinates here are virtual points with y
growing downwards; the drawing module turns them into PDF space.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Final

from importer_app.bundle.pages import fonts
from importer_app.bundle.pages.facts import CaseFacts, quantity, role_label
from importer_app.core.model import Link

BOX_W: Final = 118.0
GAP: Final = 70.0
PAD: Final = 4.0
NAME_SIZE: Final = 7.5
TEXT_SIZE: Final = 6.5
LABEL_SIZE: Final = 6.2
ROW_GAP: Final = 18.0
HEADER_H: Final = 16.0
MIN_SCALE: Final = 0.85
"""Below this scale the map is cut into sheets: 7.5-point names would shrink under 6.4 points."""
MAX_SCALE: Final = 1.25


def leading(size: float) -> float:
    return size * 1.22


@dataclass(frozen=True)
class Box:
    """One entity's box: position (top-left, virtual points), size and text lines."""

    entity_id: str
    column: int
    row: int
    x: float
    y: float
    height: float
    name: tuple[str, ...]
    local: tuple[str, ...]
    detail: str
    exhibits: tuple[str, ...]


@dataclass(frozen=True)
class Arrow:
    """One link: from the source's right edge to the target's left edge, with its label."""

    link_id: str
    source: str
    target: str
    start: tuple[float, float]
    end: tuple[float, float]
    label: tuple[str, ...]
    label_at: tuple[float, float]
    label_size: tuple[float, float]


@dataclass(frozen=True)
class Sheet:
    """A window of columns and rows printed on one page (virtual rectangle x, y, w, h)."""

    number: int
    columns: tuple[int, ...]
    rows: tuple[int, int]
    rect: tuple[float, float, float, float]


@dataclass(frozen=True)
class MapLayout:
    """The laid-out map: column titles, boxes, arrows, total size and the sheets to print."""

    column_tiers: tuple[int | None, ...]
    boxes: dict[str, Box]
    arrows: tuple[Arrow, ...]
    width: float
    height: float
    pitch: float
    rows: int

    def column_x(self, column: int) -> float:
        return column * (BOX_W + GAP)

    def row_y(self, row: int) -> float:
        return HEADER_H + row * self.pitch

    def fit_scale(self, width: float, height: float) -> float:
        return min(MAX_SCALE, width / self.width, height / self.height)

    def sheets(self, width: float, height: float) -> tuple[Sheet, ...]:
        """The sheets that print the map at scale 1 on pages of ``width`` x ``height`` points."""
        per_sheet = max(1, int((width + GAP) // (BOX_W + GAP)))
        windows = _column_windows(len(self.column_tiers), per_sheet)
        rows_per_sheet = max(1, int((height - HEADER_H + ROW_GAP) // self.pitch))
        bands = [(first, min(first + rows_per_sheet, self.rows)) for first in range(0, self.rows, rows_per_sheet)]
        sheets = []
        for band in bands:
            for window in windows:
                x = self.column_x(window[0])
                y = self.row_y(band[0]) - HEADER_H
                w = len(window) * (BOX_W + GAP) - GAP
                h = HEADER_H + (band[1] - band[0]) * self.pitch - ROW_GAP
                sheets.append(Sheet(len(sheets) + 1, window, band, (x, y, w, h)))
        return tuple(sheets)


def _column_windows(count: int, per_sheet: int) -> list[tuple[int, ...]]:
    """Consecutive column windows of ``per_sheet`` columns; each shares its first with the last window."""
    if count <= per_sheet or per_sheet == 1:
        return [tuple(range(start, min(start + per_sheet, count))) for start in range(0, count, per_sheet)]
    windows = []
    start = 0
    while True:
        windows.append(tuple(range(start, min(start + per_sheet, count))))
        if start + per_sheet >= count:
            return windows
        start += per_sheet - 1


def layout(info: CaseFacts) -> MapLayout:
    """Lay out the map of a case.

    Columns are tiers from the highest (raw material) to 0 (the importer); entities not
    connected to the importer get a column of their own on the left.
    """
    case = info.case
    tiers = info.tiers
    known = sorted({t for t in tiers.values() if t is not None}, reverse=True)
    column_tiers: list[int | None] = ([None] if any(t is None for t in tiers.values()) else []) + list(known)
    column_of = {entity.id: column_tiers.index(tiers[entity.id]) for entity in case.entities}
    rows = _assign_rows(info, column_of, len(column_tiers))
    texts = {entity.id: _box_text(info, entity.id) for entity in case.entities}
    box_heights = {entity_id: _box_height(*text) for entity_id, text in texts.items()}
    labels = {link.id: _label_text(info, link) for link in case.links}
    label_h = max((len(lines) * leading(LABEL_SIZE) + 4 for lines in labels.values()), default=0.0)
    pitch = max([*box_heights.values(), label_h, 30.0]) + ROW_GAP
    row_count = max(rows.values(), default=0) + 1
    boxes = {}
    for entity in case.entities:
        column, row = column_of[entity.id], rows[entity.id]
        name, local, detail, exhibits = texts[entity.id]
        boxes[entity.id] = Box(entity.id, column, row, column * (BOX_W + GAP), HEADER_H + row * pitch,
                               box_heights[entity.id], name, local, detail, exhibits)
    arrows = _arrows(info, boxes, labels)
    width = len(column_tiers) * (BOX_W + GAP) - GAP
    height = HEADER_H + row_count * pitch - ROW_GAP
    return MapLayout(tuple(column_tiers), boxes, arrows, width, height, pitch, row_count)


def _assign_rows(info: CaseFacts, column_of: dict[str, int], columns: int) -> dict[str, int]:
    """Integer row slots: an order from the importer upstream, then positions from raw material down.

    The first sweep orders each column by the rows of the buyers its members ship to; the
    second gives the leftmost column consecutive rows in that order and places every other
    entity at the mean row of its suppliers, as in a tree drawn from its leaves, pushing
    down where two would share a slot.
    """
    by_column: dict[int, list[str]] = defaultdict(list)
    for entity in info.case.entities:  # case order breaks ties, so the user's order shows
        by_column[column_of[entity.id]].append(entity.id)
    buyers: dict[str, list[str]] = defaultdict(list)
    suppliers: dict[str, list[str]] = defaultdict(list)
    for link in info.case.links:
        buyers[link.source].append(link.target)
        suppliers[link.target].append(link.source)
    rank: dict[str, float] = {}
    for column in range(columns - 1, -1, -1):
        members = by_column[column]
        wanted = {e: _mean([rank[b] for b in buyers[e] if b in rank], float(i)) for i, e in enumerate(members)}
        rank.update({e: float(i) for i, e in enumerate(sorted(members, key=lambda e: wanted[e]))})
    rows: dict[str, int] = {}
    for column in range(columns):
        members = sorted(by_column[column], key=lambda e: rank[e])
        last = -1
        for entity_id in members:
            wanted = _mean([rows[s] for s in suppliers[entity_id] if s in rows], rank[entity_id])
            last = max(math.floor(wanted + 0.5), last + 1)
            rows[entity_id] = last
    return rows


def _mean(values: list[int] | list[float], default: float) -> float:
    return sum(values) / len(values) if values else default


def _box_text(info: CaseFacts, entity_id: str) -> tuple[tuple[str, ...], tuple[str, ...], str, tuple[str, ...]]:
    entity = info.case.entity(entity_id)
    inner = BOX_W - 2 * PAD
    name = fonts.wrap(entity.name, NAME_SIZE, inner, bold=True, max_lines=3)
    local = fonts.wrap(entity.name_local, TEXT_SIZE + 0.5, inner, max_lines=2) if entity.name_local else []
    detail = f"{role_label(entity.role)} · {entity.country}"
    exhibits = info.entity_exhibits(entity_id)
    ex_lines = fonts.wrap(f"Ex. {exhibits}", TEXT_SIZE, inner, max_lines=2) if exhibits else []
    return tuple(name), tuple(local), detail, tuple(ex_lines)


def _box_height(name: tuple[str, ...], local: tuple[str, ...], _detail: str, exhibits: tuple[str, ...]) -> float:
    return (2 * PAD + len(name) * leading(NAME_SIZE) + len(local) * leading(TEXT_SIZE + 0.5)
            + leading(TEXT_SIZE) + len(exhibits) * leading(TEXT_SIZE))


def _label_text(info: CaseFacts, link: Link) -> tuple[str, ...]:
    limit = GAP - 10
    lines = fonts.wrap(link.material, LABEL_SIZE, limit, max_lines=4)
    lines += fonts.wrap(quantity(link.quantity, link.unit), LABEL_SIZE, limit, max_lines=1)
    exhibits = info.link_exhibits(link.id)
    if exhibits:
        lines += fonts.wrap(f"Ex. {exhibits}", LABEL_SIZE, limit, max_lines=2)
    return tuple(lines)


def _arrows(info: CaseFacts, boxes: dict[str, Box], labels: dict[str, tuple[str, ...]]) -> tuple[Arrow, ...]:
    links = [link for link in info.case.links if link.source in boxes and link.target in boxes]
    outgoing: dict[str, list[str]] = defaultdict(list)
    incoming: dict[str, list[str]] = defaultdict(list)
    # Anchors in the order of the other end's row, so that arrows of one box do not cross.
    for link in sorted(links, key=lambda item: (boxes[item.target].row, boxes[item.target].column)):
        outgoing[link.source].append(link.id)
    for link in sorted(links, key=lambda item: (boxes[item.source].row, -boxes[item.source].column)):
        incoming[link.target].append(link.id)

    def anchor(box: Box, ids: list[str], link_id: str, right: bool) -> tuple[float, float]:
        share = (ids.index(link_id) + 1) / (len(ids) + 1)
        return (box.x + BOX_W if right else box.x, box.y + box.height * share)

    arrows = []
    for link in links:
        source, target = boxes[link.source], boxes[link.target]
        start = anchor(source, outgoing[link.source], link.id, right=True)
        end = anchor(target, incoming[link.target], link.id, right=False)
        lines = labels[link.id]
        size = (max(fonts.width(line, LABEL_SIZE) for line in lines) + 4, len(lines) * leading(LABEL_SIZE) + 3)
        # Where fans open, labels have room: at the source of a fan-in, the target of a fan-out.
        if len(outgoing[link.source]) == 1:
            cx = start[0] + 3 + size[0] / 2
        elif len(incoming[link.target]) == 1:
            cx = end[0] - 6 - size[0] / 2
        else:
            cx = (start[0] + end[0]) / 2
        share = (cx - start[0]) / (end[0] - start[0]) if end[0] != start[0] else 0.5
        cy = start[1] + share * (end[1] - start[1])
        arrows.append(Arrow(link.id, link.source, link.target, start, end, lines, (cx, cy), size))
    return tuple(arrows)
