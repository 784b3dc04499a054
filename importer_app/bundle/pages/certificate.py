"""The 19 CFR 12.43(a) certificates of origin, prefilled from the case.

One certificate for the country of exportation, signed by the foreign seller there, and one
additional certificate for each other country where a company of the roles the catalog's
REG-02 names made the goods, signed by the last owner or seller in that country (the company
that ships out of it). Each certificate prints the regulation's sentence with its blanks
filled where the case knows the answer, then a table of all fourteen fields of domain.md C.1
saying where each entry comes from.

Case settings read, each optional, with CC the certificate's country code:
``certificate.CC.signer``, ``.packages``, ``.marks``, ``.carrier``, ``.place_of_lading``,
``.place_of_departure``. Without them those fields are lines to complete.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reportlab.platypus import Flowable, KeepTogether, Table

from importer_app.bundle.pages import facts, fonts, styles
from importer_app.bundle.pages.facts import CaseFacts, long_date, quantity
from importer_app.bundle.pages.templates import Template, load_template
from importer_app.core.catalog import Catalog
from importer_app.core.countries import country_in_prose, country_name
from importer_app.core.model import Case, Entity, Link

_TEMPLATE = "certificate_of_origin_1243"
# Generous leading: the sentence is read, checked and completed by hand.
_BODY = styles.BODY.clone("certificate-body", fontSize=10.5, leading=20, spaceBefore=8, spaceAfter=10)


@dataclass(frozen=True)
class Certificate:
    """One certificate to prefill.

    Attributes:
        country: the country it covers (ISO code).
        additional: an additional certificate for a country other than that of exportation.
        signer: the foreign seller or owner (the last owner or seller in ``country``), when known.
        producers: the companies of ``country`` that made the goods or their inputs.
        shipments: the transfers that carried the goods out of ``country``.
    """

    country: str
    additional: bool
    signer: Entity | None
    producers: tuple[Entity, ...]
    shipments: tuple[Link, ...]


def certificates(case: Case, catalog: Catalog) -> tuple[Certificate, ...]:
    """The certificates a Section 307 answer needs, the country of exportation first."""
    words = load_template(_TEMPLATE)
    producer_roles = set(words.raw("roles", "producer_roles"))
    exportation = case.shipment.exportation_country
    other_roles = catalog.information_type("REG-02").roles
    seller_roles = catalog.information_type("REG-01").roles
    others: dict[str, list[Entity]] = {}
    for entity in case.entities:
        if entity.role in other_roles and entity.country != exportation:
            others.setdefault(entity.country, []).append(entity)
    result = [_certificate(case, exportation, False, seller_roles, producer_roles)]
    for country in others:
        result.append(_certificate(case, country, True, frozenset(other_roles), producer_roles))
    return tuple(result)


def _certificate(case: Case, country: str, additional: bool, signer_roles: frozenset[str],
                 producer_roles: set[str]) -> Certificate:
    in_country = {entity.id: entity for entity in case.entities if entity.country == country}
    leaving = tuple(link for link in case.links
                    if link.source in in_country and link.target not in in_country)
    # The signer ships out of the country; of several, one of the roles the catalog names.
    shippers = [in_country[link.source] for link in leaving]
    preferred = [entity for entity in shippers if entity.role in signer_roles]
    candidates = preferred or shippers or [e for e in in_country.values() if e.role in signer_roles]
    return Certificate(
        country=country,
        additional=additional,
        signer=candidates[0] if candidates else None,
        producers=tuple(entity for entity in in_country.values() if entity.role in producer_roles),
        shipments=leaving,
    )


def certificate_flowables(case: Case, info: CaseFacts, certificate: Certificate, number: int, count: int,
                          width: float, settings: Mapping[str, str]) -> list[Flowable]:
    """The flowables of one certificate: heading, note, the prescribed sentence, signature, field table."""
    words = load_template(_TEMPLATE)
    signer = certificate.signer.name if certificate.signer is not None else ""
    entries = _entries(case, info, certificate, words, settings)
    values = {
        "country": country_in_prose(certificate.country),
        "exportation_country": country_in_prose(case.shipment.exportation_country),
        "number": str(number),
        "count": str(count),
        "entry_number": case.shipment.entry_number,
        "signer": signer or words.text("text", "to_complete"),
    }
    blanks = {f"f{n}": _blank_or(words, entries[n][0]) for n in range(1, 15)}
    body_key = "additional_body" if certificate.additional else "body"
    body = words.fill(words.raw("text", body_key), {**values, **blanks}, path=("text", body_key), markup=False)
    flowables: list[Flowable] = [
        styles.para(f"<b>{words.para('text', 'heading')}</b>", styles.TITLE),
        styles.para(words.para("text", "regulation"), styles.SUBTITLE),
        styles.para(words.para("text", "additional_note" if certificate.additional else "main_note", values=values)),
        styles.para(words.para("text", "prefill_note"), styles.NOTE),
        styles.para(body, _BODY),
        _signature_lines(words, width),
        styles.space(10),
    ]
    rows = []
    labels = words.raw("labels", "additional") if certificate.additional else {}
    for number_, label, _setting in words.raw("text", "fields"):
        printed = words.fill(labels.get(str(number_), label), values, path=("text", "fields"))
        value, basis = entries[number_]
        rows.append([str(number_), printed, value or words.text("text", "to_complete"), basis])
    table = styles.table(words.raw("text", "columns"), rows, [0.06 * width, 0.30 * width, 0.36 * width, 0.28 * width])
    flowables.append(KeepTogether([styles.para(words.para("text", "fields_heading"), styles.SUBHEADING), table]))
    return flowables


def _blank_or(words: Template, value: str) -> str:
    """Markup for one blank of the sentence: the prefilled entry underlined, or a line to write on."""
    if value:
        return f"<u>{fonts.markup(value)}</u>"
    return words.text("text", "blank")


def _entries(case: Case, info: CaseFacts, certificate: Certificate, words: Template,
             settings: Mapping[str, str]) -> dict[int, tuple[str, str]]:
    """Each field's prefilled entry (empty when unknown) and where it comes from."""
    shipment = case.shipment
    shipments = certificate.shipments
    if certificate.additional:
        totals: dict[str, float] = {}
        for link in shipments:  # several transfers out of one country: their total, per unit
            totals[link.unit] = totals.get(link.unit, 0.0) + link.quantity
        amount = "; ".join(quantity(total, unit) for unit, total in totals.items())
        description = "; ".join(dict.fromkeys(link.material for link in shipments))
        goods_basis = _links_basis(info, words, shipments)
    else:
        amount = quantity(shipment.quantity, shipment.unit)
        description = shipment.merchandise
        goods_basis = _basis(words, "entry", entry_number=shipment.entry_number)
    producers, signer = certificate.producers, certificate.signer
    producer_ids = [i for entity in producers for i in info.plan.exhibit_ids_for_entity(entity.id)]
    producers_basis = _records_basis(words, producer_ids)
    signer_basis = _signer_basis(words, signer.name, info.plan.exhibit_ids_for_entity(signer.id)) if signer else ""
    departed = "; ".join(long_date(day) for day in sorted({link.shipped for link in shipments if link.shipped}))
    entries = {
        1: (signer.name if signer else "", signer_basis),
        2: (amount, goods_basis),
        3: (description, goods_basis),
        6: ("; ".join(facts.entity_name(e) for e in producers), producers_basis),
        7: ("; ".join(e.address or country_name(e.country) for e in producers), producers_basis),
        11: (departed, _links_basis(info, words, shipments)),
        12: (facts.labor_class(case), _basis(words, "shipment")),
        13: ("", ""),
        14: ("", ""),
    }
    for number, _label, key in words.raw("text", "fields"):
        if not key:
            continue
        name = words.fill(key, {"country": certificate.country}, path=("text", "fields"))
        value = settings.get(name, "")
        if value:
            entries[number] = (value, _basis(words, "setting", key=name))
        entries.setdefault(number, ("", ""))
    return entries


