"""Splitting a bundle into volumes no larger than a size limit, at exhibit boundaries.

Portals and mail servers cap attachment sizes, so a large submission goes in volumes. An
exhibit stays whole in one file when it fits in a volume; one larger than a volume is cut at
page boundaries into parts that follow each other across volumes (its Bates numbers and page
numbers run on), and a single page larger than a volume gets a volume of its own and is
reported. The split works on estimates (an exhibit costs about its PDF's bytes, plus its
original when originals are attached, which goes with its first part); the build measures the
files it wrote and splits again, tighter, when an estimate fell short.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pikepdf

from importer_app.bundle.plan import Exhibit
from importer_app.core import byte_sizes

MB: Final = byte_sizes.MB
"""A megabyte as the limit, the messages and the README count it: 10^6 bytes, as portals do."""
PAGE_OVERHEAD: Final = 600
"""Bytes a bound page adds beyond its source: page object, stamp, font resources, outline."""
SIGNATURE_RESERVE: Final = 80_000
"""Bytes kept free in every volume that will be signed. Measured signing a 3-page bundle with
an RSA 3072 self-signed identity: 8 KB invisible (pyHanko's /Contents placeholder of 6 KB and
the update's objects), 51 KB with the visible appearance (its font subsets), 58 KB with a
timestamp. A longer chain of CA certificates or a name in a script of its own costs more; a
volume that still comes out over the limit is split again."""


@dataclass(frozen=True)
class OversizePage:
    """A page that alone is larger than a volume may be: it cannot be split further.

    Attributes:
        exhibit: the exhibit's id.
        page: the 1-based page of the exhibit.
        size: its estimated bytes (with the original, on an exhibit's first page).
    """

    exhibit: str
    page: int
    size: int


@dataclass(frozen=True)
class Split:
    """Exhibits grouped into volumes, in reading order.

    Attributes:
        volumes: the exhibits of each volume; every volume after the first has at least one
            (the first may hold only the letter, summary and index when exhibit 1 would not fit),
            except a last one holding only the manifest of originals, which did not fit beside
            the exhibits before it.
            An exhibit cut into parts appears once per part (``Exhibit.part``), in order.
        oversize: ids of exhibits that alone exceed the limit and were not cut (each has a
            volume of its own).
        oversize_pages: single pages that alone exceed the limit (each has a volume of its own).
        estimates: the estimated bytes of each volume, as the split counted them; empty
            without a limit.
    """

    volumes: tuple[tuple[Exhibit, ...], ...]
    oversize: tuple[str, ...]
    oversize_pages: tuple[OversizePage, ...] = ()
    estimates: tuple[int, ...] = ()

    @property
    def cut(self) -> tuple[str, ...]:
        """Ids of the exhibits cut into parts, in order."""
        return tuple(e.id for volume in self.volumes for e in volume if e.part == 2)


def exhibit_cost(exhibit: Exhibit, pdf_size: int, original_size: int) -> int:
    """The estimated bytes an exhibit adds to its volume."""
    return pdf_size + original_size + PAGE_OVERHEAD * exhibit.page_count


def split(exhibits: Sequence[Exhibit], costs: Mapping[str, int], *, limit: int | None,
          fixed: int, first_extra: int, last_extra: int = 0,
          page_costs: Callable[[Exhibit], Sequence[int]] | None = None) -> Split:
    """Group exhibits into volumes of at most ``limit`` bytes each.

    Args:
        exhibits: in reading order.
        costs: estimated bytes of each exhibit, by id.
        limit: the size limit in bytes; None keeps everything in one volume.
        fixed: bytes every volume has before its exhibits (cover, fonts, manifest.json).
        first_extra: bytes the first volume has besides (letter, summary, index, ...).
        last_extra: bytes the last volume has besides (the manifest of originals); when they
            do not fit beside its exhibits, they get a volume of their own, after them.
        page_costs: the estimated bytes of each page of an exhibit (the first page carrying its
            original), asked only for an exhibit larger than a volume, which is then cut into
            parts at page boundaries; None keeps every exhibit whole.
    """
    if limit is None:
        return Split(volumes=(tuple(exhibits),), oversize=())
    cutter = _Cutter(limit, fixed, first_extra)
    for exhibit in exhibits:
        cost = costs[exhibit.id]
        if fixed + cost > limit and page_costs is not None and exhibit.page_count > 1:
            cutter.add_in_parts(exhibit, page_costs(exhibit))
        else:
            cutter.add_whole(exhibit, cost)
    return cutter.result(last_extra)


class _Cutter:
    """The volumes as they fill up."""

    def __init__(self, limit: int, fixed: int, first_extra: int) -> None:
        self.limit, self.fixed = limit, fixed
        self.volumes: list[list[Exhibit]] = [[]]
        self.used = fixed + first_extra
        self.filled: list[int] = []  # the bytes of every volume before the one filling up
        self.holds_front = first_extra > 0
        self.oversize: list[str] = []
        self.oversize_pages: list[OversizePage] = []

    def add_whole(self, exhibit: Exhibit, cost: int) -> None:
        alone = self.fixed + cost > self.limit
        if alone and exhibit.page_count == 1:
            self.oversize_pages.append(OversizePage(exhibit.id, 1, cost))
        elif alone:
            self.oversize.append(exhibit.id)
        if self._holds_something() and (alone or self.used + cost > self.limit):
            self._next_volume()
        self.volumes[-1].append(exhibit)
        self.used += cost
        if alone:
            # Nothing joins an oversize exhibit: its volume is already too large.
            self._next_volume()

    def add_in_parts(self, exhibit: Exhibit, pages: Sequence[int]) -> None:
        parts: list[tuple[int, int]] = []  # (first page, page count) of each part
        page = 0
        while page < len(pages):
            taken = 0
            while page + taken < len(pages) and self.used + pages[page + taken] <= self.limit:
                self.used += pages[page + taken]
                taken += 1
            if taken == 0 and self._holds_something():
                self._next_volume()
                continue
            if taken == 0:
                # One page larger than a whole volume: it takes a volume alone.
                self.oversize_pages.append(OversizePage(exhibit.id, page + 1, pages[page]))
                self.used += pages[page]
                taken = 1
            parts.append((page, taken))
            self.volumes[-1].append(exhibit)  # replaced by the part below, once parts are counted
            page += taken
            if page < len(pages) or self.used > self.limit:
                self._next_volume()
        count = len(parts)
        pieces = iter(dataclasses.replace(exhibit, page_count=taken, first_page=first, part=number, parts=count,
                                          document_pages=exhibit.page_count if count > 1 else 0)
                      for number, (first, taken) in enumerate(parts, start=1))
        for volume in self.volumes:
            volume[:] = [next(pieces) if item is exhibit else item for item in volume]

    def result(self, last_extra: int) -> Split:
        if not self.volumes[-1] and len(self.volumes) > 1:
            self.volumes.pop()
            self.used = self.filled.pop()
        if self.used + last_extra > self.limit and self._holds_something():
            # The manifest would push the last volume over the limit: it closes the bundle alone.
            self._next_volume()
        return Split(volumes=tuple(tuple(volume) for volume in self.volumes), oversize=tuple(self.oversize),
                     oversize_pages=tuple(self.oversize_pages), estimates=(*self.filled, self.used + last_extra))

    def _holds_something(self) -> bool:
        return bool(self.volumes[-1]) or (len(self.volumes) == 1 and self.holds_front)

    def _next_volume(self) -> None:
        self.filled.append(self.used)
        self.volumes.append([])
        self.used = self.fixed


def page_costs(data: bytes, original_size: int) -> list[int]:
    """The estimated bytes each page of a PDF adds to a volume: its content streams and the
    images and forms it draws (a resource shared by several pages counts on each), plus
    ``PAGE_OVERHEAD``; the first page carries ``original_size`` (the attached original)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        sizes = [PAGE_OVERHEAD + _page_bytes(page.obj) for page in pdf.pages]
    if sizes:
        sizes[0] += original_size
    return sizes


def _page_bytes(page: pikepdf.Dictionary) -> int:
    contents = page.get(pikepdf.Name.Contents)
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    return sum(_length(stream) for stream in streams) + _drawn_bytes(page.get(pikepdf.Name.Resources), set(), 0)


def _drawn_bytes(resources: object, seen: set[tuple[int, int]], depth: int) -> int:
    """The bytes of the images and forms a resource dictionary names, forms' own included."""
    xobjects = resources.get(pikepdf.Name.XObject) if isinstance(resources, pikepdf.Dictionary) else None
    if not isinstance(xobjects, pikepdf.Dictionary) or depth > 8:
        return 0
    total = 0
    for _, xobject in xobjects.items():
        if not isinstance(xobject, pikepdf.Stream) or xobject.objgen in seen:
            continue
        seen.add(xobject.objgen)
        total += _length(xobject) + _drawn_bytes(xobject.get(pikepdf.Name.Resources), seen, depth + 1)
    return total


def _length(stream: object) -> int:
    length = stream.get(pikepdf.Name.Length) if isinstance(stream, pikepdf.Stream) else None
    return length if isinstance(length, int) else 0


def volume_paths(output: Path, count: int) -> tuple[Path, ...]:
    """``OUT.pdf`` for one volume; ``OUT-vol1.pdf``, ``OUT-vol2.pdf``, ... for more."""
    if count == 1:
        return (output,)
    return tuple(output.with_name(f"{output.stem}-vol{number}{output.suffix or '.pdf'}")
                 for number in range(1, count + 1))
