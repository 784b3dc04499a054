"""The order the goods are held under: its status, its kind, the indicators and producers it
names, and the routes and clocks that follow (deemed exclusion, export, extensions)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importer_app.core.catalog import Catalog
from importer_app.core.deadlines import compute_deadlines, deadline_findings, last_business_day_before
from importer_app.core.engine import evaluate
from importer_app.core.model import Case, DetentionOrder, Entity, ExtensionRequest, Link, ScreeningDecision
from importer_app.core.order import effective_regime
from importer_app.core.report import Report
from importer_app.core.screening_state import NOT_SCREENED, ScreeningCandidate
from importer_app.core.vocab import DOCUMENT_TYPES

if TYPE_CHECKING:
    from case_kit import CaseKit

D = dt.date
GLOVE_MAKER = "Sungai Nitrile Glove Sdn. Bhd."
MATCH = ScreeningCandidate("wro|sungai nitrile glove|glover", "glover",
                           f"Its name \"{GLOVE_MAKER}\" is the name the order gives.", "WRO-2026-0417", "wro")


def gloves(kit: CaseKit) -> Case:
    """Disposable nitrile gloves from Malaysia, detained under a WRO naming their maker; the
    WRO became a Finding while the goods were held. The labor evidence covers wages only."""
    shipment = kit.shipment(
        regime="wro", merchandise="Nitrile disposable examination gloves", quantity=400000, unit="pcs",
        country_of_origin="MY", order_reference="WRO-2026-0417", date_of_importation=D(2026, 8, 3),
        date_presented=D(2026, 8, 5), date_of_detention=D(2026, 8, 7),
    )
    entities = (
        Entity("latex", "Chonburi Latex Co., Ltd.", "raw_material_producer", "TH"),
        Entity("glover", GLOVE_MAKER, "manufacturer", "MY"),
        Entity("medsup", "MedSupply Imports LLC", "importer", "US"),
    )
    links = (
        Link("latex-glover", "latex", "glover", "nitrile latex", 90000, "kg", shipped=D(2026, 5, 2)),
        Link("glover-medsup", "glover", "medsup", "nitrile gloves", 400000, "pcs", shipped=D(2026, 7, 1)),
    )
    documents = (kit.doc("labor/payroll.pdf", "payroll_record", entities=("glover",)),)
    order = DetentionOrder(
        kind="wro", issued=D(2026, 3, 2), finding_published=D(2026, 9, 14),
        scope="Disposable gloves made by Sungai Nitrile Glove Sdn. Bhd. and its subsidiaries",
        indicators=("debt-bondage", "withholding-of-wages", "excessive-overtime"),
        producers=(GLOVE_MAKER,),
    )
    return Case(shipment, entities, links, documents, order=order)


def sugar(kit: CaseKit, status: str = "modified", goods_outside: bool = True) -> Case:
    """Raw cane sugar under a WRO that CBP modified on 2026-10-01 to leave out this mill; no
    audit, site visit or remediation plan is on file."""
    case = kit.without_types(kit.complete("wro", merchandise="Raw cane sugar", order_reference="WRO-2022-0011"),
                             "audit_report", "facility_visit_record", "remediation_plan")
    order = DetentionOrder(kind="wro", issued=D(2022, 11, 23), status=status, status_changed=D(2026, 10, 1),
                           goods_outside=goods_outside, scope="Raw sugar and sugar-based products",
                           indicators=("abusive-conditions",))
    return dataclasses.replace(case, order=order)


# ----------------------------------------------------------------------------- the gloves Finding


def test_a_wro_that_became_a_finding_is_answered_with_seizure_and_petition(kit: CaseKit, catalog: Catalog) -> None:
    case = gloves(kit)
    assert effective_regime(case) == "finding"
    report = evaluate(case, catalog, D(2026, 10, 20), dataclasses.replace(NOT_SCREENED, order_matches=(MATCH,)))
    found = [(f.requirement, f.severity, f.message) for f in report.findings
             if f.requirement.startswith(("IND-", "DL-")) or f.requirement == "PKG-02"
             or (f.requirement == "ORG-02" and "names" in f.message)]
    expected = [
        ("PKG-02", "missing", "The Withhold Release Order WRO-2026-0417 became a Finding, published on 2026-09-14, while the "
                              "goods we"),
        ("IND-09", "missing", "Missing: Evidence addressing the indicator named in the order: debt bondage (WRO-2026-0417). "
                              "Show that "),
        ("IND-11", "missing", "Missing: Evidence addressing the indicator named in the order: excessive overtime "
                              "(WRO-2026-0417). Give "),
        ("ORG-02", "missing", "Sungai Nitrile Glove Sdn. Bhd. (manufacturer, MY) may be a producer the Withhold Release "
                              "Order WRO-20"),
        ("PKG-02", "warning", "The goods are held under a Finding (the Withhold Release Order WRO-2026-0417). Under a "
                              "Finding the goo"),
        ("PKG-02", "info", "Export is open while no seizure is recorded. Instead of proving admissibility, the goods may "
                           "be exported"),
        ("DL-01", "info", "Wednesday 2026-08-12 (passed 69 days ago): If CBP neither released nor detained the goods by "
                          "this date"),
        ("DL-02", "info", "Friday 2026-08-14 (passed 67 days ago): The notice of detention was due by this date; if none "
                          "came, ask "),
        ("DL-04", "info", "Tuesday 2026-11-03 (in 14 days): Last day to file the 12.43(a) certificate(s) of origin and the "
                          "12.43(b) s"),
    ]
    assert [(r, v, m[:100]) for r, v, m in found] == [(r, v, m[:100]) for r, v, m in expected]
    # The payroll addresses the wage indicator; the others are reported by name.
    assert kit.state(report, "IND-08") == "satisfied"
    assert not any(s.requirement == "IND-01" for s in report.statuses)  # not named by the order
    messages = " ".join(f.message for f in report.findings)
    assert "which can be protested" not in messages and "protest" not in messages.replace("not by a protest", "")
    # A Finding's goods are seized, not excluded: no exclusion, abandonment or protest clocks.
    assert {d.rule for d in report.deadlines} == {"DL-01", "DL-02", "DL-04"}


def test_a_seizure_recorded_closes_export_and_starts_the_petition(kit: CaseKit, catalog: Catalog) -> None:
    case = gloves(kit)
    seized = dataclasses.replace(case, shipment=dataclasses.replace(case.shipment, date_of_seizure_notice=D(2026, 11, 20)))
    report = evaluate(seized, catalog, D(2026, 11, 23), NOT_SCREENED)
    assert not any("Export is open" in f.message for f in report.findings)
    [petition] = [f for f in report.findings if f.requirement == "DL-09"]
    assert petition.message.startswith("Sunday 2026-12-20 (in 27 days): Last day to file a petition for relief "
                                       "(19 U.S.C. 1618)")
    assert "the last business day before it is Friday 2026-12-18." in petition.message


def test_a_dismissed_match_with_the_order_producer_is_a_note(kit: CaseKit, catalog: Catalog) -> None:
    case = dataclasses.replace(gloves(kit), screening_decisions=(ScreeningDecision(
        MATCH.key, "glover", "dismissed", "Another company: registration 1234-X, Johor, not Selangor.",
        dt.datetime(2026, 10, 19, tzinfo=dt.UTC)),))
    report = evaluate(case, catalog, D(2026, 10, 20), dataclasses.replace(NOT_SCREENED, order_matches=(MATCH,)))
    [note] = [f for f in report.findings if f.scope == "entity:glover" and "order" in f.message.lower()
              and f.requirement == "ORG-02"]
    assert note.severity == "info" and "dismissed on 2026-10-19" in note.message and "Johor" in note.message


def test_a_confirmed_match_with_the_order_producer_blocks(kit: CaseKit, catalog: Catalog) -> None:
    case = dataclasses.replace(gloves(kit), screening_decisions=(ScreeningDecision(
        MATCH.key, "glover", "confirmed", "Same registration number.", dt.datetime(2026, 10, 19, tzinfo=dt.UTC)),))
    report = evaluate(case, catalog, D(2026, 10, 20), dataclasses.replace(NOT_SCREENED, order_matches=(MATCH,)))
    [block] = [f for f in report.findings if f.scope == "entity:glover" and f.requirement == "ORG-02"]
    assert block.severity == "missing" and " is a producer the Withhold Release Order WRO-2026-0417 names" in block.message


# ------------------------------------------------------------------------ modified and revoked orders


@pytest.mark.parametrize(("status", "goods_outside", "said"), [
    ("modified", True, "was modified on 2026-10-01 and no longer covers these goods."),
    ("revoked", False, "was revoked on 2026-10-01."),
    ("inactive", False, "was made inactive on 2026-10-01."),
])
def test_an_order_that_no_longer_holds_the_goods_means_asking_for_release(
        kit: CaseKit, catalog: Catalog, status: str, goods_outside: bool, said: str) -> None:
    report = evaluate(sugar(kit, status, goods_outside), catalog, D(2026, 10, 20), NOT_SCREENED)
    release = [f for f in report.findings if f.requirement == "PKG-02"]
    assert [(f.severity, f.message) for f in release] == [(
        "warning", f"The Withhold Release Order WRO-2022-0011 {said} Ask the port director in writing to release the "
                   "goods, citing the order's new status and its date, and attach CBP's notice of it.")]
    assert catalog.checks["order-releases-goods"].to_cbp.startswith("The order under which the goods were detained")


def test_a_modification_that_keeps_the_goods_in_scope_changes_nothing(kit: CaseKit, catalog: Catalog) -> None:
    report = evaluate(sugar(kit, "modified", goods_outside=False), catalog, D(2026, 10, 20), NOT_SCREENED)
    assert [f.message.split(".")[0] for f in report.findings if f.requirement == "PKG-02"] == [
        "Export is open while no seizure is recorded"]
    assert kit.state(report, "IND-10") == "missing"  # the audit and visits are not in the complete kit


def test_each_named_indicator_is_satisfied_by_its_labor_documents(kit: CaseKit, catalog: Catalog) -> None:
    case = sugar(kit, "active", False)
    case = dataclasses.replace(case, order=dataclasses.replace(case.order, status_changed=None))
    assert kit.state(evaluate(case, catalog, D(2026, 10, 20), NOT_SCREENED), "IND-10") == "missing"
    visit = kit.doc("labor/visit.pdf", "facility_visit_record", entities=("spinner",))
    report = evaluate(kit.adding(case, visit), catalog, D(2026, 10, 20), NOT_SCREENED)
    assert kit.state(report, "IND-10") == "satisfied"
    set_aside = kit.not_applicable(case, "IND-10", "case", "The order's finding on housing concerns another mill.")
    assert kit.state(evaluate(set_aside, catalog, D(2026, 10, 20), NOT_SCREENED), "IND-10") == "not_applicable"


# -------------------------------------------------------------------------------- extension requests


def test_extension_requests_are_held_to_the_portal_limits(kit: CaseKit, catalog: Catalog) -> None:
    task = "Request for information 1"
    case = dataclasses.replace(kit.complete("uflpa-exception"), extension_requests=(
        ExtensionRequest(task, D(2026, 10, 1), due=D(2026, 10, 5), granted_on=D(2026, 10, 2), until=D(2026, 10, 19)),
        ExtensionRequest(task, D(2026, 10, 15), due=D(2026, 10, 19), granted_on=D(2026, 10, 16), until=D(2026, 10, 26)),
        ExtensionRequest(task, D(2026, 10, 27), due=D(2026, 10, 26)),
        ExtensionRequest("Supplier affidavits", D(2026, 10, 10), granted_on=D(2026, 10, 12), until=D(2026, 11, 30)),
    ))
    report = evaluate(case, catalog, D(2026, 10, 20), NOT_SCREENED)
    said = [(f.severity, f.message) for f in report.findings if f.requirement == "PKG-02" and "xten" in f.message
            or "more time granted" in f.message]
    assert said == [
        ("warning", "\"Request for information 1\": more time granted until Monday 2026-10-26 (6 days left)."),
        ("warning", "Extension request 3 for \"Request for information 1\" (2026-10-27): the portal accepts 2 per task. "
                    "The Forced Labor Portal accepts at most two extension requests per task: plan to answer by the "
                    "date already granted."),
        ("warning", "The extension for \"Request for information 1\" was requested on 2026-10-27, after the task was "
                    "due (2026-10-26). The Forced Labor Portal does not accept an extension request once the task is "
                    "past due: answer the task, and ask the port in writing if more time is needed."),
        ("info", "\"Supplier affidavits\": more time granted until Monday 2026-11-30 (41 days left)."),
    ]
    later = evaluate(case, catalog, D(2026, 12, 2), NOT_SCREENED)
    assert any(f.message == "\"Supplier affidavits\": the time granted until Monday 2026-11-30 has run out; the "
                            "portal accepts no further extension once a task is past due." for f in later.findings)


# --------------------------------------------------------------------------------------- the clocks


def test_deemed_exclusion_on_day_30_starts_the_protest_period(kit: CaseKit, catalog: Catalog) -> None:
    shipment = kit.shipment(regime="uflpa-applicability", date_presented=D(2026, 10, 28))
    # Day 30 is Friday 2026-11-27, the day after Thanksgiving; nothing is deemed before it passes.
    assert "DL-12" not in {d.rule for d in compute_deadlines(shipment, catalog, D(2026, 11, 27))}
    deadlines = {d.rule: d for d in compute_deadlines(shipment, catalog, D(2026, 11, 30))}
    assert deadlines["DL-03"].date == D(2026, 11, 27)
    assert deadlines["DL-12"].date == D(2027, 5, 26)  # 180 days after 2026-11-27
    # A recorded deemed exclusion counts instead; a written notice of exclusion replaces it.
    recorded = dataclasses.replace(shipment, date_deemed_excluded=D(2026, 12, 1))
    assert {d.rule: d.date for d in compute_deadlines(recorded, catalog, D(2026, 11, 30))}["DL-12"] == D(2027, 5, 30)
    noticed = dataclasses.replace(shipment, date_of_exclusion_notice=D(2026, 12, 3))
    rules = {d.rule: d.date for d in compute_deadlines(noticed, catalog, D(2026, 12, 4))}
    assert "DL-12" not in rules and rules["DL-07"] == D(2027, 6, 1)


@pytest.mark.parametrize(("presented", "due", "before", "why"), [
    (D(2026, 10, 27), D(2026, 11, 26), D(2026, 11, 25), "a federal holiday (Thanksgiving Day)"),
    (D(2026, 11, 25), D(2026, 12, 25), D(2026, 12, 24), "a federal holiday (Christmas Day)"),
    (D(2026, 10, 31), D(2026, 11, 30), None, ""),
    (D(2026, 11, 1), D(2026, 12, 1), None, ""),
    (D(2026, 11, 5), D(2026, 12, 5), D(2026, 12, 4), "a Saturday"),
    (D(2026, 11, 6), D(2026, 12, 6), D(2026, 12, 4), "a Sunday"),
])
def test_a_due_date_on_a_weekend_or_holiday_names_the_last_business_day_before_it(
        kit: CaseKit, catalog: Catalog, presented: dt.date, due: dt.date, before: dt.date | None, why: str) -> None:
    shipment = kit.shipment(regime="uflpa-exception", date_presented=presented, date_of_detention=None)
    [dl03] = [d for d in compute_deadlines(shipment, catalog, D(2026, 10, 20)) if d.rule == "DL-03"]
    assert (dl03.date, dl03.business_day_before) == (due, before)
    [finding] = [f for f in deadline_findings((dl03,), catalog, "uflpa-exception")]
    if before is None:
        assert "business day" not in finding.message
    else:
        assert f"That day is {why}: the last business day before it is {before:%A} {before.isoformat()}." in finding.message


def test_the_last_business_day_skips_back_over_weekends_and_holidays() -> None:
    assert last_business_day_before(D(2026, 11, 26)) == D(2026, 11, 25)
    assert last_business_day_before(D(2026, 11, 30)) == D(2026, 11, 27)
    assert last_business_day_before(D(2027, 1, 2)) == D(2026, 12, 31)  # New Year's Day is a Friday
    assert last_business_day_before(D(2026, 12, 28)) == D(2026, 12, 24)  # Christmas is a Friday


def test_a_cbp_date_on_a_weekend_is_not_flagged(kit: CaseKit, catalog: Catalog) -> None:
    shipment = kit.shipment(regime="wro", date_presented=D(2026, 10, 5), date_of_detention=D(2026, 10, 9))
    assert all(d.business_day_before is None for d in compute_deadlines(shipment, catalog, D(2026, 10, 1))
               if d.acts == "cbp")


def test_a_passed_deadline_never_says_respond_by(kit: CaseKit, catalog: Catalog) -> None:
    shipment = kit.shipment(regime="uflpa-exception", date_presented=D(2026, 8, 3))
    deadlines = compute_deadlines(shipment, catalog, D(2026, 10, 20))
    findings = deadline_findings(deadlines, catalog, "uflpa-exception")
    [dl03] = [f for f in findings if f.requirement == "DL-03"]
    assert "Respond" not in dl03.message and "deemed excluded" in dl03.message
    assert all(d.status == d.after for d in deadlines if d.days_left < 0)


# ------------------------------------------------------------------- adding a document never hurts


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc_type=st.sampled_from(DOCUMENT_TYPES), tie=st.sampled_from(["", "glover", "latex", "medsup"]))
def test_adding_a_document_never_adds_a_missing_item(kit: CaseKit, catalog: Catalog, doc_type: str, tie: str) -> None:
    case = gloves(kit)
    before = _missing(evaluate(case, catalog, D(2026, 10, 20), NOT_SCREENED))
    extra = kit.doc(f"extra/{doc_type}.pdf", doc_type, entities=(tie,) if tie else ())
    after = _missing(evaluate(kit.adding(case, extra), catalog, D(2026, 10, 20), NOT_SCREENED))
    assert after <= before


def _missing(report: Report) -> set[tuple[str, str]]:
    return {(s.requirement, s.scope) for s in report.statuses if s.state == "missing"}
