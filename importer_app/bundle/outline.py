"""The bundle's bookmarks: one per section, steps and exhibits under "Exhibits".

Each exhibit's bookmark holds the document's own bookmarks (``carry.py``), folded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name
from pikepdf.models.outlines import OutlineItem

from importer_app.bundle.carry import MAX_DEPTH


@dataclass(frozen=True)
class Mark:
    """A bookmark of the bundle: a title, the 0-based page it opens, and the marks below it.

    Attributes:
        carried: bookmarks of a bound document, already pointing at the bundle's pages.
    """

    title: str
    page: int
    children: tuple[Mark, ...] = ()
    carried: tuple[OutlineItem, ...] = field(default=(), compare=False)


def write_outline(pdf: pikepdf.Pdf, pages: Sequence[Dictionary], marks: Sequence[Mark]) -> None:
    """Replace ``pdf``'s outline with ``marks`` on ``pages`` (its pages, in order).

    The top level and the steps are open; an exhibit's own bookmarks start folded.
    """
    with pdf.open_outline(max_depth=MAX_DEPTH + 4) as outline:
        outline.root[:] = [_item(pages, mark, top=True) for mark in marks]


def _item(pages: Sequence[Dictionary], mark: Mark, *, top: bool) -> OutlineItem:
    item = OutlineItem(mark.title, Array([pages[mark.page], Name.Fit]))
    item.children = [_item(pages, child, top=False) for child in mark.children] + list(mark.carried)
    # Steps open, so the reader sees the exhibits; a document's own bookmarks start folded.
    item.is_closed = not top and not mark.children
    return item
