"""Links drawn on generated pages, which the assembly turns into link annotations.

A generated section is drawn before the exhibits have page numbers, so it records where a
link goes by name (an exhibit id, or a page of the section itself) and the assembly, which
knows every exhibit's place, writes the annotation.
"""

from __future__ import annotations

from dataclasses import dataclass

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class SectionLink:
    """A clickable rectangle on a page of a generated section.

    Attributes:
        page: the page it is on, from 0 within the section.
        rect: ``(x1, y1, x2, y2)`` in PDF points from the page's lower-left corner.
        exhibit: the exhibit whose first page it opens; empty when it opens ``to_page``.
        to_page: the page of the same section it opens, from 0; -1 when it opens an exhibit.
    """

    page: int
    rect: Rect
    exhibit: str = ""
    to_page: int = -1
