"""The 19 CFR 12.43(b) statement of the ultimate consignee, drafted from the case.

Its nine parts follow domain.md C.2. What the case records is filled in: the consignee and the
entry, every component (the material of every transfer) with its source, the documents
obtained at each stage and the labor records of each producer, with exhibit ids, and the
items still unresolved. What only the consignee can say (its efforts beyond the documents,
what it found about labor, its belief) comes from case settings when they are set, and is
otherwise printed as lines to complete. Setting names are in the template's ``[settings]``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.platypus import Flowable, KeepTogether, Table

from importer_app.bundle.claim_conditions import ClaimFacts
from importer_app.bundle.claims import Ledger
from importer_app.bundle.pages import facts, fonts, styles
from importer_app.bundle.pages.facts import CaseFacts, long_date, quantity
from importer_app.bundle.pages.templates import Template, load_template
from importer_app.bundle.pages.words import counted, noun
from importer_app.core.catalog import Catalog
from importer_app.core.countries import country_name
from importer_app.core.model import Case, Document
from importer_app.core.report import Finding, Report
from importer_app.screening.in_case import CaseScreening

_TEMPLATE = "consignee_statement_1243"
_LINE_HEIGHT = 17.0


def statement_flowables(case: Case, report: Report, info: CaseFacts, width: float,
                        settings: Mapping[str, str], screening: CaseScreening | None = None) -> list[Flowable]:
    """The flowables of the statement, from its heading to the signature lines.

    ``screening``: the list screening; without it part 7 says nothing of what it found.
    """
    words = load_template(_TEMPLATE)
    shipment = case.shipment
    setting = {key: settings.get(name, "") for key, name in words.raw("settings").items()}
    if shipment.consignee == shipment.importer_of_record:
        # The importer is the consignee: its number and signer from the cover letter serve here.
        cover = load_template("cover_letter")
        own = {field: settings.get(cover.text("settings", field), "") for field in ("name", "title", "number")}
        setting["number"] = setting["number"] or own["number"]
        setting["signer"] = setting["signer"] or ", ".join(filter(None, [own["name"], own["title"]]))
    values = {"consignee": shipment.consignee, "entry_number": shipment.entry_number,
              "class_of_labor": facts.labor_class(case)}
    none = words.text("text", "no_exhibits")
    out: list[Flowable] = [
        styles.para(f"<b>{words.para('text', 'heading')}</b>", styles.TITLE),
        styles.para(words.para("text", "regulation"), styles.SUBTITLE),
        styles.para(words.para("text", "intro", values=values)),
        styles.para(words.para("text", "prefill_note"), styles.NOTE),
        styles.para(words.para("text", "regulation_text"), styles.NOTE),
    ]
    out += _part(words, "identity", [styles.fields(_identity_rows(case, words, setting), _pair(width))])
    out += _part(words, "shipment", [styles.fields(_shipment_rows(case, info, words), _pair(width))])
    out += _part(words, "components", _components(case, info, words, width))
    out += _part(words, "sources", [_sources(case, info, words, width, none)])
    rows = [[f"{info.name_of(link.source)} → {info.name_of(link.target)}: {link.material}",
             _documents(info, [d for d in case.documents if link.id in d.links]) or none]
            for link in info.links_upstream_first()]
    out += _part(words, "efforts", [
        styles.table(words.raw("columns", "efforts"), rows, _widths(width, (0.45, 0.55))),
        *_free_text(words, setting["efforts"], width, 4),
    ])
    out += _part(words, "labor", [
        styles.table(words.raw("columns", "labor"), _labor_rows(case, info, words, none),
                     _widths(width, (0.40, 0.60))),
        *_free_text(words, setting["labor"], width, 4),
    ])
    ledger = Ledger(ClaimFacts(case, report, info.plan, screening))
    out += _part(words, "results", _results(case, report, words, ledger, setting["results"], width))
    out += _part(words, "belief", _belief(words, values, setting["belief"], setting["reasons"], width))
    out.append(KeepTogether([styles.para(words.para("parts", "signature"), styles.SUBHEADING),
                             _signature_table(words, width, setting["signer"])]))
    return out


def _identity_rows(case: Case, words: Template, setting: Mapping[str, str]) -> list[tuple[str, str]]:
    shipment = case.shipment
    # The importer's address serves only when the importer is the consignee.
    own = shipment.importer_address if shipment.consignee == shipment.importer_of_record else ""
    return [
        (words.text("labels", "name"), shipment.consignee),
        (words.text("labels", "address"), setting["address"] or own or _BLANK),
        (words.text("labels", "number"), setting["number"] or _BLANK),
        (words.text("labels", "signer"), setting["signer"] or _BLANK),
    ]


def _components(case: Case, info: CaseFacts, words: Template, width: float) -> list[Flowable]:
    """The merchandise, then one row per component: the material of every transfer."""
    shipment = case.shipment
    merchandise = f"{shipment.merchandise} ({quantity(shipment.quantity, shipment.unit)})"
    rows = [[str(n), link.material, info.name_of(link.source), info.name_of(link.target),
             quantity(link.quantity, link.unit), long_date(link.shipped)]
            for n, link in enumerate(info.links_upstream_first(), start=1)]
    return [
        styles.fields([(words.text("labels", "merchandise"), merchandise)], _pair(width)),
        styles.space(4),
        styles.table(words.raw("columns", "components"), rows, _widths(width, (0.06, 0.30, 0.20, 0.20, 0.11, 0.13))),
    ]


def _sources(case: Case, info: CaseFacts, words: Template, width: float, none: str) -> Table:
    """Who made each component and where, and the exhibits that identify them."""
    rows = []
    for n, link in enumerate(info.links_upstream_first(), start=1):
        supplier = case.entity(link.source)
        seen = ", ".join(filter(None, [info.link_exhibits(link.id), info.entity_exhibits(supplier.id)]))
        rows.append([str(n), link.material, facts.entity_name(supplier), supplier.address, country_name(supplier.country),
                     seen or none])
    return styles.table(words.raw("columns", "sources"), rows, _widths(width, (0.06, 0.19, 0.21, 0.26, 0.09, 0.19)))


_BLANK = "_" * 40


def _pair(width: float) -> tuple[float, float]:
    return 0.3 * width, 0.7 * width


def _widths(width: float, shares: Sequence[float]) -> list[float]:
    return [share * width for share in shares]


def _part(words: Template, key: str, body: list[Flowable]) -> list[Flowable]:
    # The heading stays with the first block of its part.
    return [KeepTogether([styles.para(words.para("parts", key), styles.SUBHEADING), body[0]]), *body[1:]]


def _shipment_rows(case: Case, info: CaseFacts, words: Template) -> list[tuple[str, str]]:
    shipment = case.shipment
    lines = ", ".join(str(line) for line in shipment.entry_lines)
    final = [link for link in case.links if info.tiers.get(link.target) == 0]
    references = ", ".join(ref for link in final for ref in link.references)
    exhibits = facts.exhibit_list([i for link in final for i in info.plan.exhibit_ids_for_link(link.id)])
    port = facts.port_label(shipment)
    transport = "; ".join(filter(None, [references, f"Ex. {exhibits}" if exhibits else ""]))
    return [
        (words.text("labels", "importer"), shipment.importer_of_record),
        (words.text("labels", "entry"), f"{shipment.entry_number}"
         + (f", {noun(len(shipment.entry_lines), 'line')} {lines}" if lines else "")),
        (words.text("labels", "detention"), shipment.detention_number or _BLANK),
        (words.text("labels", "port"), port or _BLANK),
        (words.text("labels", "transport"), transport or _BLANK),
    ]


def _documents(info: CaseFacts, documents: Sequence[Document]) -> str:
    """``Purchase order (3.1); Commercial invoice (3.3)``: documents by type with their exhibit ids."""
    by_type: dict[str, list[str]] = {}
    for doc in documents:
        exhibit = info.by_path.get(doc.path)
        if exhibit is not None:
            by_type.setdefault(info.type_name(doc.type), []).append(exhibit.id)
    return "; ".join(f"{name} ({facts.exhibit_list(ids)})" for name, ids in by_type.items())


def _labor_rows(case: Case, info: CaseFacts, words: Template, none: str) -> list[list[str]]:
    catalog: Catalog = info.catalog
    types = {t for rid in words.raw("labor", "requirements") for t in catalog.information_type(rid).documents}
    roles = set(words.raw("labor", "producer_roles"))
    rows = []
    for entity in info.entities_upstream_first():
        if entity.role in roles:
            documents = [d for d in case.documents if d.type in types and entity.id in d.entities]
            rows.append([f"{facts.entity_name(entity)} ({country_name(entity.country)})", _documents(info, documents) or none])
    return rows


def _free_text(words: Template, text: str, width: float, lines: int) -> list[Flowable]:
    """The consignee's own words from a case setting, or ruled lines to write them on."""
    if text:
        return [styles.space(4), styles.plain(text)]
    return [styles.space(4), styles.para(words.para("text", "to_complete"), styles.NOTE), _ruled(width, lines)]


