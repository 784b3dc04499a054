"""The supply chain as a layered graph: which column and which row each company takes.

One column per tier, raw material leftmost, the importer rightmost, companies not linked to the
importer in a column of their own before them; a buyer sits at the mean row of its suppliers,
so chains run straight. The bundle's map (``bundle/pages/map_layout.py``) and the window's map
(``gui/supply_map.py``) both place their boxes by it, each with its own box sizes.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Layers:
    """Where the companies go, in slots.

    Attributes:
        column_tiers: the tier of each column, left to right (None: not linked to the importer).
        columns: each company's column.
        rows: each company's row; rows are counted across the whole drawing.
    """

    column_tiers: tuple[int | None, ...]
    columns: Mapping[str, int]
    rows: Mapping[str, int]


def chain_layers(ids: Sequence[str], tiers: Mapping[str, int | None], suppliers: Mapping[str, Sequence[str]],
                 buyers: Mapping[str, Sequence[str]]) -> Layers:
    """The columns and rows of the companies ``ids``.

    Args:
        ids: the companies to place, in the case's order (it breaks ties, so the user's order shows).
        tiers: every company's tier (``core.tiers.derive_tiers``).
        suppliers, buyers: every company's suppliers and buyers; those outside ``ids`` are ignored.
    """
    present = {tiers[e] for e in ids}
    column_tiers: list[int | None] = ([None] if None in present else []) + sorted(
        (t for t in present if t is not None), reverse=True)
    columns = {e: column_tiers.index(tiers[e]) for e in ids}
    return Layers(tuple(column_tiers), columns, _rows(ids, columns, len(column_tiers), suppliers, buyers))


def _rows(ids: Sequence[str], column_of: Mapping[str, int], columns: int, suppliers: Mapping[str, Sequence[str]],
          buyers: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """Integer row slots: an order from the importer upstream, then positions from raw material down.

    The first sweep orders each column by the rows of the buyers its members ship to; the
    second gives the leftmost column consecutive rows in that order and places every other
    company at the mean row of its suppliers, as in a tree drawn from its leaves, pushing
    down where two would share a slot.
    """
    members = set(ids)
    by_column: dict[int, list[str]] = defaultdict(list)
    for entity_id in ids:
        by_column[column_of[entity_id]].append(entity_id)
    rank: dict[str, float] = {}
    for column in range(columns - 1, -1, -1):
        members_here = by_column[column]
        wanted = {e: _mean([rank[b] for b in buyers[e] if b in rank], float(i))
                  for i, e in enumerate(members_here)}
        rank.update({e: float(i) for i, e in enumerate(sorted(members_here, key=lambda e: wanted[e]))})
    rows: dict[str, int] = {}
    for column in range(columns):
        last = -1
        for entity_id in sorted(by_column[column], key=lambda e: rank[e]):
            wanted_row = _mean([rows[s] for s in suppliers[entity_id] if s in rows and s in members],
                               rank[entity_id])
            last = max(math.floor(wanted_row + 0.5), last + 1)
            rows[entity_id] = last
    return rows


def _mean(values: Sequence[float], default: float) -> float:
    return sum(values) / len(values) if values else default
