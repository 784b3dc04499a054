"""The executive summary: the supply chain told step by step, then the annotated document list.

Sentences come from ``forms/templates/executive_summary.toml`` and are filled from the case:
who, where, what material, how much, when, under which references, and which exhibits show
it. "What it proves" comes from the catalog: the information types of the case's regime whose
accepted documents include the exhibit's type. When the companies were screened against the
official lists, the story ends with what the screening found (ORG-01 argues "no Entity List
connection" from it); the screening record gives the detail.
"""

from __future__ import annotations

from reportlab.platypus import KeepTogether, Paragraph

from importer_app.bundle.claim_conditions import ClaimFacts
from importer_app.bundle.claims import Ledger
from importer_app.bundle.pages import facts, fonts, styles
from importer_app.bundle.pages.balance_table import balance_tables
from importer_app.bundle.pages.facts import CaseFacts, long_date, quantity
from importer_app.bundle.pages.section import MARGIN, GeneratedSection, Story, page_size
from importer_app.bundle.pages.templates import Template, load_template
from importer_app.bundle.pages.words import counted, joined
from importer_app.bundle.pages.words import exhibits as exhibits_phrase
from importer_app.bundle.plan import BundleOptions, BundlePlan, Exhibit
from importer_app.core.catalog import Catalog
from importer_app.core.countries import country_in_prose, country_names
from importer_app.core.languages import language_name
from importer_app.core.model import Case, Entity, Link
from importer_app.core.report import Report
from importer_app.core.vocab import UFLPA_REGIMES
from importer_app.screening.in_case import CaseScreening
from importer_app.screening.model import LIST_IDS, LIST_TITLES

_COLUMNS = (0.09, 0.22, 0.14, 0.31, 0.24)
"""Relative widths of the document list's columns."""


def executive_summary(
    case: Case, report: Report, catalog: Catalog, plan: BundlePlan, options: BundleOptions, *,
    screening: CaseScreening | None = None,
) -> GeneratedSection:
    """The executive summary section.

    Args:
        case: the case.
        report: the engine's report, which the assertion ledger reads.
        catalog: the requirement catalog ("what it proves", document type names).
        plan: the bundle's steps and exhibits.
        options: paper size and document date.
        screening: the case's list screening; its outcome closes the supply chain's story.
            None, or no list imported, leaves it out.
    """
    fonts.register()
    words = load_template("executive_summary")
    info = CaseFacts.of(case, plan, catalog)
    shipment = case.shipment
    values = {
        "importer_of_record": shipment.importer_of_record,
        "merchandise": shipment.merchandise,
        "quantity": quantity(shipment.quantity, shipment.unit),
        "entry_number": shipment.entry_number,
        "date_of_importation": long_date(shipment.date_of_importation),
        "companies": counted(len(case.entities), "company", "companies"),
        "transfers": counted(len(case.links), "transfer"),
        "countries": joined(country_names((entity.country for entity in case.entities), prose=True)),
        "exhibit_total": counted(len(plan.exhibits), "exhibit"),
        "steps": counted(len(plan.steps), "step"),
    }
    ledger = Ledger(ClaimFacts(case, report, plan, screening))
    title = facts.section_title("executive_summary")
    story = Story()
    story.add(styles.plain(title, styles.TITLE), styles.plain(shipment.display_title, styles.SUBTITLE))
    story.add(styles.para(words.para("text", "intro", values=values)))
    story.heading(words.text("text", "chain_heading"), styles.HEADING)
    placed: set[str] = set()
    for step in plan.steps:
        story.add(styles.plain(step.title, styles.SUBHEADING))
        for entity_id in step.entity_ids:
            placed.add(entity_id)
            story.add(_entity_paragraph(info, words, case.entity(entity_id), values))
        if not step.entity_ids:
            exhibits = exhibits_phrase(exhibit.id for exhibit in plan.exhibits_of_step(step.number))
            story.add(styles.para(words.para("text", "case_wide", values={"exhibits": exhibits})))
    others = [entity for entity in case.entities if entity.id not in placed]
    if others:
        story.add(styles.para(words.para("text", "other_heading"), styles.SUBHEADING))
        story.add(*(_entity_paragraph(info, words, entity, values) for entity in others))
    if screening is not None and screening.snapshots:
        story.add(styles.para(words.para("screening", "heading"), styles.SUBHEADING),
                  styles.para(_screening_outcome(case, screening, words, options, ledger)))
    if shipment.regime in UFLPA_REGIMES:
        origin = ledger.say("executive_summary", "origin")
        if origin:
            story.add(styles.para(origin))
    width = page_size(options)[0] - 2 * MARGIN
    rows = [_document_row(info, words, exhibit) for exhibit in plan.exhibits]
    lead = [story.make_heading(words.text("text", "documents_heading"), styles.HEADING),
            styles.para(words.para("text", "documents_intro"), styles.NOTE)]
    story.add(*styles.headed_table(lead, words.raw("documents", "columns"), rows, [share * width for share in _COLUMNS]))
    tables = balance_tables(info, words, width, screening.state.order_matches if screening is not None else ())
    # The heading and its introduction go with the first company's table, never alone at a page's foot.
    story.add(KeepTogether([story.make_heading(words.text("balance", "heading"), styles.HEADING),
                            styles.para(words.para("balance", "intro" if tables else "none")), *tables[:1]]),
              *tables[1:])
    reconciled = ledger.say("executive_summary", "quantities",
                            {"balance_title": words.text("balance", "here")})
    if reconciled:
        story.add(styles.para(reconciled))
    return story.render(title, f"{facts.footer(case)} · {title}", options)


