"""The completeness engine: which information types a case satisfies, lacks, or set aside.

``evaluate`` is pure: it reads the case and the catalog and returns a report, with no I/O and
no clock (the check date is an argument). For every information type of the case's regime
and every scope it applies to (the header of ``forms/catalog/information_types.toml`` defines
the scopes), the item is satisfied by documents, provided by the app or the bundle, set aside
by the user as not applicable, or missing. The consistency checks and the deadlines complete
the report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence

from importer_app.core import vocab
from importer_app.core.caseindex import CaseIndex
from importer_app.core.catalog import LEVEL_SEVERITY, SEVERITY_WORD, Catalog, InformationType
from importer_app.core.consistency import chain_ends, check_consistency
from importer_app.core.contention import case_contentions, contention_reason
from importer_app.core.deadlines import compute_deadlines, deadline_findings
from importer_app.core.document_claims import Claims, claim_documents
from importer_app.core.exception_conditions import check_inquiries, check_sign_off
from importer_app.core.geography import locate
from importer_app.core.lot_tracing import reached_from
from importer_app.core.model import Case, Entity
from importer_app.core.order import check_indicator, effective_regime, named_producer_sources, order_findings
from importer_app.core.payment_terms import NotDue, payment_not_due
from importer_app.core.origin import ROUTE_CLOSED, check_location, check_origin
from importer_app.core.report import SEVERITY_ORDER, Finding, ItemRow, Report
from importer_app.core.screening_state import ScreeningCandidate, ScreeningState
from importer_app.core.vocab import UFLPA_REGIMES

_ENTITY_LIST = "uflpa"
_LISTED_PRESUMPTION = "listed-entity-presumption"

_PROVIDED_NOTE = {
    "case-data": "The app writes this from the case data.",
    "bundle": "The submission bundle writes this.",
}

# One item to check: its scope and the paths of the documents that satisfy it.
_Item = tuple[str, Sequence[str]]


def evaluate(case: Case, catalog: Catalog, today: dt.date, screening: ScreeningState) -> Report:
    """Check a case against the catalog.

    Args:
        case: the case to check.
        catalog: the requirement catalog (``load_catalog()``).
        today: the day the deadlines are counted from.
        screening: the list screening of the case's entities (``screening.case_screening``),
            or ``NOT_SCREENED``.

    Returns:
        The report: every item's state, the findings sorted by severity and scope, and the
        deadlines.
    """
    index = CaseIndex(case)
    regime = case.shipment.regime
    not_applicable = {(item.requirement, item.scope): item.reason for item in case.not_applicable}
    item_rows: list[ItemRow] = []
    findings: list[Finding] = []
    locations = locate(case, catalog.regions)
    commodity = case.shipment.commodity
    claims = claim_documents(_document_rows(catalog, regime, commodity), case, index, _items)
    for row in catalog.rows_for(regime, commodity):
        if row.part_of:
            continue
        if row.satisfied_by == "documents":
            _check_documents(row, case, catalog, index, claims, today, not_applicable, item_rows, findings)
        elif row.satisfied_by == "screening":
            _check_screening(row, case, catalog, index, screening, not_applicable, item_rows, findings)
        elif row.satisfied_by == "location":
            check_location(row, case, catalog, index, locations, not_applicable, item_rows, findings)
        elif row.satisfied_by == "origin":
            listed = _confirmed_on_entity_list(case, screening)
            check_origin(row, case, catalog, index, locations, listed, not_applicable, item_rows, findings)
        elif row.satisfied_by == "inquiries":
            check_inquiries(row, case, catalog, not_applicable, item_rows, findings)
        elif row.satisfied_by == "sign-off":
            check_sign_off(row, case, catalog, not_applicable, item_rows, findings)
        elif row.satisfied_by == "indicator":
            check_indicator(row, case, catalog, index, not_applicable, item_rows, findings)
        else:
            _check_kept(row, case, catalog, not_applicable, item_rows, findings)
    findings += check_consistency(case, catalog, index, locations,
                                  named_producer_sources(case, screening.order_matches))
    held_under = effective_regime(case)
    deadlines = compute_deadlines(case.shipment, catalog, today, regime=held_under)
    findings += deadline_findings(deadlines, catalog, held_under)
    findings += order_findings(case, catalog, index, today, screening.order_matches)
    order = {row_id: rank for rank, row_id in enumerate(_catalog_ids(catalog))}
    severity = {name: rank for rank, name in enumerate(SEVERITY_ORDER)}
    findings.sort(
        key=lambda f: (severity[f.severity], index.scope_rank(f.scope), order.get(f.requirement, -1), f.message)
    )
    return Report(
        title=case.shipment.display_title,
        entry_number=case.shipment.entry_number,
        regime=regime,
        today=today,
        catalog_version=catalog.version,
        catalog_as_of=catalog.as_of,
        catalog_basis=catalog.basis,
        commodity=_commodity_line(case, catalog),
        item_rows=tuple(item_rows),
        findings=tuple(findings),
        deadlines=deadlines,
        scope_labels={scope: index.scope_label(scope) for scope in _labelled_scopes(case, findings)},
        titles={row.id: row.title for row in catalog.information_types},
    )


def _commodity_line(case: Case, catalog: Catalog) -> str:
    """The sector profile the check used, or the one the HTS numbers suggest when none is set."""
    chosen = catalog.sectors.get(case.shipment.commodity)
    if chosen is not None:
        return f"Sector profile: {chosen.name} ({chosen.id}); its evidence items are checked."
    suggested = catalog.sectors.get(catalog.suggest_commodity(case.shipment.hts))
    if case.shipment.commodity:
        return (f"Sector profile: {case.shipment.commodity!r} is not a sector of this catalog; no sector items "
                "are checked. Choose a sector of the list or none.")
    if suggested is not None:
        return (f"Sector profile: none chosen. The HTS numbers suggest {suggested.name} ({suggested.id}); "
                "choose it as the shipment's commodity to check its evidence items.")
    return ""


def _document_rows(catalog: Catalog, regime: str, commodity: str) -> list[InformationType]:
    """The rows that documents satisfy in this regime, each checked on its own (not part of
    another, not the translation row): those that may compete for a document. A sector's
    items do not compete: they say what the documents of the general items must show for
    goods of that sector, so they read the same documents."""
    return [
        row for row in catalog.rows_for(regime, commodity)
        if row.satisfied_by == "documents" and not row.part_of and row.scope != "foreign_document"
        and not row.commodity
    ]


def _items(row: InformationType, case: Case, index: CaseIndex) -> Iterator[_Item]:
    return _SCOPES[row.scope](row, case, index)


def _confirmed_on_entity_list(case: Case, screening: ScreeningState) -> list[ScreeningCandidate]:
    confirmed = {decision.key for decision in case.screening_decisions if decision.decision == "confirmed"}
    return [c for c in screening.candidates if c.list_id == _ENTITY_LIST and c.key in confirmed]


def _labelled_scopes(case: Case, findings: list[Finding]) -> set[str]:
    """The scopes a text report heads: those of findings and of items the user set aside."""
    return {finding.scope for finding in findings} | {item.scope for item in case.not_applicable}


def _catalog_ids(catalog: Catalog) -> Iterator[str]:
    yield from (row.id for row in catalog.information_types)
    yield from (rule.id for rule in catalog.deadlines)


def _check_kept(
    row: InformationType,
    case: Case,
    catalog: Catalog,
    not_applicable: dict[tuple[str, str], str],
    statuses: list[ItemRow],
    findings: list[Finding],
) -> None:
    """An item the app or the bundle writes, or a piece of advice: never a missing document.

    A case-data item still lacks something when shipment fields it is written from are empty.
    """
    if row.satisfied_by == "practice":
        statuses.append((row.id, "case", "advice", (), row.guidance))
        return
    empty = [name.replace("_", " ") for name in row.fields if not getattr(case.shipment, name)]
    if not empty:
        statuses.append((row.id, "case", "provided", (), _PROVIDED_NOTE[row.satisfied_by]))
        return
    reason = not_applicable.get((row.id, "case"))
    if reason is not None:
        statuses.append((row.id, "case", "not_applicable", (), reason))
        return
    statuses.append((row.id, "case", "missing", (), ""))
    severity = LEVEL_SEVERITY[row.level_for(case.shipment.regime)]
    message = (
        f"{SEVERITY_WORD[severity]}: {row.title}, to be filled in on the Shipment page: {', '.join(empty)}. "
        f"{row.guidance}"
    )
    findings.append(Finding(row.finding_kind, severity, "case", message, catalog.cite(row.citation), row.id))


def _check_documents(
    row: InformationType,
    case: Case,
    catalog: Catalog,
    index: CaseIndex,
    claims: Claims,
    today: dt.date,
    not_applicable: dict[tuple[str, str], str],
    statuses: list[ItemRow],
    findings: list[Finding],
) -> None:
    """Add the states of an item documents satisfy, and a finding for each scope lacking it.

    A payment item of a transfer whose payment is not due yet under its terms is set aside with
    the reason, and a note says when it falls due.

    A document counts when it is in English or the case holds its English translation, and
    for one item only unless the catalog says the items share it (``document_claims``).
    """
    contentions = case_contentions(case)
    severity = LEVEL_SEVERITY[row.level_for(case.shipment.regime, contentions)]
    contended, contended_sources = contention_reason(row, contentions, case, catalog)
    citation = ""  # rendered once per row, and only when something is missing
    # Bound once: this loop runs for every link and entity, and a large case misses thousands.
    row_id, add, found = row.id, statuses.append, findings.append
    opening, guidance, kind = f"{SEVERITY_WORD[severity]}: {row.title}", row.guidance, row.finding_kind
    claimed = claims.items.get(row_id)
    items = _SCOPES[row.scope](row, case, index) if claimed is None else claimed
    unread_of: dict[str, list[str]] = {}
    if index.untranslated_types.intersection(row.documents):
        items = _readable(items, index.untranslated, unread_of)
    taken = claims.taken
    for scope, paths in items:
        if paths:
            add((row_id, scope, "satisfied", tuple(paths), ""))
            continue
        reason = not_applicable.get((row_id, scope))
        if reason is not None:
            add((row_id, scope, "not_applicable", (), reason))
            continue
        citation = citation or catalog.cite((*row.citation, *contended_sources))
        if row.due_with_payment and (not_due := _payment_not_due(scope, index, today)) is not None:
            add((row_id, scope, "not_applicable", (), not_due.reason))
            found(Finding(kind, "info", scope,
                          f"Not due yet: {row.title}{_about(row, scope, index)}. The payment falls"
                          f" due {not_due.when}; add the payment record then.", citation, row_id))
            continue
        add((row_id, scope, "missing", (), ""))
        unread = unread_of.get(scope, ()) if unread_of else ()
        counted_elsewhere = taken.get((row_id, scope), ()) if taken else ()
        why = _why_not_counted(unread, counted_elsewhere, index) if unread or counted_elsewhere else ""
        found(Finding(kind, severity, scope, f"{opening}{_about(row, scope, index)}.{why}{contended} {guidance}",
                      citation, row_id))


def _readable(items: Iterable[_Item], unreadable: frozenset[str], unread_of: dict[str, list[str]]) -> Iterator[_Item]:
    """The items with only the documents CBP can read; the others noted in ``unread_of`` by scope."""
    for scope, paths in items:
        if unreadable.isdisjoint(paths):
            yield scope, paths
        else:
            unread_of[scope] = [path for path in paths if path in unreadable]
            yield scope, [path for path in paths if path not in unreadable]


def _payment_not_due(scope: str, index: CaseIndex, today: dt.date) -> NotDue | None:
    link = index.links[scope.partition(":")[2]]
    return payment_not_due(link, index.entity_name(link.target), today)


def _why_not_counted(unread: Sequence[str], taken: Sequence[tuple[str, tuple[str, ...]]], index: CaseIndex) -> str:
    """Why documents of the right type in scope do not satisfy an item, as sentences naming
    them (empty when there are none)."""
    sentences = []
    for path in unread:
        language = index.documents[path].language
        sentences.append(f" {_subject(path, index)} is not in English ({language}) and the case holds no English"
                         " translation of it, so it does not count; add its translation.")
    for path, titles in taken:
        sentences.append(f" {_subject(path, index)} counts for {_titles(titles)}: one document is evidence for"
                         " one item, so this one needs its own.")
    return "".join(sentences)


def _subject(path: str, index: CaseIndex) -> str:
    """A document at the start of a sentence: its title and path, or "The document PATH"."""
    phrase = index.document_phrase(path)
    return f"The document {path}" if phrase == path else phrase


def _titles(titles: tuple[str, ...]) -> str:
    quoted = [f'"{title}"' for title in titles]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"



def _check_screening(
    row: InformationType,
    case: Case,
    catalog: Catalog,
    index: CaseIndex,
    screening: ScreeningState,
    not_applicable: dict[tuple[str, str], str],
    statuses: list[ItemRow],
    findings: list[Finding],
) -> None:
    """The screening item (ORG-02), and a finding for each candidate hit and each entity whose
    name cannot be screened."""
    citation = catalog.cite(row.citation)
    paths = tuple(doc.path for doc in index.documents_of_types(row.documents))
    reason = not_applicable.get((row.id, "case"))
    if screening.freshness == "current":
        statuses.append((row.id, "case", "provided", paths,
                         f"Screened against {screening.used}. The bundle writes the screening record."))
    elif paths:
        statuses.append((row.id, "case", "satisfied", paths, ""))
    elif reason is not None:
        statuses.append((row.id, "case", "not_applicable", (), reason))
    else:
        statuses.append((row.id, "case", "missing", (), ""))
        level = LEVEL_SEVERITY[row.level_for(case.shipment.regime)]
        severity = level if screening.freshness == "none" else "warning"
        message = f"{SEVERITY_WORD[severity]}: {row.title}. {' '.join(screening.problems)} {row.guidance}"
        findings.append(Finding(row.finding_kind, severity, "case", message, citation, row.id))
    for entity_id in screening.unscreenable:
        findings.append(Finding(
            "screening", "warning", f"entity:{entity_id}",
            f"The name of {index.entity_phrase(entity_id)} holds nothing distinctive to screen "
            "(only generic words or a legal form). Enter its full registered name, and its name "
            "in the local script, so it can be screened against the lists.",
            citation, row.id,
        ))
    decisions = {decision.key: decision for decision in case.screening_decisions}
    for candidate in screening.candidates:
        decision = decisions.get(candidate.key)
        who = index.entity_phrase(candidate.entity_id)
        cited = ""
        if decision is None:
            severity = "missing"
            message = (f"Possible listed entity on the {candidate.list_title}: {candidate.why} "
                       f"Confirm it if {who} is that entity, or dismiss it with the reason it is not "
                       "(another address, registration number or owner).")
        elif decision.decision == "confirmed":
            severity, message, cited = _confirmed_hit(candidate, case, catalog, who, decision.decided_at,
                                                      decision.reason)
        else:
            severity = "info"
            message = (f"Possible listed entity on the {candidate.list_title}, dismissed on "
                       f"{decision.decided_at:%Y-%m-%d}: {candidate.why} Reason: {decision.reason}")
        findings.append(Finding("screening", severity, f"entity:{candidate.entity_id}", message, cited or citation,
                                row.id))


def _confirmed_hit(candidate: ScreeningCandidate, case: Case, catalog: Catalog, who: str, decided_at: dt.datetime,
                   reason: str) -> tuple[str, str, str]:
    """A confirmed hit: a warning the submission must address. A confirmed UFLPA Entity List
    entity closes an applicability review; in an exception request its check says what the
    request must show (checks.toml words both, with their severity)."""
    confirmed = (f"You confirmed that {who} is listed on the {candidate.list_title} ({decided_at:%Y-%m-%d}): "
                 f"{candidate.why}")
    regime = case.shipment.regime
    if candidate.list_id != _ENTITY_LIST or regime not in UFLPA_REGIMES:
        message = f"{confirmed} The submission must address this connection; the screening record states it. {reason}"
        return "warning", message.rstrip(), ""
    check = catalog.checks[ROUTE_CLOSED if regime == "uflpa-applicability" else _LISTED_PRESUMPTION]
    return check.severity, f"{confirmed} {check.guidance} {reason}".rstrip(), catalog.cite(check.citation)


def _about(row: InformationType, scope: str, index: CaseIndex) -> str:
    """What a missing item is about, as the tail of its sentence (empty for the case)."""
    if row.scope == "production_country":
        signer = index.entities[scope.partition(":")[2]]
        return f", for production in {signer.country}, where {signer.name} is the last owner or seller"
    return index.scope_tail(scope)


def _case_items(row: InformationType, case: Case, index: CaseIndex) -> Iterator[_Item]:
    if row.not_for_raw_commodity and _entered_goods_are_raw(case, index):
        return
    yield "case", [doc.path for doc in index.documents_of_types(row.documents)]


def _entered_goods_are_raw(case: Case, index: CaseIndex) -> bool:
    """Every transfer that delivers the entered goods to the end of the chain carries a
    single-ingredient raw commodity: goods without components to list."""
    delivered = [link for end in chain_ends(case, index) for link in index.incoming_of(end)]
    return bool(delivered) and all(link.material_class == "raw" for link in delivered)


def _exportation_country_items(row: InformationType, case: Case, index: CaseIndex) -> Iterator[_Item]:
    country = case.shipment.exportation_country

    def counts(entity: Entity | None) -> bool:
        return entity is not None and (entity.country == country or entity.role in row.roles)

    paths = [
        doc.path
        for doc in index.documents_of_types(row.documents)
        if not doc.entities or any(counts(index.entities.get(entity_id)) for entity_id in doc.entities)
    ]
    yield "case", paths


def _production_country_items(row: InformationType, case: Case, index: CaseIndex) -> Iterator[_Item]:
    exportation = case.shipment.exportation_country
    by_country: dict[str, list[Entity]] = {}
    for entity in case.entities:
        if entity.role in row.roles and entity.country != exportation:
            by_country.setdefault(entity.country, []).append(entity)
    for country, producers in by_country.items():
        in_country = {entity.id for entity in case.entities if entity.country == country}
        paths = [
            doc.path
            for doc in index.documents_of_types(row.documents)
            if in_country.intersection(doc.entities)
        ]
        yield f"entity:{_last_seller(producers, index).id}", paths


def _last_seller(producers: list[Entity], index: CaseIndex) -> Entity:
    """The producer that ships out of its country, the one to sign that country's certificate."""
    for entity in producers:
        for link in index.outgoing_of(entity.id):
            buyer = index.entities.get(link.target)
            if buyer is not None and buyer.country != entity.country:
                return entity
    return producers[0]


