"""Which companies the goods of a raw material producer reach, transfer after transfer.

CBP follows a lot from the producer of the raw material through every later processor to the
finished goods, not only to the first buyer ("records that identify the cotton and cotton
producer of the raw cotton" at the yarn maker, and the processors after it, in HQ H318182;
the "entire supply chain ... at the bale level" in CBP's XUAR WRO FAQ). An entity item with
``downstream_roles`` is asked of each company of those roles that such goods reach.
"""

from __future__ import annotations

from importer_app.core.caseindex import CaseIndex
from importer_app.core.model import Case


def reached_from(supplier_roles: frozenset[str], case: Case, index: CaseIndex) -> frozenset[str]:
    """The ids of the entities that goods of an entity with one of ``supplier_roles`` reach
    through one or more transfers (a cycle in the chain is followed once)."""
    reached: set[str] = set()
    frontier = [entity.id for entity in case.entities if entity.role in supplier_roles]
    while frontier:
        entity_id = frontier.pop()
        for link in index.outgoing_of(entity_id):
            if link.target not in reached:
                reached.add(link.target)
                frontier.append(link.target)
    return frozenset(reached)
