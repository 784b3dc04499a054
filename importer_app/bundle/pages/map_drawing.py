"""Drawing one sheet of the supply chain map on the page, with its links.

Arrows are drawn first and boxes last, on white, so that an arrow passing behind a box never
crosses its text. Each box links to the first exhibit of its company; a note that a supplier
or buyer is on another sheet links to that sheet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from importer_app.bundle.pages import fonts
from importer_app.bundle.pages.links import Rect, SectionLink
from importer_app.bundle.pages.map_layout import HEADER_H, PAD, TAG_H, TEXT_SIZE, Arrow, Box, Sheet, leading

_INK: Final = colors.HexColor("#202124")
_GREY: Final = colors.HexColor("#5f6368")
_LINE: Final = colors.HexColor("#3c4043")


class MapLinks:
    """The links of a map section as its sheets are drawn: boxes to exhibits, notes to sheets."""

    def __init__(self) -> None:
        self.exhibits: list[SectionLink] = []
        self.notes: list[tuple[int, Rect, int]] = []
        self.sheet_pages: dict[int, int] = {}

    def resolved(self) -> tuple[SectionLink, ...]:
        """Every link, the notes pointing at the page their sheet landed on."""
        notes = [SectionLink(page, rect, to_page=self.sheet_pages[sheet]) for page, rect, sheet in self.notes
                 if sheet in self.sheet_pages]
        return (*self.exhibits, *notes)


class MapSheet(Flowable):
    """One sheet of the map as a flowable; ``titles`` gives each column's heading."""

    def __init__(self, sheet: Sheet, titles: Callable[[int | None], str], links: MapLinks) -> None:
        super().__init__()
        self.sheet = sheet
        self.width, self.height = sheet.width, sheet.height
        self._titles = titles
        self._links = links

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        sheet = self.sheet
        page = canvas.getPageNumber() - 1
        self._links.sheet_pages[sheet.number] = page
        canvas.saveState()
        for column, tier in enumerate(sheet.column_tiers):
            self._text(sheet.column_x[column] + sheet.box_width / 2, HEADER_H - 5, self._titles(tier), TEXT_SIZE,
                       color=_GREY, bold=True, centre=True)
        for arrow in sheet.arrows:
            self._arrow(arrow)
        for arrow in sheet.arrows:
            self._tag(arrow)
        for box in sheet.boxes.values():
            self._box(box, page)
        canvas.restoreState()

    def _at(self, x: float, y: float) -> tuple[float, float]:
        return x, self.height - y

    def _absolute(self, left: float, top: float, width: float, height: float) -> Rect:
        x1, y1 = self.canv.absolutePosition(*self._at(left, top + height))
        x2, y2 = self.canv.absolutePosition(*self._at(left + width, top))
        return (x1, y1, x2, y2)

    def _text(self, x: float, y: float, text: str, size: float, *, color: colors.Color = _INK,
              bold: bool = False, centre: bool = False) -> None:
        """One line of any script at baseline ``y``, in the fonts its characters need."""
        canvas = self.canv
        if centre:
            x -= fonts.width(text, size, bold=bold) / 2
        canvas.setFillColor(color)
        px, py = self._at(x, y)
        for font, piece in fonts.runs(text, bold=bold):
            canvas.setFont(font, size)
            canvas.drawString(px, py, piece)
            px += stringWidth(piece, font, size)

    def _box(self, box: Box, page: int) -> None:
        canvas = self.canv
        canvas.setFillColor(colors.white)
        canvas.setStrokeColor(_LINE)
        canvas.setLineWidth(0.8)
        canvas.rect(*self._at(box.x, box.y + box.height), box.width, box.height, stroke=1, fill=1)
        baseline = box.y + PAD
        for line in box.lines:
            baseline += leading(line.size)
            self._text(box.x + PAD, baseline - line.size * 0.25, line.text, line.size,
                       color=_GREY if line.grey else _INK, bold=line.bold)
            if line.sheet:
                rect = self._absolute(box.x, baseline - leading(line.size), box.width, leading(line.size))
                self._links.notes.append((page, rect, line.sheet))
        if box.exhibit:
            self._links.exhibits.append(SectionLink(page, self._absolute(box.x, box.y, box.width, box.height),
                                                    exhibit=box.exhibit))

    def _arrow(self, arrow: Arrow) -> None:
        canvas = self.canv
        (sx, sy), (ex, ey) = self._at(*arrow.start), self._at(*arrow.end)
        canvas.setStrokeColor(_LINE)
        canvas.setLineWidth(0.8)
        canvas.line(sx, sy, ex, ey)
        length = max(((ex - sx) ** 2 + (ey - sy) ** 2) ** 0.5, 1e-6)
        ux, uy = (ex - sx) / length, (ey - sy) / length
        size = 5.5
        bx, by = ex - ux * size, ey - uy * size
        path = canvas.beginPath()
        path.moveTo(ex, ey)
        path.lineTo(bx - uy * size * 0.45, by + ux * size * 0.45)
        path.lineTo(bx + uy * size * 0.45, by - ux * size * 0.45)
        path.close()
        canvas.setFillColor(_LINE)
        canvas.drawPath(path, stroke=0, fill=1)

    def _tag(self, arrow: Arrow) -> None:
        canvas = self.canv
        left, top, width, height = arrow.tag
        canvas.setFillColor(colors.white)
        canvas.setStrokeColor(_GREY)
        canvas.setLineWidth(0.5)
        canvas.roundRect(*self._at(left, top + height), width, height, 2, stroke=1, fill=1)
        self._text(left + width / 2, top + TAG_H - 2.6, str(arrow.number), TEXT_SIZE, centre=True)