def _screening_outcome(case: Case, screening: CaseScreening, words: Template, options: BundleOptions,
                       ledger: Ledger) -> str:
    """What the screening found, in a few sentences: listed, dismissed, still open."""
    used = [words.para("screening", "list", values={"list": LIST_TITLES[list_id],
                                                     "date": long_date(screening.snapshots[list_id].confirmed_at.date())})
            for list_id in LIST_IDS if list_id in screening.snapshots]
    sentences = [words.para("screening", "screened", values={
        "date": long_date(options.document_date), "lists": " and ".join(used)})]
    decided = {decision.key: decision.decision for decision in case.screening_decisions}
    hits = screening.result.hits
    verdicts = [decided.get(hit.key.as_text(), "open") for hit in hits]
    sentences.append(ledger.say("executive_summary", "screening"))
    for hit, verdict in zip(hits, verdicts, strict=True):
        if verdict == "confirmed":
            sentences.append(words.para("screening", "confirmed", values={
                "name": facts.entity_name(case.entity(hit.entity_id)), "list": LIST_TITLES[hit.list_id],
                "listed": hit.matched_name}))
    for verdict, key in (("dismissed", "dismissed"), ("open", "open")):
        count = verdicts.count(verdict)
        if count:
            sentences.append(words.para("screening", key if count > 1 else f"{key}_one", values={"count": str(count)}))
    sentences.append(words.para("screening", "record"))
    return " ".join(filter(None, sentences))


def _entity_paragraph(info: CaseFacts, words: Template, entity: Entity, values: dict[str, str]) -> Paragraph:
    """What one entity is and where, what it shipped to whom, and its own exhibits."""
    role = facts.role_label(entity.role)
    article = "an" if role[:1] in "aeiou" else "a"
    about = {**values, "name": facts.entity_name(entity), "role": f"{article} {role}",
             "country": country_in_prose(entity.country), "address": entity.address}
    key = "entity_with_address" if entity.address else "entity"
    sentences = [words.para("narrative", key, values=about)]
    own = exhibits_phrase(info.plan.exhibit_ids_for_entity(entity.id))
    if own:
        sentences.append(words.para("narrative", "entity_documents", values={"exhibits": own}))
    sentences += [_shipment_sentence(info, words, link) for link in info.outgoing(entity.id)]
    if not info.outgoing(entity.id) and entity.role == "importer":
        sentences.append(words.para("narrative", "imported", values=values))
    return styles.para(" ".join(sentences))


def _shipment_sentence(info: CaseFacts, words: Template, link: Link) -> str:
    values = {
        "date": long_date(link.shipped),
        "supplier": info.name_of(link.source),
        "buyer": info.name_of(link.target),
        "quantity": quantity(link.quantity, link.unit),
        "material": link.material,
        "references": ", ".join(link.references),
        "exhibits": exhibits_phrase(info.plan.exhibit_ids_for_link(link.id)),
    }
    sentence = words.para("narrative", "shipped" if link.shipped else "shipped_undated", values=values)
    if link.references:
        sentence += words.para("narrative", "references", values=values)
    return sentence + words.para("narrative", "exhibits" if values["exhibits"] else "no_exhibits", values=values)


def _document_row(info: CaseFacts, words: Template, exhibit: Exhibit) -> list[str | Paragraph]:
    doc = exhibit.document
    about = [fonts.markup(doc.title or doc.path)]
    if doc.date is not None:
        about.append(fonts.markup(long_date(doc.date)))
    if doc.translation_of:
        translated = info.exhibits_of([doc.translation_of])
        about.append(words.para("documents", "translation", values={"translated": translated}))
    elif doc.language != "en":
        about.append(words.para("documents", "language", values={"language": language_name(doc.language)}))
    proves = sorted({fonts.markup(row.to_cbp) for row in info.proves.get(doc.type, ())})
    known = info.index.entities
    covers = [fonts.markup(facts.entity_name(known[e])) for e in doc.entities if e in known]
    links = info.index.links
    for link in (links[link_id] for link_id in doc.links if link_id in links):
        covers.append(fonts.markup(f"{info.name_of(link.source)} → {info.name_of(link.target)}: {link.material}"))
    return [
        styles.para(f"<b>{exhibit.id}</b>", styles.CELL),
        styles.para("<br/>".join(about), styles.CELL),
        styles.plain(info.type_name(doc.type), styles.CELL),
        styles.para("<br/>".join(proves) or words.para("documents", "nothing_proved"), styles.CELL),
        styles.para("<br/>".join(covers) or words.para("documents", "case_wide"), styles.CELL),
    ]
