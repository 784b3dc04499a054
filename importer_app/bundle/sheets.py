"""Pages the assembly draws itself: ruled tables laid out first, then drawn.

The index of exhibits, the volume covers and the manifest need to know, before anything is
drawn, how many pages they take (page numbers elsewhere depend on it) and where each row
lands (the index's links). So a table is laid out in one pass that only measures text, and
drawn in a second; the row heights never depend on the values that are filled in late,
because those columns have a fixed width and one line.

The look follows the generated pages (``bundle.pages``): DejaVu Sans, grey rules, the same
margins and a "page i of n" footer.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Final

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from importer_app.bundle.pages import fonts
from importer_app.bundle.pages.section import FOOTER_Y, GREY, MARGIN
from importer_app.bundle.plan import PAPER_SIZES, BundleOptions

RULE: Final = colors.HexColor("#9aa0a6")
SHADE: Final = colors.HexColor("#eceff1")
TITLE_SIZE: Final = 15.0
TEXT_SIZE: Final = 9.0
CELL_SIZE: Final = 8.0
LEADING: Final = 1.25
PAD: Final = 3.0
SIGNATURE_GAP: Final = 14.0
_PLAIN: Final = re.compile(r"[\u0000-\u058f\u1e00-\u20cf\u2100-\u218f]*")
"""Text DejaVu Sans draws as it comes: Latin (Vietnamese too), Greek, Cyrillic, punctuation."""

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Column:
    """A table column.

    Attributes:
        title: the header text.
        width: points.
        lines: the most lines a cell may wrap to; the rest is cut with an ellipsis.
        bold: draw the cells in bold.
    """

    title: str
    width: float
    lines: int = 1
    bold: bool = False


@dataclass(frozen=True)
class Row:
    """A table row: one text per column, or one heading across the table.

    Attributes:
        cells: the texts (a cell may hold several lines separated by newlines).
        key: names the row so its place can be found after layout (an exhibit id).
        heading: the first cell spans the whole table in bold (a step title).
    """

    cells: tuple[str, ...]
    key: str = ""
    heading: bool = False


@dataclass(frozen=True)
class Placed:
    """Where a row landed: ``page`` counts from 0 within the sheet, ``box`` in points."""

    row: Row
    page: int
    box: Box
    lines: tuple[tuple[str, ...], ...]


def text_width(options: BundleOptions) -> float:
    """The width between the margins of a page of ``options.paper``."""
    return PAPER_SIZES[options.paper][0] - 2 * MARGIN


@dataclass(frozen=True)
class Sheet:
    """A titled run of pages with paragraphs and a table.

    Attributes:
        title: printed at the top of the first page.
        continued: printed at the top of the following pages.
        intro: paragraphs under the title.
        footer: text before "page i of n" at the foot of every page.
        columns: the table's columns; their widths should add up to ``text_width``.
        rows: the table's rows.
        options: paper size and document date.
        signature: width, height and caption of a dashed box drawn under the table on the
            last page, where a visible digital signature will go; None for no box.
    """

    title: str
    continued: str
    intro: tuple[str, ...]
    footer: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    options: BundleOptions
    signature: tuple[float, float, str] | None = None

    @property
    def size(self) -> tuple[float, float]:
        return PAPER_SIZES[self.options.paper]

    def layout(self) -> LaidOut:
        """Measure every row and decide its page and place."""
        fonts.register()
        width = text_width(self.options)
        placed: list[Placed] = []
        page = 0
        header = _header_height()
        y = self.table_top(page) - header
        for row in self.rows:
            lines = self._lines(row, width)
            height = max(len(cell) for cell in lines) * CELL_SIZE * LEADING + 2 * PAD
            if y - height < MARGIN:
                page += 1
                y = self.table_top(page) - header
            placed.append(Placed(row, page, (MARGIN, y - height, MARGIN + width, y), lines))
            y -= height
        if self.signature is not None and y - SIGNATURE_GAP - self.signature[1] < MARGIN:
            page += 1
        return LaidOut(self, tuple(placed), page + 1)

    def intro_lines(self) -> list[str]:
        return [line for paragraph in self.intro
                for line in wrap(paragraph, TEXT_SIZE, text_width(self.options), max_lines=8)]

    def table_top(self, page: int) -> float:
        top = self.size[1] - MARGIN - TITLE_SIZE * LEADING - 6
        if page == 0:
            top -= len(self.intro_lines()) * TEXT_SIZE * LEADING + (8 if self.intro else 0)
        return top

    def _lines(self, row: Row, width: float) -> tuple[tuple[str, ...], ...]:
        if row.heading:
            return (tuple(wrap(row.cells[0], CELL_SIZE, width - 2 * PAD, bold=True, max_lines=2)),)
        cells = []
        for text, column in zip(row.cells, self.columns, strict=True):
            room = column.width - 2 * PAD
            lines: list[str] = []
            for part in text.split("\n"):
                lines += wrap(part, CELL_SIZE, room, bold=column.bold, max_lines=column.lines) or [""]
            if len(lines) > column.lines:
                lines = lines[: column.lines - 1] + [fonts.fit(" ".join(lines[column.lines - 1:]), CELL_SIZE, room)]
            cells.append(tuple(lines))
        return tuple(cells)


@dataclass(frozen=True)
class LaidOut:
    """A sheet with every row placed: its page count is final.

    Attributes:
        placed: every row with its page and box.
        pages: how many pages the sheet takes.
    """

    sheet: Sheet
    placed: tuple[Placed, ...]
    pages: int

    def boxes(self) -> dict[str, tuple[int, Box]]:
        """The page and box of every keyed row, by key."""
        return {placed.row.key: (placed.page, placed.box) for placed in self.placed if placed.row.key}

    def signature_box(self) -> tuple[int, Box] | None:
        """The page and box of the signature box under the table; None when it has none."""
        if self.sheet.signature is None:
            return None
        width, height, _ = self.sheet.signature
        page = self.pages - 1
        last = [placed for placed in self.placed if placed.page == page]
        top = (last[-1].box[1] if last else self.sheet.table_top(page) - _header_height()) - SIGNATURE_GAP
        return page, (MARGIN, top - height, MARGIN + width, top)

    def draw(self) -> bytes:
        """The sheet as PDF bytes."""
        out = io.BytesIO()
        canvas = Canvas(out, pagesize=self.sheet.size, invariant=1, pageCompression=1, initialFontName=fonts.SANS)
        date = self.sheet.options.document_date
        # The document date, not the clock: two builds must give identical bytes.
        canvas.setDateFormatter(lambda *_: f"D:{date:%Y%m%d}000000+00'00'")
        canvas.setTitle(self.sheet.title)
        canvas.setAuthor("importer_app")
        for page in range(self.pages):
            self._draw_page(canvas, page)
            canvas.showPage()
        canvas.save()
        return out.getvalue()

    def _draw_page(self, canvas: Canvas, page: int) -> None:
        sheet = self.sheet
        y = sheet.size[1] - MARGIN - TITLE_SIZE
        draw_text(canvas, MARGIN, y, sheet.title if page == 0 else sheet.continued, TITLE_SIZE, bold=True)
        y -= TITLE_SIZE * (LEADING - 1) + 6
        if page == 0:
            for line in sheet.intro_lines():
                y -= TEXT_SIZE * LEADING
                draw_text(canvas, MARGIN, y, line, TEXT_SIZE)
        if sheet.columns and any(placed.page == page for placed in self.placed):
            self._draw_header(canvas, sheet.table_top(page))
        for placed in self.placed:
            if placed.page == page:
                self._draw_row(canvas, placed)
        signature = self.signature_box()
        if signature is not None and signature[0] == page and sheet.signature is not None:
            self._draw_signature_box(canvas, signature[1], sheet.signature[2])
        canvas.saveState()
        canvas.setFillColor(GREY)
        draw_text(canvas, MARGIN, FOOTER_Y, f"{sheet.footer} · page {page + 1} of {self.pages}", 7)
        canvas.restoreState()

    def _draw_header(self, canvas: Canvas, top: float) -> None:
        bottom = top - _header_height()
        canvas.saveState()
        canvas.setFillColor(SHADE)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.rect(MARGIN, bottom, text_width(self.sheet.options), top - bottom, stroke=1, fill=1)
        canvas.restoreState()
        x = MARGIN
        for column in self.sheet.columns:
            draw_text(canvas, x + PAD, top - PAD - CELL_SIZE, column.title, CELL_SIZE, bold=True)
            x += column.width

    def _draw_row(self, canvas: Canvas, placed: Placed) -> None:
        x0, y0, x1, y1 = placed.box
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.setFillColor(SHADE)
        canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=1, fill=1 if placed.row.heading else 0)
        canvas.restoreState()
        columns = (Column("", x1 - x0, bold=True),) if placed.row.heading else self.sheet.columns
        x = x0
        for column, lines in zip(columns, placed.lines, strict=True):
            for number, line in enumerate(lines):
                baseline = y1 - PAD - CELL_SIZE - number * CELL_SIZE * LEADING
                draw_text(canvas, x + PAD, baseline, line, CELL_SIZE, bold=column.bold)
            x += column.width


    @staticmethod
    def _draw_signature_box(canvas: Canvas, box: Box, caption: str) -> None:
        # The same dashed box the cover letter draws, so a signed volume looks like the letter.
        x0, y0, x1, y1 = box
        canvas.saveState()
        canvas.setStrokeColor(GREY)
        canvas.setDash(2, 2)
        canvas.setLineWidth(0.6)
        canvas.rect(x0, y0, x1 - x0, y1 - y0)
        canvas.setFillColor(GREY)
        draw_text(canvas, x0 + 4, y0 + 4, caption, 7)
        canvas.restoreState()


def _header_height() -> float:
    return CELL_SIZE * LEADING + 2 * PAD


def wrap(text: str, size: float, limit: float, *, bold: bool = False, max_lines: int = 3) -> list[str]:
    """``fonts.wrap``, with a shortcut for the common line that fits as it is."""
    if _PLAIN.fullmatch(text) and pdfmetrics.stringWidth(text, fonts.SANS_BOLD if bold else fonts.SANS, size) <= limit:
        return [text] if text else []
    return fonts.wrap(text, size, limit, bold=bold, max_lines=max_lines)


def draw_text(canvas: Canvas, x: float, y: float, text: str, size: float, *, bold: bool = False) -> float:
    """Draw one line of any script at ``x``, ``y``; returns the x where it ends."""
    if _PLAIN.fullmatch(text):
        # Latin, Greek and Cyrillic need no font switch and no reordering: the index and the
        # manifest draw thousands of such lines, and ``fonts.runs`` looks at every character.
        font = fonts.SANS_BOLD if bold else fonts.SANS
        canvas.setFont(font, size)
        canvas.drawString(x, y, text)
        return x + canvas.stringWidth(text, font, size)
    for font, piece in fonts.runs(text, bold=bold):
        canvas.setFont(font, size)
        canvas.drawString(x, y, piece)
        x += canvas.stringWidth(piece, font, size)
    return x
