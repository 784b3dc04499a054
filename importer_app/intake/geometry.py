"""Pages the bundle can always bind: one page count, sound page boxes, a plain rotation.

pypdf reads a PDF's text at intake; qpdf (through pikepdf) binds it into the bundle. On a
malformed page tree the two can count different pages (a /Kids entry naming the catalog, a
page object qpdf cannot parse because its /Rotate is 10^22), and a page box without area
breaks the stamp's arithmetic. Intake settles each file once, here: when the engines disagree,
the pages pypdf reads are rewritten into a plain page tree, which qpdf then reads alike; every
page gets a MediaBox with an area (US Letter where it has none, as viewers assume), keeps its
other boxes only where they overlap it, and a /Rotate of 0, 90, 180 or 270. The page count the
case records is qpdf's count of the copy the bundle binds.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import Final

import pikepdf
import pypdf
from pikepdf import Array, Dictionary
from pypdf.generic import NameObject, NumberObject

from importer_app.core.errors import DocumentRefused
from importer_app.core.model import PageInfo
from importer_app.intake.text import PYPDF_DAMAGE, has_text_layer

LETTER: Final = (0.0, 0.0, 612.0, 792.0)
"""The page size viewers assume when a page states none (PDF 32000-1 makes MediaBox required)."""
_OTHER_BOXES: Final = ("/CropBox", "/BleedBox", "/TrimBox", "/ArtBox")
_MIN_SIDE: Final = 1.0
"""A box narrower than a point shows nothing: it is treated as absent."""

Box = tuple[float, float, float, float]


@dataclass
class Settled:
    """A PDF whose pages both engines read alike, ready to describe and bind.

    Attributes:
        pdf: the pikepdf document the bundle copy is saved from (the given one, changed in
            place, or a rewritten one this object owns).
        reader: a pypdf reader over the same pages in the same order.
        changes: what was done, in a few words each, for ``ProcessedFile.rendition_reason``.
        notes: sentences for the user.
        rewritten: ``pdf`` was rewritten from pypdf's pages (scan it again for active content).
    """

    pdf: pikepdf.Pdf
    reader: pypdf.PdfReader
    changes: tuple[str, ...]
    notes: tuple[str, ...]
    rewritten: bool

    def close(self) -> None:
        """Close the rewritten document, if one was made."""
        if self.rewritten:
            self.pdf.close()


def settle(reader: pypdf.PdfReader, pdf: pikepdf.Pdf, name: str) -> Settled:
    """Make ``pdf`` a document whose pages pypdf and qpdf count alike, with sound boxes.

    Args:
        reader: pypdf's unlocked reader over the file.
        pdf: qpdf's view of the same file, opened with inherited page attributes pushed onto
            the pages; changed in place when it is not rewritten.
        name: the file's name, for messages.

    Raises:
        DocumentRefused: ``damaged``: even a rewritten copy is counted differently.
    """
    changes: list[str] = []
    notes: list[str] = []
    rewritten = False
    boxes = rotations = 0
    if len(pdf.pages) != len(reader.pages):
        theirs = len(pdf.pages)
        rotations = sum(not _is_plain(page.get("/Rotate", 0)) for page in reader.pages)
        pdf, reader = _rewrite(reader, name)
        rewritten = True
        ours = len(reader.pages)
        changes.append("page tree rebuilt")
        notes.append(f"its page tree is malformed (PDF readers count {ours} or {theirs} pages): the bundle uses"
                     f" a rebuilt copy of the {ours} page{'s' if ours != 1 else ''} it lists; check them")
    for page, pypdf_page in zip(pdf.pages, reader.pages, strict=True):
        if _settle_boxes(page.obj) or not _pypdf_reads_boxes(pypdf_page):
            boxes += 1
        if _settle_rotation(page.obj):
            rotations += 1
    if boxes:
        changes.append("page size set")
        notes.append(f"{_pages(boxes, len(pdf.pages))} no usable page size: US Letter is assumed, as PDF viewers do")
    if rotations:
        changes.append("rotation set")
        notes.append(f"{_pages(rotations, len(pdf.pages))} a rotation that is not a quarter turn: it is"
                     " taken modulo 360 and rounded to the nearest quarter turn")
    return Settled(pdf, reader, tuple(changes), tuple(notes), rewritten)


def describe_pages(pdf: pikepdf.Pdf, reader: pypdf.PdfReader, extracted: tuple[str, ...]) -> tuple[PageInfo, ...]:
    """Visible size, rotation and text layer of every page the bundle binds.

    Args:
        pdf: a settled document (see :func:`settle`); its pages are the ones described.
        reader: pypdf's reader over the same pages, to judge the pages whose text was not read.
        extracted: the text of the first pages, as ``text.extract_text`` read it.
    """
    infos = []
    for number, page in enumerate(pdf.pages):
        # Pages whose text was read say for themselves; the rest are judged by their fonts.
        text = bool(extracted[number].strip()) if number < len(extracted) else has_text_layer(reader.pages[number])
        media = _rect(page.obj.get("/MediaBox")) or LETTER
        crop = _rect(page.obj.get("/CropBox")) or media
        # What a viewer shows is the CropBox clipped to the MediaBox.
        width = min(crop[2], media[2]) - max(crop[0], media[0])
        height = min(crop[3], media[3]) - max(crop[1], media[1])
        if width < _MIN_SIDE or height < _MIN_SIDE:
            width, height = media[2] - media[0], media[3] - media[1]
        infos.append(PageInfo(round(width, 2), round(height, 2), rotation(page.obj.get("/Rotate", 0)), text))
    return tuple(infos)


def rotation(value: object) -> int:
    """A /Rotate value as viewers apply it: modulo 360, to the nearest quarter turn; 0 when
    it is not a number."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return 0
    if not math.isfinite(number):
        return 0
    # Integers exactly (10^22 is not exact as a float); reals are never that large in a real file.
    whole = int(value) if isinstance(value, int) else int(number)
    return ((whole + 45) // 90 * 90) % 360


def _rewrite(reader: pypdf.PdfReader, name: str) -> tuple[pikepdf.Pdf, pypdf.PdfReader]:
    """The pages pypdf reads, written by pypdf into a plain page tree, and both views of it."""
    writer = pypdf.PdfWriter()
    try:
        for page in reader.pages:
            added = writer.add_page(page)
            # qpdf drops a page object it cannot parse, and a /Rotate beyond 64 bits is one.
            added[NameObject("/Rotate")] = NumberObject(rotation(page.get("/Rotate", 0)))
        out = io.BytesIO()
        writer.write(out)
        data = out.getvalue()
        reread = pypdf.PdfReader(io.BytesIO(data))
        pdf = pikepdf.open(io.BytesIO(data))
    except (*PYPDF_DAMAGE, pikepdf.PdfError) as error:
        raise _disagree(name) from error
    if len(pdf.pages) != len(reread.pages):
        pdf.close()
        raise _disagree(name)
    return pdf, reread


def _settle_boxes(page: Dictionary) -> bool:
    """Give ``page`` a MediaBox with an area and drop other boxes that miss it; True if changed."""
    changed = False
    media = _rect(page.get("/MediaBox"))
    if media is None or not _has_area(media):
        media = LETTER
        page.MediaBox = Array(LETTER)
        changed = True
    for key in _OTHER_BOXES:
        if key not in page:
            continue
        box = _rect(page[key])
        if box is None or not _has_area((max(box[0], media[0]), max(box[1], media[1]),
                                         min(box[2], media[2]), min(box[3], media[3]))):
            del page[key]
            changed = True
    return changed


def _settle_rotation(page: Dictionary) -> bool:
    if "/Rotate" not in page:
        return False
    value = page.get("/Rotate")
    if _is_plain(value):
        return False
    page.Rotate = rotation(value)
    return True


def _is_plain(value: object) -> bool:
    return isinstance(value, int) and int(value) in (0, 90, 180, 270)


def _pypdf_reads_boxes(page: pypdf.PageObject) -> bool:
    """Whether the page's own boxes are sound (qpdf silently puts Letter in place of a broken one)."""
    try:
        return _has_area(tuple(float(v) for v in page.mediabox)) and bool(page.cropbox)  # type: ignore[arg-type]
    except PYPDF_DAMAGE:
        return False


def _rect(value: object) -> Box | None:
    if not isinstance(value, Array) or len(value) != 4:
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in value)
    except (TypeError, ValueError, OverflowError):
        return None
    if not all(math.isfinite(v) for v in (x0, y0, x1, y1)):
        return None
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _has_area(box: tuple[float, ...]) -> bool:
    return box[2] - box[0] >= _MIN_SIDE and box[3] - box[1] >= _MIN_SIDE


def _pages(count: int, total: int) -> str:
    if total == 1:
        return "the page has"
    return f"{count} of {total} pages have" if count > 1 else f"1 of {total} pages has"


def _disagree(name: str) -> DocumentRefused:
    return DocumentRefused(
        f"{name} has a page structure that PDF readers cannot agree on, so its pages cannot be"
        " bound into the bundle reliably. Open it in a PDF viewer and print it to PDF again, or"
        " ask the sender for a new copy.",
        code="damaged",
    )
