"""The mass balance as the executive summary prints it: one reconciliation table per
processing company, each figure with the exhibits it comes from.

The arithmetic is ``core.mass_balance``; the words are the ``[balance]`` table of
``forms/templates/executive_summary.toml``. "Reconciles" is printed only for a company whose
output is within its tolerance.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether

from importer_app.bundle.pages import facts, styles
from importer_app.bundle.pages.facts import CaseFacts, long_date, quantity
from importer_app.bundle.pages.templates import Template
from importer_app.core.consistency import TOLERANCE
from importer_app.core.countries import country_name
from importer_app.core.mass_balance import Balance, Input, mass_balance
from importer_app.core.model import Link
from importer_app.core.recipes import RecipeBalance
from importer_app.core.screening_state import ScreeningCandidate

_COLUMNS = (0.40, 0.12, 0.10, 0.20, 0.18)
"""Relative widths: what, quantity, yield, output counted, exhibits."""


def balance_tables(info: CaseFacts, words: Template, width: float,
                   order_matches: Sequence[ScreeningCandidate] = ()) -> list[Flowable]:
    """The tables of every processing company, upstream first; empty when none both receives
    and ships. ``order_matches``: the case's companies that match a producer the order names."""
    rank = {entity.id: position for position, entity in enumerate(info.entities_upstream_first())}
    balances = sorted(mass_balance(info.case, info.catalog.regions, order_matches),
                      key=lambda b: rank.get(b.entity.id, len(rank)))
    # Each company's production records, found in one pass over the exhibits rather than one per company.
    production: dict[str, list[str]] = {}
    for exhibit in info.plan.exhibits:
        if exhibit.document.type == "production_record":
            for entity_id in dict.fromkeys(exhibit.document.entities):
                production.setdefault(entity_id, []).append(exhibit.id)
    out: list[Flowable] = []
    # How a recipe is counted is said once, above the first table, when a company has one.
    note = [styles.para(words.para("balance", "recipe_intro"))] if any(b.recipe for b in balances) else []
    for balance in balances:
        heading = styles.plain(f"{facts.entity_name(balance.entity)} ({country_name(balance.entity.country)})", styles.SUBHEADING)
        table = styles.table(words.raw("balance", "columns"), _rows(info, words, balance,
                                                                    production.get(balance.entity.id, [])),
                             [share * width for share in _COLUMNS])
        out += [KeepTogether([*note, heading, table]), styles.space(6)]
        note = []
    return out


def _rows(info: CaseFacts, words: Template, balance: Balance, production: list[str]) -> list[list[str]]:
    """The table's rows; ``production``: the exhibit ids of the company's production records."""
    unit = balance.unit
    recipe = balance.recipe
    rows = (_recipe_rows(info, words, balance, recipe, production) if recipe is not None
            else [_input_row(info, words, item, unit, production) for item in balance.inputs])
    not_in_recipe = recipe.not_in_recipe if recipe is not None else ()
    for kind, links in (("auxiliary", balance.auxiliary), ("not_in_recipe", not_in_recipe),
                        ("inadmissible", balance.inadmissible), ("named_by_order", balance.named_by_order)):
        for link in links:
            rows.append([_received(info, words, link), quantity(link.quantity, link.unit), "",
                         words.text("balance", kind), facts.exhibit_list(info.plan.exhibit_ids_for_link(link.id))])
    expected = (words.text("balance", "expected_limited", values={"material": recipe.limiting.row.material})
                if recipe is not None and balance.expected is not None else words.text("balance", "expected"))
    rows.append([expected, "", "", _figure(balance.expected, unit, words), ""])
    for output in balance.outputs:
        if output.link is None:
            about = words.text("balance", "entered", values={"entry_number": info.case.shipment.entry_number})
            exhibits = ""
        else:
            about = words.text("balance", "shipped" if output.link.shipped else "shipped_undated", values={
                "material": output.link.material, "buyer": info.name_of(output.link.target),
                "date": long_date(output.link.shipped)})
            exhibits = info.link_exhibits(output.link.id)
        rows.append([about, quantity(output.quantity, output.unit), "", "", exhibits])
    rows.append([words.text("balance", "shipped_total"), "", "", _figure(balance.shipped, unit, words), ""])
    difference = balance.difference
    rows.append([words.text("balance", "difference"), "", "",
                 "" if difference is None else _signed(difference, unit), ""])
    percent = facts.number(TOLERANCE * 100)
    rows.append([words.text("balance", "tolerance", values={"percent": percent}), "", "",
                 _figure(balance.tolerance, unit, words), ""])
    rows.append([words.text("balance", "result"), "", "", _result(balance, words), ""])
    return rows


def _input_row(info: CaseFacts, words: Template, item: Input, unit: str, production: list[str]) -> list[str]:
    link = item.link
    stated = facts.number(link.yield_) if link.yield_ is not None else words.text("balance", "no_yield")
    # The quantity comes from the transfer's documents, the yield from the company's production records.
    exhibits = facts.exhibit_list([*info.plan.exhibit_ids_for_link(link.id),
                                   *(production if link.yield_ is not None else ())])
    return [_received(info, words, link), quantity(link.quantity, link.unit), stated,
            _figure(item.expected, unit, words), exhibits]


def _recipe_rows(info: CaseFacts, words: Template, balance: Balance, recipe: RecipeBalance,
                 production: list[str]) -> list[list[str]]:
    """One block per material of the company's recipe: what came in, what it allows, and whether
    the output shipped is within that. The yields come from the company's production records."""
    unit = balance.unit
    rows: list[list[str]] = []
    for material in recipe.materials:
        row = material.row
        values = {"material": row.material, "yield": facts.number(row.yield_), "unit": row.unit, "output_unit": unit}
        rows.append([words.text("balance", "recipe_material", values=values), "", "", "", facts.exhibit_list(production)])
        for item in material.inputs:
            link = item.link
            allows = None if item.quantity is None else item.quantity * row.yield_
            rows.append([_received(info, words, link), quantity(link.quantity, link.unit),
                         words.text("balance", "recipe_yield", values=values), _figure(allows, unit, words),
                         facts.exhibit_list(info.plan.exhibit_ids_for_link(link.id))])
        rows.append([words.text("balance", "material_allows", values=values), "", "",
                     _figure(material.allows, unit, words), ""])
        reconciles = balance.material_reconciles(material)
        rows.append([words.text("balance", "material_result", values=values), "", "",
                     _verdict(reconciles, (balance.shipped or 0.0) - (material.allows or 0.0) * (1 + TOLERANCE),
                              unit, words), ""])
    return rows


def _received(info: CaseFacts, words: Template, link: Link) -> str:
    return words.text("balance", "received" if link.shipped else "received_undated", values={
        "material": link.material, "supplier": info.name_of(link.source), "date": long_date(link.shipped)})


def _result(balance: Balance, words: Template) -> str:
    return _verdict(balance.reconciles, (balance.difference or 0.0) - (balance.tolerance or 0.0), balance.unit, words)


def _verdict(reconciles: bool | None, excess: float, unit: str, words: Template) -> str:
    """``Reconciles``, or by how much the output exceeds the tolerance; "not comparable" when
    units do not convert."""
    if reconciles is None:
        return words.text("balance", "not_comparable")
    if reconciles:
        return words.text("balance", "reconciles")
    return words.text("balance", "exceeds", values={"excess": quantity(excess, unit)})


def _figure(value: float | None, unit: str, words: Template) -> str:
    return words.text("balance", "not_comparable") if value is None else quantity(value, unit)


def _signed(value: float, unit: str) -> str:
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return f"{sign}{quantity(abs(value), unit)}"

