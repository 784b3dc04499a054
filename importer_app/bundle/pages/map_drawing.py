"""Drawing a laid-out supply chain map, or one sheet of it, with reportlab graphics.

Boxes are drawn last, on white, so that an arrow passing behind a box never crosses its text.
An arrow that a sheet's edge cuts, and that no other sheet shows whole, ends at the edge in a
note naming the company at its other end and the sheet it is on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from reportlab.graphics.shapes import Drawing, Group, Line, Polygon, Rect, Shape, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from importer_app.bundle.pages import fonts
from importer_app.bundle.pages.map_layout import (
    BOX_W,
    HEADER_H,
    LABEL_SIZE,
    NAME_SIZE,
    PAD,
    TEXT_SIZE,
    Arrow,
    Box,
    MapLayout,
    Sheet,
    leading,
)
from importer_app.bundle.pages.templates import Template

_INK: Final = colors.HexColor("#202124")
_GREY: Final = colors.HexColor("#5f6368")
_LINE: Final = colors.HexColor("#3c4043")

Point = tuple[float, float]
Rectangle = tuple[float, float, float, float]
"""Left, top, width, height in virtual map points (y grows downwards)."""


@dataclass(frozen=True)
class _View:
    """One drawing: which part of the map (``rect``) at what ``scale``, on which sheet."""

    laid: MapLayout
    words: Template
    sheet: Sheet | None
    sheets: tuple[Sheet, ...]
    rect: Rectangle
    scale: float

    def at(self, x: float, y: float) -> Point:
        """Virtual map coordinates to the drawing's PDF coordinates (y upwards)."""
        left, top, _, height = self.rect
        return (x - left) * self.scale, (top + height - y) * self.scale

    def shows(self, box: Box) -> bool:
        return self.sheet is None or holds(self.sheet, box)

    @property
    def body(self) -> Rectangle:
        """The drawing below the column titles: arrows and notes stay in it."""
        left, top, width, height = self.rect
        return left, top + HEADER_H, width, height - HEADER_H


def holds(sheet: Sheet, box: Box) -> bool:
    """Whether ``sheet`` prints ``box``."""
    return box.column in sheet.columns and sheet.rows[0] <= box.row < sheet.rows[1]


def draw_map(laid: MapLayout, words: Template, sheet: Sheet | None, scale: float,
             sheets: tuple[Sheet, ...] = ()) -> Drawing:
    """The whole map (``sheet`` None; with ``sheets`` outlined when there are several) or one sheet."""
    rect = sheet.rect if sheet is not None else (0.0, 0.0, laid.width, laid.height)
    view = _View(laid, words, sheet, sheets, rect, scale)
    group = Group()
    for column, tier in enumerate(laid.column_tiers):
        if sheet is None or column in sheet.columns:
            x, y = view.at(laid.column_x(column) + BOX_W / 2, rect[1] + HEADER_H - 6)
            group.add(_text(x, y, _tier_title(words, tier), NAME_SIZE * scale, color=_GREY, bold=True, centre=True))
    for arrow in laid.arrows:
        source_in, target_in = view.shows(laid.boxes[arrow.source]), view.shows(laid.boxes[arrow.target])
        # An arrow a sheet's edge cuts is left to a neighbouring sheet that holds both its ends.
        if (source_in and target_in) or ((source_in or target_in) and not _whole_on_some(view, arrow)):
            for shape in _arrow(view, arrow, source_in, target_in):
                group.add(shape)
    for box in laid.boxes.values():
        if view.shows(box):
            for shape in _box(view, box):
                group.add(shape)
    if sheet is None and len(sheets) > 1:
        for other in sheets:
            group.add(_sheet_outline(view, other))
    drawing = Drawing(rect[2] * scale, rect[3] * scale, initialFontName=fonts.SANS)
    drawing.add(group)
    return drawing


def _whole_on_some(view: _View, arrow: Arrow) -> bool:
    ends = (view.laid.boxes[arrow.source], view.laid.boxes[arrow.target])
    return any(all(holds(sheet, box) for box in ends) for sheet in view.sheets)


def _tier_title(words: Template, tier: int | None) -> str:
    if tier is None:
        return words.text("text", "unconnected")
    if tier == 0:
        return words.text("text", "importer_tier")
    return words.text("text", "tier", values={"tier": str(tier)})


def _text(x: float, y: float, text: str, size: float, *, color: colors.Color = _INK, bold: bool = False,
          centre: bool = False) -> Group:
    """One line of any script, as strings in the fonts its characters need."""
    group = Group()
    if centre:
        x -= fonts.width(text, size, bold=bold) / 2
    for font, piece in fonts.runs(text, bold=bold):
        group.add(String(x, y, piece, fontName=font, fontSize=size, fillColor=color))
        x += stringWidth(piece, font, size)
    return group


