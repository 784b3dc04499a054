"""The mass balance of a case: at each processing entity, what came in, what could come out,
what went out; by material when the entity has a recipe (``core.recipes``).

CBP officials check that the quantities of a supply chain "make sense" (domain.md B, SCT-16):
an entity cannot ship more than its inputs allow. This is the same arithmetic as the
quantity check of ``consistency`` (the same yield rule, unit conversion and ``TOLERANCE``),
kept as rows so the bundle can print the reconciliation table and say "reconciled" only of
the rows that are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from importer_app.core.caseindex import CaseIndex
from importer_app.core.consistency import AUXILIARY, TOLERANCE, counted_inputs, inadmissible_sources
from importer_app.core.geography import Region, locate
from importer_app.core.model import Case, Entity, Link
from importer_app.core.order import named_producer_sources
from importer_app.core.recipes import MaterialAllowance, RecipeBalance, by_recipe
from importer_app.core.screening_state import ScreeningCandidate
from importer_app.core.units import conversion_factor


@dataclass(frozen=True)
class Input:
    """One input of an entity, counted in the entity's output unit.

    Attributes:
        link: the transfer that delivered it.
        expected: the output it allows: its quantity times its yield, or converted one for
            one when the link gives no yield; at an entity with a recipe, its quantity in the
            row's unit times the row's yield. None when its unit does not convert.
    """

    link: Link
    expected: float | None


@dataclass(frozen=True)
class Output:
    """What an entity shipped: a transfer, or (for the importer) the quantity entered.

    Attributes:
        link: the transfer; None for the quantity the entry declares.
        quantity: in ``unit``.
    """

    link: Link | None
    quantity: float
    unit: str


@dataclass(frozen=True)
class Balance:
    """One entity's reconciliation.

    Attributes:
        entity: the processing entity.
        unit: the unit of its output, in which every figure is counted.
        inputs: what it received, each with the output it allows.
        outputs: what it shipped.
        expected: the most output its inputs allow; None when a unit does not convert.
        shipped: its output; None when its outputs are in units that do not convert.
        auxiliary: the inputs it received that do not become the output (packaging, fillers),
            not counted in ``expected``.
        inadmissible: the inputs it received from an entity in the XUAR, not counted in
            ``expected``: they cannot go into admissible goods.
        named_by_order: the inputs it received from a producer the order names, not counted
            in ``expected`` for the same reason.
        recipe: the counted inputs sorted by the entity's recipe, when it has one: then
            ``expected`` is what the limiting material allows, and inputs of a material the
            recipe does not name (``recipe.not_in_recipe``) are not in ``inputs``.
    """

    entity: Entity
    unit: str
    inputs: tuple[Input, ...]
    outputs: tuple[Output, ...]
    expected: float | None
    shipped: float | None
    auxiliary: tuple[Link, ...] = ()
    inadmissible: tuple[Link, ...] = ()
    named_by_order: tuple[Link, ...] = ()
    recipe: RecipeBalance | None = None

    @property
    def tolerance(self) -> float | None:
        """How much the output may exceed ``expected`` (``TOLERANCE`` of it) and still reconcile."""
        return None if self.expected is None else self.expected * TOLERANCE

    @property
    def difference(self) -> float | None:
        """Output shipped minus output expected: above ``tolerance`` it does not reconcile."""
        if self.expected is None or self.shipped is None:
            return None
        return self.shipped - self.expected

    @property
    def reconciles(self) -> bool | None:
        """True when the output is within what the inputs allow; None when units do not convert."""
        if self.difference is None or self.tolerance is None:
            return None
        return self.difference <= self.tolerance

    def material_reconciles(self, material: MaterialAllowance) -> bool | None:
        """True when the output is within what one recipe material allows (plus ``TOLERANCE``);
        None when units do not convert."""
        allows = material.allows
        if allows is None or self.shipped is None:
            return None
        return self.shipped - allows <= allows * TOLERANCE


def mass_balance(case: Case, regions: Iterable[Region] = (),
                 order_matches: Iterable[ScreeningCandidate] = ()) -> tuple[Balance, ...]:
    """The balance of every entity that both receives and ships (or, as the end of the chain,
    enters), in case order; auxiliary inputs (packaging, fillers), inputs from an entity in
    the XUAR (given the catalog's ``regions``) and inputs from a producer the order names
    (given the screening's ``order_matches``) are not counted, as in the check."""
    index = CaseIndex(case)
    inadmissible = inadmissible_sources(locate(case, regions))
    named = named_producer_sources(case, order_matches) - inadmissible
    shipment = case.shipment
    # The end of the chain as the quantity check places it: the importers or, failing one, the
    # ultimate consignees that ship nothing on.
    ends = {entity.id for entity in case.entities if entity.role == "importer"} or {
        entity.id for entity in case.entities
        if entity.role == "ultimate_consignee" and not index.outgoing_of(entity.id)}
    found: list[Balance] = []
    for entity in case.entities:
        received = index.incoming_of(entity.id)
        inputs = counted_inputs(received, inadmissible | named)
        outputs = [Output(link, link.quantity, link.unit) for link in index.outgoing_of(entity.id)]
        if not outputs and entity.id in ends:
            outputs = [Output(None, shipment.quantity, shipment.unit)]
        if inputs and outputs:
            auxiliary = tuple(link for link in received if link.material_class == AUXILIARY)
            excluded = tuple(link for link in received if link.source in inadmissible and link not in auxiliary)
            from_named = tuple(link for link in received if link.source in named and link not in auxiliary)
            found.append(_balance(entity, inputs, outputs, auxiliary, excluded, from_named))
    return tuple(found)


def _balance(entity: Entity, links: Sequence[Link], outputs: list[Output], auxiliary: tuple[Link, ...],
             inadmissible: tuple[Link, ...], named: tuple[Link, ...]) -> Balance:
    unit = outputs[0].unit
    factors = [conversion_factor(output.unit, unit) for output in outputs]
    shipped = None if None in factors else sum(o.quantity * (f or 0.0) for o, f in zip(outputs, factors, strict=True))
    if entity.recipe:
        recipe = by_recipe(entity.recipe, links)
        inputs = tuple(Input(item.link, None if item.quantity is None else item.quantity * material.row.yield_)
                       for material in recipe.materials for item in material.inputs)
        return Balance(entity, unit, inputs, tuple(outputs), recipe.allows, shipped, auxiliary, inadmissible, named,
                       recipe)
    inputs = tuple(Input(link, _allows(link, unit)) for link in links)
    allowed = [item.expected for item in inputs]
    expected = None if None in allowed else sum(value or 0.0 for value in allowed)
    return Balance(entity, unit, inputs, tuple(outputs), expected, shipped, auxiliary, inadmissible, named)


def _allows(link: Link, unit: str) -> float | None:
    if link.yield_ is not None:
        return link.quantity * link.yield_
    factor = conversion_factor(link.unit, unit)
    return None if factor is None else link.quantity * factor
