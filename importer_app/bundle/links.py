"""Link annotations in a volume: to an exhibit (in this volume or another file), or to a page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from importer_app.bundle.layout import Placement

Rect = tuple[float, float, float, float]


def link_to_page(pdf: pikepdf.Pdf, page: Dictionary, rect: Rect, target: Dictionary) -> None:
    """A borderless link on ``page`` over ``rect`` that opens ``target`` (a page of this file)."""
    _annotate(pdf, page, Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array(rect), Border=Array([0, 0, 0]),
                                    Dest=Array([target, Name.Fit])))


def link_to_exhibit(pdf: pikepdf.Pdf, page: Dictionary, rect: Rect, target: Placement, *, volume: int,
                    pages: Sequence[Dictionary], paths: Sequence[Path]) -> None:
    """A link that opens an exhibit's first page; in another volume, that file (beside this one)."""
    if target.volume == volume:
        link_to_page(pdf, page, rect, pages[target.page])
        return
    _annotate(pdf, page, Dictionary(
        Type=Name.Annot, Subtype=Name.Link, Rect=Array(rect), Border=Array([0, 0, 0]),
        A=Dictionary(S=Name.GoToR, F=pikepdf.String(paths[target.volume - 1].name),
                     D=Array([target.page, Name.Fit]), NewWindow=True)))


def link_exhibits(pdf: pikepdf.Pdf, requests: Sequence[tuple[int, Rect, str]], placements: Mapping[str, Placement],
                  *, volume: int, pages: Sequence[Dictionary], paths: Sequence[Path]) -> None:
    """Links for ``(page index, rect, exhibit id)`` requests; an exhibit not in the bundle gets none."""
    for index, rect, exhibit_id in requests:
        target = placements.get(exhibit_id)
        if target is not None:
            link_to_exhibit(pdf, pages[index], rect, target, volume=volume, pages=pages, paths=paths)


def _annotate(pdf: pikepdf.Pdf, page: Dictionary, link: Dictionary) -> None:
    if Name.Annots not in page:
        page.Annots = Array()
    page.Annots.append(pdf.make_indirect(link))
