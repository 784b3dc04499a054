"""The evidence response: CBP's requirements, each answered with exhibits or explained.

Written to CBP, never to the app's user: each requirement of the case's regime, in the order
of the catalog's categories (which follow CBP's guidance), with the exhibits that answer it
(id, title, date) and the catalog's CBP-facing sentence on what they establish (``to_cbp``);
items the importer set aside, with the reason; each item the submission cannot supply, with
the importer's explanation, the requests made for it and any date by which the importer will
supplement the submission (``Case.gap_explanations``). A request for information that contends
something about the goods' origin (``Inquiry.contends``) is answered after the introduction, in
CBP's words for the contention, naming the requirements below that answer it. Citations are
short citations of primary sources, listed on the page of sources; background sources never print. The dates
that govern the detention follow, each with its legal basis (never "days left"), then the
screening record (``screening_record.py``). Wording: ``forms/templates/evidence_response.toml``.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Paragraph

from importer_app.bundle.pages import facts, fonts, styles
from importer_app.bundle.pages.facts import CaseFacts, long_date
from importer_app.bundle.pages.screening_record import screening_record
from importer_app.bundle.pages.section import MARGIN, GeneratedSection, Story, page_size
from importer_app.bundle.pages.templates import Template, load_template
from importer_app.bundle.plan import BundleOptions, BundlePlan
from importer_app.core import vocab
from importer_app.core.catalog import Catalog, InformationType
from importer_app.core.contention import case_contentions
from importer_app.core.countries import country_name
from importer_app.core.model import Case, GapExplanation
from importer_app.core.report import ItemStatus, Report
from importer_app.screening.in_case import CaseScreening

_COLUMNS = (0.32, 0.68)
_SHOWN_STATES = ("satisfied", "provided", "not_applicable", "missing")


def evidence_response(
    case: Case, report: Report, catalog: Catalog, plan: BundlePlan, options: BundleOptions, *,
    screening: CaseScreening | None = None,
) -> GeneratedSection:
    """The evidence response section, the screening record at its end.

    Args:
        case: the case the report was made from (its gap explanations).
        report: the engine's report (``evaluate(case, catalog, day, screening.state)``).
        catalog: the requirement catalog (CBP-facing text, primary sources).
        plan: the bundle's exhibits (items cite exhibit ids, titles and dates).
        options: paper size and document date.
        screening: the case's list screening; its record follows on pages of its own. None
            leaves it out.
    """
    fonts.register()
    words = load_template("evidence_response")
    info = CaseFacts.of(case, plan, catalog)
    width = page_size(options)[0] - 2 * MARGIN
    regime = case.shipment.regime
    contentions = case_contentions(case)
    title = facts.section_title("evidence_response")
    story = Story()
    story.add(styles.plain(title, styles.TITLE))
    story.add(styles.para(words.para("text", "intro", values={
        "date": long_date(options.document_date), "regime": vocab.REGIME_LABELS.get(regime, regime)})))

    by_row: dict[str, list[ItemStatus]] = {}
    for status in report.statuses:
        if status.state in _SHOWN_STATES:
            by_row.setdefault(status.requirement, []).append(status)
    explained = {(gap.requirement, gap.scope): gap for gap in case.gap_explanations}
    shown: list[tuple[InformationType, str, list[ItemStatus]]] = []
    for row in catalog.rows_for(regime, case.shipment.commodity):
        level = row.level_for(regime, contentions)
        statuses = [s for s in by_row.get(row.id, ()) if _shown(row, level, s, explained)]
        if statuses:
            shown.append((row, level, statuses))
    for paragraph in _contentions_answered(words, case, catalog, [row for row, _, _ in shown]):
        story.add(styles.para(paragraph))

    widths = [share * width for share in _COLUMNS]
    category = ""
    for row, _level, statuses in shown:
        lead: list[Flowable] = []
        if row.category != category:
            category = row.category
            lead.append(story.make_heading(category, styles.HEADING))
        rows = [[styles.plain(_scope(words, info, s.scope), styles.CELL), _response(words, info, row, s, explained)]
                for s in statuses]
        lead += [styles.plain(row.title, styles.SUBHEADING),
                 # The level CBP's own texts give; a contention raises what the importer must
                 # answer, but no CBP text calls the raised item required or requested.
                 styles.para(f"<i>{words.para('levels', row.level_for(regime))}.</i> {fonts.markup(row.to_cbp)}")]
        cites = [source.cite for source in catalog.primary_sources(row.citation)]
        if cites:
            lead.append(styles.para(words.para("text", "authority", values={"cites": "; ".join(cites)}), styles.NOTE))
        story.add(*styles.headed_table(lead, words.raw("columns", "items"), rows, widths))

    if case.order is not None and case.order.releases_goods:
        story.add(styles.para(fonts.markup(catalog.checks["order-releases-goods"].to_cbp)))
    deadlines = [d for d in report.deadlines if regime not in _rule(catalog, d.rule).advisory_in]
    if deadlines:
        rows = [[styles.plain(long_date(d.date), styles.CELL), styles.plain(_rule(catalog, d.rule).to_cbp, styles.CELL)]
                for d in deadlines]
        lead = [story.make_heading(words.text("deadlines", "heading"), styles.HEADING),
                styles.para(words.para("deadlines", "intro"), styles.NOTE)]
        story.add(*styles.headed_table(lead, words.raw("deadlines", "columns"), rows, [0.2 * width, 0.8 * width]))
    if screening is not None:
        screening_record(story, case, report, catalog, screening, options)
    return story.render(title, f"{facts.footer(case)} · {title}", options)


def _contentions_answered(words: Template, case: Case, catalog: Catalog,
                          rows: Sequence[InformationType]) -> list[str]:
    """For each request that contends something, what it contends and the requirements among
    ``rows`` (those the response shows, in its order) that name the contention."""
    paragraphs = []
    for inquiry in case.inquiries:
        contends = [catalog.contentions[name] for name in inquiry.contends if name in catalog.contentions]
        items = [row.title for row in rows if any(c.id in row.level_by_contention for c in contends)]
        if items:
            paragraphs.append(words.para("text", "contention", values={
                "date": long_date(inquiry.date), "contends": ", and that ".join(c.to_cbp for c in contends),
                "items": "; ".join(items)}))
    return paragraphs


def _shown(row: InformationType, level: str, status: ItemStatus,
           explained: dict[tuple[str, str], GapExplanation]) -> bool:
    """A missing item that does not block the submission (its ``level`` in this case) shows
    only when the importer explains it."""
    if status.state != "missing":
        return True
    blocking = level in ("required", "expected")
    return blocking or (row.id, status.scope) in explained


def _rule(catalog: Catalog, rule_id: str):  # type: ignore[no-untyped-def]
    return next(rule for rule in catalog.deadlines if rule.id == rule_id)


def _scope(words: Template, info: CaseFacts, scope: str) -> str:
    """The case, a company, a transfer or a document, named as CBP reads it (no internal ids)."""
    kind, _, key = scope.partition(":")
    index = info.index
    if kind == "entity" and key in index.entities:
        entity = index.entities[key]
        return words.text("scope", "entity", values={
            "name": facts.entity_name(entity), "role": facts.role_label(entity.role),
            "country": country_name(entity.country)})
    if kind == "link" and key in index.links:
        link = index.links[key]
        return words.text("scope", "link", values={
            "material": link.material[:1].upper() + link.material[1:], "source": info.name_of(link.source), "target": info.name_of(link.target)})
    if kind == "document" and key in info.by_path:
        exhibit = info.by_path[key]
        return words.text("scope", "document", values={"exhibit": exhibit.id, "title": _doc_title(exhibit)})
    return words.text("scope", "case")


def _doc_title(exhibit) -> str:  # type: ignore[no-untyped-def]
    document = exhibit.document
    return document.title or document.original_name or "untitled document"


def _response(words: Template, info: CaseFacts, row: InformationType, status: ItemStatus,
              explained: dict[tuple[str, str], GapExplanation]) -> list[Paragraph]:
    if status.state == "not_applicable":
        return [styles.plain(words.text("response", "set_aside", values={"reason": status.note}), styles.CELL)]
    if status.state == "missing":
        return _gap(words, explained.get((row.id, status.scope)))
    lines = _exhibits(words, info, status.documents)
    if status.state == "provided":
        lines.insert(0, row.set_out_in or words.text("provided", row.satisfied_by))
    return [styles.plain(line, styles.CELL) for line in lines]


def _exhibits(words: Template, info: CaseFacts, paths: Sequence[str]) -> list[str]:
    """Each exhibit of ``paths`` once, in reading order: id, title and date."""
    exhibits = sorted({info.by_path[p].id: info.by_path[p] for p in paths if p in info.by_path}.values(),
                      key=lambda e: tuple(int(part) for part in e.id.split(".")))
    out = []
    for exhibit in exhibits:
        values = {"exhibit": exhibit.id, "title": _doc_title(exhibit), "when": long_date(exhibit.document.date)}
        out.append(words.text("response", "exhibit_dated" if exhibit.document.date else "exhibit", values=values))
    return out


def _gap(words: Template, gap: GapExplanation | None) -> list[Paragraph]:
    if gap is None:
        return [styles.plain(words.text("response", "unexplained"), styles.CELL)]
    lines = [words.text("response", "missing", values={"explanation": gap.explanation})]
    for request in gap.requests:
        values = {"to": request.to, "sent": long_date(request.sent), "reply_by": long_date(request.reply_by),
                  "replied": long_date(request.replied), "reply": _sentence_end(request.reply)}
        lines.append(words.text("response", "request_reply_by" if request.reply_by else "request", values=values))
        if request.replied is None:
            lines.append(words.text("response", "no_reply"))
        else:
            lines.append(words.text("response", "replied_said" if request.reply else "replied", values=values))
    if gap.supplement_by is not None:
        lines.append(words.text("response", "supplement", values={"when": long_date(gap.supplement_by)}))
    return [styles.plain(" ".join(lines), styles.CELL)]


def _sentence_end(text: str) -> str:
    """``text`` ending with a full stop, so the next sentence does not run into it."""
    text = text.strip()
    return text if not text or text[-1] in ".!?" else f"{text}."
