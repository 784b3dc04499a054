"""The report as JSON (design.md Appendix B) and as text for a compliance clerk."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from importer_app.core.catalog import Catalog, load_catalog
from importer_app.core.engine import evaluate
from importer_app.core.model import Case
from importer_app.core.report import (
    STATES,
    Deadline,
    Finding,
    ItemStatus,
    Report,
    format_report_text,
    report_to_json,
)
from importer_app.core.screening_state import NOT_SCREENED

if TYPE_CHECKING:
    from case_kit import CaseKit

Check = Callable[[Case], Report]


def gappy(kit: CaseKit) -> Case:
    """A WRO case lacking one proof of payment, one equipment list and its lab test."""
    case = kit.without(
        kit.complete("wro"),
        lambda d: d.path
        in ("links/farm-spinner/proof_of_payment.pdf", "entities/spinner/equipment_list.pdf", "entities/garment/equipment_list.pdf")
        or d.type == "lab_test_report",
    )
    return kit.not_applicable(case, "SCT-15", "entity:garment", "Machines are leased.")


def test_the_json_has_exactly_the_appendix_b_shape(kit: CaseKit, check: Check) -> None:
    case = gappy(kit)
    data = report_to_json(check(case), case)
    assert list(data) == ["format", "case", "catalog", "complete", "counts", "findings", "deadlines"]
    assert data["format"] == "importer-app-check/1"
    assert data["case"] == {"entry_number": "ABC-1234567-8", "regime": "wro", "commodity": None}
    assert data["catalog"] == {"version": "2026.2", "as_of": "2026-12-06", "basis": load_catalog().basis}
    assert data["complete"] is False
    assert data["counts"] == {"missing": 1, "warning": 1, "info": 7}  # export before seizure among the notes
    first = data["findings"][0]
    assert list(first) == ["kind", "requirement", "severity", "scope", "message", "citation"]
    assert (first["kind"], first["requirement"], first["severity"], first["scope"]) == (
        "requirement", "SCT-06", "missing", "link:farm-spinner",
    )  # fmt: skip
    assert data["deadlines"][3] == {
        "rule": "DL-04",
        "date": "2027-01-02",
        "days_left": 74,
        "meaning": "Last day to file the 12.43(a) certificate(s) of origin and the 12.43(b) statement of the ultimate consignee.",
        "after": "The three-month period for the certificates of origin and the consignee statement has ended: proof filed"
                 " later may be refused as late; CBP may now exclude the goods (WRO) or seize them (Finding) (19 CFR 12.44).",
    }
    assert json.loads(json.dumps(data)) == data


def test_the_json_gives_what_followed_a_passed_deadline_beside_what_it_meant(kit: CaseKit, catalog: Catalog) -> None:
    case = gappy(kit)
    report = evaluate(case, catalog, dt.date(2027, 2, 1), NOT_SCREENED)
    (dl04,) = [d for d in report_to_json(report, case)["deadlines"] if d["rule"] == "DL-04"]
    assert dl04["days_left"] < 0
    assert dl04["after"].startswith("The three-month period for the certificates of origin") and dl04["meaning"]


def test_a_complete_case_says_so_in_json(kit: CaseKit, check: Check) -> None:
    case = kit.complete("uflpa-applicability")
    data = report_to_json(check(case), case)
    assert data["complete"] is True
    assert data["counts"]["missing"] == 0
    assert {f["kind"] for f in data["findings"]} == {"deadline"}


def test_a_finding_resting_on_no_catalog_row_has_a_null_requirement(kit: CaseKit) -> None:
    report = Report(
        title="t", entry_number="E", regime="wro", today=dt.date(2026, 1, 1), catalog_version="v",
        catalog_as_of=dt.date(2026, 1, 1), item_rows=(),
        findings=(Finding("preflight", "warning", "case", "A file is too large.", "", ""),), deadlines=(),
    )  # fmt: skip
    case = Case(shipment=kit.shipment())
    [finding] = report_to_json(report, case)["findings"]
    assert finding["requirement"] is None
    assert report.counts == {"missing": 0, "warning": 1, "info": 0} and report.complete


def test_statuses_are_read_as_named_tuples(kit: CaseKit, check: Check) -> None:
    report = check(gappy(kit))
    statuses = report.statuses
    assert all(isinstance(status, ItemStatus) for status in statuses)
    [leased] = [s for s in statuses if s.requirement == "SCT-15" and s.scope == "entity:garment"]
    assert leased == ItemStatus("SCT-15", "entity:garment", "not_applicable", (), "Machines are leased.")
    assert {status.state for status in statuses} == set(STATES)


def test_the_text_report_heads_with_the_case_the_catalog_and_the_verdict(kit: CaseKit, check: Check) -> None:
    text = format_report_text(check(gappy(kit)))
    lines = text.splitlines()
    assert lines[0] == "Completeness check: Acme Apparel Inc. - entry ABC-1234567-8"
    assert lines[1] == "Entry ABC-1234567-8 - Withhold Release Order (Section 307)"
    assert lines[2] == (
        "Checked on 2026-10-20 against requirement catalog 2026.2 (sources as of 2026-12-06). Not legal advice."
    )
    # Which guidance the rows rest on, once, right under the catalog's identity.
    basis = " ".join(lines[3:lines.index("")])
    assert basis == load_catalog().basis
    assert text.count("Pub. 1793-0522") == 1
    # 44 items are satisfied in the complete WRO case; gappy takes away four.
    assert lines[lines.index("") + 1] == "Result: NOT COMPLETE - 1 blocking, 1 warning, 7 notes; 43 items satisfied by documents."


def test_the_text_report_groups_by_severity_then_scope_each_with_its_source(kit: CaseKit, check: Check) -> None:
    text = format_report_text(check(gappy(kit)))
    missing = text.index("MISSING - CBP requires or expects these")
    warnings = text.index("WARNINGS - recommended items and things to check")
    notes = text.index("NOTES - optional supporting evidence and other information")
    deadlines = text.index("\nDEADLINES\n")
    assert missing < warnings < notes < deadlines
    block = text[missing:warnings]
    assert "  Link farm-spinner: raw cotton lint, Lone Star Cotton Farm -> Delta Spinning Co., Ltd.\n" in block
    assert "    - Missing: Proof of payment, for the transfer of raw cotton lint from Lone Star Cotton Farm to" in block
    assert "      Source: Thompson Hine, CBP releases new UFLPA guidance on applicability review submissions" in block
    assert "  Entity spinner: Delta Spinning Co., Ltd. (processor, VN)\n" in text[warnings:notes]
    assert "Optional: Laboratory origin testing." in text[notes:deadlines]


def test_the_text_report_lists_deadlines_reasons_and_advice(kit: CaseKit, check: Check) -> None:
    text = format_report_text(check(gappy(kit)))
    assert "  2027-01-02  DL-04  74 days left (you must act): Last day to file the 12.43(a)" in text
    # A passed date says what followed; nobody "must act" by it any more.
    assert "  2026-10-13  DL-01  passed 7 days ago: If CBP neither released nor detained" in text
    flowing = " ".join(text.split())  # independent of where lines wrap
    # 2027-01-02 is a Saturday: the last business day before it is named.
    assert ("It is not a business day: the last business day before it is Thursday 2026-12-31.") in flowing
    assert (
        "NOT APPLICABLE - items you set aside, with your reasons "
        "- SCT-15 Equipment list (Entity garment: Saigon Garment JSC (manufacturer, VN)): Machines are leased. "
    ) in flowing
    assert "GOOD PRACTICE\n    - PKG-06 Minimal redactions: Redact as little as possible;" in text
    assert "(in 74 days)" not in text  # far deadlines are in the table only, not repeated as notes


def test_a_close_deadline_shows_among_the_warnings(kit: CaseKit, catalog: Catalog) -> None:
    text = format_report_text(evaluate(kit.complete("wro"), catalog, dt.date(2026, 10, 30), NOT_SCREENED))
    assert "Result: COMPLETE - nothing CBP requires or expects is missing." in text
    warnings = text[text.index("WARNINGS"):text.index("DEADLINES")]
    assert "Wednesday 2026-11-04 (in 5 days): Respond to CBP" in warnings
    assert "MISSING" not in text


def test_a_report_without_deadlines_or_reasons_has_no_empty_sections() -> None:
    report = Report(
        title="t", entry_number="E", regime="wro", today=dt.date(2026, 1, 1), catalog_version="v",
        catalog_as_of=dt.date(2026, 1, 1), item_rows=(("SCT-04", "link:a", "satisfied", ("a.pdf",), ""),),
        findings=(), deadlines=(),
    )  # fmt: skip
    text = format_report_text(report)
    for heading in ("MISSING", "WARNINGS", "NOTES", "DEADLINES", "NOT APPLICABLE", "GOOD PRACTICE"):
        assert heading not in text
    assert "Result: COMPLETE" in text and "1 item satisfied by documents" in text


def test_a_deadline_record_keeps_who_must_act() -> None:
    deadline = Deadline("DL-04", dt.date(2027, 1, 2), 3, "m", "importer", "c")
    assert (deadline.acts, deadline.days_left) == ("importer", 3)
