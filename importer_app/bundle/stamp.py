"""The stamp on every exhibit page: exhibit id, "page i of n" and the Bates number.

The stamp runs along the bottom of the page as the reader sees it, so it is upright whatever
the page's /Rotate, and it is placed inside the visible area (the CropBox, which need not
start at 0,0). It never covers the document: finding out whether a page has an empty bottom
margin would mean rendering it (and a scan always "has content" there: its paper), so every
exhibit page is instead scaled down by the height of the stamp band, about 3 percent on a
Letter page, and clipped to its old visible area. Link and form annotations move with it.

The stamp is raw page content in one embedded font (DejaVu Sans, printable ASCII), shared by
every page: drawing 5,000 stamps through a PDF library's merge would cost seconds.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import Final

import pikepdf
from pikepdf import Array, Dictionary, Name
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from importer_app.bundle.pages import fonts

BASE_FONT_SIZE: Final = 8.0
"""Points on a Letter or A4 page; larger pages get a proportionally larger stamp, so it stays
legible when the page is printed shrunk to fit."""
BAND_FACTOR: Final = 2.75
"""Height of the stamp band in font sizes: the text with a clear gap above and below."""
MIN_FONT_SIZE: Final = 4.0

_REGULAR: Final = Name("/ImporterAppStamp")
_BOLD: Final = Name("/ImporterAppStampBold")
_REGULAR_OP: Final = _REGULAR.unparse()
_BOLD_OP: Final = _BOLD.unparse()
_INHERITED: Final = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class PageFrame:
    """Where a page shows and which way up.

    Attributes:
        box: the visible area (CropBox clipped to MediaBox) in the page's own coordinates.
        rotation: /Rotate, clockwise, 0, 90, 180 or 270.
    """

    box: Box
    rotation: int

    @property
    def width(self) -> float:
        """Width as the reader sees the page."""
        x0, y0, x1, y1 = self.box
        return (x1 - x0) if self.rotation in (0, 180) else (y1 - y0)

    @property
    def height(self) -> float:
        """Height as the reader sees the page."""
        x0, y0, x1, y1 = self.box
        return (y1 - y0) if self.rotation in (0, 180) else (x1 - x0)

    def upright(self) -> pikepdf.Matrix:
        """Maps reader coordinates (origin bottom-left of the page as shown) to page coordinates."""
        x0, y0, x1, y1 = self.box
        return {
            0: pikepdf.Matrix(1, 0, 0, 1, x0, y0),
            90: pikepdf.Matrix(0, 1, -1, 0, x1, y0),
            180: pikepdf.Matrix(-1, 0, 0, -1, x1, y1),
            270: pikepdf.Matrix(0, -1, 1, 0, x0, y1),
        }[self.rotation]

    def font_size(self) -> float:
        return BASE_FONT_SIZE * max(1.0, min(self.width, self.height) / 612.0)

    def shrink(self) -> pikepdf.Matrix:
        """Maps page coordinates to where that point lands once the page is scaled above the band."""
        band = BAND_FACTOR * self.font_size()
        scale = max(0.5, (self.height - band) / self.height)
        to_reader = self.upright()
        in_reader = pikepdf.Matrix(scale, 0, 0, scale, self.width * (1 - scale) / 2, self.height - self.height * scale)
        return to_reader.inverse() @ in_reader @ to_reader


def page_frame(page: Dictionary) -> PageFrame:
    """The frame of a page whose inherited attributes are on the page itself."""
    media = _rect(page.get("/MediaBox"))
    if media is None or media[2] - media[0] < 1 or media[3] - media[1] < 1:
        # Intake gives every page a box with an area; a document stored before it did may not.
        media = (0.0, 0.0, 612.0, 792.0)
    crop = _rect(page.get("/CropBox")) or media
    box = (max(crop[0], media[0]), max(crop[1], media[1]), min(crop[2], media[2]), min(crop[3], media[3]))
    if box[2] - box[0] < 1 or box[3] - box[1] < 1:
        box = media
    rotate = page.get("/Rotate", 0)
    degrees = float(rotate) if _is_number(rotate) else 0.0
    return PageFrame(box=box, rotation=(round(degrees / 90) * 90) % 360)


def push_inherited(page: Dictionary) -> None:
    """Copy /Resources, boxes and /Rotate from the page tree onto the page.

    The bundle gives each page a new parent, so what a page inherited must be its own first.
    """
    missing = [key for key in _INHERITED if key not in page]
    node = page.get("/Parent")
    seen = 0
    while missing and isinstance(node, Dictionary) and seen < 64:
        for key in list(missing):
            if key in node:
                page[key] = node[key]
                missing.remove(key)
        node = node.get("/Parent")
        seen += 1


@dataclass(frozen=True)
class _Geometry:
    """What every page of one frame shares: computed once per frame, not once per page."""

    shrink: pikepdf.Matrix
    upright: pikepdf.Matrix
    opening: pikepdf.Stream
    prefix: bytes
    width: float
    size: float
    baseline: float


class Stamper:
    """Stamps exhibit pages of one PDF: one shared font pair, one shared stream per page geometry."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        fonts.register()
        self._pdf = pdf
        with pikepdf.open(io.BytesIO(_font_carrier())) as carrier:
            font_dict = carrier.pages[0].Resources.Font
            names = {str(font.BaseFont).split("+", 1)[-1]: font for font in font_dict.values()}
            self._regular = pdf.copy_foreign(names["DejaVuSans"])
            self._bold = pdf.copy_foreign(names["DejaVuSans-Bold"])
        # Glyph widths of printable ASCII in 1/1000 em: measuring 10,000 stamps through
        # reportlab's stringWidth would cost more than the rest of the stamping.
        self._widths = {bold: {chr(code): pdfmetrics.stringWidth(chr(code), fonts.SANS_BOLD if bold else fonts.SANS,
                                                                  1000) for code in range(32, 127)}
                        for bold in (False, True)}
        self._geometries: dict[PageFrame, _Geometry] = {}

    def stamp(self, page: Dictionary, left: str, right: str, middle: str = "") -> Box | None:
        """Shrink ``page`` above the band, move its annotations with it, and stamp the band.

        Args:
            left: the exhibit id and page, printed on the left.
            right: the Bates number, printed on the right in bold.
            middle: printed in the middle (the words of a link the caller adds).

        Returns:
            Where ``middle`` is, in the page's own coordinates; None without it.
        """
        geometry = self._geometry(page_frame(page))
        if Name.Annots in page:
            move_annotations(page, geometry.shrink)
        # The stamp is a few hundred bytes: stored as it is, compressing it would cost more
        # time than it saves space (the volume is saved without recompressing anything).
        text, middle_box = self._text(geometry, left, right, middle)
        self._append(page, [geometry.opening], [pikepdf.Stream(self._pdf, geometry.prefix + text)])
        return _map_rect(geometry.upright, middle_box) if middle_box is not None else None

    def folio(self, page: Dictionary, text: str, right_margin: float, baseline: float) -> None:
        """Print a page number on a generated page, ``right_margin`` from its right edge (as shown)."""
        frame = page_frame(page)
        size = BASE_FONT_SIZE
        x = frame.width - right_margin - self._width(text, size, bold=False)
        content = b"q " + frame.upright().encode() + b" cm 0 g BT %s %s Tf %s %s Td (%s) Tj ET Q\n" % (
            _REGULAR_OP, _num(size), _num(x), _num(baseline), _pdf_string(text))
        # The page's own content may leave its graphics state changed: it runs inside q ... Q.
        self._append(page, [pikepdf.Stream(self._pdf, b"q\n")], [pikepdf.Stream(self._pdf, b"\nQ\n" + content)])

    def _append(self, page: Dictionary, before: list[pikepdf.Stream], after: list[pikepdf.Stream]) -> None:
        contents = page.get(Name.Contents)
        existing = list(contents) if isinstance(contents, Array) else ([contents] if contents is not None else [])
        page.Contents = Array([*before, *existing, *after])
        resources = page.get(Name.Resources)
        if not isinstance(resources, Dictionary):
            resources = page.Resources = Dictionary()
        font_dict = resources.get(Name.Font)
        if not isinstance(font_dict, Dictionary):
            font_dict = resources.Font = Dictionary()
        if _BOLD not in font_dict:
            font_dict[_REGULAR] = self._regular
            font_dict[_BOLD] = self._bold

    def _geometry(self, frame: PageFrame) -> _Geometry:
        geometry = self._geometries.get(frame)
        if geometry is None:
            x0, y0, x1, y1 = frame.box
            shrink = frame.shrink()
            opening = b"q " + shrink.encode() + b" cm %s %s %s %s re W n\n" % (
                _num(x0), _num(y0), _num(x1 - x0), _num(y1 - y0))
            size = frame.font_size()
            geometry = self._geometries[frame] = _Geometry(
                shrink=shrink, upright=frame.upright(), opening=pikepdf.Stream(self._pdf, opening),
                prefix=b"\nQ\nq " + frame.upright().encode() + b" cm 0 g ", width=frame.width, size=size,
                baseline=BAND_FACTOR * size * 0.36)
        return geometry

    def _text(self, geometry: _Geometry, left: str, right: str, middle: str) -> tuple[bytes, Box | None]:
        """Draws ``left``, ``middle`` and ``right`` (bold) along the bottom of the page as shown;
        returns the stream and the box of ``middle`` (reader coordinates)."""
        size = geometry.size
        margin = 2.25 * size
        room = geometry.width - 2 * margin
        middle_w = self._width(middle, size, bold=False)
        needed = (self._width(left, size, bold=False) + self._width(right, size, bold=True) + 2 * size
                  + (middle_w + 2 * size if middle else 0))
        if needed > room:
            size = max(MIN_FONT_SIZE, size * room / needed)
            middle_w = self._width(middle, size, bold=False)
        right_x = geometry.width - margin - self._width(right, size, bold=True)
        baseline = _num(geometry.baseline)
        text = (b"BT %s %s Tf %s %s Td (%s) Tj ET BT %s %s Tf %s %s Td (%s) Tj ET" % (
            _REGULAR_OP, _num(size), _num(margin), baseline, _pdf_string(left),
            _BOLD_OP, _num(size), _num(right_x), baseline, _pdf_string(right)))
        if not middle:
            return text + b" Q\n", None
        middle_x = (geometry.width - middle_w) / 2
        text += b" BT %s %s Tf %s %s Td (%s) Tj ET" % (_REGULAR_OP, _num(size), _num(middle_x), baseline,
                                                       _pdf_string(middle))
        band = BAND_FACTOR * geometry.size
        return text + b" Q\n", (middle_x - 2, 0.0, middle_x + middle_w + 2, band)

    def _width(self, text: str, size: float, *, bold: bool) -> float:
        widths = self._widths[bold]
        return sum(widths.get(char, 600.0) for char in text) * size / 1000


