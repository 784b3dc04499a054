"""What CBP's own requests contend about the goods' origin: distant-water tuna canned in
Thailand, held under a WRO against a fishing vessel, and a CBP Form 28 saying that the fish in
this entry were not caught by the vessel the importer names."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from importer_app.core.catalog import Catalog
from importer_app.core.contention import NAMED_PRODUCER, case_contentions, contention_reason
from importer_app.core.gaps import case_gaps
from importer_app.core.model import Case, DetentionOrder, Inquiry
from importer_app.core.report import Report

if TYPE_CHECKING:
    from case_kit import CaseKit

Check = Callable[[Case], Report]

NOT_THIS_VESSEL = Inquiry("cf28-1", dt.date(2026, 10, 16),
                          "CBP Form 28: the fish in this entry were not caught by the vessel named on the invoices",
                          contends=("commingled",))

ORDINARY_SCT_17 = ("Optional: Inventory and warehouse records (lot segregation). If your suppliers keep lots apart,"
                   " add their stock or warehouse records.")
COMMINGLED = (" CBP's request of October 16, 2026 contends that the goods or their inputs were commingled with goods"
              " from another source. The submission must show, lot by lot, that the lots shipped were kept apart from"
              " other material wherever the chain receives material from more than one source: the receiving, stock"
              " and warehouse records of each such company.")
CANNERY_SCT_12 = ("Missing: Receiving and lot records, for Songkhla Canning Co. (manufacturer, TH).{reason} Ask this"
                  " company for the receiving records of the lots it used for this order, naming each lot and the"
                  " company it came from (for the first buyer, the raw material's producer), and tie them to the entity.")


def tuna(kit: CaseKit, *inquiries: Inquiry, order: DetentionOrder | None = None) -> Case:
    """Skipjack from a Vanuatu-flagged purse seiner, transshipped by a reefer carrier, canned in
    Thailand; every document filed except the cannery's receiving and stock records."""
    entities = (kit.entity("vessel", "raw_material_producer", "VU", "Pacific Star No. 7"),
                kit.entity("reefer", "logistics", "PA", "Southern Reefer Line S.A."),
                kit.entity("cannery", "manufacturer", "TH", "Songkhla Canning Co."),
                kit.entity("buyer", "importer", "US", "Harbor Foods Inc."))
    links = (kit.link("vessel-cannery", "vessel", "cannery", 40000, "kg", material="frozen skipjack tuna", yield_=0.5,
                      shipped=dt.date(2026, 6, 2), references=("CATCH-0612",)),
             kit.link("cannery-buyer", "cannery", "buyer", 20000, "kg", material="canned skipjack tuna",
                      shipped=dt.date(2026, 9, 1), references=("PO-7781",)))  # fmt: skip
    documents = tuple(kit.doc(f"links/{link.id}/{kind}.pdf", kind, links=(link.id,))
                      for link in links
                      for kind in ("purchase_order", "commercial_invoice", "proof_of_payment", "packing_list"))
    case = kit.complete("wro", country_of_origin="TH", merchandise="Canned skipjack tuna", order_reference="WRO-2026-0107")
    return kit.replacing(case, entities=entities, links=links, documents=documents, inquiries=inquiries, order=order)


def lot_findings(kit: CaseKit, report: Report) -> list[tuple[str, str, str, str]]:
    return [(f.requirement, f.scope, f.severity, f.message)
            for f in (*kit.of(report, requirement="SCT-12"), *kit.of(report, requirement="SCT-17"))]


def test_a_request_contending_not_this_vessels_fish_makes_lot_segregation_blocking(kit: CaseKit, check: Check,
                                                                                     catalog: Catalog) -> None:
    case = tuna(kit, NOT_THIS_VESSEL)
    assert case_contentions(case) == {"commingled"}
    assert catalog.information_type("SCT-17").level_for("wro", case_contentions(case)) == "expected"
    report = check(case)
    assert lot_findings(kit, report) == [
        ("SCT-12", "entity:cannery", "missing", CANNERY_SCT_12.format(reason=COMMINGLED)),
        ("SCT-17", "case", "missing", f"Missing: Inventory and warehouse records (lot segregation).{COMMINGLED}"
                                      " If your suppliers keep lots apart, add their stock or warehouse records."),
    ]
    [finding] = kit.of(report, requirement="SCT-17")
    assert "19 CFR 12.43" in finding.citation and "[S14]" in finding.citation and "[S93]" in finding.citation
    gaps = {gap.requirement: gap for gap in case_gaps(case, report, catalog)}
    assert gaps["SCT-17"].blocking and gaps["SCT-12"].blocking


