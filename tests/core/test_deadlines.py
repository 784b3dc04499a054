"""Deadlines: business days around weekends and US federal holidays, month ends, severities."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

import pytest

from importer_app.core.catalog import Catalog, DeadlineRule
from importer_app.core.deadlines import (
    add_business_days,
    add_months,
    compute_deadlines,
    deadline_findings,
    due_date,
    is_business_day,
)
from importer_app.core.report import Finding

if TYPE_CHECKING:
    from case_kit import CaseKit

D = dt.date


@pytest.mark.parametrize(
    ("start", "days", "expected", "why"),
    [
        (D(2026, 11, 20), 5, D(2026, 11, 30), "Friday before Thanksgiving (Thu 26) ends on Monday 30"),
        (D(2026, 11, 25), 1, D(2026, 11, 27), "the day after Wednesday is Thanksgiving, so Friday"),
        (D(2026, 10, 9), 5, D(2026, 10, 19), "Columbus Day (Mon 12) is skipped"),
        (D(2026, 12, 24), 1, D(2026, 12, 28), "Christmas (Fri 25) and the weekend are skipped"),
        (D(2026, 12, 31), 1, D(2027, 1, 4), "New Year's Day 2027 is a Friday: the next business day is Monday"),
        (D(2026, 7, 2), 1, D(2026, 7, 6), "Independence Day 2026 falls on Saturday, observed on Friday 3"),
        (D(2026, 11, 6), 5, D(2026, 11, 16), "Veterans Day (Wed 11) is skipped"),
        (D(2026, 11, 14), 1, D(2026, 11, 16), "from a Saturday the first business day is Monday"),
        (D(2026, 11, 16), 5, D(2026, 11, 23), "a plain week: Monday to the next Monday"),
        (D(2026, 11, 16), 0, D(2026, 11, 16), "no days: the start itself"),
    ],
)
def test_business_days_skip_weekends_and_federal_holidays(start: dt.date, days: int, expected: dt.date, why: str) -> None:
    assert add_business_days(start, days) == expected, why


def test_federal_holidays_come_from_the_holidays_package() -> None:
    assert not is_business_day(D(2026, 11, 26))  # Thanksgiving
    assert not is_business_day(D(2026, 6, 19))  # Juneteenth
    assert not is_business_day(D(2026, 11, 21))  # Saturday
    assert is_business_day(D(2026, 11, 27))  # the Friday after Thanksgiving is not a federal holiday


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2026, 10, 2), 3, D(2027, 1, 2)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2027, 11, 30), 3, D(2028, 2, 29)),
        (D(2026, 8, 31), 3, D(2026, 11, 30)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
        (D(2026, 1, 31), 12, D(2027, 1, 31)),
    ],
)
def test_months_keep_the_day_or_fall_back_to_the_month_end(start: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(start, months) == expected


def rule(catalog: Catalog, rule_id: str) -> DeadlineRule:
    return next(r for r in catalog.deadlines if r.id == rule_id)


def test_each_unit_of_the_catalog_gives_its_date(catalog: Catalog) -> None:
    assert due_date(rule(catalog, "DL-01"), D(2026, 11, 20)) == D(2026, 11, 30)  # 5 business days
    assert due_date(rule(catalog, "DL-04"), D(2026, 11, 30)) == D(2027, 2, 28)  # 3 months
    assert due_date(rule(catalog, "DL-07"), D(2026, 11, 30)) == D(2027, 5, 29)  # 180 calendar days


def test_a_wro_case_gets_the_1243_clock_and_the_151_16_clocks(kit: CaseKit, catalog: Catalog) -> None:
    shipment = kit.shipment(regime="wro", date_of_exclusion_notice=D(2026, 10, 30))
    deadlines = compute_deadlines(shipment, catalog, D(2026, 10, 20))
    assert [(d.rule, d.date, d.days_left) for d in deadlines] == [
        ("DL-01", D(2026, 10, 13), -7),  # presented Mon Oct 5, Columbus Day Oct 12 skipped
        ("DL-02", D(2026, 10, 19), -1),  # detained Fri Oct 9, Columbus Day skipped
        ("DL-03", D(2026, 11, 4), 15),
        ("DL-06", D(2026, 12, 29), 70),
        ("DL-04", D(2027, 1, 2), 74),
        ("DL-05", D(2027, 1, 2), 74),
        ("DL-07", D(2027, 4, 28), 190),
    ]
    assert deadlines[4].meaning.startswith("Last day to file the 12.43(a) certificate")
    assert "[S02]" in deadlines[4].citation


def test_a_protest_a_seizure_and_an_exception_start_their_own_clocks(kit: CaseKit, catalog: Catalog) -> None:
    shipment = kit.shipment(regime="uflpa-exception", date_of_protest=D(2026, 11, 2),
                            date_of_seizure_notice=D(2026, 11, 16), date_exception_granted=D(2026, 11, 20))
    later = {d.rule: (d.date, d.acts) for d in compute_deadlines(shipment, catalog, D(2026, 11, 20))
             if d.rule in ("DL-08", "DL-09", "DL-10")}
    assert later == {"DL-08": (D(2026, 12, 2), "cbp"), "DL-09": (D(2026, 12, 16), "importer"),
                     "DL-10": (D(2026, 12, 20), "cbp")}
    wro = compute_deadlines(dataclasses.replace(shipment, regime="wro"), catalog, D(2026, 11, 20))
    assert {d.rule for d in wro} & {"DL-08", "DL-09", "DL-10"} == {"DL-08"}  # no seizure or exception rule


def test_rules_of_other_regimes_and_unrecorded_starts_are_not_computed(kit: CaseKit, catalog: Catalog) -> None:
    shipment = kit.shipment(regime="uflpa-applicability", date_presented=None)
    rules = [d.rule for d in compute_deadlines(shipment, catalog, D(2026, 10, 20))]
    assert rules == ["DL-02"]  # no 12.43 clock, no presentation date, no exclusion notice


def findings_for(kit: CaseKit, catalog: Catalog, regime: str, today: dt.date, **dates: object) -> dict[str, Finding]:
    shipment = kit.shipment(regime=regime, **dates)
    deadlines = compute_deadlines(shipment, catalog, today)
    return {f.requirement: f for f in deadline_findings(deadlines, catalog, regime)}


def test_an_importer_deadline_passed_blocks_the_submission(kit: CaseKit, catalog: Catalog) -> None:
    found = findings_for(kit, catalog, "wro", D(2027, 1, 4))
    assert found["DL-04"].severity == "missing"
    # A passed date says what followed, not what to do by it.
    assert found["DL-04"].message.startswith("Saturday 2027-01-02 (passed 2 days ago): The three-month period for "
                                             "the certificates of origin and the consignee statement has ended")
    assert "Last day" not in found["DL-04"].message
    assert found["DL-04"].kind == "deadline" and found["DL-04"].scope == "case"


def test_a_cbp_deadline_passed_is_information(kit: CaseKit, catalog: Catalog) -> None:
    found = findings_for(kit, catalog, "wro", D(2027, 1, 4))
    assert found["DL-05"].severity == "info"
    assert "CBP may now issue the written notice of exclusion" in found["DL-05"].message
    assert found["DL-01"].severity == "info"


def test_an_advisory_clock_passed_is_information_with_its_caution(kit: CaseKit, catalog: Catalog) -> None:
    wro = findings_for(kit, catalog, "wro", D(2026, 11, 10))["DL-03"]
    assert wro.severity == "info"
    assert "The sources do not settle whether this 19 CFR 151.16 clock binds" in wro.message
    uflpa = findings_for(kit, catalog, "uflpa-exception", D(2026, 11, 10))["DL-03"]
    assert uflpa.severity == "missing"
    assert "do not settle" not in uflpa.message


@pytest.mark.parametrize(
    ("today", "severity", "when"),
    [
        (D(2026, 10, 27), "info", "(in 8 days)"),
        (D(2026, 10, 28), "warning", "(in 7 days)"),
        (D(2026, 11, 3), "warning", "(tomorrow)"),
        (D(2026, 11, 4), "warning", "(today)"),
        (D(2026, 11, 5), "missing", "(passed yesterday)"),
    ],
)
def test_a_deadline_within_seven_days_is_a_warning(kit: CaseKit, catalog: Catalog, today: dt.date, severity: str, when: str) -> None:
    found = findings_for(kit, catalog, "uflpa-applicability", today)["DL-03"]  # due Wednesday 2026-11-04
    assert found.severity == severity
    what = "Without a final decision from CBP" if today > D(2026, 11, 4) else "Respond to CBP"
    assert found.message.startswith(f"Wednesday 2026-11-04 {when}: {what}")


def test_a_cbp_deadline_close_ahead_is_a_warning(kit: CaseKit, catalog: Catalog) -> None:
    found = findings_for(kit, catalog, "wro", D(2026, 10, 12))["DL-02"]  # due Monday 2026-10-19
    assert found.severity == "warning"
