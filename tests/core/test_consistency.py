"""Consistency checks: structure, quantities, dates and reference numbers of the case data."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from importer_app.core.model import Case, Link
from importer_app.core.report import Finding, Report

if TYPE_CHECKING:
    from case_kit import CaseKit

Check = Callable[[Case], Report]
D = dt.date


def found(report: Report, kind: str) -> list[tuple[str, str, str]]:
    """(check basis, scope, severity) of the findings of one kind."""
    return [(f.requirement, f.scope, f.severity) for f in report.findings if f.kind == kind]


def only(report: Report, kind: str) -> Finding:
    [finding] = [f for f in report.findings if f.kind == kind]
    return finding


def changed_link(case: Case, link_id: str, **changes: object) -> Case:
    links = tuple(dataclasses.replace(l, **changes) if l.id == link_id else l for l in case.links)  # type: ignore[arg-type]
    return dataclasses.replace(case, links=links)


def plus(kit: CaseKit, case: Case, *, entities: tuple = (), links: tuple[Link, ...] = ()) -> Case:
    return kit.replacing(case, entities=(*case.entities, *entities), links=(*case.links, *links))


@pytest.mark.parametrize("kind", ["structure", "quantity", "chronology", "reference"])
def test_the_complete_case_is_consistent(kit: CaseKit, check: Check, kind: str) -> None:
    assert found(check(kit.complete("wro")), kind) == []


# ---------------------------------------------------------------- structure


def with_role(case: Case, entity_id: str, role: str) -> Case:
    entities = tuple(dataclasses.replace(e, role=role) if e.id == entity_id else e for e in case.entities)
    return dataclasses.replace(case, entities=entities)


def test_a_supply_chain_without_an_importer_is_a_gap(kit: CaseKit, check: Check) -> None:
    report = check(with_role(kit.complete("wro"), "acme", "other"))
    assert found(report, "structure") == [("SCT-02", "case", "missing")]
    assert only(report, "structure").message.startswith(
        "No entity of the supply chain has the role importer. Add the importer of record as an entity"
    )


def test_without_an_importer_the_chain_may_end_at_the_ultimate_consignee(kit: CaseKit, check: Check) -> None:
    case = with_role(kit.complete("wro"), "acme", "ultimate_consignee")
    assert found(check(case), "structure") == []
    assert found(check(kit.replacing(case, shipment=kit.shipment(quantity=12500))), "quantity") == [
        ("SCT-16", "entity:acme", "missing")
    ]


def test_an_entity_cut_off_from_the_importer_is_a_gap(kit: CaseKit, check: Check) -> None:
    broker = kit.entity("broker", "other", "HK", "Kowloon Sourcing Ltd.")
    report = check(plus(kit, kit.complete("wro"), entities=(broker,)))
    assert found(report, "structure") == [("SCT-02", "entity:broker", "missing")]
    assert only(report, "structure").message.startswith(
        "Kowloon Sourcing Ltd. (other, HK) is not connected to the importer by any chain of links. "
    )


def test_a_branch_that_leads_away_from_the_importer_is_cut_off(kit: CaseKit, check: Check) -> None:
    outlet = kit.entity("outlet", "other", "VN")
    report = check(plus(kit, kit.complete("wro"), entities=(outlet,), links=(kit.link("spinner-outlet", "spinner", "outlet"),)))
    assert ("SCT-02", "entity:outlet", "missing") in found(report, "structure")


def test_logistics_providers_and_downstream_consignees_need_no_chain(kit: CaseKit, check: Check) -> None:
    forwarder = kit.entity("forwarder", "logistics", "VN")
    consignee = kit.entity("store", "ultimate_consignee", "US")
    unlinked = kit.entity("outlet", "ultimate_consignee", "US")
    delivery = kit.link("acme-store", "acme", "store", 12000, "pcs")
    case = plus(kit, kit.complete("wro"), entities=(forwarder, consignee, unlinked), links=(delivery,))
    assert found(check(case), "structure") == []


def test_a_chain_that_stops_before_raw_material_is_a_gap(kit: CaseKit, check: Check) -> None:
    case = kit.complete("wro")
    case = kit.replacing(case, entities=case.entities[1:], links=case.links[1:])
    report = check(case)
    assert found(report, "structure") == [("SCT-02", "entity:spinner", "missing")]
    assert only(report, "structure").message.startswith(
        "The supply chain stops at Delta Spinning Co., Ltd. (processor, VN): no link records where its "
        "material came from, so the chain does not reach a raw material producer. Add its suppliers"
    )


def test_a_cycle_of_links_is_a_gap(kit: CaseKit, check: Check) -> None:
    back = kit.link("garment-spinner", "garment", "spinner", 10, "kg")
    report = check(plus(kit, kit.complete("wro"), links=(back,)))
    assert found(report, "structure") == [("SCT-02", "link:spinner-garment", "missing")]
    assert only(report, "structure").message.startswith(
        "The links spinner-garment, garment-spinner form a cycle between Delta Spinning Co., Ltd., Saigon Garment JSC. "
    )


def test_a_link_from_an_entity_to_itself_is_a_cycle(kit: CaseKit, check: Check) -> None:
    loop = kit.link("spinner-spinner", "spinner", "spinner", 10, "kg")
    report = check(plus(kit, kit.complete("wro"), links=(loop,)))
    assert found(report, "structure") == [("SCT-02", "link:spinner-spinner", "missing")]


def test_a_long_chain_is_checked_without_recursion(kit: CaseKit, check: Check) -> None:
    count = 3000  # deeper than Python's recursion limit
    chain = [kit.entity(f"p{n}", "processor", "VN") for n in range(count)]
    links = [kit.link(f"l{n}", f"p{n + 1}", f"p{n}", 1, "kg") for n in range(count - 1)]
    links += [kit.link("to-importer", "p0", "acme", 1, "kg"), kit.link("loop", "p0", f"p{count - 1}", 1, "kg")]
    case = kit.replacing(kit.complete("wro"), entities=(*chain, kit.entity("acme", "importer", "US")), links=tuple(links))
    report = check(case)
    assert [f.requirement for f in report.findings if f.kind == "structure"] == ["SCT-02"]
    assert "form a cycle" in only(report, "structure").message


def test_a_cycle_beside_a_chain_of_unknown_entities_is_found(kit: CaseKit, check: Check) -> None:
    links = (kit.link("a-b", "ghost-a", "ghost-b"), kit.link("b-a", "ghost-b", "ghost-a"))
    report = check(plus(kit, kit.complete("wro"), links=links))
    assert found(report, "structure") == [("SCT-02", "link:a-b", "missing")]
    assert "between ghost-a, ghost-b" in only(report, "structure").message


# ---------------------------------------------------------------- quantity


def test_output_beyond_input_times_yield_is_a_gap(kit: CaseKit, check: Check) -> None:
    case = changed_link(kit.complete("wro"), "spinner-garment", quantity=18400.0)  # 20,000 kg x 0.9 = 18,000
    report = check(case)
    assert found(report, "quantity") == [("SCT-16", "entity:spinner", "missing")]
    assert only(report, "quantity").message.startswith(
        "Quantities do not reconcile at Delta Spinning Co., Ltd. (processor, VN): its links ship 18,400 kg, "
        "but its inputs allow at most 18,000 kg (20,000 kg x yield 0.9 on link farm-spinner). Check the quantities"
    )
    assert not report.complete


def test_output_within_two_percent_of_input_reconciles(kit: CaseKit, check: Check) -> None:
    case = changed_link(kit.complete("wro"), "spinner-garment", quantity=18360.0)
    assert found(check(case), "quantity") == []


def test_units_convert_before_quantities_are_compared(kit: CaseKit, check: Check) -> None:
    # 20 t of lint in, 39,683 lb (18,000 kg) of yarn out; 1,000 dozen shirts for 12,000 pcs entered.
    case = changed_link(kit.complete("wro"), "farm-spinner", quantity=20.0, unit="t", yield_=None)
    case = changed_link(case, "spinner-garment", quantity=39683.0, unit="lb", yield_=8.8)  # pcs per lb
    case = changed_link(case, "garment-acme", quantity=1000.0, unit="dozen")
    assert found(check(case), "quantity") == []
    too_much = changed_link(case, "spinner-garment", quantity=45500.0)  # 20,638 kg from 20,000 kg
    assert found(check(too_much), "quantity") == [("SCT-16", "entity:spinner", "missing")]
    too_many = kit.replacing(case, shipment=kit.shipment(quantity=12500))
    assert found(check(too_many), "quantity") == [("SCT-16", "entity:acme", "missing")]


def test_the_entered_quantity_must_be_covered_by_the_importer_s_inputs(kit: CaseKit, check: Check) -> None:
    report = check(kit.complete("wro", quantity=13000))
    assert found(report, "quantity") == [("SCT-16", "entity:acme", "missing")]
    assert "the entry declares 13,000 pcs, but its inputs allow at most 12,000 pcs" in only(report, "quantity").message


def test_an_input_in_a_unit_that_does_not_convert_is_a_warning(kit: CaseKit, check: Check) -> None:
    case = changed_link(kit.complete("wro"), "garment-acme", unit="cartons")  # the garment maker ships cartons
    report = check(case)
    assert found(report, "quantity") == [("SCT-16", "entity:acme", "warning")]
    assert only(report, "quantity").message.startswith(
        "Acme Apparel Inc. (importer, US) receives 'cartons' on link garment-acme and ships 'pcs', which do not "
        "convert, and the link gives no yield. Use units the app can convert"
    )
    assert report.complete


def test_outputs_in_units_that_do_not_convert_are_a_warning(kit: CaseKit, check: Check) -> None:
    extra = kit.link("spinner-acme", "spinner", "acme", 5, "pcs")
    report = check(plus(kit, kit.complete("wro"), links=(extra,)))
    assert found(report, "quantity") == [("SCT-16", "entity:spinner", "warning")]
    assert only(report, "quantity").message.startswith(
        "Delta Spinning Co., Ltd. (processor, VN) ships in both 'kg' and 'pcs', which do not convert. "
    )


def test_a_long_list_of_inputs_is_shortened(kit: CaseKit, check: Check) -> None:
    farms = tuple(kit.entity(f"farm{n}", "raw_material_producer", "US") for n in range(5))
    inputs = tuple(kit.link(f"farm{n}-spinner", f"farm{n}", "spinner", 100, "kg") for n in range(5))
    case = plus(kit, changed_link(kit.complete("wro"), "farm-spinner", quantity=100.0, yield_=None), entities=farms, links=inputs)
    message = only(check(case), "quantity").message
    assert "(100 kg on link farm-spinner; 100 kg on link farm0-spinner; 100 kg on link farm1-spinner; and 3 more)" in message


# ---------------------------------------------------------------- chronology


def test_a_supplier_shipping_before_its_input_arrived_is_a_gap(kit: CaseKit, check: Check) -> None:
    case = changed_link(kit.complete("wro"), "spinner-garment", shipped=D(2026, 3, 1))
    report = check(case)
    assert found(report, "chronology") == [("SCT-09", "link:spinner-garment", "missing")]
    assert only(report, "chronology").message.startswith(
        "The transfer of cotton yarn from Delta Spinning Co., Ltd. to Saigon Garment JSC (link spinner-garment) is "
        "dated 2026-03-01, before Delta Spinning Co., Ltd. received its first input on 2026-03-02. Check the shipping dates"
    )


def test_a_supplier_shipping_the_day_its_input_arrived_is_in_order(kit: CaseKit, check: Check) -> None:
    case = changed_link(kit.complete("wro"), "spinner-garment", shipped=D(2026, 3, 2))
    assert found(check(case), "chronology") == []


def test_links_without_dates_are_not_compared(kit: CaseKit, check: Check) -> None:
    case = changed_link(kit.complete("wro"), "farm-spinner", shipped=None)
    case = changed_link(case, "garment-acme", shipped=None)
    assert found(check(case), "chronology") == []


def test_a_shipment_after_importation_is_a_gap(kit: CaseKit, check: Check) -> None:
    case = changed_link(kit.complete("wro"), "garment-acme", shipped=D(2026, 10, 5))
    report = check(case)
    assert found(report, "chronology") == [("SCT-09", "link:garment-acme", "missing")]
    assert "is dated 2026-10-05, after the date of importation 2026-10-02." in only(report, "chronology").message


def test_the_importer_delivering_after_importation_is_in_order(kit: CaseKit, check: Check) -> None:
    store = kit.entity("store", "ultimate_consignee", "US")
    delivery = kit.link("acme-store", "acme", "store", 12000, "pcs", shipped=D(2026, 10, 9))
    case = plus(kit, kit.complete("wro"), entities=(store,), links=(delivery,))
    assert found(check(case), "chronology") == []


def test_a_production_record_dated_after_importation_is_a_warning(kit: CaseKit, check: Check) -> None:
    late = kit.doc("late.pdf", "production_record", entities=("garment",), date=D(2026, 10, 12), title="Daily report")
    report = check(kit.adding(kit.complete("wro"), late))
    assert found(report, "chronology") == [("SCT-11", "document:late.pdf", "warning")]
    assert only(report, "chronology").message.startswith(
        "Daily report (late.pdf) (production record) is dated 2026-10-12, after the date of importation 2026-10-02."
    )


def test_a_translation_dated_after_importation_is_not_a_late_production_record(kit: CaseKit, check: Check) -> None:
    original = kit.doc("vi.pdf", "production_record", entities=("garment",), date=D(2026, 4, 1), language="vi")
    translation = kit.doc("en.pdf", "production_record", entities=("garment",), date=D(2026, 10, 15),
                          translation_of="vi.pdf", title="Translation of the daily report")
    assert found(check(kit.adding(kit.complete("wro"), original, translation)), "chronology") == []


def test_a_late_original_is_flagged_even_when_its_translation_is_in_the_case(kit: CaseKit, check: Check) -> None:
    original = kit.doc("vi.pdf", "production_record", entities=("garment",), date=D(2026, 10, 12), language="vi")
    translation = kit.doc("en.pdf", "production_record", entities=("garment",), date=D(2026, 10, 15),
                          translation_of="vi.pdf")
    report = check(kit.adding(kit.complete("wro"), original, translation))
    assert found(report, "chronology") == [("SCT-11", "document:vi.pdf", "warning")]


def test_other_documents_dated_after_importation_are_in_order(kit: CaseKit, check: Check) -> None:
    letter = kit.doc("letter.pdf", "cbp_correspondence", date=D(2026, 10, 12))
    assert found(check(kit.adding(kit.complete("wro"), letter)), "chronology") == []


# ---------------------------------------------------------------- reference


def test_a_document_whose_numbers_share_none_with_its_link_is_a_warning(kit: CaseKit, check: Check) -> None:
    stray = kit.doc("stray.pdf", "commercial_invoice", links=("farm-spinner",), references=("INV-77", "PO-2001"))
    report = check(kit.adding(kit.complete("wro"), stray))
    assert found(report, "reference") == [("PKG-04", "document:stray.pdf", "warning")]
    assert only(report, "reference").message.startswith(
        "stray.pdf is tied to link farm-spinner but its numbers (INV-77, PO-2001) share none with the link's (PO-1001). "
    )


def test_each_stray_document_of_a_link_is_named(kit: CaseKit, check: Check) -> None:
    strays = [kit.doc(f"stray{n}.pdf", "packing_list", links=("farm-spinner",), references=("PL-9",)) for n in (1, 2)]
    report = check(kit.adding(kit.complete("wro"), *strays))
    assert [f.scope for f in report.findings if f.kind == "reference"] == ["document:stray1.pdf", "document:stray2.pdf"]


@pytest.mark.parametrize(
    ("references", "why"),
    [(("po 1001",), "the same number written another way"), (("PO-1001", "INV-9"), "one number in common"), ((), "no numbers")],
)
def test_a_document_sharing_a_number_with_its_link_is_in_order(kit: CaseKit, check: Check, references: tuple[str, ...], why: str) -> None:
    doc = kit.doc("x.pdf", "commercial_invoice", links=("farm-spinner",), references=references)
    assert found(check(kit.adding(kit.complete("wro"), doc)), "reference") == [], why


def test_a_link_without_numbers_is_not_compared(kit: CaseKit, check: Check) -> None:
    case = changed_link(kit.complete("wro"), "farm-spinner", references=())
    doc = kit.doc("x.pdf", "commercial_invoice", links=("farm-spinner", "nowhere"), references=("INV-77",))
    assert found(check(kit.adding(case, doc)), "reference") == []


# ---------------------------------------------------------------- preflight


def test_an_office_file_without_a_pdf_copy_is_a_warning_before_export(kit: CaseKit, check: Check) -> None:
    sheet = kit.doc("stock.xlsx", "inventory_record", needs_rendition=True, media_type="application/vnd.ms-excel",
                    title="Stock card")
    report = check(kit.adding(kit.complete("wro"), sheet))
    assert found(report, "preflight") == [("PKG-04", "document:stock.xlsx", "warning")]
    assert only(report, "preflight").message.startswith("Stock card (stock.xlsx) has no PDF copy yet")


def test_documents_with_a_pdf_need_nothing_before_export(kit: CaseKit, check: Check) -> None:
    assert found(check(kit.complete("wro")), "preflight") == []
