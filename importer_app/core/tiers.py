"""Tiers: how far upstream of the importer each entity stands (0 = importer).

A tier given in the case wins. Otherwise it is derived from the links: an importer (or an
ultimate consignee with no outgoing links) is tier 0, and a supplier stands one tier further
upstream than the furthest-upstream buyer it ships to, so raw material ends up leftmost on the
map. Entities with no path to the importer get no tier.
"""

from __future__ import annotations

from collections import defaultdict, deque

from importer_app.core.model import Case


def derive_tiers(case: Case) -> dict[str, int | None]:
    """Every entity id mapped to its tier, or None when it is not connected to the importer."""
    buyers: dict[str, list[str]] = defaultdict(list)
    suppliers: dict[str, list[str]] = defaultdict(list)
    for link in case.links:
        buyers[link.source].append(link.target)
        suppliers[link.target].append(link.source)
    tiers: dict[str, int | None] = {e.id: e.tier for e in case.entities}
    roots = [e.id for e in case.entities if e.role == "importer" or (e.tier == 0)]
    if not roots:
        roots = [e.id for e in case.entities if e.role == "ultimate_consignee" and not buyers[e.id]]
    derived: dict[str, int] = {root: tiers[root] or 0 for root in roots}
    # Longest path upstream, by relaxing in breadth-first order; the links form no cycle
    # (the description loader refuses cycles), and the visit cap guards a hand-edited file.
    queue = deque(roots)
    visits = 0
    limit = (len(case.entities) + 1) * (len(case.links) + 1)
    while queue and visits < limit:
        visits += 1
        buyer = queue.popleft()
        for supplier in suppliers[buyer]:
            given = tiers[buyer]
            candidate = (given if given is not None else derived[buyer]) + 1
            if derived.get(supplier, -1) < candidate:
                derived[supplier] = candidate
                queue.append(supplier)
    for entity_id, tier in tiers.items():
        if tier is None:
            tiers[entity_id] = derived.get(entity_id)
    return tiers
