"""Every information type that documents satisfy: satisfied in the complete case, and the
finding (scope, severity) that follows when its documents are taken away."""

from __future__ import annotations

import dataclasses

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from importer_app.core import vocab
from importer_app.core.catalog import Catalog
from importer_app.core.model import Case, Document
from importer_app.core.report import Report

if TYPE_CHECKING:
    from case_kit import CaseKit

Check = Callable[[Case], Report]


def types(*names: str) -> Callable[[Document], bool]:
    return lambda d: d.type in names


def of_case(*names: str) -> Callable[[Document], bool]:
    return lambda d: d.type in names and not d.entities


def on_link(link_id: str, *names: str) -> Callable[[Document], bool]:
    return lambda d: d.type in names and link_id in d.links


def of_entity(entity_id: str, *names: str) -> Callable[[Document], bool]:
    return lambda d: d.type in names and entity_id in d.entities


# (information type, regime, documents to take away, scope of the gap, severity of the gap)
CASES = [
    ("REG-01", "wro", of_case("certificate_of_origin_1243"), "case", "missing"),
    ("REG-01", "finding", of_case("certificate_of_origin_1243"), "case", "missing"),
    ("REG-03", "wro", types("consignee_statement_1243"), "case", "missing"),
    ("REG-04", "uflpa-exception", types("due_diligence_policy"), "case", "missing"),
    ("SCT-03", "wro", types("facility_location", "supply_chain_map"), "case", "warning"),
    ("SCT-04", "wro", on_link("spinner-garment", "purchase_order", "sales_contract"), "link:spinner-garment", "missing"),
    ("SCT-05", "uflpa-applicability", on_link("farm-spinner", "commercial_invoice"), "link:farm-spinner", "missing"),
    ("SCT-06", "wro", on_link("garment-acme", "proof_of_payment"), "link:garment-acme", "missing"),
    ("SCT-09", "uflpa-exception", on_link("farm-spinner", "packing_list"), "link:farm-spinner", "missing"),
    ("SCT-10", "wro", on_link("garment-acme", "export_declaration"), "link:garment-acme", "warning"),
    ("SCT-11", "wro", of_entity("garment", "production_record"), "entity:garment", "missing"),
    ("SCT-12", "uflpa-applicability", of_entity("spinner", "raw_material_receipt"), "entity:spinner", "missing"),
    ("SCT-13", "wro", types("bill_of_materials"), "case", "missing"),
    ("SCT-13", "uflpa-applicability", types("bill_of_materials"), "case", "missing"),
    ("SCT-14", "uflpa-applicability", types("process_description"), "case", "missing"),
    ("SCT-15", "wro", of_entity("spinner", "equipment_list"), "entity:spinner", "warning"),
    ("SCT-17", "wro", types("inventory_record"), "case", "info"),
    ("SCT-18", "wro", types("origin_certificate"), "case", "info"),
    ("SCT-19", "uflpa-applicability", types("lab_test_report"), "case", "info"),
    ("SCT-20", "wro", types("affidavit", "facility_visit_record"), "case", "warning"),
    ("DD-01", "wro", types("code_of_conduct", "due_diligence_policy"), "case", "warning"),
    ("DD-01", "uflpa-exception", types("code_of_conduct", "due_diligence_policy"), "case", "missing"),
    ("DD-02", "uflpa-exception", types("supplier_engagement_record"), "case", "warning"),
    ("DD-03", "uflpa-exception", types("risk_assessment", "supply_chain_map"), "case", "warning"),
    ("DD-04", "uflpa-exception", types("training_record", "audit_report", "remediation_plan"), "case", "warning"),
    ("DD-05", "finding", types("audit_report"), "case", "warning"),
    ("DD-06", "wro", types("remediation_plan"), "case", "warning"),
    ("SCM-01", "uflpa-exception", types("due_diligence_policy", "inventory_record"), "case", "missing"),
    ("LAB-01", "wro", of_entity("farm", "employee_list"), "entity:farm", "missing"),
    ("LAB-02", "uflpa-exception", of_entity("garment", "timecard"), "entity:garment", "missing"),
    ("LAB-03", "finding", of_entity("spinner", "payroll_record"), "entity:spinner", "missing"),
    ("LAB-04", "wro", of_entity("garment", "recruitment_record"), "entity:garment", "missing"),
    ("LAB-05", "wro", types("audit_report", "remediation_plan", "affidavit"), "case", "warning"),
]

