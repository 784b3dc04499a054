"""Consistency checks: faults in the case data that CBP's reviewer would find.

Documents can all be present and still not tell one story: an entity that leads nowhere, a
supplier that ships more than it received, a shipment dated before its input arrived, an
invoice whose numbers belong to another order. The code here finds such faults and states
the facts; how serious each one is, which catalog row it serves, its sources and the advice
come from ``forms/catalog/checks.toml``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from importer_app.core.caseindex import CaseIndex
from importer_app.core.catalog import Catalog
from importer_app.core.geography import IN_REGION, Location
from importer_app.core.model import Case, Entity, Link
from importer_app.core.recipes import by_recipe
from importer_app.core.report import Finding
from importer_app.core.units import conversion_factor

TOLERANCE = 0.02
"""Output may exceed input times yield by this share before it is a fault."""

# Roles that need not sit on a chain of links: a freight forwarder carries the goods without
# owning them, and the ultimate consignee buys them after importation.
_OFF_CHAIN_ROLES = frozenset({"logistics", "ultimate_consignee"})
_RAW_MATERIAL_PRODUCER = "raw_material_producer"
AUXILIARY = "auxiliary"
"""The material class of inputs that do not become the output (vocab.MATERIAL_CLASSES)."""
_NOT_ALNUM = re.compile(r"[^0-9A-Z]")
_SOURCE = operator.attrgetter("source")
_TARGET = operator.attrgetter("target")
_PEEL_ROUNDS = 32


def check_consistency(case: Case, catalog: Catalog, index: CaseIndex,
                      locations: Sequence[Location] = (), named: frozenset[str] = frozenset()) -> list[Finding]:
    """Every consistency finding of the case: structure, quantity, chronology, reference.

    ``locations`` are the entities ``geography.locate`` places in or near the regions of the
    catalog; ``named`` the entities that are producers the order names
    (``order.named_producer_sources``). Material from either does not count in the quantity
    reconciliation.
    """
    report = _Reporter(catalog)
    ends = chain_ends(case, index)
    _check_structure(case, index, ends, report)
    _check_quantities(case, index, ends, report, inadmissible_sources(locations), named)
    _check_chronology(case, catalog, index, ends, report)
    _check_references(case, index, report)
    _check_renditions(case, index, report)
    return report.findings


def chain_ends(case: Case, index: CaseIndex) -> set[str]:
    """Where the supply chain ends: the importers or, failing one, the ultimate consignees
    that ship nothing on (as ``core.tiers`` places tier 0)."""
    importers = {entity.id for entity in case.entities if entity.role == "importer"}
    return importers or {
        entity.id
        for entity in case.entities
        if entity.role == "ultimate_consignee" and not index.outgoing_of(entity.id)
    }


class _Reporter:
    """Turns a check id, a scope and the facts into a finding worded by the catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self.findings: list[Finding] = []

    def __call__(self, check_id: str, scope: str, facts: str) -> None:
        check = self._catalog.checks[check_id]
        self.findings.append(
            Finding(
                kind=check.kind,
                severity=check.severity,
                scope=scope,
                message=f"{facts} {check.guidance}",
                citation=self._catalog.cite(check.citation),
                requirement=check.basis,
            )
        )


# ---------------------------------------------------------------- structure


def _check_structure(case: Case, index: CaseIndex, ends: set[str], report: _Reporter) -> None:
    """Entities cut off from the importer, chains that stop short of raw material, cycles."""
    if not ends:
        report("no-importer", "case", "No entity of the supply chain has the role importer.")
    else:
        upstream = _reach(ends, index.incoming_of, _SOURCE)
        downstream = _reach(ends, index.outgoing_of, _TARGET)
        receiving = set(map(_TARGET, case.links))
        for entity in case.entities:
            if entity.role in _OFF_CHAIN_ROLES:
                continue
            if entity.id not in upstream and entity.id not in downstream:
                report(
                    "entity-not-connected",
                    f"entity:{entity.id}",
                    f"{index.entity_phrase(entity.id)} is not connected to the importer by any chain of links.",
                )
            elif entity.id in upstream and entity.role != _RAW_MATERIAL_PRODUCER and entity.id not in receiving:
                report(
                    "chain-not-to-raw-material",
                    f"entity:{entity.id}",
                    f"The supply chain stops at {index.entity_phrase(entity.id)}: no link records where its "
                    "material came from, so the chain does not reach a raw material producer.",
                )
    for cycle in _cycles(case, index):
        names = ", ".join(link.id for link in cycle)
        report(
            "link-cycle",
            f"link:{cycle[0].id}",
            f"The links {names} form a cycle between "
            f"{', '.join(dict.fromkeys(index.entity_name(link.source) for link in cycle))}.",
        )


