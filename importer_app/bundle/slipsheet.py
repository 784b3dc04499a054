"""Slip sheets: one page that stands in for a document the bundle cannot show as PDF pages.

An office file kept without a PDF rendition (LibreOffice was not there at intake) still needs
its place in the numbering: the slip sheet takes its exhibit id and Bates number, names the
original and points to the attachment, so the reviewer knows where to look.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.pdfgen.canvas import Canvas

from importer_app.bundle.manifest import Original
from importer_app.bundle.pages import fonts
from importer_app.bundle.pages.section import MARGIN
from importer_app.bundle.pages.templates import load_template
from importer_app.bundle.plan import PAPER_SIZES, BundleOptions
from importer_app.bundle.sheets import (
    LEADING,
    TEXT_SIZE,
    TITLE_SIZE,
    draw_text,
    text_width,
)


def slip_sheets(items: Sequence[tuple[str, Original]], options: BundleOptions) -> bytes:
    """A PDF with one slip sheet per ``(document title, original)``, in order."""
    fonts.register()
    words = load_template("assembly")
    width, height = PAPER_SIZES[options.paper]
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(width, height), invariant=1, pageCompression=1, initialFontName=fonts.SANS)
    date = options.document_date
    # The document date, not the clock: two builds must give identical bytes.
    canvas.setDateFormatter(lambda *_: f"D:{date:%Y%m%d}000000+00'00'")
    room = text_width(options)
    for title, original in items:
        values = {"exhibit": original.exhibit, "title": title, "file": original.file_name,
                  "sha256": original.sha256, "size": f"{original.size:,}", "media_type": original.media_type}
        y = height - MARGIN - 2 * TITLE_SIZE
        draw_text(canvas, MARGIN, y, words.text("slip", "heading", values=values), TITLE_SIZE * 1.4, bold=True)
        y -= TITLE_SIZE * 2
        for line in fonts.wrap(title, TITLE_SIZE, room, bold=True, max_lines=3):
            draw_text(canvas, MARGIN, y, line, TITLE_SIZE, bold=True)
            y -= TITLE_SIZE * LEADING
        y -= TEXT_SIZE
        attached = options.include_originals and not original.withheld
        paragraphs = [words.text("slip", "no_pdf"),
                      words.text("slip", "attached" if attached else "not_attached",
                                 values={**values, "file": original.attachment if attached else original.file_name})]
        for paragraph in paragraphs:
            for line in fonts.wrap(paragraph, TEXT_SIZE * 1.2, room, max_lines=6):
                draw_text(canvas, MARGIN, y, line, TEXT_SIZE * 1.2)
                y -= TEXT_SIZE * 1.2 * LEADING
            y -= TEXT_SIZE
        for fact in words.raw("slip", "facts"):
            line = words.fill(fact, values, path=("slip", "facts"))
            draw_text(canvas, MARGIN, y, fonts.fit(line, TEXT_SIZE, room), TEXT_SIZE)
            y -= TEXT_SIZE * LEADING * 1.2
        canvas.showPage()
    canvas.save()
    return out.getvalue()