def _entity_items(row: InformationType, case: Case, index: CaseIndex) -> Iterator[_Item]:
    # Lazy iterators, not lists, in these per-entity and per-link items: each item dies as soon
    # as it is checked, so a check of a large case does not fill the collector's old
    # generation; zip and map run in C, with no Python frame per item.
    ids, scopes = index.entities_in(row.roles, row.supplier_roles)
    if row.downstream_roles:
        ids, scopes = _with_downstream(row, case, index, frozenset(ids))
    return zip(scopes, map(index.entity_paths(row.documents), ids))


def _with_downstream(row: InformationType, case: Case, index: CaseIndex,
                     chosen: frozenset[str]) -> tuple[list[str], list[str]]:
    """The entities ``chosen`` and, in case order with them, those of ``row.downstream_roles``
    that goods of its supplier roles reach (``lot_tracing``)."""
    reached = reached_from(row.supplier_roles, case, index)
    ids, scopes = [], []
    for entity, scope in zip(case.entities, index.entity_scopes):
        if entity.id in chosen or (entity.role in row.downstream_roles and entity.id in reached):
            ids.append(entity.id)
            scopes.append(scope)
    return ids, scopes


def _link_items(row: InformationType, case: Case, index: CaseIndex) -> Iterator[_Item]:
    ids, scopes = index.links_in(row.cross_border, row.owners)
    return zip(scopes, map(index.link_paths(row.documents), ids))


def _foreign_document_items(row: InformationType, case: Case, index: CaseIndex) -> Iterator[_Item]:
    for doc in case.documents:
        if doc.language != vocab.ENGLISH:
            paths = [t.path for t in index.translations_of(doc.path) if t.language == vocab.ENGLISH]
            yield f"document:{doc.path}", paths


_SCOPES: dict[str, Callable[[InformationType, Case, CaseIndex], Iterator[_Item]]] = {
    "case": _case_items,
    "exportation_country": _exportation_country_items,
    "production_country": _production_country_items,
    "entity": _entity_items,
    "link": _link_items,
    "foreign_document": _foreign_document_items,
}