def _ruled(width: float, lines: int) -> Table:
    table = Table([[""]] * lines, colWidths=[width], rowHeights=[_LINE_HEIGHT] * lines)
    table.setStyle(styles.table_style([("LINEBELOW", (0, 0), (-1, -1), 0.5, styles.RULE)]))
    return table


def _results(case: Case, report: Report, words: Template, ledger: Ledger, text: str,
             width: float) -> list[Flowable]:
    own = set(words.raw("results", "skip"))
    missing = [f for f in report.findings if f.severity == "missing" and f.requirement not in own]
    body: list[Flowable] = []
    if missing:
        head = words.para("text", "unresolved", values={"count": counted(len(missing), "item")})
        items = sorted({_unresolved(case, report, words, finding) for finding in missing})
        body += [styles.para(head), styles.para("<br/>".join(f"• {fonts.markup(item)}" for item in items), styles.CELL)]
    balance = load_template("executive_summary").text("balance", "elsewhere")
    sentences = [ledger.say("consignee_statement", "results"),
                 ledger.say("consignee_statement", "quantities", {"balance_title": balance}),
                 ledger.say("consignee_statement", "screening")]
    body += [styles.para(sentence) for sentence in sentences if sentence]
    return body + _free_text(words, text, width, 4)


def _unresolved(case: Case, report: Report, words: Template, finding: Finding) -> str:
    """``Proof of payment: the transfer of raw cotton lint from A to B``: what is open, and where."""
    title = report.titles.get(finding.requirement, finding.requirement)
    kind, _, key = finding.scope.partition(":")
    names = {entity.id: entity.name for entity in case.entities}
    where = words.text("unresolved", "case")
    if kind == "entity":
        where = names.get(key, key)
    elif kind == "link":
        link = next((link for link in case.links if link.id == key), None)
        if link is not None:
            where = words.text("unresolved", "link", values={
                "material": link.material, "supplier": names.get(link.source, link.source),
                "buyer": names.get(link.target, link.target)})
    elif kind == "document":
        document = next((d for d in case.documents if d.path == key), None)
        where = document.title if document is not None and document.title else words.text("unresolved", "document")
    return f"{title}: {where}"


def _belief(words: Template, values: Mapping[str, str], chosen: str, reasons: str, width: float) -> list[Flowable]:
    out: list[Flowable] = [styles.para(words.para("belief", "statement", values=values))]
    for key, text in words.raw("belief", "options"):
        mark = "☒" if key == chosen else "☐"
        out.append(styles.para(f"{mark}  {fonts.markup(text)}", styles.BODY))
    out.append(styles.para(words.para("belief", "reasons"), styles.NOTE))
    out += [styles.plain(reasons)] if reasons else [_ruled(width, 3)]
    return out


def _signature_table(words: Template, width: float, signer: str) -> Table:
    labels = [words.text("labels", "date"), words.text("labels", "signature"), words.text("labels", "signer")]
    table = Table([["", "", styles.plain(signer, styles.CELL)], [styles.plain(label, styles.CELL) for label in labels]],
                  colWidths=_widths(width, (0.25, 0.40, 0.35)), rowHeights=[34, 14])
    table.setStyle(styles.table_style([
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, styles.RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (2, 0), (2, 0), "BOTTOM"),
    ]))
    return table
