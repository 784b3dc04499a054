"""Where the boxes and arrows of the supply chain map go, and how the map is cut into sheets.

The chain is drawn as a layered graph: one column per tier, raw material leftmost, the
importer rightmost. The columns share the page's width, so boxes are as wide as the page
allows and no text is smaller than ``TEXT_SIZE``; a buyer sits at the mean row of its
suppliers, so chains run straight. When the chain does not fit one page at that size it is
cut by branch: the supply of one buyer goes whole onto a sheet where it can, and every company
is drawn on exactly one sheet; a box whose supplier or buyer is on another sheet says which.
Coordinates are points on a sheet, y growing downwards; the drawing turns them into PDF space.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from importer_app.bundle.pages import fonts
from importer_app.bundle.pages.facts import CaseFacts, role_label
from importer_app.core.chain_layers import chain_layers
from importer_app.core.countries import country_name
from importer_app.core.model import Link

NAME_SIZE: Final = 9.0
LOCAL_SIZE: Final = 8.5
TEXT_SIZE: Final = 8.0
"""The smallest text on the map: role, country, exhibits, transfer numbers, notes."""
PAD: Final = 4.0
MIN_BOX_W: Final = 84.0
"""Six tiers fit across a landscape Letter page; a long name takes four lines at this width."""
MAX_BOX_W: Final = 190.0
MIN_GAP: Final = 28.0
"""Room between columns for the arrows and the transfer numbers on them."""
MAX_GAP: Final = 120.0
ROW_GAP: Final = 12.0
HEADER_H: Final = 16.0
TAG_H: Final = 11.0

Point = tuple[float, float]


def leading(size: float) -> float:
    return size * 1.22


@dataclass(frozen=True)
class TextLine:
    """One line of a box. ``sheet`` is the sheet the line points to (0: none)."""

    text: str
    size: float
    bold: bool = False
    grey: bool = False
    sheet: int = 0


@dataclass(frozen=True)
class Box:
    """One company's box: top-left corner, size, its lines and the exhibit it links to."""

    entity_id: str
    column: int
    x: float
    y: float
    width: float
    height: float
    lines: tuple[TextLine, ...]
    exhibit: str


@dataclass(frozen=True)
class Arrow:
    """One transfer: from the supplier's right edge to the buyer's left edge, with its number."""

    number: int
    source: str
    target: str
    start: Point
    end: Point
    tag: tuple[float, float, float, float]
    """The number's label: left, top, width, height."""


@dataclass(frozen=True)
class Sheet:
    """One page-sized part of the map.

    Attributes:
        number: 1-based; ``count`` sheets in all.
        root: the company furthest downstream on the sheet, named in its title.
        column_tiers: the tier of each column (None: not linked to the importer).
        column_x: the left edge of each column.
        box_width: the width of every box.
    """

    number: int
    count: int
    root: str
    column_tiers: tuple[int | None, ...]
    column_x: tuple[float, ...]
    box_width: float
    boxes: Mapping[str, Box]
    arrows: tuple[Arrow, ...]
    width: float
    height: float


@dataclass(frozen=True)
class _Chain:
    """The companies and transfers of a case as a graph, in the case's order."""

    info: CaseFacts
    order: Mapping[str, int]
    suppliers: Mapping[str, tuple[str, ...]]
    buyers: Mapping[str, tuple[str, ...]]
    shipments: Mapping[str, tuple[tuple[int, Link], ...]]
    """Each company's transfers to its buyers with their numbers on the map (their place in the
    case, from 1): a sheet draws the arrows of its own companies without reading every transfer."""
    note: Callable[[str, str], str]
    fitted: dict[frozenset[str], bool] = field(default_factory=dict)
    wrapped: dict[tuple[str, float], tuple[TextLine, ...]] = field(default_factory=dict)
    """A company's box lines other than its notes about other sheets, by box width: packing the
    sheets tries every company in many groupings, and measuring text is the cost of a try."""

    def sorted(self, ids: set[str] | frozenset[str]) -> list[str]:
        return sorted(ids, key=self.order.__getitem__)

    def upstream(self, head: str, members: set[str]) -> set[str]:
        """``head`` and every company of ``members`` that supplies it, directly or not."""
        found = {head}
        stack = [head]
        while stack:
            for supplier in self.suppliers[stack.pop()]:
                if supplier in members and supplier not in found:
                    found.add(supplier)
                    stack.append(supplier)
        return found


