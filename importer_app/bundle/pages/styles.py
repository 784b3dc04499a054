"""Paragraph styles and ruled tables shared by the generated pages.

One sober house style: DejaVu Sans, black on white, grey rules, no colour that a black-and-
white printer would lose. Cell texts are paragraphs, so long names and messages wrap inside
their column instead of running over the next one.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Sequence
from typing import Final

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, LongTable, Paragraph, Spacer, Table, TableStyle

from importer_app.bundle.pages import fonts

RULE: Final = colors.HexColor("#9aa0a6")
SHADE: Final = colors.HexColor("#eceff1")

# No paragraph leaves its first line alone at a page's foot or its last line alone at the top.
BODY: Final = ParagraphStyle("body", fontName=fonts.SANS, fontSize=9.5, leading=13, spaceAfter=6, allowOrphans=0,
                             allowWidows=0)
NOTE: Final = ParagraphStyle("note", parent=BODY, fontSize=8, leading=10.5, textColor=colors.HexColor("#5f6368"))
TITLE: Final = ParagraphStyle("title", parent=BODY, fontName=fonts.SANS_BOLD, fontSize=15, leading=19,
                              spaceAfter=4)
SUBTITLE: Final = ParagraphStyle("subtitle", parent=NOTE, fontSize=8.5, spaceAfter=10)
HEADING: Final = ParagraphStyle("heading", parent=BODY, fontName=fonts.SANS_BOLD, fontSize=11.5, leading=15,
                                spaceBefore=10, spaceAfter=5, keepWithNext=1)
SUBHEADING: Final = ParagraphStyle("subheading", parent=HEADING, fontSize=9.5, leading=12.5, spaceBefore=6,
                                   spaceAfter=3)
CELL: Final = ParagraphStyle("cell", parent=BODY, fontSize=8, leading=9.8, spaceAfter=0)
CELL_BOLD: Final = ParagraphStyle("cell-bold", parent=CELL, fontName=fonts.SANS_BOLD)
_SPLIT_MIN: Final = 36
"""Points: the smallest part of a row split inside (see ``_Table``)."""
_MEASURED_FIRST: Final = 64
"""Rows of a table measured at first at a page break (see ``_Table``): more than a page of
the shortest rows, so that the first run is usually the only one. The rest of the table must
stay taller than a split row's smallest part (reportlab compares the two), and 63 rows of at
least their padding are."""
LEAST_ROWS: Final = 2
"""Rows of a table that a page break never leaves alone: a page holds at least this many of a
table's rows under its header, unless the table has fewer."""


def table_style(commands: list[tuple[object, ...]]) -> TableStyle:
    """A table style that also sets the cells' own font to ours: reportlab sets each cell's
    font before drawing it, Helvetica unless told, and so puts an unused, non-embedded
    Helvetica in every PDF with a table."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.SANS), *commands])


class _Paragraph(Paragraph):
    """A paragraph that breaks its lines once per width.

    A table cell is wrapped when the table measures its rows, again when a page break splits
    the table, and again when it is drawn, always at its column's width; breaking the lines
    is most of a large table's time, and the result depends on the width alone.
    """

    _wrapped_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # split() drops the broken lines when it keeps the paragraph whole: break them again then.
        if availWidth != self._wrapped_at or "blPara" not in self.__dict__:
            size = super().wrap(availWidth, availHeight)
            if size[1] == 0x7fffffff:
                return size  # too narrow to hold anything: nothing was broken
            self._wrapped_at = availWidth
        return self.width, self.height


def para(markup: str, style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph from markup (``fonts.markup`` output or a template's ``para``)."""
    frags = _parsed(markup, style)
    if frags is None:
        return _Paragraph(markup, style)
    # Each paragraph gets its own fragments: breaking and drawing lines write to them.
    return _Paragraph(markup, style, frags=[copy.copy(frag) for frag in frags])