def _reach(start: Iterable[str], links_of: Callable[[str], Sequence[Link]], far_end: Callable[[Link], str]) -> set[str]:
    """The entities reached from ``start`` along the links ``links_of`` gives, each followed to
    its ``far_end``."""
    seen = set(start)
    stack = list(seen)
    while stack:
        found = set(map(far_end, links_of(stack.pop())))  # one entity's neighbours, gathered in C
        found -= seen
        seen |= found
        stack += found
    return seen


def _cycles(case: Case, index: CaseIndex) -> Iterator[list[Link]]:
    """The links of each cycle, in case order.

    A link whose two ends lie in one strongly connected group closes a cycle: either the
    group has several entities, or the link leads from an entity back to itself.
    """
    if not _may_close_a_cycle(case.links):  # the usual chain: no need to find the groups
        return
    component = _strong_components(case, index)
    groups: dict[int, list[Link]] = {}
    for link in case.links:
        group = component.get(link.source)
        if group is not None and group == component.get(link.target):
            groups.setdefault(group, []).append(link)
    yield from groups.values()


def _may_close_a_cycle(links: Sequence[Link]) -> bool:
    """False when the links surely close no cycle.

    Links from an entity no link delivers to lead back nowhere; taking them away, round after
    round, leaves nothing of a chain without cycles, and leaves a cycle whole. Each round runs
    in C over the links left, and a supply chain is a few tiers deep; a chain deeper than
    ``_PEEL_ROUNDS`` is left for Tarjan's algorithm to decide.
    """
    for _ in range(_PEEL_ROUNDS):
        if not links:
            return False
        delivered_to = set(map(_TARGET, links))
        left = tuple(itertools.compress(links, map(delivered_to.__contains__, map(_SOURCE, links))))
        if len(left) == len(links):  # every link left comes from an entity a link delivers to
            return True
        links = left
    return True