def test_without_the_contention_lot_segregation_stays_optional(kit: CaseKit, check: Check, catalog: Catalog) -> None:
    case = tuna(kit, dataclasses.replace(NOT_THIS_VESSEL, contends=()))
    assert case_contentions(case) == frozenset()
    report = check(case)
    assert lot_findings(kit, report) == [
        ("SCT-12", "entity:cannery", "missing", CANNERY_SCT_12.format(reason="")),
        ("SCT-17", "case", "info", ORDINARY_SCT_17),
    ]
    assert not next(gap for gap in case_gaps(case, report, catalog) if gap.requirement == "SCT-17").blocking


def test_the_wro_against_a_vessel_and_the_request_each_give_their_reason(kit: CaseKit, check: Check,
                                                                         catalog: Catalog) -> None:
    order = DetentionOrder(kind="wro", issued=dt.date(2026, 5, 1), producers=("Hai Feng No. 168",))
    case = tuna(kit, order=order)
    assert catalog.information_type("SCT-17").level_for("wro", case_contentions(case)) == "expected"
    named = (" The order WRO-2026-0107 names Hai Feng No. 168. The submission must show that the lots shipped were"
             " kept apart from theirs wherever the chain mixes inputs: the stock and warehouse records of each company"
             " that receives material from more than one supplier.")
    [alone] = kit.of(check(case), requirement="SCT-17")
    assert alone.message == (f"Missing: Inventory and warehouse records (lot segregation).{named} If your suppliers"
                             " keep lots apart, add their stock or warehouse records.")
    both = tuna(kit, NOT_THIS_VESSEL, order=order)
    assert case_contentions(both) == {NAMED_PRODUCER, "commingled"}
    assert catalog.information_type("SCT-17").level_for("wro", case_contentions(both)) == "expected"
    [finding] = kit.of(check(both), requirement="SCT-17")
    assert finding.message == (f"Missing: Inventory and warehouse records (lot segregation).{named}{COMMINGLED}"
                               " If your suppliers keep lots apart, add their stock or warehouse records.")


def test_the_stock_and_receiving_records_answer_the_contention(kit: CaseKit, check: Check) -> None:
    case = kit.adding(tuna(kit, NOT_THIS_VESSEL),
                      kit.doc("cannery/stock.pdf", "inventory_record", entities=("cannery",)),
                      kit.doc("cannery/receiving.pdf", "raw_material_receipt", entities=("cannery",)))
    report = check(case)
    assert lot_findings(kit, report) == []
    assert kit.state(report, "SCT-17") == "satisfied"
    assert kit.state(report, "SCT-12", "entity:cannery") == "satisfied"


def test_a_request_contending_another_origin_names_each_request_by_its_date(kit: CaseKit, check: Check,
                                                                            catalog: Catalog) -> None:
    other = Inquiry("cf28-2", dt.date(2026, 10, 19), "Portal message: the catch came from another vessel",
                    contends=("other-origin", "commingled"))
    case = tuna(kit, NOT_THIS_VESSEL, other)
    row = catalog.information_type("SCT-12")
    assert row.level_for("wro", case_contentions(case)) == "expected"
    reason, sources = contention_reason(row, case_contentions(case), case, catalog)
    assert reason == (
        " CBP's request of October 16, 2026 contends that the goods or their inputs were commingled with goods from"
        " another source. CBP's request of October 19, 2026 contends that the goods or an input came from a different"
        " producer or region than the submission states, and that the goods or their inputs were commingled with"
        " goods from another source." + COMMINGLED.split(" source.", 1)[1]
        + " The submission must follow each lot from the producer it names to the goods entered: the receiving and"
          " lot records of each company, naming each lot and the company it came from.")
    assert "cf28" not in reason
    assert set(sources) == {"S02", "S13", "S14", "S93"}
    assert catalog.information_type("SCT-17").level_for("wro", frozenset({"other-origin"})) == "expected"


def test_a_request_cannot_contend_what_only_the_order_says(kit: CaseKit, catalog: Catalog) -> None:
    claimed = dataclasses.replace(NOT_THIS_VESSEL, contends=(NAMED_PRODUCER,))
    case = tuna(kit, claimed)
    assert case_contentions(case) == frozenset()
    assert contention_reason(catalog.information_type("SCT-17"), frozenset({NAMED_PRODUCER}), case, catalog) == ("", ())


def test_an_item_no_contention_raises_gives_no_reason(kit: CaseKit, catalog: Catalog) -> None:
    case = tuna(kit, NOT_THIS_VESSEL)
    assert contention_reason(catalog.information_type("SCT-05"), case_contentions(case), case, catalog) == ("", ())
