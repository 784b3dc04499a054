"""The conditions of a UFLPA exception that no document proves by itself (UFLPA s.3(b)).

REG-05: every request for information CBP sent is answered. It is met only when each inquiry
the case records has an answer on record (its date and the documents sent); CBP's other
correspondence, the notice of detention included, proves nothing about answers.

REG-06: clear and convincing evidence. Software cannot weigh evidence: the item is met only by
the importer's own signed statement summarising it, and the check says that it rests on it.
"""

from __future__ import annotations

from importer_app.core.catalog import LEVEL_SEVERITY, SEVERITY_WORD, Catalog, InformationType
from importer_app.core.model import Case
from importer_app.core.report import Finding, ItemRow



def check_inquiries(
    row: InformationType,
    case: Case,
    catalog: Catalog,
    not_applicable: dict[tuple[str, str], str],
    statuses: list[ItemRow],
    findings: list[Finding],
) -> None:
    """REG-05 from the inquiries the case records."""
    severity = LEVEL_SEVERITY[row.level_for(case.shipment.regime)]
    open_ = [inquiry for inquiry in case.inquiries if not inquiry.answered]
    if case.inquiries and not open_:
        exhibits = tuple(dict.fromkeys(path for inquiry in case.inquiries for path in inquiry.response_exhibits))
        count = len(case.inquiries)
        statuses.append((row.id, "case", "satisfied", exhibits,
                         f"{count} request{'s' if count > 1 else ''} from CBP recorded, each with its answer."))
        return
    reason = not_applicable.get((row.id, "case"))
    if not case.inquiries and reason is not None:
        statuses.append((row.id, "case", "not_applicable", (), reason))
        return
    statuses.append((row.id, "case", "missing", (), ""))
    citation = catalog.cite(row.citation)
    if not case.inquiries:
        message = f"{SEVERITY_WORD[severity]}: {row.title}: no request for information from CBP is recorded. {row.guidance}"
        findings.append(Finding(row.finding_kind, severity, "case", message, citation, row.id))
    for inquiry in open_:
        half = ("is answered but the documents sent are not recorded" if inquiry.response_date
                else "has no recorded answer")
        message = (f"{SEVERITY_WORD[severity]}: {row.title}: CBP's request {inquiry.id} of {inquiry.date:%Y-%m-%d} "
                   f"(\"{inquiry.asked}\") {half}. Answer it completely and record the answer's date and the "
                   "documents you sent.")
        findings.append(Finding(row.finding_kind, severity, "case", message, citation, row.id))


def check_sign_off(
    row: InformationType,
    case: Case,
    catalog: Catalog,
    not_applicable: dict[tuple[str, str], str],
    statuses: list[ItemRow],
    findings: list[Finding],
) -> None:
    """REG-06 from the importer's signed statement of its evidence."""
    citation = catalog.cite(row.citation)
    statement = case.evidence_statement
    if statement is not None:
        note = (f"Stated and signed off by {statement.signed_by} on {statement.signed_on:%Y-%m-%d}. The app does "
                "not weigh evidence: this item rests on that statement, not on a check.")
        statuses.append((row.id, "case", "provided", (), note))
        findings.append(Finding(row.finding_kind, "info", "case", f"{row.title}: {note}", citation, row.id))
        return
    reason = not_applicable.get((row.id, "case"))
    if reason is not None:
        statuses.append((row.id, "case", "not_applicable", (), reason))
        return
    severity = LEVEL_SEVERITY[row.level_for(case.shipment.regime)]
    statuses.append((row.id, "case", "missing", (), ""))
    message = (f"{SEVERITY_WORD[severity]}: {row.title}. No software can decide that evidence is clear and convincing. "
               f"{row.guidance}")
    findings.append(Finding(row.finding_kind, severity, "case", message, citation, row.id))
