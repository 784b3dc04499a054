"""The screening record: the lists, every company's result, the importer's decisions.

Bound at the end of the evidence response, on a page of its own with a bookmark, so the
reviewer finds the screening where the report's screening item (ORG-02) points. It states:

- each official list screened against: its title, the file imported, the file's full SHA-256,
  when it was first imported and last confirmed (UTC), how many entities it lists, and
  whether the case file keeps that version; a list never imported is said to be so;
- the screening date (the bundle's document date) and, in one sentence, how names were
  compared (``screening.match``);
- every company of the case, its names as written (romanised after them where Chinese), and its
  result: no candidate, or each candidate with the list, the listed name or alias matched,
  the score and the importer's decision (confirmed, dismissed with the reason, or open); a
  company whose names hold nothing distinctive is flagged as not screened.

When no list was imported at all, the record says so and quotes the catalog's screening item
(its title, its CBP-facing text, its level for the case's regime and its primary sources; not
its guidance, which speaks to the app's user).
Wording comes from ``forms/templates/screening_record.toml``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Final

from pypinyin import lazy_pinyin
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph

from importer_app.bundle.pages import fonts, styles
from importer_app.bundle.pages.facts import long_date, role_label
from importer_app.bundle.pages.section import GREY, MARGIN, Story, page_size
from importer_app.bundle.pages.templates import Template, load_template
from importer_app.bundle.plan import BundleOptions
from importer_app.core import vocab
from importer_app.core.catalog import Catalog, InformationType
from importer_app.core.countries import country_name
from importer_app.core.model import Case, Entity, ScreeningDecision
from importer_app.core.report import Report
from importer_app.screening.facts import ListStatus
from importer_app.screening.in_case import CaseScreening
from importer_app.screening.match import NAME_MIN
from importer_app.screening.model import LIST_IDS, LIST_TITLES, EntityScreening, Hit, ListedEntity, ScreenedName
from importer_app.screening.romanize import has_han

_COLUMNS = (0.27, 0.25, 0.48)
"""Relative widths of the entity table's columns: company, names compared, result."""
_LABELS = 0.22
"""The share of the width a list's field labels take."""
_ROW_SHARE = 0.45
"""A row's result is at most this share of the page's text height (a longer one goes on in the
next row), so that a row moved to the next page whole leaves at most half a page blank, and
two such rows fit on one page."""
_PAD = 3.5
"""The cell padding of ``styles.table``, on each side."""
_HEADING_ROOM = 110
"""Points the entity table's heading needs below it (with the intro and a first row) to stay
on the current page."""
_HEADING: Final = ParagraphStyle("screening-heading", parent=styles.HEADING, keepWithNext=0)
_CELL_AGAIN: Final = ParagraphStyle("screening-again", parent=styles.CELL, textColor=GREY)
"""The company named again on a row of its further candidates."""


def screening_record(story: Story, case: Case, report: Report, catalog: Catalog, screening: CaseScreening,
                     options: BundleOptions) -> None:
    """Add the screening record to ``story``, starting on a new page with a bookmark.

    Args:
        story: the section's story (the evidence response's).
        case: the case screened (its entities and ``screening_decisions``).
        report: the engine's report (the screening item's state when no list was imported).
        catalog: the requirement catalog (the screening item's wording).
        screening: the case screened against its lists on the document date
            (``screening.in_case.case_screening``).
        options: paper size and document date (the screening date).
    """
    fonts.register()
    words = load_template("screening_record")
    width = page_size(options)[0] - 2 * MARGIN
    story.add(PageBreak())
    story.heading(words.text("text", "heading"), styles.TITLE)
    if not screening.snapshots:
        _no_list(story, words, case, report, catalog)
        return
    imported = [LIST_TITLES[s.list_id] for s in screening.result.snapshots]
    values = {"date": long_date(options.document_date), "lists": _joined(words, imported), "name_min": str(NAME_MIN)}
    story.add(styles.para(words.para("text", "intro", values=values)))
    story.add(styles.para(words.para("text", "method", values=values)))

    story.add(styles.plain(words.text("text", "lists_heading"), styles.HEADING))
    for status in screening.facts.lists:
        story.add(_list_block(words, status, screening.in_case, width))

    # Not keep-with-next: reportlab would keep the heading with the whole table and start both
    # on a new page; a conditional break keeps the heading with the first rows only.
    story.add(CondPageBreak(_HEADING_ROOM), styles.plain(words.text("text", "entities_heading"), _HEADING))
    story.add(styles.para(words.para("text", "entities_intro", values={"count": str(len(case.entities))}),
                          styles.NOTE))
    decisions = {decision.key: decision for decision in case.screening_decisions}
    by_id = {record.entity_id: record for record in screening.result.entities}
    widths = [share * width for share in _COLUMNS]
    room = (page_size(options)[1] - 2 * MARGIN) * _ROW_SHARE
    rows = [row for entity in case.entities
            for row in _entity_rows(words, entity, by_id.get(entity.id), decisions, widths, room)]
    story.add(styles.table(words.raw("columns", "entities"), rows, widths))