# Rows that compete for a document type are dealt one document each (document_claims): the
# complete case's two audit reports go to DD-05 and LAB-05 in case order, its remediation plan
# to DD-06 and its affidavit to SCT-20; DD-04 keeps its training record.
DEALT = {
    "DD-04": {"case/training_record.pdf"},
    "DD-05": {"case/audit_report.pdf"},
    "LAB-05": {"case/ilo-indicator-audit.pdf"},
}
IDS = [f"{row}-{regime}" for row, regime, *_ in CASES]


@pytest.mark.parametrize("regime", vocab.REGIMES)
def test_the_complete_case_is_complete_with_no_gap_of_any_kind(kit: CaseKit, check: Check, regime: str) -> None:
    report = check(kit.complete(regime))
    assert report.complete
    # The one note: an exception's evidence standard rests on the importer's signed statement.
    signed_off = {"uflpa-exception": "REG-06", "caatsa-exception": "CAA-01"}
    assert [(f.requirement, f.severity) for f in kit.problems(report)] == (
        [(signed_off[regime], "info")] if regime in signed_off else [])
    assert {status.state for status in report.statuses} == {"satisfied", "provided", "advice"}


@pytest.mark.parametrize(("row", "regime", "drop", "scope", "severity"), CASES, ids=IDS)
def test_an_item_is_satisfied_by_its_documents(
    kit: CaseKit, check: Check, row: str, regime: str, drop: Callable[[Document], bool], scope: str, severity: str
) -> None:
    report = check(kit.complete(regime))
    [status] = [s for s in report.statuses if s.requirement == row and s.scope == scope]
    assert status.state == "satisfied"
    case = kit.complete(regime)
    assert set(status.documents) == DEALT.get(row, {d.path for d in case.documents if drop(d)})


@pytest.mark.parametrize(("row", "regime", "drop", "scope", "severity"), CASES, ids=IDS)
def test_an_item_without_its_documents_is_a_gap(
    kit: CaseKit, check: Check, row: str, regime: str, drop: Callable[[Document], bool], scope: str, severity: str
) -> None:
    report = check(kit.without(kit.complete(regime), drop))
    [finding] = kit.of(report, requirement=row)
    assert (finding.kind, finding.scope, finding.severity) == ("requirement", scope, severity)
    assert kit.state(report, row, scope) == "missing"
    assert report.complete == (severity != "missing")


def test_a_gap_reads_as_a_sentence_with_what_to_do_and_its_source(kit: CaseKit, check: Check) -> None:
    report = check(kit.without(kit.complete("wro"), on_link("farm-spinner", "proof_of_payment")))
    [finding] = kit.of(report, requirement="SCT-06")
    assert finding.message == (
        "Missing: Proof of payment, for the transfer of raw cotton lint from Lone Star Cotton Farm to "
        "Delta Spinning Co., Ltd. (link farm-spinner). Ask the buyer for the bank record of the payment "
        "(wire transfer or remittance advice naming both parties) and tie it to the link."
    )
    assert finding.citation.startswith("Thompson Hine, CBP releases new UFLPA guidance")
    assert finding.citation.endswith("[S27]")
    assert not report.complete


