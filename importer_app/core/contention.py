"""What CBP contends about where the goods came from, as far as the case records it.

An order that names producers or facilities contends that goods of its scope, or their
inputs, came from them; a request for information from CBP may contend that the goods or an
input were mixed with goods from another source, or came from another producer or region
(``Inquiry.contends``, words in ``forms/catalog/contentions.toml``). The importer's answer
then turns on whether each lot can be followed and was kept apart wherever the chain mixes
inputs, so an item with ``level_by_contention`` (``information_types.toml``) weighs more while
the case records the contention, and its finding says why: the check
``order-names-producer-lots`` (``checks.toml``) words the order's reason, the contention's
``guidance`` that of a request, which is named by its date.
"""

from __future__ import annotations

from typing import Final

from importer_app.core.catalog_model import Catalog, InformationType
from importer_app.core.model import Case
from importer_app.core.shipment_dates import long_date

NAMED_PRODUCER: Final = "named-producer"
"""The order the goods are held under names the producers or facilities it concerns."""


def case_contentions(case: Case) -> frozenset[str]:
    """The contentions the case records: those of every recorded request from CBP, and the
    order's while it holds the goods and names producers."""
    # A request cannot contend what only the order can say (a damaged case file might claim it).
    found = {contention for inquiry in case.inquiries for contention in inquiry.contends if contention != NAMED_PRODUCER}
    order = case.order
    if order is not None and order.producers and not order.releases_goods:
        found.add(NAMED_PRODUCER)
    return frozenset(found)


def contention_reason(row: InformationType, contentions: frozenset[str], case: Case,
                      catalog: Catalog) -> tuple[str, tuple[str, ...]]:
    """Why a contention makes the item weigh more in this case, as sentences starting with a
    space, and the source tags of that reason; empty when none does.

    Each request is named by the day CBP sent it, never by the case's own id for it.
    """
    if contentions.isdisjoint(row.level_by_contention):
        return "", ()
    sentences: list[str] = []
    sources: list[str] = []
    order = case.order
    if order is not None and NAMED_PRODUCER in contentions and NAMED_PRODUCER in row.level_by_contention:
        check = catalog.checks["order-names-producer-lots"]
        reference = f" {case.shipment.order_reference}" if case.shipment.order_reference else ""
        names = "; ".join(order.producers)
        end = "" if names.endswith(".") else "."  # "Co." ends its own sentence
        sentences.append(f"The order{reference} names {names}{end} {check.guidance}")
        sources.extend(check.citation)
    explained: dict[str, None] = {}
    for inquiry in case.inquiries:
        # The names of level_by_contention other than the order's are those of the catalog.
        raised = [catalog.contentions[name] for name in inquiry.contends
                  if name in row.level_by_contention and name != NAMED_PRODUCER]
        if raised:
            clauses = ", and that ".join(contention.to_cbp for contention in raised)
            sentences.append(f"CBP's request of {long_date(inquiry.date)} contends that {clauses}.")
            explained.update(dict.fromkeys(contention.id for contention in raised))
    for name in explained:
        contention = catalog.contentions[name]
        sentences.append(contention.guidance)
        sources.extend(contention.citation)
    return (" " + " ".join(sentences), tuple(sources)) if sentences else ("", ())