def _list_block(words: Template, status: ListStatus, in_case: frozenset[str], width: float) -> Flowable:
    """One list: title, then file, SHA-256, dates, size and whether the case keeps it."""
    title = LIST_TITLES.get(status.list_id, status.list_id)
    snapshot = status.snapshot
    if snapshot is None:
        return KeepTogether([styles.plain(title, styles.SUBHEADING), styles.para(words.para("list", "never"))])
    age = status.age_days or 0
    days = f"{age} day" if age == 1 else f"{age} days"
    confirmed_key = "confirmed_same" if snapshot.confirmed_at == snapshot.imported_at else "confirmed_note"
    pairs = [
        (words.text("list", "file"), snapshot.file_name),
        (words.text("list", "sha256"), snapshot.sha256),
        (words.text("list", "imported"), _moment(snapshot.imported_at)),
        (words.text("list", "confirmed"), words.text("list", confirmed_key,
                                                     values={"when": _moment(snapshot.confirmed_at), "days": days})),
        (words.text("list", "count"), f"{snapshot.entity_count:,}"),
        (words.text("list", "kept"), words.text("list", "kept_yes" if status.list_id in in_case else "kept_no")),
    ]
    return KeepTogether([
        styles.plain(title, styles.SUBHEADING),
        styles.fields(pairs, (_LABELS * width, (1 - _LABELS) * width)),
    ])


def _entity_rows(words: Template, entity: Entity, record: EntityScreening | None,
                 decisions: Mapping[str, ScreeningDecision], widths: Sequence[float],
                 room: float) -> list[list[Paragraph | list[Flowable]]]:
    """The company, its names as compared, and its result: one row per candidate, each at
    most ``room`` high (a long reason goes on in the next row); later rows name the company
    again in grey, so a row on a page of its own still says whose it is."""
    about = [f"<b>{fonts.markup(entity.name)}</b>"]
    if entity.name_local:
        about.append(fonts.markup(entity.name_local))
    about.append(fonts.markup(f"{role_label(entity.role).capitalize()}, {country_name(entity.country)}"))
    names = record.names if record is not None else ()
    compared = [_name_as_written(words, name) for name in names]
    rows: list[list[Paragraph | list[Flowable]]] = []
    for result in _results(words, record, decisions):
        for chunk in _chunks(result, widths[2] - 2 * _PAD, room - 2 * _PAD):
            if rows:
                rows.append([styles.plain(entity.name, _CELL_AGAIN), [], chunk])
            else:
                rows.append([styles.para("<br/>".join(about), styles.CELL),
                             styles.para("<br/>".join(compared), styles.CELL), chunk])
    return rows


def _name_as_written(words: Template, name: ScreenedName) -> str:
    """The name as the importer wrote it, romanised after it when in Chinese script; never the
    folded form the comparison used, which would read as if another name had been screened."""
    label = fonts.markup(words.text("field", name.field))
    shown = f"{label}: {fonts.markup(name.text)}"
    if has_han(name.text):
        shown += fonts.markup(words.text("entity", "romanised", values={"compared": " ".join(lazy_pinyin(name.text))}))
    if not name.screenable:
        shown += fonts.markup(words.text("entity", "not_compared"))
    return shown


def _results(words: Template, record: EntityScreening | None,
             decisions: Mapping[str, ScreeningDecision]) -> list[list[Paragraph]]:
    """The paragraphs of each result: no candidate, not screenable, or each candidate."""
    if record is None or not any(name.screenable for name in record.names):
        return [[styles.para(words.para("entity", "unscreenable"), styles.CELL)]]
    if not record.hits:
        return [[styles.para(words.para("entity", "no_candidate"), styles.CELL)]]
    return [[styles.para(_candidate(words, hit), styles.CELL),
             styles.plain(hit.why, styles.CELL),
             styles.para(_decision(words, decisions.get(hit.key.as_text())), styles.CELL)]
            for hit in record.hits]


