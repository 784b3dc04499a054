"""The completeness report: what the engine found, as data, as JSON and as text for a clerk.

``evaluate`` (engine.py) builds a ``Report``; the command line prints it with
``format_report_text`` or ``report_to_json`` (design.md Appendix B, ``importer-app-check/1``),
the window shows the same findings and item states.
"""

from __future__ import annotations

import datetime as dt
import itertools
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, NamedTuple

from importer_app.core import vocab
from importer_app.core.model import Case
from importer_app.core.plural import counted

JSON_FORMAT: Final = "importer-app-check/1"
SEVERITY_ORDER: Final[tuple[str, ...]] = ("missing", "warning", "info")
STATES: Final[tuple[str, ...]] = ("satisfied", "missing", "not_applicable", "provided", "advice")


class Finding(NamedTuple):
    """Something the user should know or fix.

    A NamedTuple for the reason ``ItemStatus`` is one: a check of a large case makes thousands,
    and a frozen dataclass takes over twice as long to build.

    Attributes:
        kind: requirement, chronology, quantity, reference, translation, structure,
            screening, deadline or preflight.
        severity: ``missing`` (blocks the submission), ``warning`` or ``info``.
        scope: ``case``, ``entity:ID``, ``link:ID`` or ``document:PATH``.
        message: what is wrong and what to do, in plain sentences.
        citation: the sources the finding rests on, as text.
        requirement: the catalog id it rests on: an information type or a deadline rule.
        check: the check of ``checks.toml`` that words it, where the window needs to know
            which (the order's and the extension requests' findings, which share their
            requirement); empty otherwise.
    """

    kind: str
    severity: str
    scope: str
    message: str
    citation: str
    requirement: str
    check: str = ""


class ItemStatus(NamedTuple):
    """Where one information type stands in one scope.

    A NamedTuple, not a frozen dataclass like its neighbours: ``Report.statuses`` builds tens
    of thousands at a time for a large case, in well under half a dataclass's time.

    Attributes:
        requirement: the information type id.
        scope: ``case``, ``entity:ID``, ``link:ID`` or ``document:PATH``.
        state: ``satisfied`` (by ``documents``), ``missing``, ``not_applicable`` (``note`` is
            the user's reason), ``provided`` (the app or the bundle writes it; ``note`` says
            which) or ``advice`` (a good practice; ``note`` is the advice).
        documents: paths of the documents that satisfy it.
    """

    requirement: str
    scope: str
    state: str
    documents: tuple[str, ...] = ()
    note: str = ""


ItemRow = tuple[str, str, str, tuple[str, ...], str]
"""An ``ItemStatus`` as a plain tuple: requirement, scope, state, documents, note."""