def map_sheets(info: CaseFacts, width: float, height: float, note: Callable[[str, str], str]) -> tuple[Sheet, ...]:
    """The map of a case on sheets of ``width`` x ``height`` points: one sheet when it fits.

    Args:
        info: the case and its exhibits.
        width, height: the room for one sheet's drawing.
        note: the note that a company's buyers or suppliers are on other sheets, from the key
            (``to_sheet``, ``from_sheet``, or ``to_sheets``, ``from_sheets`` for several) and
            the sheet numbers.
    """
    case = info.case
    known = {entity.id for entity in case.entities}
    links = [link for link in case.links if link.source in known and link.target in known]
    suppliers: dict[str, list[str]] = defaultdict(list)
    buyers: dict[str, list[str]] = defaultdict(list)
    for link in links:
        suppliers[link.target].append(link.source)
        buyers[link.source].append(link.target)
    shipments: dict[str, list[tuple[int, Link]]] = defaultdict(list)
    for number, link in enumerate(case.links, start=1):
        shipments[link.source].append((number, link))
    chain = _Chain(info, {entity.id: n for n, entity in enumerate(case.entities)},
                   {e: tuple(suppliers[e]) for e in known}, {e: tuple(buyers[e]) for e in known},
                   {e: tuple(shipments[e]) for e in known}, note)
    area = (width, height)
    groups = _pack(chain, None, set(known), area)
    sheet_of = {entity_id: number for number, group in enumerate(groups, start=1) for entity_id in group}
    sheets = []
    for number, group in enumerate(groups, start=1):
        laid = _lay_sheet(chain, group, area, sheet_of=sheet_of, number=number, count=len(groups))
        # Real sheet numbers are rarely wider than the estimate; if so, the sheet runs a little long.
        sheets.append(laid or _lay_sheet(chain, group, (width, math.inf), sheet_of=sheet_of, number=number,
                                         count=len(groups)))
    return tuple(sheet for sheet in sheets if sheet is not None)


def _pack(chain: _Chain, root: str | None, members: set[str], area: tuple[float, float]) -> list[set[str]]:
    """``members`` (``root`` and its suppliers) in groups that each fit a sheet, by branch.

    Each supplier of ``root`` heads a branch: itself and everything upstream of it not yet in
    another branch. Branches join the current sheet while it has room, start a new sheet
    when not, and are themselves cut the same way when one is too large for a sheet.
    """
    if _fits(chain, members, area):
        return [members]
    heads = chain.sorted(set(chain.suppliers[root]) & members) if root else [
        e for e in chain.sorted(members) if not set(chain.buyers[e]) & members]
    taken = {root} if root else set()
    branches: list[tuple[str, set[str]]] = []
    for head in [*heads, *chain.sorted(members)]:  # then whatever a cycle left unreached
        if head not in taken:
            branch = chain.upstream(head, members) - taken
            taken |= branch
            branches.append((head, branch))
    groups: list[set[str]] = [{root}] if root else []
    for head, branch in branches:
        if groups and _fits(chain, groups[-1] | branch, area):
            groups[-1] |= branch
            continue
        parts = [branch] if _fits(chain, branch, area) else _pack(chain, head, branch, area)
        if groups and _fits(chain, groups[-1] | parts[0], area):
            groups[-1] |= parts.pop(0)
        groups += parts
    return groups


def _fits(chain: _Chain, members: set[str], area: tuple[float, float]) -> bool:
    key = frozenset(members)
    if key not in chain.fitted:
        chain.fitted[key] = _lay_sheet(chain, members, area, sheet_of=None, number=1, count=1) is not None
    return chain.fitted[key]


def _lay_sheet(chain: _Chain, members: set[str], area: tuple[float, float], *, sheet_of: Mapping[str, int] | None,
               number: int, count: int) -> Sheet | None:
    """The sheet of ``members``, or None when it does not fit ``area`` with legible text.

    Without ``sheet_of`` (while sheets are being formed) notes about other sheets are
    measured with two-digit placeholders.
    """
    tiers = chain.info.tiers
    ids = chain.sorted(members)
    layers = chain_layers(ids, tiers, chain.suppliers, chain.buyers)
    column_tiers, column_of, rows = layers.column_tiers, layers.columns, layers.rows
    columns = len(column_tiers)
    width, height = area
    box_w = min(MAX_BOX_W, (width - (columns - 1) * MIN_GAP) / columns)
    if box_w < MIN_BOX_W:
        return None
    gap = min(MAX_GAP, (width - columns * box_w) / (columns - 1)) if columns > 1 else 0.0
    lines = {e: _lines(chain, e, box_w - 2 * PAD, members, sheet_of) for e in ids}
    heights = {e: 2 * PAD + sum(leading(line.size) for line in lines[e]) for e in ids}
    pitch = max(heights.values()) + ROW_GAP
    total_h = HEADER_H + (max(rows.values()) + 1) * pitch - ROW_GAP
    if total_h > height:
        return None
    column_x = tuple(column * (box_w + gap) for column in range(columns))
    plan = chain.info.plan
    boxes = {}
    for e in ids:
        top = HEADER_H + rows[e] * pitch + (pitch - ROW_GAP - heights[e]) / 2
        first = plan.exhibit_ids_for_entity(e)
        boxes[e] = Box(e, column_of[e], column_x[column_of[e]], top, box_w, heights[e], lines[e],
                       first[0] if first else "")
    root = min(ids, key=lambda e: (tiers[e] is None, tiers[e] or 0, chain.order[e]))
    return Sheet(number, count, root, tuple(column_tiers), column_x, box_w, boxes,
                 _arrows(chain, boxes, gap), column_x[-1] + box_w, total_h)