def _basis(words: Template, kind: str, **values: str) -> str:
    return words.text("basis", kind, values=values)


def _records_basis(words: Template, ids: list[str]) -> str:
    """``supply chain records (Ex. 1.1-1.3)``."""
    if not ids:
        return _basis(words, "records")
    return _basis(words, "records_exhibits", exhibits=facts.exhibit_list(ids))


def _signer_basis(words: Template, name: str, ids: tuple[str, ...]) -> str:
    """``NAME (Ex. 5.1-5.3)``: the signer and the exhibits that speak for it."""
    return _basis(words, "entity_exhibits", signer=name, exhibits=facts.exhibit_list(ids)) if ids else name


def _links_basis(info: CaseFacts, words: Template, links: tuple[Link, ...]) -> str:
    ids = [i for link in links for i in info.plan.exhibit_ids_for_link(link.id)]
    references = ", ".join(ref for link in links for ref in link.references)
    if not ids and not references:
        return _basis(words, "records")
    if not ids:
        return _basis(words, "transfers", references=references)
    return _basis(words, "transfers_exhibits", references=references or "-", exhibits=facts.exhibit_list(ids))


def _signature_lines(words: Template, width: float) -> Table:
    """"Dated ____" and the signature line, side by side, captions under the lines."""
    dated = words.text("text", "dated", values={"f13": ""}).strip()
    table = Table(
        [[styles.plain(dated, styles.BODY), "", ""],
         ["", "", styles.plain(words.text("text", "signature_label"), styles.CELL)]],
        colWidths=[0.38 * width, 0.12 * width, 0.50 * width], rowHeights=[30, 14],
    )
    table.setStyle(styles.table_style([
        ("LINEBELOW", (2, 0), (2, 0), 0.6, styles.RULE),
        ("LINEBELOW", (0, 0), (0, 0), 0.6, styles.RULE),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table