def plain(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph from plain text of any script."""
    return para(fonts.markup(text), style)


@functools.lru_cache(maxsize=8192)
def _parsed(markup: str, style: ParagraphStyle) -> tuple[object, ...] | None:
    """The fragments reportlab parses ``markup`` into, parsed once: most cells of a large table
    repeat a few texts ("1,000 kg", a country, a state), and parsing is a third of a cell's cost.
    None when the markup changes the style itself (a ``<para>`` tag), which is not cached."""
    probe = Paragraph(markup, style)
    return tuple(probe.frags) if probe.style is style and probe.bulletText is None else None


def space(points: float) -> Spacer:
    return Spacer(1, points)


def table(header: Sequence[str], rows: Sequence[Sequence[str | Paragraph | list[Flowable]]], widths: Sequence[float],
          *, style: ParagraphStyle = CELL) -> _Table:
    """A ruled table with a shaded header row repeated on every page.

    Args:
        header: column titles (plain text).
        rows: cells as plain text, ready paragraphs, or lists of flowables (stacked).
        widths: column widths in points.
        style: the style of plain-text cells.

    A row that does not fit moves to the next page whole; only a row taller than a whole page
    (a reason pages long) is split inside. A page break never leaves fewer than ``LEAST_ROWS``
    rows on either side of it, and the header row repeats on every page.
    """
    data: list[list[Paragraph | list[Flowable]]] = [[plain(title, CELL_BOLD) for title in header]]
    data += [[cell if isinstance(cell, Paragraph | list) else plain(cell, style) for cell in row] for row in rows]
    result = _Table(data, colWidths=list(widths), repeatRows=1)
    result.house_style = table_style([
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3.5),
    ])
    result.setStyle(result.house_style)
    return result


def headed_table(lead: Sequence[Flowable], header: Sequence[str],
                 rows: Sequence[Sequence[str | Paragraph | list[Flowable]]], widths: Sequence[float],
                 *, style: ParagraphStyle = CELL) -> list[Flowable]:
    """``lead`` (a heading, an introduction) then a ``table`` of the other arguments, the lead
    never left at a page's foot without the table's header and first rows.

    Keep-with-next would move the whole table to the next page whenever it is longer than the
    rest of this one, leaving a page of a few lines before it; here the lead and the start of
    the table move only when the start does not fit, and the table then runs on as it fits.
    """
    body = table(header, rows, widths, style=style)
    for flowable in lead:
        flowable.keepWithNext = 0  # type: ignore[attr-defined]
    return [_RoomFor([*lead, body.start()]), *lead, body]


class _RoomFor(CondPageBreak):
    """A page break unless the rest of the page holds ``flowables``, measured at its width."""

    def __init__(self, flowables: Sequence[Flowable]) -> None:
        super().__init__(0)
        self._flowables = list(flowables)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        frame = self._doctemplateAttr("frame")
        if frame is not None and getattr(frame, "_atTop", False):
            return 0, 0  # a new page would not hold them either
        self.height = sum(flowable.getSpaceBefore() + flowable.wrap(availWidth, availHeight)[1]
                          + flowable.getSpaceAfter() for flowable in self._flowables)
        return super().wrap(availWidth, availHeight)


class _Table(LongTable):
    """A table that splits a row inside only when the row is taller than a whole frame.

    A ``LongTable`` is meant to measure its rows only down to the foot of the page at each page
    break, where a plain ``Table`` measures every row still to come; reportlab's ``LongTable``
    stops early only in a table with cells spanning rows, so this one measures the rows in
    growing runs until they pass the room given (``_calc_height``), and answers a measure with
    unlimited room (a heading kept with its table asks it) at the height of a page (``wrap``).
    Measured to its end, a table of thousands of rows (a case of 10,000 companies) took time
    growing with the square of its rows.

    reportlab either never splits a row (and stops the build at a row taller than a page) or,
    with ``splitInRow``, splits any row that meets the foot of a page; this splits a row only
    once it stands at the top of a frame and still does not fit.
    """

    house_style: TableStyle

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # More room than a page is a question whether the table fits (KeepTogether measures its
        # content so, then compares the height with the room left in the frame): taller than
        # the page answers it, without measuring every row.
        canvas = getattr(self, "canv", None)
        page_height = canvas._pagesize[1] if canvas is not None else availHeight
        size: tuple[float, float] = super().wrap(availWidth, min(availHeight, page_height))
        return size

    def _calc_height(self, availHeight: float, availWidth: float, H: object = None, W: object = None) -> None:
        # reportlab measures the rows of ``_argH`` (None: to measure) and leaves the measured
        # heights in ``_rowHeights`` and their total in ``_height``: give it the first rows only,
        # twice as many each time, until they are taller than the room; the rows after them stay
        # unmeasured, as reportlab's own early stop leaves them.
        given = self._argH
        known = given
        count = _MEASURED_FIRST
        try:
            while True:
                self._argH = self._rowHeights = known[:count]
                super()._calc_height(availHeight, availWidth, H, W)
                known = self._rowHeights + known[count:]
                if count >= len(known) or self._height > availHeight:
                    break
                count *= 2
        finally:
            self._argH = given
        self._rowHeights = known

    def start(self) -> Table:
        """What of this table a page must hold before the first break, as a table of its own (to
        measure): the header and ``LEAST_ROWS`` rows, or every row of a table too short to split."""
        rows = len(self._cellvalues) - self.repeatRows
        kept = LEAST_ROWS if rows >= 2 * LEAST_ROWS else rows
        return Table(self._cellvalues[:self.repeatRows + kept], colWidths=self._colWidths, style=self.house_style)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        at_top = getattr(getattr(self, "_frame", None), "_atTop", False)
        parts = self._split_between_rows(availWidth, availHeight, at_top=at_top)
        if parts or not at_top:
            return parts
        self.splitInRow = _SPLIT_MIN
        try:
            parts = super().split(availWidth, availHeight)
        finally:
            self.splitInRow = 0
        for part in parts:
            part.splitInRow = 0  # type: ignore[attr-defined]
        return parts

    def _split_between_rows(self, availWidth: float, availHeight: float, *, at_top: bool) -> list[Flowable]:
        """A split between rows that leaves at least ``LEAST_ROWS`` rows on each side.

        Too few rows before the break: nothing (the table starts on the next page), unless
        the table already stands at the top of a page and cannot do better. Too few after
        it: the break moves up by the missing rows, when the rows before it can spare them.
        """
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        header = self.repeatRows
        kept = len(parts[0]._cellvalues) - header  # type: ignore[attr-defined]
        left = len(parts[1]._cellvalues) - header  # type: ignore[attr-defined]
        if kept < LEAST_ROWS:
            return parts if at_top else []
        if left >= LEAST_ROWS:
            return parts
        if kept - (LEAST_ROWS - left) < LEAST_ROWS:
            return parts if at_top else []
        # The rows' heights were measured by the split above; stop just below the last row kept.
        shorter = sum(self._rowHeights[:header + kept - (LEAST_ROWS - left)]) + 0.01
        return super().split(availWidth, shorter)


def fields(pairs: Sequence[tuple[str, str]], widths: tuple[float, float]) -> Table:
    """Label / value rows without a header, labels bold (identifiers, addresses)."""
    data = [[plain(label, CELL_BOLD), plain(value, CELL)] for label, value in pairs]
    result = Table(data, colWidths=list(widths))
    result.setStyle(table_style([
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return result
