"""What removing a document, a company or a transfer would take away, in words for the user."""

from __future__ import annotations

from importer_app.core.model import Document
from importer_app.gui.labels import document_label, scope_label
from importer_app.gui.session import CaseSession
from importer_app.core.plural import counted, verb

_MAX_LINES = 12


def what_it_proves(session: CaseSession, document: Document) -> list[str]:
    """One line per item CBP asks for that this document covers; "(only this document)"
    marks the items that would become missing without it."""
    report, case = session.report, session.case
    lines = []
    for status in report.statuses:
        if status.state != "satisfied" or document.path not in status.documents:
            continue
        title = report.titles.get(status.requirement, "an item CBP asks for")
        only = " (only this document)" if status.documents == (document.path,) else ""
        lines.append(f"{title}, for {scope_label(case, status.scope)}{only}")
    return lines


def translations_of(session: CaseSession, document: Document) -> tuple[Document, ...]:
    return tuple(d for d in session.case.documents if d.translation_of == document.path)


def removal_question(session: CaseSession, document: Document) -> str:
    """The confirmation asked before a document is removed."""
    case = session.case
    lines = [f"Remove \u201c{document_label(case, document.path)}\u201d from the case?", ""]
    proves = what_it_proves(session, document)
    if proves:
        lines.append("It is evidence for:")
        lines += _bullets(proves)
    else:
        lines.append("No item CBP asks for rests on it.")
    ties = [scope_label(case, f"entity:{e}") for e in document.entities]
    ties += [scope_label(case, f"link:{k}") for k in document.links]
    if ties:
        lines += ["", "It is tied to:", *_bullets(ties)]
    translations = translations_of(session, document)
    if translations:
        lines += ["", "These translations of it will no longer name their original:",
                  *_bullets([document_label(case, t.path) for t in translations])]
    lines += ["", "Edit > Undo brings it back with everything it was tied to."]
    return "\n".join(lines)


def documents_tied_to(session: CaseSession, scope: str) -> tuple[Document, ...]:
    """The documents that speak for a company (``entity:ID``) or prove a transfer (``link:ID``)."""
    kind, _, key = scope.partition(":")
    return tuple(d for d in session.case.documents if key in (d.entities if kind == "entity" else d.links))


def untie_question(session: CaseSession, scope: str, tied: tuple[Document, ...]) -> str:
    """The confirmation asked before removing a company or transfer that documents are tied to."""
    case = session.case
    what = scope_label(case, scope)
    lines = [f"Remove {what}?", "", f"{counted(len(tied), 'document')} {verb(len(tied), 'is', 'are')} tied to it and will no longer be:",
             *_bullets([document_label(case, d.path) for d in tied]), "",
             "The documents stay in the case. Edit > Undo brings it back and ties them again."]
    return "\n".join(lines)


def _bullets(items: list[str]) -> list[str]:
    shown = [f"  \u2022 {item}" for item in items[:_MAX_LINES]]
    if len(items) > _MAX_LINES:
        shown.append(f"  \u2026 and {len(items) - _MAX_LINES} more")
    return shown
