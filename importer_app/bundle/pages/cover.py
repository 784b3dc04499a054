"""The cover letter: to whom, what is asked, for which entry, what is enclosed, who signs.

The wording is in ``forms/templates/cover_letter.toml``; this module fills it from the case
and lays it out. The signature block has an empty ruled box whose rectangle the section
returns, so the signing step can put the visible signature exactly there.

Case settings read (``CaseFile.setting``), each optional: ``signer.name`` and ``signer.title``
print under the signature box; without them the lines are left blank to fill in by hand. The
route (``submission.route``: CBP's Forced Labor Portal by default, or a letter) decides the
addressee and whether the letter says it is filed through the portal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, ListFlowable, ListItem, Table

from importer_app.bundle.claim_conditions import ClaimFacts
from importer_app.bundle.claims import Ledger
from importer_app.bundle.pages import facts, fonts, styles
from importer_app.bundle.pages.facts import CaseFacts, long_date, quantity
from importer_app.bundle.pages.section import MARGIN, GeneratedSection, Story, page_size
from importer_app.bundle.pages.templates import Template, load_template
from importer_app.bundle.pages.words import counted, joined
from importer_app.bundle.plan import BundleOptions, BundlePlan
from importer_app.core.catalog import Catalog
from importer_app.core.countries import country_names
from importer_app.core.model import Case
from importer_app.core.portal import route_of
from importer_app.core.portal_rules import load_portal_rules
from importer_app.core.report import Report
from importer_app.screening.in_case import CaseScreening

SIGNATURE_SIZE: Final = (220.0, 62.0)
"""Width and height of the signature box in points: room for a visible PAdES stamp."""
_LABEL_WIDTH: Final = 150.0

_LETTERHEAD = ParagraphStyle("letterhead", parent=styles.TITLE, fontSize=13, leading=16, spaceAfter=1)
_DATE = ParagraphStyle("date", parent=styles.BODY, alignment=TA_RIGHT, spaceBefore=10, spaceAfter=12)
_ADDRESS = ParagraphStyle("address", parent=styles.BODY, spaceAfter=0)
_ITEM = ParagraphStyle("item", parent=styles.BODY, spaceAfter=1)
_SUBJECT = ParagraphStyle("subject", parent=styles.BODY, fontName=fonts.SANS_BOLD, spaceBefore=12, spaceAfter=8)


def cover_letter(
    case: Case,
    report: Report,
    catalog: Catalog,
    plan: BundlePlan,
    options: BundleOptions,
    *,
    enclosures: Sequence[str] | None = None,
    settings: Mapping[str, str] | None = None,
    screening: CaseScreening | None = None,
) -> GeneratedSection:
    """The cover letter to the reviewing office.

    Args:
        case: the case.
        report: the engine's report on the case (the letter says whether anything is missing).
        catalog: the requirement catalog.
        plan: the bundle's steps and exhibits.
        options: paper size and document date.
        enclosures: the titles of the sections that follow, in order; by default every
            section the bundle binds for the case's regime (``facts.section_titles``).
        settings: case settings; the signer's name and title (keys in the template's
            ``[settings]``, ``signer.name`` and ``signer.title``) print under the box.
        screening: the list screening; without it no sentence says what the screening found.

    Returns:
        The section, with ``signature_box`` set to the box in the signature block.
    """
    fonts.register()
    words = load_template("cover_letter")
    shipment, regime = case.shipment, case.shipment.regime
    info = CaseFacts.of(case, plan, catalog)
    values = _values(case, report, info, words)
    values["importer_number"] = (settings or {}).get(words.text("settings", "number"), "") or values["not_stated"]
    values["portal_request"] = load_portal_rules(catalog).request_types[regime]
    portal = route_of(settings or {}) == "portal"
    width = page_size(options)[0] - 2 * MARGIN
    story = Story()
    story.add(styles.plain(shipment.importer_of_record, _LETTERHEAD))
    if shipment.importer_address:
        story.add(styles.plain(shipment.importer_address, styles.NOTE))
    story.add(styles.para(fonts.markup(long_date(options.document_date)), _DATE))
    for line in words.paras(*(("portal", "addressee") if portal else ("addressee",)), regime, values=values):
        story.add(styles.para(line, _ADDRESS))
    story.add(styles.para(words.para("letter", "subject", values=values), _SUBJECT))
    story.add(styles.para(words.para("letter", "salutation"), styles.BODY))
    story.add(styles.para(words.para("opening", regime, values=values)))
    if portal:
        story.add(styles.para(words.para("portal", "filed", values=values)))
    story.add(styles.para(words.para("identifiers", "heading"), styles.SUBHEADING))
    rows = [*words.raw("identifiers", "rows"), *words.raw("identifiers", regime)]
    path = ("identifiers", regime)
    pairs = [(words.fill(label, values, path=path), words.fill(value, values, path=path)) for label, value in rows]
    story.add(styles.fields(pairs, (140.0, width - 140.0)), styles.space(8))
    story.add(styles.para(words.para("summary", "chain", values=values)))
    ledger = Ledger(ClaimFacts(case, report, plan, screening))
    titles = {"report_title": _lower_first(facts.section_title("evidence_response")),
              "balance_title": load_template("executive_summary").text("balance", "elsewhere")}
    for slot in words.raw("claims", regime):
        sentence = ledger.say("cover_letter", slot, titles)
        if sentence:
            story.add(styles.para(sentence))
        if slot == "completeness" and regime in words.raw("deadline") and values["deadline"]:
            # The letter states the period's end as of its own date: "ends on", or "ended on"
            # once it has passed (never how many days ago: CBP counts its own deadlines).
            rule, upcoming, passed = words.raw("deadline", regime)
            ended = any(d.rule == rule and d.date < options.document_date for d in report.deadlines)
            story.add(styles.para(words.fill(passed if ended else upcoming, values, path=("deadline", regime),
                                             markup=True)))
    # One block from the enclosures to the signer's lines: the list never splits, and the page
    # that is signed always shows what is enclosed and the letter's last paragraph.
    story.add(KeepTogether([
        styles.para(words.para("letter", "enclosures"), styles.SUBHEADING),
        _enclosure_list(enclosures if enclosures is not None else _default_enclosures(case, plan)),
        styles.para(words.para("summary", "closing")),
        *_signature_block(story, words, values, settings or {}),
    ]))
    title = facts.section_title("cover_letter")
    return story.render(title, f"{facts.footer(case)} · {title}", options)


def _values(case: Case, report: Report, info: CaseFacts, words: Template) -> dict[str, str]:
    """Every placeholder of the cover letter, from the case, the report and the plan."""
    shipment = case.shipment
    not_stated = words.text("identifiers", "not_stated")
    port = facts.port_label(shipment)
    countries = country_names((entity.country for entity in case.entities), prose=True)
    first_links = [link for link in case.links if not info.incoming(link.source)]
    deadline = next((d for d in report.deadlines if d.rule == _deadline_rule(words, shipment.regime)), None)
    return {
        "not_stated": not_stated,
        "importer_of_record": shipment.importer_of_record,
        "entry_number": shipment.entry_number,
        "entry_lines": ", ".join(str(line) for line in shipment.entry_lines) or not_stated,
        "lines_label": words.text("identifiers", "lines_label", "one" if len(shipment.entry_lines) == 1 else "many"),
        "detention_number": shipment.detention_number or not_stated,
        "port": port or not_stated,
        "date_of_importation": long_date(shipment.date_of_importation),
        "date_of_detention": long_date(shipment.date_of_detention) or not_stated,
        "date_of_notice": long_date(shipment.date_of_notice) or not_stated,
        "merchandise": shipment.merchandise,
        "hts": ", ".join(shipment.hts) or not_stated,
        "hts_label": words.text("identifiers", "hts_label", "one" if len(shipment.hts) == 1 else "many"),
        "quantity": quantity(shipment.quantity, shipment.unit),
        "value": f"US$ {facts.number(shipment.value_usd)}" if shipment.value_usd is not None else not_stated,
        "order_reference": shipment.order_reference or not_stated,
        "class_of_labor": facts.labor_class(case),
        "request_type": words.text("request_type", shipment.regime),
        "steps": counted(len(info.plan.steps), "step"),
        "companies": counted(len(case.entities), "company", "companies"),
        "countries": joined(countries) or not_stated,
        "first_material": "; ".join(sorted({link.material for link in first_links})) or shipment.merchandise,
        "exhibits": counted(len(info.plan.exhibits), "exhibit"),
        "deadline": long_date(deadline.date) if deadline is not None else "",
    }


def _lower_first(title: str) -> str:
    return title[:1].lower() + title[1:]


def _deadline_rule(words: Template, regime: str) -> str:
    entry = words.raw("deadline").get(regime)
    return entry[0] if entry else ""


def _default_enclosures(case: Case, plan: BundlePlan) -> tuple[str, ...]:
    own = facts.section_title("cover_letter")
    titles = [title for title in facts.section_titles(case.shipment.regime) if title != own]
    exhibits = facts.section_title("exhibits")
    if plan.exhibits and exhibits in titles:
        words = load_template("bundle")
        detail = words.text("sections", "exhibits_range", values={
            "first": plan.exhibits[0].id, "last": plan.exhibits[-1].id, "count": str(len(plan.exhibits))})
        titles[titles.index(exhibits)] = detail
    return tuple(titles)


def _enclosure_list(titles: Sequence[str]) -> ListFlowable:
    items = [ListItem(styles.plain(title, _ITEM), leftIndent=18) for title in titles]
    return ListFlowable(items, bulletType="1", bulletFontName=fonts.SANS, bulletFontSize=9.5, leftIndent=18,
                        spaceAfter=8)


def signer_keys() -> tuple[str, str]:
    """The case settings holding the signer's name and title (the template's ``[settings]``)."""
    words = load_template("cover_letter")
    return words.text("settings", "name"), words.text("settings", "title")


def contact_keys() -> dict[str, str]:
    """The case settings of the importer's contact block, by field: ``name``, ``title``,
    ``phone``, ``email``, ``number`` (the importer number)."""
    return dict(load_template("cover_letter").raw("settings"))


def _signature_block(story: Story, words: Template, values: Mapping[str, str],
                     settings: Mapping[str, str]) -> list[Flowable]:
    """Closing, the signature box, and the signer's name and title (from case settings, else lines)."""
    name = settings.get(words.text("settings", "name"), "")
    title = settings.get(words.text("settings", "title"), "")
    blank = "_" * 34
    block = [styles.para(words.para("letter", "closing")), styles.space(4)]
    block.append(story.signature_box(*SIGNATURE_SIZE, words.text("letter", "signature_caption")))
    rows = [[styles.plain(words.text("letter", "name"), styles.CELL_BOLD), styles.plain(name or blank, styles.CELL)],
            [styles.plain(words.text("letter", "title"), styles.CELL_BOLD), styles.plain(title or blank, styles.CELL)]]
    for field in ("phone", "email", "number"):
        given = settings.get(words.text("settings", field), "")
        if given:
            rows.append([styles.plain(words.text("contact", field), styles.CELL_BOLD), styles.plain(given, styles.CELL)])
    lines = Table(rows, colWidths=[_LABEL_WIDTH, SIGNATURE_SIZE[0] + 60.0], hAlign="LEFT")
    lines.setStyle(styles.table_style([("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 3)]))
    block += [styles.space(4), lines, styles.para(words.para("letter", "for_company", values=values), styles.CELL)]
    return block
