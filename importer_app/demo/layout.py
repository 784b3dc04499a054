"""Business-paper layout for the demo documents: letterhead, tables, signatures and stamps.

A document is a :class:`Sheet`: the issuer's letterhead plus a sequence of blocks (a title,
field grids, boxed fields, line-item tables, text, signatures). :func:`render` lays it out
with reportlab's platypus. Output is byte-for-byte reproducible: the canvas runs in
invariant mode and the PDF's creation date is the document's own date, and the "hand-drawn"
parts (signature strokes, the tilt of a stamp) derive from a hash of the signer's name.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from importer_app.core.datafiles import resources_dir
from importer_app.demo.scenario import Org

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
# Ballpoint blues and a black: signers use their own pens.
_INKS = (colors.HexColor("#1d2a6b"), colors.HexColor("#22346e"), colors.HexColor("#0b3d91"), colors.HexColor("#202020"))
_GREY = colors.HexColor("#5f6368")
_RULE = colors.HexColor("#9aa0a6")
_MARGIN = 16 * mm
_LETTERHEAD_HEIGHT = 30 * mm
_STAMP_RADIUS = 17 * mm


@functools.cache
def register_fonts() -> None:
    """Register DejaVu Sans with reportlab once: it has the Vietnamese glyphs Helvetica lacks."""
    fonts = resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(fonts / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(fonts / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


@dataclass(frozen=True)
class Stamp:
    """A round company seal: ``ring`` printed around the edge, ``center`` lines inside."""

    ring: str
    center: tuple[str, ...] = ("★",)
    color: str = "#c0282d"


@dataclass(frozen=True)
class Signer:
    """One signature cell: who signs, in what capacity, whether it is signed and sealed."""

    caption: str
    name: str
    title: str
    stamp: Stamp | None = None
    signed: bool = True


@dataclass(frozen=True)
class Title:
    """The document's name, centred, with an optional second line."""

    text: str
    subtitle: str = ""


@dataclass(frozen=True)
class Fields:
    """Label/value pairs in a borderless grid (document number, date, terms...)."""

    pairs: tuple[tuple[str, str], ...]
    columns: int = 2


@dataclass(frozen=True)
class Boxes:
    """Label/value pairs in ruled boxes, the way shipping documents print parties."""

    pairs: tuple[tuple[str, str], ...]
    columns: int = 2