def test_an_entity_gap_names_the_entity_its_role_and_country(kit: CaseKit, check: Check) -> None:
    report = check(kit.without(kit.complete("wro"), of_entity("spinner", "equipment_list")))
    [finding] = kit.of(report, requirement="SCT-15")
    assert finding.message.startswith("Recommended: Equipment list, for Delta Spinning Co., Ltd. (processor, VN). ")
    assert report.complete


def test_a_supporting_item_is_a_note(kit: CaseKit, check: Check) -> None:
    report = check(kit.without_types(kit.complete("wro"), "lab_test_report"))
    [finding] = kit.of(report, requirement="SCT-19")
    assert finding.message.startswith("Optional: Laboratory origin testing. ")


def test_one_logistics_record_of_any_kind_covers_sct_07_to_09(kit: CaseKit, check: Check) -> None:
    case = kit.without(kit.complete("wro"), on_link("farm-spinner", "packing_list"))
    bill = kit.doc("links/farm-spinner/bl.pdf", "bill_of_lading", links=("farm-spinner",), references=("PO-1001",))
    report = check(kit.adding(case, bill))
    assert report.complete and kit.problems(report) == []
    assert kit.state(report, "SCT-09", "link:farm-spinner") == "satisfied"
    assert not [s for s in report.statuses if s.requirement in ("SCT-07", "SCT-08")]


def test_a_sales_contract_is_as_good_as_a_purchase_order(kit: CaseKit, check: Check) -> None:
    case = kit.without(kit.complete("wro"), on_link("farm-spinner", "purchase_order"))
    contract = kit.doc("links/farm-spinner/contract.pdf", "sales_contract", links=("farm-spinner",))
    report = check(kit.adding(case, contract))
    [status] = [s for s in report.statuses if s.requirement == "SCT-04" and s.scope == "link:farm-spinner"]
    assert status.documents == ("links/farm-spinner/contract.pdf",)


def test_a_document_tied_to_another_link_does_not_count(kit: CaseKit, check: Check) -> None:
    case = kit.without(kit.complete("wro"), on_link("farm-spinner", "commercial_invoice"))
    elsewhere = kit.doc("links/x/invoice.pdf", "commercial_invoice", links=("garment-acme",), references=("PO-3001",))
    report = check(kit.adding(case, elsewhere))
    assert kit.state(report, "SCT-05", "link:farm-spinner") == "missing"


@pytest.mark.parametrize(
    ("regime", "absent"),
    [
        ("uflpa-applicability", {"REG-01", "REG-02", "REG-03", "REG-04", "LAB-01", "DD-02", "DD-05", "SCM-01"}),
        ("uflpa-exception", {"REG-01", "REG-03", "ORG-01", "DD-06"}),
        ("wro", {"REG-04", "REG-06", "ORG-01", "DD-02", "SCM-01", "PKG-07"}),
    ],
)
def test_items_of_other_regimes_are_not_asked_for(kit: CaseKit, check: Check, regime: str, absent: set[str]) -> None:
    report = check(kit.without(kit.complete(regime), lambda d: True))
    asked = {status.requirement for status in report.statuses}
    assert asked and not asked & absent


def test_reg_02_is_not_asked_when_every_producer_is_in_the_country_of_exportation(kit: CaseKit, check: Check) -> None:
    case = kit.complete("wro")
    farm = dataclasses.replace(case.entities[0], country="VN")
    report = check(kit.replacing(case, entities=(farm, *case.entities[1:])))
    assert not [s for s in report.statuses if s.requirement == "REG-02"]


def test_uflpa_exception_asks_for_labor_and_due_diligence_evidence(kit: CaseKit, check: Check, catalog: Catalog) -> None:
    report = check(kit.complete("uflpa-exception"))
    asked = {status.requirement for status in report.statuses}
    assert {"DD-01", "DD-02", "DD-03", "DD-04", "DD-05", "SCM-01", "LAB-01", "LAB-02", "LAB-03", "LAB-04", "LAB-05"} <= asked
    assert catalog.information_type("LAB-01").level_for("uflpa-exception") == "expected"