@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline computed from the shipment's dates.

    Attributes:
        rule: the deadline rule id (DL-..).
        days_left: days from the check date to ``date``; negative once it has passed.
        acts: ``importer`` or ``cbp``: who must act by the date.
        business_day_before: the last business day before ``date`` when ``date`` is a weekend
            or federal holiday and the importer must act by it; None otherwise.
        after: what followed once the date passed.
    """

    rule: str
    date: dt.date
    days_left: int
    meaning: str
    acts: str
    citation: str
    business_day_before: dt.date | None = None
    after: str = ""

    @property
    def status(self) -> str:
        """What the date means today, in one phrase: what to do by it, or what followed."""
        return self.after if self.days_left < 0 else self.meaning


@dataclass(frozen=True)
class Report:
    """The result of checking one case against the catalog on one day.

    Attributes:
        item_rows: the items' states as plain tuples in ``ItemStatus`` field order; read them
            through ``statuses``. Plain tuples of strings drop out of the garbage collector's
            sight, so a check of a large case does not trigger full collections.
        findings: sorted by severity, then scope (case, entities, links, documents).
        scope_labels: a heading for each scope that has findings or items set aside.
        titles: the title of each information type of the catalog, by id.
        catalog_basis: which CBP guidance the catalog's rows rest on (catalog.toml ``basis``).
        commodity: one sentence on the sector profile used or suggested; empty when neither.
    """

    title: str
    entry_number: str
    regime: str
    today: dt.date
    catalog_version: str
    catalog_as_of: dt.date
    item_rows: tuple[ItemRow, ...]
    findings: tuple[Finding, ...]
    deadlines: tuple[Deadline, ...]
    scope_labels: Mapping[str, str] = field(default_factory=dict)
    titles: Mapping[str, str] = field(default_factory=dict)
    catalog_basis: str = ""
    commodity: str = ""

    @property
    def statuses(self) -> tuple[ItemStatus, ...]:
        """Every item's state, in catalog order then scope order (built on each call)."""
        return tuple(map(ItemStatus._make, self.item_rows))

    @property
    def complete(self) -> bool:
        """True exactly when no finding blocks the submission."""
        return not any(finding.severity == "missing" for finding in self.findings)

    @property
    def counts(self) -> dict[str, int]:
        """Findings per severity, every severity present."""
        counts = dict.fromkeys(SEVERITY_ORDER, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts


def report_to_json(report: Report, case: Case) -> dict[str, Any]:
    """The report in the ``importer-app-check/1`` format of design.md Appendix B.

    Args:
        report: the report of ``evaluate``.
        case: the case it was made from (its identifiers head the JSON).

    Returns:
        A JSON-serialisable dict.
    """
    return {
        "format": JSON_FORMAT,
        "case": {"entry_number": case.shipment.entry_number, "regime": case.shipment.regime,
                 "commodity": case.shipment.commodity or None},
        "catalog": {"version": report.catalog_version, "as_of": report.catalog_as_of.isoformat(),
                    "basis": report.catalog_basis},
        "complete": report.complete,
        "counts": report.counts,
        "findings": [
            {
                "kind": finding.kind,
                "requirement": finding.requirement or None,
                "severity": finding.severity,
                "scope": finding.scope,
                "message": finding.message,
                "citation": finding.citation,
            }
            for finding in report.findings
        ],
        "deadlines": [
            {
                "rule": deadline.rule,
                "date": deadline.date.isoformat(),
                "days_left": deadline.days_left,
                "meaning": deadline.meaning,
                "after": deadline.after or None,
            }
            for deadline in report.deadlines
        ],
    }


_WIDTH: Final = 100
_HEADINGS: Final = {
    "missing": "MISSING - CBP requires or expects these; the submission is not complete without them",
    "warning": "WARNINGS - recommended items and things to check",
    "info": "NOTES - optional supporting evidence and other information",
}


def format_report_text(report: Report) -> str:
    """The report as plain text for a compliance clerk.

    Findings are grouped by severity, then by the case, entity, link or document they concern,
    each followed by its source. Deadlines, the user's not-applicable reasons and good-practice
    advice follow.
    """
    statuses = report.statuses
    lines = [
        f"Completeness check: {report.title}",
        f"Entry {report.entry_number} - {vocab.REGIME_LABELS.get(report.regime, report.regime)}",
        f"Checked on {report.today.isoformat()} against requirement catalog {report.catalog_version}"
        f" (sources as of {report.catalog_as_of.isoformat()}). Not legal advice.",
        *_wrapped(report.catalog_basis),
        *_wrapped(report.commodity),
        "",
        _verdict(report, statuses),
    ]
    # The deadline table below lists every deadline; among the deadline findings, only those
    # that need attention (routes and extensions have no row in the table: they always show).
    rules = {deadline.rule for deadline in report.deadlines}
    shown = [f for f in report.findings if f.kind != "deadline" or f.severity != "info" or f.requirement not in rules]
    for severity, findings in itertools.groupby(shown, key=lambda f: f.severity):
        lines += ["", _HEADINGS[severity]]
        for scope, group in itertools.groupby(findings, key=lambda f: f.scope):
            lines += ["", f"  {report.scope_labels.get(scope, scope)}"]
            for finding in group:
                lines += _bullet(finding.message, f"Source: {finding.citation}")
    lines += _deadline_lines(report.deadlines)
    lines += _set_aside_lines(report, statuses)
    return "\n".join(lines) + "\n"


def _verdict(report: Report, statuses: tuple[ItemStatus, ...]) -> str:
    counts = report.counts
    satisfied = sum(1 for status in statuses if status.state == "satisfied")
    tail = (
        f"{counts['missing']} blocking, {counted(counts['warning'], 'warning')}, {counted(counts['info'], 'note')}; "
        f"{counted(satisfied, 'item')} satisfied by documents."
    )
    if report.complete:
        return f"Result: COMPLETE - nothing CBP requires or expects is missing. {tail}"
    return f"Result: NOT COMPLETE - {tail}"


def _bullet(text: str, source: str) -> list[str]:
    wrapped = textwrap.wrap(text, _WIDTH, initial_indent="    - ", subsequent_indent="      ")
    return wrapped + textwrap.wrap(source, _WIDTH, initial_indent="      ", subsequent_indent="        ")


def _deadline_lines(deadlines: tuple[Deadline, ...]) -> list[str]:
    if not deadlines:
        return []
    lines = ["", "DEADLINES"]
    for deadline in deadlines:
        who = "you" if deadline.acts == "importer" else "CBP"
        if deadline.days_left >= 0:
            head = f"  {deadline.date.isoformat()}  {deadline.rule}  {counted(deadline.days_left, 'day')} left ({who} must act): "
        else:
            head = f"  {deadline.date.isoformat()}  {deadline.rule}  passed {counted(-deadline.days_left, 'day')} ago: "
        text = head + deadline.status
        if deadline.business_day_before is not None and deadline.days_left >= 0:
            text += (" It is not a business day: the last business day before it is "
                     f"{deadline.business_day_before:%A} {deadline.business_day_before.isoformat()}.")
        lines += textwrap.wrap(text, _WIDTH, subsequent_indent=" " * 6)
    return lines


def _set_aside_lines(report: Report, statuses: tuple[ItemStatus, ...]) -> list[str]:
    """The items the user marked not applicable, with the reasons, then the advice."""
    lines: list[str] = []
    not_applicable = [status for status in statuses if status.state == "not_applicable"]
    if not_applicable:
        lines += ["", "NOT APPLICABLE - items you set aside, with your reasons"]
        for status in not_applicable:
            title = report.titles.get(status.requirement, "")
            where = report.scope_labels.get(status.scope, status.scope)
            lines += _bullet(f"{status.requirement} {title} ({where}): {status.note}", "")
    advice = [status for status in statuses if status.state == "advice"]
    if advice:
        lines += ["", "GOOD PRACTICE"]
        for status in advice:
            lines += _bullet(f"{status.requirement} {report.titles.get(status.requirement, '')}: {status.note}", "")
    return lines


def _wrapped(text: str) -> list[str]:
    """A header sentence of the text report, wrapped to the report's width (none when empty)."""
    return textwrap.wrap(text, _WIDTH)
