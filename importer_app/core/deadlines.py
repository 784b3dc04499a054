"""Deadlines: the dates the deadline rules of the catalog give for a shipment.

Business days skip weekends and US federal holidays (19 CFR 151.16 counts "excluding
weekends and holidays"); the holiday calendar comes from the ``holidays`` package, not a
hand-kept list. Month periods keep the day number and fall back to the month's last day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools

import holidays

from importer_app.core.catalog import Catalog, DeadlineRule
from importer_app.core.model import Shipment
from importer_app.core.report import Deadline, Finding

WARNING_DAYS = 7
"""A deadline this close (or closer) is a warning."""


@functools.cache
def _federal_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("US", years=year))


def is_business_day(day: dt.date) -> bool:
    """Whether federal offices work on ``day``: not a weekend, not a US federal holiday."""
    return day.weekday() < 5 and day not in _federal_holidays(day.year)


def add_business_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` business days after ``start`` (``start`` itself never counts).

    >>> add_business_days(dt.date(2026, 11, 20), 5)  # Thanksgiving is Thursday 26
    datetime.date(2026, 11, 30)
    """
    day = start
    remaining = days
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_business_day(day):
            remaining -= 1
    return day


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day ``months`` months later, or that month's last day if it is shorter.

    >>> add_months(dt.date(2026, 11, 30), 3)
    datetime.date(2027, 2, 28)
    """
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def due_date(rule: DeadlineRule, start: dt.date) -> dt.date:
    """The date a rule's period that began on ``start`` ends."""
    if rule.unit == "business":
        return add_business_days(start, rule.offset)
    if rule.unit == "months":
        return add_months(start, rule.offset)
    return start + dt.timedelta(days=rule.offset)


def compute_deadlines(shipment: Shipment, catalog: Catalog, today: dt.date) -> tuple[Deadline, ...]:
    """Every deadline of the shipment's regime whose start date the shipment records.

    Args:
        shipment: the detained shipment.
        catalog: the requirement catalog.
        today: the day to count the days left from.

    Returns:
        The deadlines, earliest first.
    """
    deadlines = []
    for rule in catalog.deadlines:
        start = getattr(shipment, rule.start) if rule.start else None
        if start is None or shipment.regime not in rule.regimes:
            continue
        date = due_date(rule, start)
        deadlines.append(
            Deadline(
                rule=rule.id,
                date=date,
                days_left=(date - today).days,
                meaning=rule.meaning,
                acts=rule.acts,
                citation=catalog.cite(rule.citation),
            )
        )
    return tuple(sorted(deadlines, key=lambda deadline: (deadline.date, deadline.rule)))


def deadline_findings(deadlines: tuple[Deadline, ...], catalog: Catalog, regime: str) -> list[Finding]:
    """One finding per deadline: passed, close, or ahead.

    A passed deadline the importer had to meet blocks the submission. One that was CBP's to
    meet, or that only may bind in this regime (``advisory_in``), is information: it tells
    the user what follows. Any deadline within ``WARNING_DAYS`` is a warning.
    """
    rules = {rule.id: rule for rule in catalog.deadlines}
    findings = []
    for deadline in deadlines:
        rule = rules[deadline.rule]
        binding = rule.acts == "importer" and regime not in rule.advisory_in
        if deadline.days_left < 0:
            severity = "missing" if binding else "info"
        elif deadline.days_left <= WARNING_DAYS:
            severity = "warning"
        else:
            severity = "info"
        message = f"{_when(deadline)}: {'' if rule.acts == 'importer' else 'CBP: '}{deadline.meaning}"
        if regime in rule.advisory_in:
            message += f" {rule.advisory_note}"
        findings.append(
            Finding(
                kind="deadline",
                severity=severity,
                scope="case",
                message=message,
                citation=deadline.citation,
                requirement=deadline.rule,
            )
        )
    return findings


def _when(deadline: Deadline) -> str:
    date = f"{deadline.date:%A} {deadline.date.isoformat()}"
    days = deadline.days_left
    if days > 1:
        return f"{date} (in {days} days)"
    if days == 1:
        return f"{date} (tomorrow)"
    if days == 0:
        return f"{date} (today)"
    if days == -1:
        return f"{date} (passed yesterday)"
    return f"{date} (passed {-days} days ago)"
