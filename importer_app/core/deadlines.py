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
def _federal_holidays(year: int) -> dict[dt.date, str]:
    return dict(holidays.country_holidays("US", years=year))


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


def last_business_day_before(day: dt.date) -> dt.date:
    """The last day before ``day`` that federal offices work.

    >>> last_business_day_before(dt.date(2026, 11, 26))  # Thanksgiving
    datetime.date(2026, 11, 25)
    """
    day -= dt.timedelta(days=1)
    while not is_business_day(day):
        day -= dt.timedelta(days=1)
    return day


def compute_deadlines(shipment: Shipment, catalog: Catalog, today: dt.date, *,
                      regime: str | None = None) -> tuple[Deadline, ...]:
    """Every deadline of the shipment's regime whose start date the shipment records.

    A rule with ``start_else`` whose start the case does not record runs from that other
    rule's date once it has passed, unless a ``superseded_by`` date is recorded: the deemed
    exclusion of day 30 starts the protest period when CBP sent no notice of exclusion.

    Args:
        shipment: the detained shipment.
        catalog: the requirement catalog.
        today: the day to count the days left from.
        regime: the regime the goods are held under, when the order changed it (a WRO that
            became a Finding); the shipment's by default.

    Returns:
        The deadlines, earliest first.
    """
    regime = regime or shipment.regime
    rules = {rule.id: rule for rule in catalog.deadlines}
    deadlines = []
    for rule in catalog.deadlines:
        if regime not in rule.regimes:
            continue
        start = _start(rule, shipment, rules, today)
        if start is None:
            continue
        date = due_date(rule, start)
        flag = rule.acts == "importer" and not is_business_day(date)
        deadlines.append(
            Deadline(
                rule=rule.id,
                date=date,
                days_left=(date - today).days,
                meaning=rule.meaning,
                acts=rule.acts,
                citation=catalog.cite(rule.citation),
                business_day_before=last_business_day_before(date) if flag else None,
                after=rule.after,
            )
        )
    return tuple(sorted(deadlines, key=lambda deadline: (deadline.date, deadline.rule)))


def _start(rule: DeadlineRule, shipment: Shipment, rules: dict[str, DeadlineRule], today: dt.date) -> dt.date | None:
    start: dt.date | None = getattr(shipment, rule.start) if rule.start else None
    if start is not None or not rule.start_else or any(getattr(shipment, name) for name in rule.superseded_by):
        return start
    other = rules[rule.start_else]
    other_start: dt.date | None = getattr(shipment, other.start) if other.start else None
    if other_start is None:
        return None
    date = due_date(other, other_start)
    return date if date < today else None


def deadline_findings(deadlines: tuple[Deadline, ...], catalog: Catalog, regime: str) -> list[Finding]:
    """One finding per deadline: passed, close, or ahead.

    A passed deadline the importer had to meet blocks the submission. One that was CBP's to
    meet, or that only may bind in this regime (``advisory_in``), is information. Any
    deadline within ``WARNING_DAYS`` is a warning. A passed deadline says what followed
    (``after``), never what to do by a date that is gone; a date ahead that falls on a weekend
    or holiday names the last business day before it.
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
        findings.append(
            Finding(
                kind="deadline",
                severity=severity,
                scope="case",
                message=deadline_text(deadline, rule, regime),
                citation=deadline.citation,
                requirement=deadline.rule,
            )
        )
    return findings


def deadline_text(deadline: Deadline, rule: DeadlineRule, regime: str) -> str:
    """The deadline in one or two sentences for the user: when, and what it means or meant."""
    if deadline.days_left < 0:
        message = f"{when(deadline)}: {rule.after}"
    else:
        message = f"{when(deadline)}: {'' if rule.acts == 'importer' else 'CBP: '}{deadline.meaning}"
    if deadline.business_day_before is not None and deadline.days_left >= 0:
        message += (f" That day is {_day_kind(deadline.date)}: the last business day before it is "
                    f"{deadline.business_day_before:%A} {deadline.business_day_before.isoformat()}.")
    if regime in rule.advisory_in:
        message += f" {rule.advisory_note}"
    return message


def _day_kind(day: dt.date) -> str:
    holiday = _federal_holidays(day.year).get(day)
    return f"a federal holiday ({holiday})" if holiday else f"a {day:%A}"


def when(deadline: Deadline) -> str:
    """The date and how far it is from the check date: "Friday 2026-11-27 (in 3 days)"."""
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
