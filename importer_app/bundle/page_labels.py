"""What a reader navigates by: page labels, printed numbers on the front matter, links back to the index.

A viewer's page box shows the labels (ISO 32000-1, 12.4.2): roman numerals for the letter,
summary, index, report, map and forms; ``Exhibit 3.2, p. 1`` on exhibit pages; ``Manifest,
p. 1`` on the manifest. The front matter's roman numeral is also printed at the foot of each
of its pages, so that a page can be named on paper too.
"""

from __future__ import annotations

from collections.abc import Sequence

import pikepdf
from pikepdf import Array, Dictionary, Name

from importer_app.bundle import links
from importer_app.bundle.layout import VolumeLayout
from importer_app.bundle.pages.section import FOOTER_Y, MARGIN
from importer_app.bundle.pages.templates import load_template
from importer_app.bundle.stamp import Box, Stamper

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def roman(number: int) -> str:
    """``number`` (1 or more) in lower-case roman numerals, as viewers show /S /r labels."""
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def page_labels(layout: VolumeLayout) -> Dictionary:
    """The /PageLabels number tree of one volume: ranges of front matter, exhibits and manifest."""
    words = load_template("assembly")
    nums: list[object] = []
    if layout.first_exhibit_page:
        nums += [0, Dictionary(S=Name.r)]
    page = layout.first_exhibit_page
    for exhibit in layout.exhibits:
        prefix = words.text("labels", "exhibit", values={"exhibit": exhibit.id})
        nums += [page, Dictionary(S=Name.D, P=pikepdf.String(prefix), St=exhibit.first_page + 1)]
        page += exhibit.page_count
    if layout.appendix_pages:
        nums += [page, Dictionary(S=Name.D, P=pikepdf.String(words.text("labels", "manifest")), St=1)]
    return Dictionary(Nums=Array(nums))


def finish_navigation(pdf: pikepdf.Pdf, stamper: Stamper, layout: VolumeLayout, pages: Sequence[Dictionary],
                      index_page: int, back_links: Sequence[tuple[int, Box]]) -> None:
    """Page labels, printed numbers on the front matter, and each exhibit stamp's link to the index.

    Args:
        layout: the volume's page structure.
        pages: the volume's pages in order.
        index_page: the page holding the index (or, in a later volume, the list of volumes).
        back_links: ``(page, box)`` of each stamp's "back to index" words, the page counted from
            the volume's first exhibit page.
    """
    for number in range(layout.first_exhibit_page):
        stamper.folio(pages[number], roman(number + 1), MARGIN, FOOTER_Y)
    for offset, box in back_links:
        links.link_to_page(pdf, pages[layout.first_exhibit_page + offset], box, pages[index_page])
    pdf.Root.PageLabels = page_labels(layout)
