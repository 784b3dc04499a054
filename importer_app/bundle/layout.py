"""Where every exhibit lands: its volume, its first page and its Bates numbers.

Everything here is known before a page is copied: the generated sections' page counts do not
depend on exhibit placement (``plan.py``), the index's page count does not depend on the
numbers printed in it (``sheets.py``), and an exhibit's page count is in the case. So the
index can be drawn with its page numbers and links before the exhibits are bound.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from importer_app.bundle.bates import BatesRange, width_for
from importer_app.bundle.plan import Exhibit


@dataclass(frozen=True)
class Placement:
    """An exhibit's place in the bundle.

    Attributes:
        volume: 1-based volume number.
        page: 0-based index of its first page in its volume's PDF.
        bates: its Bates numbers.
        last_volume: the volume of its last page: later than ``volume`` for an exhibit cut
            into parts.
    """

    exhibit: Exhibit
    volume: int
    page: int
    bates: BatesRange
    last_volume: int = 0


@dataclass(frozen=True)
class VolumeLayout:
    """The page structure of one volume.

    Attributes:
        number: 1-based.
        count: how many volumes the bundle has.
        path: where the volume is written.
        exhibits: its exhibits in reading order.
        cover_pages: pages of the "Volume k of n" cover (none when there is one volume).
        front_pages: pages of the letter, summary, index, report, map and forms (volume 1).
        first_exhibit_page: 0-based index of its first exhibit page.
        bates: the Bates numbers of its pages; None for a volume without exhibits.
        appendix_pages: pages of the manifest of original files (the last volume).
    """

    number: int
    count: int
    path: Path
    exhibits: tuple[Exhibit, ...]
    cover_pages: int
    front_pages: int
    first_exhibit_page: int
    bates: BatesRange | None
    appendix_pages: int

    @property
    def exhibit_pages(self) -> int:
        return sum(exhibit.page_count for exhibit in self.exhibits)

    @property
    def page_count(self) -> int:
        return self.first_exhibit_page + self.exhibit_pages + self.appendix_pages

    @property
    def is_last(self) -> bool:
        return self.number == self.count


def bates_numbers(exhibits: Sequence[Exhibit], prefix: str, first_number: int) -> dict[str, BatesRange]:
    """The Bates numbers of every exhibit: one per page, in reading order, from ``first_number``,
    all padded to the width of the last."""
    digits = width_for(first_number + sum(exhibit.page_count for exhibit in exhibits) - 1)
    numbers = {}
    number = first_number
    for exhibit in exhibits:
        numbers[exhibit.id] = BatesRange(prefix, number, number + exhibit.page_count - 1, digits)
        number += exhibit.page_count
    return numbers


def part_bates(numbers: BatesRange, exhibit: Exhibit) -> BatesRange:
    """The Bates numbers of an exhibit's part, from those of the whole exhibit."""
    first = numbers.first + exhibit.first_page
    return BatesRange(numbers.prefix, first, first + exhibit.page_count - 1, numbers.digits)


def lay_out(volumes: Sequence[Sequence[Exhibit]], paths: Sequence[Path], bates: Mapping[str, BatesRange], *,
            cover_pages: int, front_pages: int,
            appendix_pages: int) -> tuple[tuple[VolumeLayout, ...], dict[str, Placement]]:
    """Volumes and placements for exhibits already grouped into volumes.

    Args:
        volumes: the exhibits of each volume.
        paths: the file of each volume.
        bates: every exhibit's Bates numbers (``bates_numbers``).
        cover_pages: pages of each volume cover (0 for a single volume).
        front_pages: pages before the exhibits in volume 1, besides the cover.
        appendix_pages: pages of the manifest at the end of the last volume.
    """
    layouts: list[VolumeLayout] = []
    placements: dict[str, Placement] = {}
    for index, (exhibits, path) in enumerate(zip(volumes, paths, strict=True)):
        front = front_pages if index == 0 else 0
        page = cover_pages + front
        for exhibit in exhibits:
            if exhibit.part == 1:
                placements[exhibit.id] = Placement(exhibit, index + 1, page, bates[exhibit.id], index + 1)
            else:
                placements[exhibit.id] = dataclasses.replace(placements[exhibit.id], last_volume=index + 1)
            page += exhibit.page_count
        numbers = [part_bates(bates[exhibit.id], exhibit) for exhibit in exhibits]
        layouts.append(VolumeLayout(
            number=index + 1, count=len(volumes), path=path, exhibits=tuple(exhibits), cover_pages=cover_pages,
            front_pages=front, first_exhibit_page=cover_pages + front,
            bates=(BatesRange(numbers[0].prefix, numbers[0].first, numbers[-1].last, numbers[0].digits)
                   if numbers else None),
            appendix_pages=appendix_pages if index == len(volumes) - 1 else 0,
        ))
    return tuple(layouts), placements
