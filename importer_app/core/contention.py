"""What CBP contends about where the goods came from, as far as the case records it.

An order that names producers or facilities contends that goods of its scope, or their
inputs, came from them. The importer's answer then turns on whether the lots shipped were
kept apart from theirs wherever the chain mixes inputs, so an item with
``level_by_contention`` (``information_types.toml``) weighs more while the order holds the
goods; the check ``order-names-producer-lots`` (``checks.toml``) words why, with its sources.
"""

from __future__ import annotations

from typing import Final

from importer_app.core.catalog_model import Catalog, InformationType
from importer_app.core.model import Case

NAMED_PRODUCER: Final = "named-producer"
"""The order the goods are held under names the producers or facilities it concerns."""

CONTENTIONS: Final[tuple[str, ...]] = (NAMED_PRODUCER,)


def case_contentions(case: Case) -> frozenset[str]:
    """The contentions the case records: none once the order no longer holds the goods."""
    order = case.order
    if order is not None and order.producers and not order.releases_goods:
        return frozenset({NAMED_PRODUCER})
    return frozenset()


def contention_reason(row: InformationType, contentions: frozenset[str], case: Case,
                      catalog: Catalog) -> tuple[str, tuple[str, ...]]:
    """Why a contention makes the item weigh more in this case, as a sentence starting with a
    space, and the source tags of that reason; empty when none does."""
    order = case.order
    if order is None or NAMED_PRODUCER not in contentions or NAMED_PRODUCER not in row.level_by_contention:
        return "", ()
    check = catalog.checks["order-names-producer-lots"]
    reference = f" {case.shipment.order_reference}" if case.shipment.order_reference else ""
    names = "; ".join(order.producers)
    end = "" if names.endswith(".") else "."  # "Co." ends its own sentence
    return f" The order{reference} names {names}{end} {check.guidance}", check.citation