@dataclass(frozen=True)
class Items:
    """A ruled table with a shaded header and bold total rows.

    Attributes:
        widths: relative column widths.
        align: one of L, C, R per column.
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    align: str
    totals: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Text:
    """Paragraphs under an optional heading; an empty ``paragraphs`` makes a section heading."""

    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Signatures:
    """A row of signature cells."""

    signers: tuple[Signer, ...]


@dataclass(frozen=True)
class Break:
    """Start a new page."""


Block = Title | Fields | Boxes | Items | Text | Signatures | Break | Flowable
"""A block is one of the dataclasses above or a drawing (a reportlab ``Drawing``), placed as it is."""


@dataclass(frozen=True)
class Sheet:
    """A whole document: who issues it and what it says.

    Attributes:
        number: the issuer's document number, repeated in the footer of every page.
        letter: US paper size (US issuers); A4 otherwise.
        language: ``vi`` puts the issuer's Vietnamese name first and numbers pages "Trang".
    """

    issuer: Org
    number: str
    blocks: tuple[Block, ...]
    letter: bool = False
    language: str = "en"


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=8.6, leading=11.2)
    return {
        "body": base,
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        "head": ParagraphStyle("head", parent=base, fontName=FONT_BOLD, fontSize=7.6, leading=9.4,
                               textColor=colors.white),
        "label": ParagraphStyle("label", parent=base, fontSize=6.8, leading=8.4, textColor=_GREY),
        "title": ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=15, leading=19,
                                alignment=1, spaceAfter=1),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=8.6, leading=11, alignment=1,
                                   textColor=_GREY),
        "h2": ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=9.4, leading=12,
                             spaceBefore=5, spaceAfter=2),
    }


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _signature_path(canvas: Canvas, name: str, x: float, y: float, width: float) -> None:
    """A pen stroke seeded by the name: the same signer always signs the same way.

    Each signer gets a slant, a size and a way of writing capitals and endings; between
    the capitals of their names run loops and humps of varying size, as in a quick hand.
    """
    seed = hashlib.sha256(name.encode()).digest()
    scale = 0.75 + seed[0] % 8 / 14
    words = max(1, min(len(name.split()), 3))
    path = canvas.beginPath()
    path.moveTo(0, 2)
    pos = 0.0
    for word in range(words):
        cap = (12 + seed[1 + word] % 10) * scale
        if (seed[4] + word) % 2:  # a looped capital
            path.curveTo(pos + 2, cap, pos + 9, cap + 2, pos + 7, cap * 0.4)
            path.curveTo(pos + 5, -3, pos + 1, 4, pos + 11, 6)
        else:  # an angular capital
            path.lineTo(pos + 3, cap)
            path.lineTo(pos + 6, 1)
            path.curveTo(pos + 8, cap * 0.6, pos + 10, cap * 0.5, pos + 11, 4)
        pos += 11
        end = pos + width / words * (0.45 + seed[5 + word] % 10 / 40)
        i = 8 + 7 * word
        while pos < end:
            w = (3 + seed[i % 32] % 5) * scale
            h = (2.5 + seed[(i + 5) % 32] % 9) * scale
            if seed[(i + 11) % 32] % 4 == 0:  # a loop, like an l or a d
                path.curveTo(pos + w, h * 1.7, pos - w * 0.3, h * 1.9, pos + w * 0.5, 0)
                pos += w * 0.5
            else:  # a hump, like an m or an n
                path.curveTo(pos + w * 0.1, h, pos + w * 0.9, h, pos + w, 1)
                pos += w
            i += 1
        pos += 3
        if word < words - 1:
            path.moveTo(pos, 2)
    if seed[6] % 3:  # a flourish back under the name
        path.curveTo(pos + 6, 4, pos + 4, -6, pos - width * (0.25 + seed[7] % 20 / 100), -4 - seed[2] % 4)
    canvas.saveState()
    canvas.translate(x, y)
    canvas.skew(0, 8 + seed[3] % 22)
    canvas.setStrokeColor(_INKS[seed[8] % len(_INKS)])
    canvas.setLineWidth(0.6 + seed[9] % 6 / 10)
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()


def _stamp(canvas: Canvas, stamp: Stamp, cx: float, cy: float, tilt: float) -> None:
    """A seal as two rings with the ring text set around the edge, letter by letter."""
    r = _STAMP_RADIUS
    size = 6.4
    canvas.saveState()
    canvas.translate(cx, cy)
    canvas.rotate(tilt)
    canvas.setStrokeColor(colors.HexColor(stamp.color))
    canvas.setFillColor(colors.HexColor(stamp.color))
    canvas.setStrokeAlpha(0.82)
    canvas.setFillAlpha(0.82)
    canvas.setLineWidth(1.6)
    canvas.circle(0, 0, r)
    canvas.setLineWidth(0.6)
    canvas.circle(0, 0, r - 2.4 * mm)
    canvas.circle(0, 0, r - 8.2 * mm)
    text = f"{stamp.ring.upper()} ★ "
    text_radius = r - 2.4 * mm - size * 0.95
    # Seals set the ring text evenly around the whole circle; shrink it when it is too long.
    spread = 2 * math.pi * 0.97
    natural = pdfmetrics.stringWidth(text, FONT_BOLD, size) / text_radius
    if natural > spread:
        size *= spread / natural
    widths = [pdfmetrics.stringWidth(ch, FONT_BOLD, size) for ch in text]
    scale = spread / (sum(widths) / text_radius)
    angle = math.pi / 2 + spread / 2
    canvas.setFont(FONT_BOLD, size)
    for ch, w in zip(text, widths):
        half = w * scale / 2 / text_radius
        angle -= half
        canvas.saveState()
        canvas.rotate(math.degrees(angle) - 90)
        canvas.drawCentredString(0, text_radius, ch)
        canvas.restoreState()
        angle -= half
    inner = 2 * (r - 8.2 * mm) - 2 * mm
    lines = stamp.center
    center_size = min(14.0, *(inner / pdfmetrics.stringWidth(line, FONT_BOLD, 1) for line in lines))
    canvas.setFont(FONT_BOLD, center_size)
    step = center_size * 1.15
    top = (len(lines) - 1) * step / 2 - center_size * 0.35
    for i, line in enumerate(lines):
        canvas.drawCentredString(0, top - i * step, line)
    canvas.restoreState()


class _SignatureCell(Flowable):
    """Caption, pen stroke, rule, name and title; the seal overlapping as ink does."""

    def __init__(self, signer: Signer, width: float) -> None:
        super().__init__()
        self.signer = signer
        self.width = width
        # Room for what is drawn: a seal needs the most, a "[signed]" line in a translation the least.
        self.height = (34 if signer.stamp else 24 if signer.signed else 16) * mm

    def draw(self) -> None:
        c = self.canv
        s = self.signer
        c.setFont(FONT, 7.4)
        c.setFillColor(_GREY)
        c.drawString(0, self.height - 8, s.caption)
        line_y = 11 * mm
        if s.stamp is not None:
            tilt = hashlib.sha256(s.stamp.ring.encode()).digest()[0] % 24 - 12
            _stamp(c, s.stamp, max(self.width * 0.55, self.width - _STAMP_RADIUS - 8 * mm), line_y + 9 * mm, tilt)
        if s.signed:
            _signature_path(c, s.name, 3 * mm, line_y + 5, min(self.width * 0.5, 42 * mm))
        c.setStrokeColor(_RULE)
        c.setLineWidth(0.6)
        c.line(0, line_y, self.width - 6 * mm, line_y)
        c.setFillColor(colors.black)
        c.setFont(FONT_BOLD, 8)
        c.drawString(0, line_y - 10, s.name)
        c.setFont(FONT, 7.4)
        c.setFillColor(_GREY)
        c.drawString(0, line_y - 19, s.title)


def _grid(pairs: tuple[tuple[str, str], ...], columns: int, width: float, boxed: bool,
          styles: dict[str, ParagraphStyle]) -> Table:
    cells = [[_para(label, styles["label"]), _para(value, styles["cell"])] for label, value in pairs]
    if boxed:
        flat = [[label, value] for label, value in cells]
        rows = [flat[i:i + columns] for i in range(0, len(flat), columns)]
        rows[-1] += [""] * (columns - len(rows[-1]))
        table = Table(rows, colWidths=[width / columns] * columns)
        table.setStyle(TableStyle([
            ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
            ("INNERGRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ]))
        return table
    rows = []
    for i in range(0, len(cells), columns):
        row: list = []
        for label, value in cells[i:i + columns]:
            row += [label, value]
        row += ["", ""] * (columns - len(cells[i:i + columns]))
        rows.append(row)
    label_w = width / columns * 0.34
    table = Table(rows, colWidths=[label_w, width / columns - label_w] * columns)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def _items(block: Items, width: float, accent: colors.Color, styles: dict[str, ParagraphStyle]) -> Table:
    aligns = {"L": 0, "C": 1, "R": 2}
    cell_styles = [ParagraphStyle(f"c{a}", parent=styles["cell"], alignment=aligns[a]) for a in block.align]
    bold_styles = [ParagraphStyle(f"b{a}", parent=s, fontName=FONT_BOLD) for a, s in zip(block.align, cell_styles)]
    head_styles = [ParagraphStyle(f"h{a}", parent=styles["head"], alignment=aligns[a]) for a in block.align]
    rows = [[_para(h, s) for h, s in zip(block.header, head_styles)]]
    rows += [[_para(v, s) for v, s in zip(row, cell_styles)] for row in block.rows]
    rows += [[_para(v, s) for v, s in zip(row, bold_styles)] for row in block.totals]
    total = sum(block.widths)
    table = Table(rows, colWidths=[width * w / total for w in block.widths], repeatRows=1)
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), accent),
        ("BOX", (0, 0), (-1, -1), 0.7, colors.black),
        ("INNERGRID", (0, 0), (-1, -1), 0.35, _RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.8),
    ]
    if block.totals:
        first_total = len(rows) - len(block.totals)
        style += [("LINEABOVE", (0, first_total), (-1, first_total), 0.9, colors.black),
                  ("BACKGROUND", (0, first_total), (-1, -1), colors.HexColor("#f1f3f4"))]
    table.setStyle(TableStyle(style))
    return table


def _flowables(sheet: Sheet, width: float) -> list[Flowable]:
    styles = _styles()
    accent = colors.HexColor(sheet.issuer.color)
    story: list[Flowable] = []
    for block in sheet.blocks:
        match block:
            case Title(text, subtitle):
                story.append(_para(text, styles["title"]))
                if subtitle:
                    story.append(_para(subtitle, styles["subtitle"]))
                story.append(Spacer(1, 4 * mm))
            case Fields(pairs, columns):
                story += [_grid(pairs, columns, width, False, styles), Spacer(1, 3 * mm)]
            case Boxes(pairs, columns):
                story += [_grid(pairs, columns, width, True, styles), Spacer(1, 3 * mm)]
            case Items():
                story += [_items(block, width, accent, styles), Spacer(1, 3 * mm)]
            case Text(heading, paragraphs):
                parts: list[Flowable] = [_para(heading, styles["h2"])] if heading else []
                parts += [_para(p, styles["body"]) for p in paragraphs]
                story += [KeepTogether(parts), Spacer(1, 2.5 * mm)]
            case Signatures(signers):
                cell_w = width / max(len(signers), 2)
                row = [_SignatureCell(s, cell_w) for s in signers]
                for cell in row:  # one height for the row, so the captions line up
                    cell.height = max(c.height for c in row)
                table = Table([row], colWidths=[cell_w] * len(signers), hAlign="LEFT")
                table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
                story += [Spacer(1, 4 * mm), KeepTogether([table])]
            case Break():
                story.append(PageBreak())
            case Flowable():
                story += [block, Spacer(1, 3 * mm)]
    return story


def _letterhead(sheet: Sheet, canvas: Canvas, page_w: float, page_h: float) -> None:
    org = sheet.issuer
    accent = colors.HexColor(org.color)
    top = page_h - _MARGIN
    canvas.saveState()
    canvas.setFillColor(accent)
    canvas.roundRect(_MARGIN, top - 16 * mm, 16 * mm, 16 * mm, 2.2 * mm, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    canvas.setFont(FONT_BOLD, 17)
    canvas.drawCentredString(_MARGIN + 8 * mm, top - 10.5 * mm, org.short)
    x = _MARGIN + 20 * mm
    first, second = org.name, org.name_local
    if sheet.language == "vi" and org.name_local:
        first, second = second.upper(), first
    canvas.setFillColor(accent)
    canvas.setFont(FONT_BOLD, 13)
    canvas.drawString(x, top - 4.6 * mm, first)
    y = top - 8.6 * mm
    canvas.setFillColor(_GREY)
    if second:
        canvas.setFont(FONT_BOLD, 8.4)
        canvas.drawString(x, y, second)
        y -= 3.8 * mm
    canvas.setFont(FONT, 7.6)
    for line in (" · ".join(org.address), org.contact, org.registration):
        canvas.drawString(x, y, line)
        y -= 3.4 * mm
    canvas.setStrokeColor(accent)
    canvas.setLineWidth(1.4)
    rule_y = page_h - _MARGIN - _LETTERHEAD_HEIGHT + 3 * mm
    canvas.line(_MARGIN, rule_y, page_w - _MARGIN, rule_y)
    canvas.setStrokeColor(_RULE)
    canvas.setLineWidth(0.4)
    canvas.line(_MARGIN, _MARGIN + 2 * mm, page_w - _MARGIN, _MARGIN + 2 * mm)
    canvas.setFont(FONT, 6.6)
    canvas.drawString(_MARGIN, _MARGIN - 1 * mm, f"{org.name} · {sheet.number}")
    page_word = "Trang" if sheet.language == "vi" else "Page"
    canvas.drawRightString(page_w - _MARGIN, _MARGIN - 1 * mm, f"{page_word} {canvas.getPageNumber()}")
    canvas.setFillColor(colors.HexColor("#b0b4b8"))
    canvas.setFont(FONT, 5.6)
    canvas.drawCentredString(page_w / 2, _MARGIN - 5 * mm,
                             "Fictional specimen from the importer_app demo case; all parties are invented.")
    canvas.restoreState()


def render(sheet: Sheet, path: Path, *, title: str, date: dt.date) -> None:
    """Lay out ``sheet`` and write it to ``path`` as a PDF.

    Args:
        title: the PDF's Title metadata.
        date: the document's date, also written as the PDF creation date.
    """
    register_fonts()
    page_w, page_h = LETTER if sheet.letter else A4
    width = page_w - 2 * _MARGIN
    frame = Frame(_MARGIN, _MARGIN + 4 * mm, width, page_h - 2 * _MARGIN - _LETTERHEAD_HEIGHT - 4 * mm,
                  leftPadding=0, rightPadding=0)

    def on_page(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        # A fixed date instead of the clock: two runs must give identical bytes.
        canvas.setDateFormatter(lambda *_: f"D:{date:%Y%m%d}090000+00'00'")
        _letterhead(sheet, canvas, page_w, page_h)

    doc = BaseDocTemplate(str(path), pagesize=(page_w, page_h), invariant=1, title=title,
                          author=sheet.issuer.name, subject=sheet.number, creator=sheet.issuer.name)
    doc.addPageTemplates([PageTemplate("paper", frames=[frame], onPage=on_page)])
    doc.build(_flowables(sheet, width))
