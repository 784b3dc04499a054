"""Letters to suppliers asking for exactly what the check still finds missing in their part.

The wording is in ``forms/templates/request_letter.toml``. A supplier is asked for what is
missing for itself and for the transfers it takes part in (as seller or buyer), each item with
one sentence from the catalog on why CBP asks for it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import ListFlowable, ListItem

from importer_app.bundle.pages import facts, fonts, styles
from importer_app.bundle.pages.facts import long_date
from importer_app.bundle.pages.section import Story
from importer_app.bundle.pages.templates import load_template
from importer_app.bundle.plan import BundleOptions
from importer_app.core.catalog import Catalog
from importer_app.core.countries import country_name
from importer_app.core.model import Case, Entity
from importer_app.core.report import Finding, Report

REPLY_DAYS = 10
"""Days a supplier gets to answer, unless the importer's own deadline comes sooner."""
DEADLINE_MARGIN_DAYS = 5
"""Days kept between the supplier's reply and the importer's deadline, to assemble the answer."""

_LETTERHEAD = ParagraphStyle("request-letterhead", parent=styles.TITLE, fontSize=13, leading=16, spaceAfter=1)
_DATE = ParagraphStyle("request-date", parent=styles.BODY, alignment=TA_RIGHT, spaceBefore=10, spaceAfter=12)
_SUBJECT = ParagraphStyle("request-subject", parent=styles.BODY, fontName=fonts.SANS_BOLD, spaceBefore=8, spaceAfter=8)
_ITEM = ParagraphStyle("request-item", parent=styles.BODY, spaceAfter=3)


def missing_for(entity_id: str, case: Case, report: Report) -> list[Finding]:
    """The document requirements still open for a supplier and the transfers it is part of."""
    links = {f"link:{k.id}" for k in case.links if entity_id in (k.source, k.target)}
    scopes = links | {f"entity:{entity_id}"}
    return [f for f in report.findings
            if f.kind == "requirement" and f.severity in ("missing", "warning") and f.scope in scopes]


def reply_by(report: Report, today: dt.date) -> dt.date:
    """Ten days from today, or earlier so the importer's nearest deadline can still be met."""
    upcoming = [d.date for d in report.deadlines if d.acts == "importer" and d.date >= today]
    latest = min(upcoming) - dt.timedelta(days=DEADLINE_MARGIN_DAYS) if upcoming else None
    wanted = today + dt.timedelta(days=REPLY_DAYS)
    if latest is not None:
        wanted = min(wanted, latest)
    return max(wanted, today + dt.timedelta(days=1))


def request_letter(case: Case, report: Report, catalog: Catalog, entity_id: str, *, today: dt.date,
                   paper: str = "letter") -> bytes | None:
    """The letter to one supplier as a PDF, or None when nothing is missing from it."""
    missing = missing_for(entity_id, case, report)
    if not missing:
        return None
    fonts.register()
    entity = case.entity(entity_id)
    words = load_template("request_letter")
    shipment = case.shipment
    references = sorted({r for k in case.links if entity_id in (k.source, k.target) for r in k.references})
    values = {
        "supplier": entity.name,
        "supplier_address": entity.address,
        "importer_of_record": shipment.importer_of_record,
        "importer_address": shipment.importer_address,
        "entry_number": shipment.entry_number,
        "merchandise": shipment.merchandise,
        "port": facts.port_label(shipment) or "entry",
        "date": long_date(today),
        "reply_by": long_date(reply_by(report, today)),
        "count": str(len(missing)),
        "references": ", ".join(references) or shipment.entry_number,
        "role": facts.role_label(entity.role).lower(),
    }
    story = Story()
    story.add(styles.plain(shipment.importer_of_record, _LETTERHEAD))
    if shipment.importer_address:
        story.add(styles.plain(shipment.importer_address, styles.NOTE))
    story.add(styles.plain(long_date(today), _DATE))
    for line in _address(entity):
        story.add(styles.plain(line, styles.BODY))
    story.add(styles.para(words.para("letter", "subject", values=values), _SUBJECT))
    story.add(styles.para(words.para("letter", "salutation", values=values)))
    story.add(styles.para(words.para("letter", "opening", values=values)))
    story.add(styles.para(words.para("letter", "request", values=values)))
    items = [ListItem(styles.plain(_item_text(finding, case, catalog), _ITEM), leftIndent=14) for finding in missing]
    story.add(ListFlowable(items, bulletType="bullet", bulletFontName=fonts.SANS, leftIndent=14, spaceAfter=8))
    for key in ("references", "format", "deadline", "confidential", "closing", "sign_off"):
        story.add(styles.para(words.para("letter", key, values=values)))
    story.add(styles.space(28), styles.plain("_" * 34), styles.para(words.para("letter", "for_company", values=values)))
    title = words.title
    options = BundleOptions(output=Path("request-letter.pdf"), document_date=today, paper=paper)
    return story.render(title, f"{shipment.entry_number} · {title} · {entity.name}", options).pdf


def request_letters(case: Case, report: Report, catalog: Catalog, *, today: dt.date,
                    paper: str = "letter") -> dict[str, bytes]:
    """A letter for every supplier something is missing from (the importer asks nobody)."""
    letters = {}
    for entity in case.entities:
        if entity.role in ("importer", "ultimate_consignee"):
            continue
        letter = request_letter(case, report, catalog, entity.id, today=today, paper=paper)
        if letter is not None:
            letters[entity.id] = letter
    return letters


def _address(entity: Entity) -> list[str]:
    return [facts.entity_name(entity), *([entity.address] if entity.address else []), country_name(entity.country)]


def _item_text(finding: Finding, case: Case, catalog: Catalog) -> str:
    row = catalog.information_type(finding.requirement)
    kind, _, key = finding.scope.partition(":")
    if kind == "link":
        link = next(k for k in case.links if k.id == key)
        where = (f"for the {link.material} from {case.entity(link.source).name} to {case.entity(link.target).name}"
                 + (f" ({', '.join(link.references)})" if link.references else ""))
    else:
        where = "for your company"
    optional = "" if finding.severity == "missing" else " (recommended)"
    return f"{row.title}{optional} {where}. Why CBP asks: {row.proves}"