def _company_lines(chain: _Chain, entity_id: str, inner: float) -> tuple[TextLine, ...]:
    """Name, local name, role and country, exhibits: what a box says wherever it is drawn."""
    key = (entity_id, inner)
    if key not in chain.wrapped:
        entity = chain.info.case.entity(entity_id)
        lines = [TextLine(text, NAME_SIZE, bold=True)
                 for text in fonts.wrap(entity.name, NAME_SIZE, inner, bold=True, max_lines=4)]
        if entity.name_local:
            lines += [TextLine(text, LOCAL_SIZE)
                      for text in fonts.wrap(entity.name_local, LOCAL_SIZE, inner, max_lines=2)]
        lines += [TextLine(text, TEXT_SIZE, grey=True)
                  for text in fonts.wrap(f"{role_label(entity.role)} · {country_name(entity.country)}", TEXT_SIZE, inner, max_lines=2)]
        exhibits = chain.info.entity_exhibits(entity_id)
        if exhibits:
            lines += [TextLine(text, TEXT_SIZE) for text in fonts.wrap(f"Ex. {exhibits}", TEXT_SIZE, inner, max_lines=3)]
        chain.wrapped[key] = tuple(lines)
    return chain.wrapped[key]


def _lines(chain: _Chain, entity_id: str, inner: float, members: set[str],
           sheet_of: Mapping[str, int] | None) -> tuple[TextLine, ...]:
    lines = list(_company_lines(chain, entity_id, inner))
    for key, others in (("from_sheet", chain.suppliers[entity_id]), ("to_sheet", chain.buyers[entity_id])):
        away = [other for other in others if other not in members]
        if away:
            numbers = sorted({sheet_of[other] for other in away}) if sheet_of else [88] * len(set(away))
            plural = "s" if len(numbers) > 1 else ""
            text = chain.note(key + plural, ", ".join(str(n) for n in numbers))
            lines.append(TextLine(fonts.fit(text, TEXT_SIZE, inner), TEXT_SIZE, grey=True, sheet=numbers[0]))
    return tuple(lines)


def _arrows(chain: _Chain, boxes: Mapping[str, Box], gap: float) -> tuple[Arrow, ...]:
    links = sorted((item for source in boxes for item in chain.shipments[source] if item[1].target in boxes),
                   key=lambda item: item[0])
    outgoing: dict[str, list[int]] = defaultdict(list)
    incoming: dict[str, list[int]] = defaultdict(list)
    # Anchors in the order of the other end's position, so that arrows of one box do not cross.
    for n, link in sorted(links, key=lambda item: (boxes[item[1].target].y, boxes[item[1].target].x)):
        outgoing[link.source].append(n)
    for n, link in sorted(links, key=lambda item: (boxes[item[1].source].y, -boxes[item[1].source].x)):
        incoming[link.target].append(n)

    def anchor(box: Box, numbers: list[int], n: int, right: bool) -> Point:
        share = (numbers.index(n) + 1) / (len(numbers) + 1)
        return (box.x + box.width if right else box.x, box.y + box.height * share)

    arrows = []
    tags: list[tuple[float, float, float, float]] = []
    for n, link in links:
        start = anchor(boxes[link.source], outgoing[link.source], n, right=True)
        end = anchor(boxes[link.target], incoming[link.target], n, right=False)
        tag = _tag_place(str(n), start, end, gap, tags)
        tags.append(tag)
        arrows.append(Arrow(n, link.source, link.target, start, end, tag))
    return tuple(arrows)


def _tag_place(text: str, start: Point, end: Point, gap: float,
               taken: Sequence[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    """Where an arrow's number goes: on the arrow, in the gap after the supplier or before the
    buyer, at the first place along it that no earlier number covers."""
    width = fonts.width(text, TEXT_SIZE) + 5
    (x1, y1), (x2, y2) = start, end
    span = max(min(gap, abs(x2 - x1)) - 8, 1.0)  # arrowhead room at the buyer's end
    candidates = [x1 + 2 + share * span for share in (0.5, 0.25, 0.75, 0.1, 0.9)]
    candidates += [x2 - 8 - share * span for share in (0.5, 0.25, 0.75)]
    best = None
    for cx in candidates:
        t = (cx - x1) / (x2 - x1) if x2 != x1 else 0.5
        cy = y1 + t * (y2 - y1)
        rect = (cx - width / 2, cy - TAG_H / 2, width, TAG_H)
        best = best or rect
        if not any(_overlap(rect, other) for other in taken):
            return rect
    assert best is not None
    return best


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