def _chunks(paragraphs: Sequence[Paragraph], width: float, room: float) -> list[list[Paragraph]]:
    """``paragraphs`` in groups at most ``room`` high, a paragraph taller than that split."""
    chunks: list[list[Paragraph]] = [[]]
    left = room
    pending = list(paragraphs)
    while pending:
        paragraph = pending.pop(0)
        height = paragraph.wrap(width, room)[1]
        if height <= left:
            chunks[-1].append(paragraph)
            left -= height
            continue
        parts = paragraph.split(width, left) if left > 2 * styles.CELL.leading else []
        if len(parts) == 2:
            chunks[-1].append(parts[0])
            pending.insert(0, parts[1])
        elif chunks[-1]:
            pending.insert(0, paragraph)
        else:  # not even one line fits an empty row: cannot happen at a sensible ``room``
            chunks[-1].append(paragraph)
            continue
        chunks.append([])
        left = room
    return [chunk for chunk in chunks if chunk]


def _candidate(words: Template, hit: Hit) -> str:
    listed = hit.listed
    alias = hit.matched_alias or hit.matched_name != listed.name
    details = _details(hit.listings)
    return words.para("entity", "candidate", values={
        "list": LIST_TITLES.get(hit.list_id, hit.list_id),
        "listed": listed.name,
        "alias": words.text("entity", "alias", values={"alias": hit.matched_name}) if alias else "",
        "details": f" ({details})" if details else "",
        "score": str(hit.score),
    })


def _details(listings: Sequence[ListedEntity]) -> str:
    """What the list says about the listed entity: section or order, status, country, goods, date."""
    parts: list[str] = []
    for listing in listings:
        for value in (listing.section, listing.status, listing.country, listing.merchandise,
                      long_date(listing.effective_date), listing.note):
            if value and value not in parts:
                parts.append(value)
    return "; ".join(parts)


def _decision(words: Template, decision: ScreeningDecision | None) -> str:
    if decision is None:
        return words.para("entity", "open")
    values = {"date": long_date(decision.decided_at.astimezone(dt.UTC).date()), "reason": decision.reason.strip()}
    if decision.decision == "confirmed":
        return words.para("entity", "confirmed_reason" if values["reason"] else "confirmed", values=values)
    return words.para("entity", "dismissed", values=values)


def _no_list(story: Story, words: Template, case: Case, report: Report, catalog: Catalog) -> None:
    """No list was imported: say so, and what the catalog's screening item asks."""
    titles = [LIST_TITLES[list_id] for list_id in LIST_IDS]
    story.add(styles.para(words.para("none", "text", values={"lists": _joined(words, titles)})))
    row = _screening_item(catalog)
    if row is None:
        return
    regime = case.shipment.regime
    cites = [source.cite for source in catalog.primary_sources(row.citation)]
    values = {
        "item": row.title, "item_title": row.title, "proves": row.to_cbp,
        "regime": vocab.REGIME_LABELS.get(regime, regime), "level": row.level_for(regime),
        "citation": "; ".join(cites),
    }
    story.add(styles.para(words.para("none", "item", values=values)))
    reason = next((s.note for s in report.statuses if s.requirement == row.id and s.state == "not_applicable"), "")
    if reason:
        story.add(styles.para(words.para("none", "set_aside", values={"reason": reason})))
    if values["citation"]:
        story.add(styles.para(words.para("none", "citation", values=values), styles.NOTE))


def _screening_item(catalog: Catalog) -> InformationType | None:
    """The catalog's item that list screening satisfies (ORG-02)."""
    return next((row for row in catalog.information_types if row.satisfied_by == "screening"), None)


def _joined(words: Template, titles: Sequence[str]) -> str:
    """``the A and the B``."""
    named = [f"the {title}" for title in titles]
    if len(named) <= 1:
        return "".join(named)
    return ", ".join(named[:-1]) + words.text("text", "and") + named[-1]


def _moment(when: dt.datetime) -> str:
    """``November 28, 2026, 09:00 UTC``."""
    utc = when.astimezone(dt.UTC)
    return f"{long_date(utc.date())}, {utc:%H:%M} UTC"

