"""The exception's conditions no document proves by itself (UFLPA s.3(b)): every CBP inquiry
answered (REG-05), and the clear and convincing standard, which rests on the importer's own
signed statement (REG-06); plus whose certificates and recruitment records are asked for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from importer_app.core.model import Case
from importer_app.core.report import Report

if TYPE_CHECKING:
    from case_kit import CaseKit

Check = Callable[[Case], Report]


def test_answering_every_recorded_inquiry_satisfies_reg05_with_the_answers(kit: CaseKit, check: Check) -> None:
    case = kit.replacing(kit.complete("uflpa-exception"), inquiries=(
        kit.inquiry(), kit.inquiry("letter-2", response_exhibits=("case/affidavit.pdf", "case/cbp_correspondence.pdf"))))
    [status] = [s for s in check(case).statuses if s.requirement == "REG-05"]
    assert (status.state, status.documents, status.note) == (
        "satisfied", ("case/cbp_correspondence.pdf", "case/affidavit.pdf"),
        "2 requests from CBP recorded, each with its answer.")


def test_cbp_correspondence_alone_does_not_answer_anything(kit: CaseKit, check: Check) -> None:
    report = check(kit.replacing(kit.complete("uflpa-exception"), inquiries=()))  # the correspondence stays
    [finding] = kit.of(report, requirement="REG-05")
    assert (finding.severity, finding.scope) == ("missing", "case")
    assert finding.message.startswith("Missing: Complete answers to every CBP request for information: no request "
                                      "for information from CBP is recorded. Record each request CBP sent")
    assert "Uyghur Forced Labor Prevention Act, Public Law 117-78" in finding.citation
    assert not report.complete


def test_each_unanswered_inquiry_is_named(kit: CaseKit, check: Check) -> None:
    open_one = kit.inquiry("cf28-2", date=dt.date(2026, 10, 15), asked="Payroll of the spinner",
                           response_date=None, response_exhibits=())
    half = kit.inquiry("cf28-3", asked="Gin receipts", response_exhibits=())
    report = check(kit.replacing(kit.complete("uflpa-exception"), inquiries=(kit.inquiry(), open_one, half)))
    assert [(f.severity, f.message) for f in kit.of(report, requirement="REG-05")] == [
        ("missing", 'Missing: Complete answers to every CBP request for information: CBP\'s request cf28-2 of '
                    '2026-10-15 ("Payroll of the spinner") has no recorded answer. Answer it completely and record '
                    "the answer's date and the documents you sent."),
        ("missing", 'Missing: Complete answers to every CBP request for information: CBP\'s request cf28-3 of '
                    '2026-10-12 ("Gin receipts") is answered but the documents sent are not recorded. Answer it '
                    "completely and record the answer's date and the documents you sent."),
    ]
    assert kit.state(report, "REG-05") == "missing"


def test_no_inquiry_is_a_warning_outside_the_exception_and_can_be_set_aside(kit: CaseKit, check: Check) -> None:
    case = kit.replacing(kit.complete("uflpa-applicability"), inquiries=())
    assert [f.severity for f in kit.of(check(case), requirement="REG-05")] == ["warning"]
    report = check(kit.not_applicable(case, "REG-05", "case", "CBP sent no request."))
    assert kit.state(report, "REG-05") == "not_applicable"
    assert not kit.of(report, requirement="REG-05")


def test_the_wro_finding_and_caatsa_rules_ask_for_no_inquiry_record(kit: CaseKit, check: Check) -> None:
    # The condition is the UFLPA's (s.3(b)(1)(B)); citing it to CBP under another regime would be wrong.
    for regime in ("wro", "finding", "caatsa-exception"):
        case = kit.replacing(kit.complete(regime), inquiries=(kit.inquiry(response_date=None),))
        assert not [s for s in check(case).statuses if s.requirement == "REG-05"], regime


def test_an_open_inquiry_is_not_set_aside_by_a_reason(kit: CaseKit, check: Check) -> None:
    case = kit.replacing(kit.complete("uflpa-applicability"), inquiries=(kit.inquiry(response_date=None),))
    report = check(kit.not_applicable(case, "REG-05", "case", "Answered by phone."))
    assert kit.state(report, "REG-05") == "missing"


def test_clear_and_convincing_evidence_is_never_met_by_the_software(kit: CaseKit, check: Check) -> None:
    report = check(kit.replacing(kit.complete("uflpa-exception"), evidence_statement=None))
    [finding] = kit.of(report, requirement="REG-06")
    assert finding.severity == "missing"
    assert finding.message.startswith("Missing: Clear and convincing evidence that no forced labor was used. No "
                                      "software can decide that evidence is clear and convincing. When every other "
                                      "gap of this report is closed, write the summary")
    assert kit.state(report, "REG-06") == "missing"


def test_the_signed_statement_meets_reg06_and_the_check_says_it_rests_on_it(kit: CaseKit, check: Check) -> None:
    report = check(kit.complete("uflpa-exception"))
    note = ("Stated and signed off by Jane Roe, Compliance Manager on 2026-10-18. The app does not weigh evidence: "
            "this item rests on that statement, not on a check.")
    [status] = [s for s in report.statuses if s.requirement == "REG-06"]
    assert (status.state, status.note) == ("provided", note)
    [finding] = kit.of(report, requirement="REG-06")
    assert (finding.severity, finding.message) == (
        "info", f"Clear and convincing evidence that no forced labor was used: {note}")


def test_reg06_can_be_set_aside_only_by_the_user(kit: CaseKit, check: Check) -> None:
    case = kit.replacing(kit.complete("uflpa-exception"), evidence_statement=None)
    report = check(kit.not_applicable(case, "REG-06", "case", "Counsel's brief is the statement."))
    assert kit.state(report, "REG-06") == "not_applicable"


# ---------------------------------------------------------------- 12.43(a) and raw material producers

def _tuna(kit: CaseKit) -> Case:
    """Skipjack caught by a Vanuatu-flagged vessel, canned in Thailand, imported by a US buyer."""
    entities = (kit.entity("vessel", "raw_material_producer", "VU", "Pacific Star No. 7"),
                kit.entity("cannery", "manufacturer", "TH", "Songkhla Canning Co."),
                kit.entity("buyer", "importer", "US", "Harbor Foods Inc."))
    links = (kit.link("vessel-cannery", "vessel", "cannery", 40000, "kg", yield_=0.5),
             kit.link("cannery-buyer", "cannery", "buyer", 20000, "kg"))
    case = kit.complete("wro", country_of_origin="TH")
    return kit.replacing(case, entities=entities, links=links, documents=())


def test_a_catch_by_a_foreign_vessel_needs_its_own_certificate(kit: CaseKit, check: Check) -> None:
    report = check(_tuna(kit))
    assert kit.state(report, "REG-02", "entity:vessel") == "missing"
    [finding] = kit.of(report, requirement="REG-02")
    assert "for production in VU, where Pacific Star No. 7 is the last owner or seller" in finding.message
    certificate = kit.doc("vu/certificate.pdf", "certificate_of_origin_1243", entities=("vessel",))
    report = check(kit.adding(_tuna(kit), certificate))
    assert kit.state(report, "REG-02", "entity:vessel") == "satisfied"


def test_recruitment_is_asked_of_the_vessel_too(kit: CaseKit, check: Check) -> None:
    report = check(_tuna(kit))
    assert kit.state(report, "LAB-04", "entity:vessel") == "missing"
    assert kit.state(report, "LAB-04", "entity:cannery") == "missing"
    [vessel] = [f for f in kit.of(report, requirement="LAB-04") if f.scope == "entity:vessel"]
    assert "Pacific Star No. 7 (raw material producer, VU)" in vessel.message
    assert vessel.severity == "missing"
