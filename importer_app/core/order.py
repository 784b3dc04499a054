"""The order the goods are held under, and the routes and requests for time it leaves.

A WRO or Finding has a life of its own: CBP modifies or revokes it, a WRO becomes a Finding
while goods are held, and each names forced-labor indicators and producers. The check follows
it: an order that no longer covers the goods means asking the port for release; a Finding
means seizure and a petition, never a protest; each indicator the order names asks for its
own evidence; a case entity that matches a producer the order names blocks the submission.
Export stays open until the goods are seized. Requests for more time are held to the Forced
Labor Portal's limits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from importer_app.core import vocab
from importer_app.core.catalog import LEVEL_SEVERITY, SEVERITY_WORD, Catalog, Check, InformationType
from importer_app.core.caseindex import CaseIndex
from importer_app.core.model import Case, DetentionOrder
from importer_app.core.report import Finding, ItemRow
from importer_app.core.screening_state import ScreeningCandidate

MAX_EXTENSIONS = 2
"""The Forced Labor Portal accepts at most this many extension requests per task."""

_STATUS_WORDS = {"revoked": "revoked", "inactive": "made inactive", "modified": "modified"}


def effective_regime(case: Case) -> str:
    """The regime the goods are held under: a Finding once the order became one."""
    order = case.order
    if case.shipment.regime == "wro" and order is not None and order.is_finding:
        return "finding"
    return case.shipment.regime


def check_indicator(
    row: InformationType,
    case: Case,
    catalog: Catalog,
    index: CaseIndex,
    not_applicable: dict[tuple[str, str], str],
    statuses: list[ItemRow],
    findings: list[Finding],
) -> None:
    """The evidence for one forced-labor indicator, asked only when the order names it."""
    if case.order is None or row.indicator not in case.order.indicators:
        return
    paths = tuple(doc.path for doc in index.documents_of_types(row.documents))
    if paths:
        statuses.append((row.id, "case", "satisfied", paths, ""))
        return
    reason = not_applicable.get((row.id, "case"))
    if reason is not None:
        statuses.append((row.id, "case", "not_applicable", (), reason))
        return
    statuses.append((row.id, "case", "missing", (), ""))
    severity = LEVEL_SEVERITY[row.level_for(case.shipment.regime)]
    message = f"{SEVERITY_WORD[severity]}: {row.title}{_named_by(case)}. {row.guidance}"
    findings.append(Finding(row.finding_kind, severity, "case", message, catalog.cite(row.citation), row.id))


def named_producer_sources(case: Case, matches: Iterable[ScreeningCandidate]) -> frozenset[str]:
    """The case entities that are, or may be, a producer the order names, while the order still
    holds the goods: their material cannot go into goods admitted under it. A match the user
    dismissed is not one."""
    order = case.order
    if order is None or order.releases_goods:
        return frozenset()
    dismissed = {decision.key for decision in case.screening_decisions if decision.decision == "dismissed"}
    return frozenset(match.entity_id for match in matches if match.key not in dismissed)


def order_findings(case: Case, catalog: Catalog, index: CaseIndex, today: dt.date,
                   matches: tuple[ScreeningCandidate, ...]) -> list[Finding]:
    """What the order's status, kind and named producers mean for the case, the export
    route, and the requests for more time."""
    findings: list[Finding] = []
    order = case.order
    if order is not None:
        findings += _status_findings(case, order, catalog)
        findings += _named_producers(case, order, catalog, index, matches)
    findings += _export_route(case, catalog)
    findings += _extensions(case, catalog, today)
    return findings


def _status_findings(case: Case, order: DetentionOrder, catalog: Catalog) -> Iterator[Finding]:
    name = order_name(case, order)
    title = name[:1].upper() + name[1:]
    if order.releases_goods:
        check = catalog.checks["order-releases-goods"]
        when = f" on {order.status_changed.isoformat()}" if order.status_changed else ""
        outside = " and no longer covers these goods" if order.status == "modified" else ""
        yield _finding(check, f"{title} was {_STATUS_WORDS[order.status]}{when}{outside}. {check.guidance}", catalog)
        return
    if case.shipment.regime == "wro" and order.finding_published is not None:
        check = catalog.checks["order-became-finding"]
        yield _finding(check, f"{title} became a Finding, published on {order.finding_published.isoformat()}, "
                              f"while the goods were held. {check.guidance}", catalog)
    if order.is_finding:
        check = catalog.checks["order-is-finding"]
        yield _finding(check, f"The goods are held under a Finding ({name}). {check.guidance}", catalog)


def _named_producers(case: Case, order: DetentionOrder, catalog: Catalog, index: CaseIndex,
                     matches: tuple[ScreeningCandidate, ...]) -> Iterator[Finding]:
    check = catalog.checks["order-names-entity"]
    decisions = {decision.key: decision for decision in case.screening_decisions}
    name = order_name(case, order)
    for match in matches:
        who = index.entity_phrase(match.entity_id)
        decision = decisions.get(match.key)
        scope = f"entity:{match.entity_id}"
        if decision is not None and decision.decision == "dismissed":
            message = (f"{who} may be a producer {name} names, dismissed on {decision.decided_at:%Y-%m-%d}: "
                       f"{match.why} Reason: {decision.reason}")
            yield Finding(check.kind, "info", scope, message, catalog.cite(check.citation), check.basis)
            continue
        verb = "is" if decision is not None else "may be"
        yield Finding(check.kind, check.severity, scope, f"{who} {verb} a producer {name} names: {match.why} "
                      f"{check.guidance}", catalog.cite(check.citation), check.basis)


def _export_route(case: Case, catalog: Catalog) -> Iterator[Finding]:
    if case.shipment.regime not in vocab.DETENTION_REGIMES or case.shipment.date_of_seizure_notice is not None:
        return
    if case.order is not None and case.order.releases_goods:
        return
    check = catalog.checks["export-before-seizure"]
    yield _finding(check, f"Export is open while no seizure is recorded. {check.guidance}", catalog)


def _extensions(case: Case, catalog: Catalog, today: dt.date) -> Iterator[Finding]:
    counted: dict[str, int] = {}
    for request in case.extension_requests:
        task = request.task.strip()
        counted[task] = counted.get(task, 0) + 1
        if counted[task] == MAX_EXTENSIONS + 1:
            check = catalog.checks["extension-limit"]
            yield _finding(check, f"Extension request {counted[task]} for \"{task}\" ({request.requested.isoformat()}): "
                                  f"the portal accepts {MAX_EXTENSIONS} per task. {check.guidance}", catalog)
        if request.due is not None and request.requested > request.due:
            check = catalog.checks["extension-past-due"]
            yield _finding(check, f"The extension for \"{task}\" was requested on {request.requested.isoformat()}, "
                                  f"after the task was due ({request.due.isoformat()}). {check.guidance}", catalog)
    check = catalog.checks["extension-limit"]
    granted = [r for r in case.extension_requests if r.until is not None]
    for task in dict.fromkeys(r.task.strip() for r in granted):
        until = max(r.until for r in granted if r.task.strip() == task and r.until is not None)
        left = (until - today).days
        if left >= 0:
            message = f"\"{task}\": more time granted until {until:%A} {until.isoformat()} ({left} days left)."
        else:
            message = (f"\"{task}\": the time granted until {until:%A} {until.isoformat()} has run out; the portal "
                       "accepts no further extension once a task is past due.")
        yield Finding("deadline", "warning" if 0 <= left <= 7 else "info", "case", message,
                      catalog.cite(check.citation), check.basis, check.id)


def _finding(check: Check, message: str, catalog: Catalog) -> Finding:
    return Finding(check.kind, check.severity, "case", message, catalog.cite(check.citation), check.basis, check.id)


def order_name(case: Case, order: DetentionOrder) -> str:
    """``the Withhold Release Order WRO-2026-0417``: the order as a sentence names it."""
    kind = "Finding" if order.kind == "finding" else "Withhold Release Order"
    reference = case.shipment.order_reference
    return f"the {kind} {reference}" if reference else f"the {kind}"


def _named_by(case: Case) -> str:
    reference = case.shipment.order_reference
    return f" ({reference})" if reference else ""