def _box(view: _View, box: Box) -> Iterator[Shape]:
    scale = view.scale
    x, y = view.at(box.x, box.y + box.height)
    yield Rect(x, y, BOX_W * scale, box.height * scale, fillColor=colors.white, strokeColor=_LINE,
               strokeWidth=0.8 * scale)
    lines = [(text, NAME_SIZE, True, _INK) for text in box.name]
    lines += [(text, TEXT_SIZE + 0.5, False, _INK) for text in box.local]
    lines += [(box.detail, TEXT_SIZE, False, _GREY)]
    lines += [(text, TEXT_SIZE, False, _INK) for text in box.exhibits]
    baseline = box.y + PAD
    for text, size, bold, color in lines:
        baseline += leading(size)
        yield _text(*view.at(box.x + PAD, baseline - size * 0.25), text, size * scale, color=color, bold=bold)


def _arrow(view: _View, arrow: Arrow, source_in: bool, target_in: bool) -> Iterator[Shape]:
    """The arrow's line and head, its label, and notes where it leaves the sheet."""
    clipped = _clip(arrow.start, arrow.end, view.body)
    if clipped is None:
        return
    start, end = clipped
    (sx, sy), (ex, ey) = view.at(*start), view.at(*end)
    yield Line(sx, sy, ex, ey, strokeColor=_LINE, strokeWidth=0.8 * view.scale)
    if target_in:
        yield _head(sx, sy, ex, ey, view.scale)
    else:
        yield _note(view, _other_end(view, arrow.target, "to_other"), end)
    if not source_in:
        yield _note(view, _other_end(view, arrow.source, "from_other"), start)
    cx, cy = arrow.label_at
    w, h = arrow.label_size
    left, top, width, height = view.body
    if left <= cx <= left + width and top <= cy <= top + height:  # the sheet that holds its centre shows it
        yield Rect(*view.at(cx - w / 2, cy + h / 2), w * view.scale, h * view.scale, fillColor=colors.white,
                   strokeColor=None)
        baseline = cy - h / 2 + 1
        for text in arrow.label:
            baseline += leading(LABEL_SIZE)
            yield _text(*view.at(cx - w / 2 + 2, baseline - LABEL_SIZE * 0.25), text, LABEL_SIZE * view.scale)


def _clip(start: Point, end: Point, rect: Rectangle) -> tuple[Point, Point] | None:
    """The part of a segment inside a rectangle (Liang-Barsky), or None when none is."""
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    left, top, width, height = rect
    for p, q in ((-dx, x1 - left), (dx, left + width - x1), (-dy, y1 - top), (dy, top + height - y1)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
    if low > high:
        return None
    return (x1 + low * dx, y1 + low * dy), (x1 + high * dx, y1 + high * dy)


def _note(view: _View, text: str, point: Point) -> Group:
    """A note where an arrow leaves the sheet, inside it, on white so that no line crosses it."""
    width = fonts.width(text, LABEL_SIZE) + 4
    left, top, body_w, body_h = view.body
    x = min(max(point[0] - width / 2, left), left + body_w - width)
    y = min(max(point[1] - 2, top + LABEL_SIZE + 2), top + body_h - 2)
    group = Group()
    group.add(Rect(*view.at(x, y + 2), width * view.scale, (LABEL_SIZE + 3) * view.scale, fillColor=colors.white,
                   strokeColor=None))
    group.add(_text(*view.at(x + 2, y - LABEL_SIZE * 0.1), text, LABEL_SIZE * view.scale, color=_GREY))
    return group


def _head(sx: float, sy: float, ex: float, ey: float, scale: float) -> Polygon:
    length = max(((ex - sx) ** 2 + (ey - sy) ** 2) ** 0.5, 1e-6)
    ux, uy = (ex - sx) / length, (ey - sy) / length
    size = 5.5 * scale
    back_x, back_y = ex - ux * size, ey - uy * size
    return Polygon([ex, ey, back_x - uy * size * 0.45, back_y + ux * size * 0.45,
                    back_x + uy * size * 0.45, back_y - ux * size * 0.45],
                   fillColor=_LINE, strokeColor=None)


def _other_end(view: _View, entity_id: str, key: str) -> str:
    box = view.laid.boxes[entity_id]
    number = next((sheet.number for sheet in view.sheets if holds(sheet, box)), 0)
    name = fonts.fit(" ".join(box.name), LABEL_SIZE, 2 * BOX_W)
    return view.words.text("text", key, values={"name": name, "sheet": str(number)})


def _sheet_outline(view: _View, sheet: Sheet) -> Group:
    x, y, w, h = sheet.rect
    left, bottom = view.at(x, y + h)
    group = Group()
    group.add(Rect(left, bottom, w * view.scale, h * view.scale, fillColor=None, strokeColor=_GREY,
                   strokeWidth=0.6, strokeDashArray=[3, 2]))
    label = view.words.text("text", "sheet_box", values={"sheet": str(sheet.number)})
    group.add(_text(left + 3, bottom + 3, label, 7, color=_GREY, bold=True))
    return group