def move_annotations(page: Dictionary, matrix: pikepdf.Matrix) -> None:
    """Move and scale a page's annotations with its content (links keep their place on the text)."""
    annotations = page.get("/Annots")
    if not isinstance(annotations, Array):
        return
    for annotation in annotations:
        if not isinstance(annotation, Dictionary):
            continue
        rect = _rect(annotation.get("/Rect"))
        if rect is not None:
            annotation.Rect = Array(_map_rect(matrix, rect))
        quads = annotation.get("/QuadPoints")
        if isinstance(quads, Array) and len(quads) % 2 == 0 and all(_is_number(v) for v in quads):
            values = [float(v) for v in quads]
            moved = [coordinate for i in range(0, len(values), 2)
                     for coordinate in matrix.transform((values[i], values[i + 1]))]
            annotation.QuadPoints = Array(moved)


def _map_rect(matrix: pikepdf.Matrix, rect: Box) -> list[float]:
    corners = [matrix.transform((x, y)) for x in (rect[0], rect[2]) for y in (rect[1], rect[3])]
    xs = [x for x, _ in corners]
    ys = [y for _, y in corners]
    return [min(xs), min(ys), max(xs), max(ys)]


def _font_carrier() -> bytes:
    """A one-page PDF that embeds both stamp fonts with every printable ASCII character."""
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1, initialFontName=fonts.SANS)
    canvas.setFont(fonts.SANS, 8)
    canvas.drawString(10, 10, "A")
    canvas.setFont(fonts.SANS_BOLD, 8)
    canvas.drawString(10, 20, "A")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _rect(value: object) -> Box | None:
    if not isinstance(value, Array) or len(value) != 4 or not all(_is_number(v) for v in value):
        return None
    x0, y0, x1, y1 = (float(v) for v in value)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _is_number(value: object) -> bool:
    try:
        return math.isfinite(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _num(value: float) -> bytes:
    return f"{value:.3f}".rstrip("0").rstrip(".").encode()


def _pdf_string(text: str) -> bytes:
    # The stamp font maps printable ASCII to itself (reportlab's "ASCII readable" subset 0).
    data = text.encode("ascii", "replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
