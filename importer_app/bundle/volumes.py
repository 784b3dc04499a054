"""Splitting a bundle into volumes no larger than a size limit, at exhibit boundaries.

Portals and mail servers cap attachment sizes, so a large submission goes in volumes. An
exhibit is never split: a reader must find a document whole in one file. The split works
on estimates (an exhibit costs about its PDF's bytes, plus its original when originals are
attached); the build measures the files it wrote and splits again, tighter, when an
estimate fell short.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from importer_app.bundle.plan import Exhibit

MB: Final = 1_000_000
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
class Split:
    """Exhibits grouped into volumes, in reading order.

    Attributes:
        volumes: the exhibits of each volume; every volume after the first has at least one
            (the first may hold only the letter, summary and index when exhibit 1 would not fit).
        oversize: ids of exhibits that alone exceed the limit (each has a volume of its own).
    """

    volumes: tuple[tuple[Exhibit, ...], ...]
    oversize: tuple[str, ...]


def exhibit_cost(exhibit: Exhibit, pdf_size: int, original_size: int) -> int:
    """The estimated bytes an exhibit adds to its volume."""
    return pdf_size + original_size + PAGE_OVERHEAD * exhibit.page_count


def split(exhibits: Sequence[Exhibit], costs: Mapping[str, int], *, limit: int | None,
          fixed: int, first_extra: int) -> Split:
    """Group exhibits into volumes of at most ``limit`` bytes each.

    Args:
        exhibits: in reading order.
        costs: estimated bytes of each exhibit, by id.
        limit: the size limit in bytes; None keeps everything in one volume.
        fixed: bytes every volume has before its exhibits (cover, fonts, manifest.json).
        first_extra: bytes the first volume has besides (letter, summary, index, ...).
    """
    if limit is None:
        return Split(volumes=(tuple(exhibits),), oversize=())
    volumes: list[list[Exhibit]] = [[]]
    used = fixed + first_extra
    oversize: list[str] = []
    for exhibit in exhibits:
        cost = costs[exhibit.id]
        alone = fixed + cost > limit
        if alone:
            oversize.append(exhibit.id)
        holds_something = bool(volumes[-1]) or (len(volumes) == 1 and first_extra > 0)
        if holds_something and (alone or used + cost > limit):
            volumes.append([])
            used = fixed
        volumes[-1].append(exhibit)
        used += cost
        if alone:
            # Nothing joins an oversize exhibit: its volume is already too large.
            volumes.append([])
            used = fixed
    if not volumes[-1] and len(volumes) > 1:
        volumes.pop()
    return Split(volumes=tuple(tuple(volume) for volume in volumes), oversize=tuple(oversize))


def volume_paths(output: Path, count: int) -> tuple[Path, ...]:
    """``OUT.pdf`` for one volume; ``OUT-vol1.pdf``, ``OUT-vol2.pdf``, ... for more."""
    if count == 1:
        return (output,)
    return tuple(output.with_name(f"{output.stem}-vol{number}{output.suffix or '.pdf'}")
                 for number in range(1, count + 1))
