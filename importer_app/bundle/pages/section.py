"""A generated section of the bundle, and how a story of flowables becomes one.

Every page generator returns a ``GeneratedSection``: the section's PDF plus what the assembly
needs to place it (bookmarks below the section's own, the signature rectangle). The PDFs are
reproducible: reportlab runs in invariant mode and every date in them is the bundle's
document date, never the clock.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any, Final

import pikepdf
from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape as turned
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from importer_app.bundle import subset_tags
from importer_app.bundle.pages import fonts
from importer_app.bundle.pages.links import SectionLink
from importer_app.bundle.plan import PAPER_SIZES, BundleOptions

MARGIN: Final = 54.0
"""Points of white paper on every side of the content. The footer sits inside the bottom margin,
left-aligned and short, so a stamp in the bottom-right corner never meets it."""
FOOTER_Y: Final = 28.0
GREY: Final = colors.HexColor("#5f6368")

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class GeneratedSection:
    """One generated section of the bundle, ready to be merged.

    Attributes:
        title: the section title, for its top-level bookmark and the list of enclosures.
        pdf: the section's pages as a complete PDF.
        bookmarks: ``(title, page_index)`` entries to nest under the section's bookmark;
            ``page_index`` counts from 0 within ``pdf``.
        signature_box: ``(page_index, (x1, y1, x2, y2))``: where a visible signature goes, in
            PDF points from the page's lower-left corner; None when the section is not signed.
        page_count: pages in ``pdf``.
        links: links to exhibits and to pages of the section, for the assembly to write.
    """

    title: str
    pdf: bytes
    bookmarks: tuple[tuple[str, int], ...]
    signature_box: tuple[int, Rect] | None
    page_count: int
    links: tuple[SectionLink, ...] = ()


def page_size(options: BundleOptions, *, landscape: bool = False) -> tuple[float, float]:
    """Width and height of a generated page in points, for ``options.paper``."""
    size = PAPER_SIZES[options.paper]
    return turned(size) if landscape else size


class Bookmark(Flowable):
    """An invisible mark: the page it lands on becomes a bookmark of the section."""

    def __init__(self, title: str, marks: _Marks) -> None:
        super().__init__()
        self.title = title
        self._marks = marks
        self.width = self.height = 0

    def draw(self) -> None:
        self._marks.bookmarks.append((self.title, self.canv.getPageNumber() - 1))


class _Heading(Paragraph):
    """A heading that becomes a bookmark of the page it is drawn on (so it follows the heading
    when keep-with-next moves it to the next page)."""

    def __init__(self, markup: str, style: ParagraphStyle, title: str, marks: _Marks) -> None:
        super().__init__(markup, style)
        self._title = title
        self._marks = marks

    def draw(self) -> None:
        self._marks.bookmarks.append((self._title, self.canv.getPageNumber() - 1))
        super().draw()


class SignatureBox(Flowable):
    """A ruled box where the visible digital signature will be drawn, its caption under it.

    The caption stays outside the box, so that the signature's appearance never covers it.
    """

    _CAPTION: Final = 10.0

    def __init__(self, width: float, height: float, caption: str, marks: _Marks) -> None:
        super().__init__()
        self.width, self.height = width, height + self._CAPTION
        self._box_height = height
        self._caption = caption
        self._marks = marks

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(GREY)
        canvas.setDash(2, 2)
        canvas.setLineWidth(0.6)
        canvas.rect(0, self._CAPTION, self.width, self._box_height)
        canvas.setFillColor(GREY)
        canvas.setFont(fonts.SANS, 7)
        canvas.drawString(0, 2, self._caption)
        canvas.restoreState()
        x, y = canvas.absolutePosition(0, self._CAPTION)
        self._marks.signature = (canvas.getPageNumber() - 1, (x, y, x + self.width, y + self._box_height))


class _Marks:
    """What the flowables of one build record as they are drawn."""

    def __init__(self) -> None:
        self.bookmarks: list[tuple[str, int]] = []
        self.signature: tuple[int, Rect] | None = None


class Story:
    """The flowables of one section, and the markers that record where things landed."""

    def __init__(self) -> None:
        self.flowables: list[Flowable] = []
        self._marks = _Marks()

    def add(self, *flowables: Flowable) -> None:
        self.flowables.extend(flowables)

    def bookmark(self, title: str) -> None:
        """Mark the current position as a bookmark below the section's own (use at a page start)."""
        self.flowables.append(Bookmark(title, self._marks))

    def heading(self, text: str, style: ParagraphStyle) -> None:
        """A heading in plain text that is also a bookmark below the section's own."""
        self.flowables.append(self.make_heading(text, style))

    def make_heading(self, text: str, style: ParagraphStyle) -> Flowable:
        """A bookmarked heading for the caller to place (inside a KeepTogether, say)."""
        return _Heading(fonts.markup(text), style, text, self._marks)

    def signature_box(self, width: float, height: float, caption: str) -> SignatureBox:
        """A signature box for this story, to be placed by the caller (inside a KeepTogether)."""
        return SignatureBox(width, height, caption, self._marks)

    def render(self, title: str, footer: str, options: BundleOptions, *, landscape: bool = False) -> GeneratedSection:
        """Lay out the story on pages of ``options.paper`` and return the section.

        Args:
            title: the section title (also the PDF's Title metadata).
            footer: text at the foot of every page, before "page i of n".
            options: paper size and document date.
            landscape: turn the paper (the supply chain map is wider than it is tall).
        """
        fonts.register()
        width, height = page_size(options, landscape=landscape)
        frame = Frame(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN, leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0, id="body")
        out = io.BytesIO()
        doc = BaseDocTemplate(out, pagesize=(width, height), invariant=1, title=title, author="importer_app",
                              creator="importer_app", subject=footer, pageCompression=1,
                              initialFontName=fonts.SANS)
        doc.addPageTemplates([PageTemplate("page", frames=[frame])])
        doc.build(self.flowables, canvasmaker=_numbered_canvas(footer, options.document_date))
        return GeneratedSection(
            title=title,
            pdf=distinct_subset_tags(out.getvalue()),
            bookmarks=tuple(self._marks.bookmarks),
            signature_box=self._marks.signature,
            page_count=doc.page,
        )


def distinct_subset_tags(pdf: bytes) -> bytes:
    """``pdf`` with a tag of its own for every font subset (reportlab tags each font's first
    subset ``AAAAAA+``): a request letter or a form is also a file of its own."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        if not subset_tags.make_distinct(document):
            return pdf
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
    return out.getvalue()


def _numbered_canvas(footer: str, date: dt.date) -> type[Canvas]:
    """A canvas class that writes "page i of n" once the page count is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            # The document date, not the clock: two builds must give identical bytes.
            self.setDateFormatter(lambda *_: f"D:{date:%Y%m%d}000000+00'00'")
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.saveState()
                self.setFillColor(GREY)
                self.setFont(fonts.SANS, 7)
                self.drawString(MARGIN, FOOTER_Y, f"{footer} · page {number} of {total}")
                self.restoreState()
                super().showPage()
            super().save()

    return NumberedCanvas
