"""Lots followed from the raw material's producer through every later processor (SCT-12), and
lot segregation when the order names producers (SCT-17)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from importer_app.core.catalog import Catalog
from importer_app.core.contention import NAMED_PRODUCER, case_contentions
from importer_app.core.gaps import case_gaps
from importer_app.core.model import Case, DetentionOrder
from importer_app.core.report import Report

if TYPE_CHECKING:
    from case_kit import CaseKit

Check = Callable[[Case], Report]

MILL = "Ocean Star Fishing Co."


def sct_12_scopes(report: Report) -> list[str]:
    return [s.scope for s in report.statuses if s.requirement == "SCT-12"]


# ---------------------------------------------------------------- SCT-12 downstream


def test_sct_12_follows_the_lots_to_every_later_processor_not_the_importer(kit: CaseKit, check: Check) -> None:
    report = check(kit.complete("wro"))
    assert sct_12_scopes(report) == ["entity:spinner", "entity:garment"]
    assert kit.state(report, "SCT-12", "entity:garment") == "satisfied"


def test_a_later_processor_without_its_receiving_records_is_missing_them(kit: CaseKit, check: Check) -> None:
    case = kit.without(kit.complete("wro"), lambda d: d.path == "entities/garment/raw_material_receipt.pdf")
    report = check(case)
    [finding] = kit.of(report, requirement="SCT-12")
    assert (finding.scope, finding.severity) == ("entity:garment", "missing")
    assert finding.message.startswith("Missing: Receiving and lot records, for Saigon Garment JSC (manufacturer, VN). ")
    assert "naming each lot and the company it came from" in finding.message


def test_companies_no_raw_material_reaches_and_traders_are_not_asked(kit: CaseKit, check: Check) -> None:
    case = kit.complete("wro")
    trims = kit.entity("trims", "manufacturer", "CN", "Button Works")  # no raw material producer upstream
    trader = kit.entity("trader", "seller", "HK", "Harbour Trading")
    links = (*case.links[:2], kit.link("trims-garment", "trims", "garment", 12000, "pcs"),
             kit.link("garment-trader", "garment", "trader", 12000, "pcs"),
             kit.link("trader-acme", "trader", "acme", 12000, "pcs"))  # fmt: skip
    report = check(kit.replacing(case, entities=(*case.entities, trims, trader), links=links))
    assert sct_12_scopes(report) == ["entity:spinner", "entity:garment"]


def test_a_cycle_in_the_chain_is_followed_once(kit: CaseKit, check: Check) -> None:
    case = kit.complete("wro")
    returned = kit.link("garment-spinner", "garment", "spinner", 10, "kg", material="yarn returned")
    report = check(kit.replacing(case, links=(*case.links, returned)))
    assert sct_12_scopes(report) == ["entity:spinner", "entity:garment"]


def test_a_chain_without_a_raw_material_producer_asks_no_lot_records(kit: CaseKit, check: Check) -> None:
    case = kit.complete("wro")
    entities = tuple(e for e in case.entities if e.id != "farm")
    links = tuple(link for link in case.links if link.source != "farm")
    assert sct_12_scopes(check(kit.replacing(case, entities=entities, links=links))) == []


# ---------------------------------------------------------------- SCT-17 and the contention


def named(kit: CaseKit, status: str = "active", producers: tuple[str, ...] = (MILL,)) -> Case:
    """The complete case less its stock records, held under a WRO that names a producer."""
    case = kit.without_types(kit.complete("wro", order_reference="WRO-2026-0042"), "inventory_record")
    order = DetentionOrder(kind="wro", issued=dt.date(2026, 2, 1), status=status,
                           status_changed=dt.date(2026, 10, 1) if status != "active" else None,
                           goods_outside=status == "modified", producers=producers)
    return dataclasses.replace(case, order=order)


def test_lot_segregation_is_optional_while_nothing_contends_a_named_producer(kit: CaseKit, check: Check) -> None:
    case = kit.without_types(kit.complete("wro"), "inventory_record")
    [finding] = kit.of(check(case), requirement="SCT-17")
    assert finding.severity == "info"
    assert finding.message == ("Optional: Inventory and warehouse records (lot segregation). If your suppliers keep lots"
                               " apart, add their stock or warehouse records.")


def test_an_order_naming_a_producer_makes_lot_segregation_expected(kit: CaseKit, check: Check,
                                                                   catalog: Catalog) -> None:
    case = named(kit)
    assert case_contentions(case) == {NAMED_PRODUCER}
    report = check(case)
    [finding] = kit.of(report, requirement="SCT-17")
    assert (finding.scope, finding.severity) == ("case", "missing")
    assert finding.message == (
        "Missing: Inventory and warehouse records (lot segregation). The order WRO-2026-0042 names Ocean Star"
        " Fishing Co. The submission must show that the lots shipped were kept apart from theirs wherever the"
        " chain mixes inputs: the stock and warehouse records of each company that receives material from more"
        " than one supplier. If your suppliers keep lots apart, add their stock or warehouse records.")
    assert "19 CFR 12.43" in finding.citation and "[S13]" in finding.citation
    [gap] = [gap for gap in case_gaps(case, report, catalog) if gap.requirement == "SCT-17"]
    assert gap.blocking


def test_the_reason_names_every_producer_the_order_names(kit: CaseKit, check: Check) -> None:
    case = kit.replacing(named(kit, producers=("Pacific Reefer 7", "Blue Fin Packers")),
                         shipment=dataclasses.replace(named(kit).shipment, order_reference=""))
    [finding] = kit.of(check(case), requirement="SCT-17")
    assert " The order names Pacific Reefer 7; Blue Fin Packers. The submission must show " in finding.message


def test_lot_segregation_without_a_contention_cites_only_its_own_sources(kit: CaseKit, check: Check) -> None:
    [finding] = kit.of(check(kit.without_types(kit.complete("wro"), "inventory_record")), requirement="SCT-17")
    assert "12.43" not in finding.citation


def test_the_stock_records_satisfy_the_contended_item(kit: CaseKit, check: Check) -> None:
    case = kit.adding(named(kit), kit.doc("case/stock.pdf", "inventory_record"))
    assert kit.state(check(case), "SCT-17") == "satisfied"
    assert kit.of(check(case), requirement="SCT-17") == []


def test_an_order_that_no_longer_holds_the_goods_or_names_nobody_contends_nothing(kit: CaseKit, check: Check,
                                                                                   catalog: Catalog) -> None:
    for case in (named(kit, status="revoked"), named(kit, status="modified"), named(kit, producers=())):
        assert case_contentions(case) == frozenset()
        report = check(case)
        [finding] = kit.of(report, requirement="SCT-17")
        assert finding.severity == "info"
        assert not [gap for gap in case_gaps(case, report, catalog) if gap.requirement == "SCT-17"][0].blocking


def test_a_contention_never_lowers_a_level(catalog: Catalog) -> None:
    row = catalog.information_type("SCT-12")
    assert row.level_for("wro", frozenset({NAMED_PRODUCER})) == "expected"
    lowered = dataclasses.replace(row, level_by_contention={NAMED_PRODUCER: "supporting"})
    assert lowered.level_for("wro", frozenset({NAMED_PRODUCER})) == "expected"
    assert catalog.information_type("SCT-17").level_for("wro", frozenset({NAMED_PRODUCER})) == "expected"
    assert catalog.information_type("SCT-17").level_for("wro") == "supporting"