def _strong_components(case: Case, index: CaseIndex) -> dict[str, int]:
    """Tarjan's algorithm, iterative so that long chains do not hit the recursion limit."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    component: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    nodes = [entity.id for entity in case.entities] + [link.source for link in case.links]
    for root in nodes:
        if root in order:
            continue
        work = [(root, iter(index.outgoing_of(root)))]
        order[root] = low[root] = len(order)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, links = work[-1]
            advanced = False
            for link in links:
                target = link.target
                if target not in order:
                    order[target] = low[target] = len(order)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(index.outgoing_of(target))))
                    advanced = True
                    break
                if target in on_stack:
                    low[node] = min(low[node], order[target])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == order[node]:
                group = len(component)
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = group
                    if member == node:
                        break
    return component


# ---------------------------------------------------------------- quantity


def inadmissible_sources(locations: Sequence[Location]) -> frozenset[str]:
    """The entities in the XUAR (their region is it, as the user states): goods made with their
    material cannot be admitted, so it counts toward no admissible output."""
    return frozenset(location.entity_id for location in locations if location.state == IN_REGION)


def _check_quantities(case: Case, index: CaseIndex, ends: set[str], report: _Reporter,
                      inadmissible: frozenset[str] = frozenset(), named: frozenset[str] = frozenset()) -> None:
    """At every entity, output must not exceed input times yield (plus ``TOLERANCE``).

    The output is what the entity ships on its links, in the unit of the first of them; for
    the end of the chain (the importer), which ships nothing, it is the quantity entered. Each input counts as its
    quantity times its yield (output units per unit of that input, as the case gives it); an
    input without a yield counts one for one after unit conversion. Auxiliary inputs
    (packaging, fillers) do not become the output, and input from the XUAR or from a producer
    the order names cannot go into admissible goods: all are left out.
    """
    shipment = case.shipment
    excluded = inadmissible | named
    filtering = bool(excluded) or AUXILIARY in {link.material_class for link in case.links}
    for entity in case.entities:
        received = index.incoming_of(entity.id)
        inputs = counted_inputs(received, excluded) if filtering else received
        outputs = [(link.quantity, link.unit) for link in index.outgoing_of(entity.id)]
        if not outputs and entity.id in ends:
            outputs = [(shipment.quantity, shipment.unit)]
        if not inputs or not outputs:
            continue
        left_out = ""
        if excluded:
            from_xuar = [link for link in received if link.source in inadmissible]
            from_named = [link for link in received if link.source in named and link.source not in inadmissible]
            left_out = _xuar_text(from_xuar, index) + _named_text(from_named, index)
        _balance(entity, inputs, outputs, index, report, left_out)


def counted_inputs(links: Sequence[Link], inadmissible: frozenset[str] = frozenset()) -> Sequence[Link]:
    """The inputs a balance counts: all but the auxiliary ones (packaging, fillers) and those
    from an entity of ``inadmissible``."""
    return [link for link in links if link.material_class != AUXILIARY and link.source not in inadmissible]


def _balance(
    entity: Entity,
    inputs: Sequence[Link],
    outputs: list[tuple[float, str]],
    index: CaseIndex,
    report: _Reporter,
    left_out: str = "",
) -> None:
    scope = f"entity:{entity.id}"
    unit = outputs[0][1]
    shipped = 0.0
    for quantity, output_unit in outputs:
        factor = conversion_factor(output_unit, unit)
        if factor is None:
            facts = f"{index.entity_phrase(entity.id)} ships in both {unit!r} and {output_unit!r}, which do not convert."
            report("quantity-units", scope, facts)
            return
        shipped += quantity * factor
    if entity.recipe:
        _by_recipe(entity, inputs, unit, shipped, index, report, left_out)
        return
    capacity = 0.0
    for link in inputs:
        factor = 1.0 if link.yield_ is not None else conversion_factor(link.unit, unit)
        if factor is None:
            facts = (
                f"{index.entity_phrase(entity.id)} receives {link.unit!r} on link {link.id} and ships "
                f"{unit!r}, which do not convert, and the link gives no yield."
            )
            report("quantity-units", scope, facts)
            return
        capacity += link.quantity * (link.yield_ if link.yield_ is not None else factor)
    if shipped > capacity * (1 + TOLERANCE):
        report(
            "quantity-exceeds-input",
            scope,
            f"Quantities do not reconcile at {index.entity_phrase(entity.id)}: {_what(entity, index)} "
            f"{_number(shipped)} {unit}, but its inputs allow at most {_number(capacity)} {unit} "
            f"({_inputs_text(inputs)}).{left_out}",
        )


def _what(entity: Entity, index: CaseIndex) -> str:
    return "the entry declares" if not index.outgoing_of(entity.id) else "its links ship"


def _by_recipe(entity: Entity, inputs: Sequence[Link], unit: str, shipped: float, index: CaseIndex,
               report: _Reporter, left_out: str) -> None:
    """The balance of an entity with a recipe: each material on its own, the least limiting."""
    scope = f"entity:{entity.id}"
    found = by_recipe(entity.recipe, inputs)
    unconverted = found.unconverted
    if unconverted is not None:
        material, item = unconverted
        report("quantity-units", scope,
               f"{index.entity_phrase(entity.id)} receives {item.link.unit!r} of {item.link.material} on link "
               f"{item.link.id}, but its recipe counts {material.row.material} in {material.row.unit!r}, which do not"
               " convert.")
        return
    limiting = found.limiting
    capacity = limiting.allows or 0.0
    if shipped > capacity * (1 + TOLERANCE):
        materials = "; ".join(
            f"{m.row.material}: {_number(m.quantity or 0.0)} {m.row.unit} x yield {m.row.yield_:g} = "
            f"{_number(m.allows or 0.0)} {unit}" for m in found.materials)
        others = ""
        if found.not_in_recipe:
            lots = "; ".join(f"{_number(link.quantity)} {link.unit} of {link.material} on link {link.id}"
                             for link in found.not_in_recipe)
            others = f" Not counted, because its recipe does not name their material: {lots}."
        report(
            "quantity-exceeds-input",
            scope,
            f"Quantities do not reconcile at {index.entity_phrase(entity.id)}: {_what(entity, index)} {_number(shipped)}"
            f" {unit}, but "
            f"by its recipe its inputs allow at most {_number(capacity)} {unit}, limited by {limiting.row.material} "
            f"({materials}).{others}{left_out}",
        )


def _xuar_text(links: Sequence[Link], index: CaseIndex) -> str:
    if not links:
        return ""
    return (f" Not counted, because material from the Xinjiang Uyghur Autonomous Region cannot go into goods"
            f" admitted under the order: {_lots_text(links, index)}.")


def _named_text(links: Sequence[Link], index: CaseIndex) -> str:
    if not links:
        return ""
    return (" Not counted, because it comes from a producer the order names, whose material cannot go into goods"
            f" admitted under the order: {_lots_text(links, index)}.")


def _lots_text(links: Sequence[Link], index: CaseIndex) -> str:
    return "; ".join(f"{_number(link.quantity)} {link.unit} from {index.entity_name(link.source)} on link {link.id}"
                     for link in links)


def _inputs_text(inputs: Sequence[Link]) -> str:
    parts = [
        f"{_number(link.quantity)} {link.unit}"
        + (f" x yield {link.yield_:g}" if link.yield_ is not None else "")
        + f" on link {link.id}"
        for link in inputs[:3]
    ]
    return "; ".join(parts) + (f"; and {len(inputs) - 3} more" if len(inputs) > 3 else "")


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------- chronology


def _check_chronology(case: Case, catalog: Catalog, index: CaseIndex, ends: set[str], report: _Reporter) -> None:
    """Dates out of order: output before input, shipments or production after importation."""
    imported = case.shipment.date_of_importation
    first_input: dict[str, dt.date] = {}
    for link in case.links:
        if link.shipped is not None:
            earliest = first_input.get(link.target)
            first_input[link.target] = link.shipped if earliest is None else min(earliest, link.shipped)
    for link in case.links:
        if link.shipped is None:
            continue
        earliest = first_input.get(link.source)
        if earliest is not None and link.shipped < earliest:
            report(
                "shipped-before-input",
                f"link:{link.id}",
                f"{_capital(index.link_phrase(link.id))} is dated {link.shipped.isoformat()}, before "
                f"{index.entity_name(link.source)} received its first input on {earliest.isoformat()}.",
            )
        if link.shipped > imported and link.source not in ends:  # the importer delivers later
            report(
                "shipped-after-importation",
                f"link:{link.id}",
                f"{_capital(index.link_phrase(link.id))} is dated {link.shipped.isoformat()}, after the "
                f"date of importation {imported.isoformat()}.",
            )
    production_types = {t.id for t in catalog.document_types.values() if t.proves_production}
    for doc in case.documents:
        # A translation's date is the day it was translated, not the day of the record: only
        # originals are compared (the original of a translation is checked on its own).
        if doc.date is not None and doc.date > imported and doc.type in production_types and not doc.translation_of:
            report(
                "production-document-after-importation",
                f"document:{doc.path}",
                f"{index.document_phrase(doc.path)} ({catalog.document_types[doc.type].name.lower()}) is "
                f"dated {doc.date.isoformat()}, after the date of importation {imported.isoformat()}.",
            )


# ---------------------------------------------------------------- reference


def _check_references(case: Case, index: CaseIndex, report: _Reporter) -> None:
    """Documents tied to a link whose reference numbers share none with the link's."""
    links = index.links
    exact: dict[tuple[str, ...], frozenset[str]] = {}
    memo: dict[tuple[str, ...], set[str]] = {}
    for doc in case.documents:
        ours = doc.references
        if not ours:
            continue  # nothing to compare
        for link_id in doc.links:
            link = links.get(link_id)
            if link is None or not link.references or ours == link.references:
                continue  # nothing to compare, or the link's own numbers: the usual case
            theirs = exact.get(link.references)
            if theirs is None:
                theirs = exact[link.references] = frozenset(link.references)
            if not theirs.isdisjoint(ours):
                continue  # a number written exactly alike
            if not _normalised(ours, memo) & _normalised(link.references, memo):
                report(
                    "reference-mismatch",
                    f"document:{doc.path}",
                    f"{index.document_phrase(doc.path)} is tied to link {link.id} but its numbers "
                    f"({', '.join(ours)}) share none with the link's ({', '.join(link.references)}).",
                )


def _check_renditions(case: Case, index: CaseIndex, report: _Reporter) -> None:
    for document in case.documents:
        if document.needs_rendition:
            report("document-without-pdf", f"document:{document.path}",
                   f"{_capital(index.document_phrase(document.path))} has no PDF copy yet: the bundle will"
                   " only attach the original file.")


def _capital(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]


def _normalised(references: tuple[str, ...], memo: dict[tuple[str, ...], set[str]]) -> set[str]:
    # "PO-1001", "po 1001" and "PO1001" are the same number written three ways.
    found = memo.get(references)
    if found is None:
        found = memo[references] = {key for ref in references if (key := _NOT_ALNUM.sub("", ref.upper()))}
    return found
