"""Cases and bundle plans for the page generator tests.

``simple_plan`` numbers exhibits the way the bundle does (one step per entity, raw material
first, documents under the step of the entity or transfer they speak for) without depending on
the assembly's own planner. ``big_case`` is a generated 30-entity supply chain in six
countries, with names in Vietnamese, Chinese, Japanese and Arabic script.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

from importer_app.bundle.plan import BundlePlan, Exhibit, Step
from importer_app.core import vocab
from importer_app.core.model import (
    Case,
    Document,
    Entity,
    Link,
    NotApplicable,
    Shipment,
)
from importer_app.core.tiers import derive_tiers

VIETNAMESE = "Công ty TNHH Dệt May Phước Thịnh"
CHINESE = "江苏恒远纺织有限公司"
JAPANESE = "株式会社トウキョウ精紡"
ARABIC = "شركة النيل للأقطان"


def simple_plan(case: Case) -> BundlePlan:
    """Steps upstream first, one per entity with documents, and a last step for case-wide ones.

    A document of transfers goes to the buyer's step, else to the step of the entity it names;
    one that spans several steps, or none, goes to the last step (as the bundle numbers them).
    """
    tiers = derive_tiers(case)
    deepest = max((t for t in tiers.values() if t is not None), default=0)
    order = [e.id for e in sorted(case.entities, key=lambda e: -(tiers[e.id] if tiers[e.id] is not None
                                                                 else deepest + 1))]
    targets = {link.id: link.target for link in case.links}
    by_key: dict[str, list[Document]] = {}
    for doc in case.documents:
        tied = {targets[link] for link in doc.links if link in targets} or set(doc.entities)
        by_key.setdefault(tied.pop() if len(tied) == 1 else "", []).append(doc)
    steps: list[Step] = []
    exhibits: list[Exhibit] = []
    for key in [*order, ""]:
        if key not in by_key:
            continue
        number = len(steps) + 1
        if key:
            entity = case.entity(key)
            title = f"Step {number}: {entity.name} ({vocab.ROLE_LABELS[entity.role].lower()}, {entity.country})"
        else:
            title = f"Step {number}: Evidence for the whole supply chain"
        steps.append(Step(number, title, (key,) if key else ()))
        exhibits += [Exhibit(f"{number}.{index}", number, doc, doc.page_count or 1)
                     for index, doc in enumerate(by_key[key], start=1)]
    return BundlePlan(tuple(steps), tuple(exhibits))


def _document(path: str, type_: str, *, entities: tuple[str, ...] = (), links: tuple[str, ...] = (),
              language: str = "en", translation_of: str = "") -> Document:
    return Document(
        path=path, sha256=hashlib.sha256(path.encode()).hexdigest(), type=type_, size=1000,
        title=path.rsplit("/", 1)[-1].removesuffix(".pdf").replace("-", " ").capitalize(),
        date=dt.date(2026, 6, 1), entities=entities, links=links, language=language,
        translation_of=translation_of, page_count=2,
    )


# (tier, count, role, country, material shipped to the next tier, unit)
_TIERS = (
    (5, 9, "raw_material_producer", "US", "seed cotton", "kg"),
    (4, 8, "processor", "EG", "raw cotton lint", "kg"),
    (3, 6, "processor", "CN", "carded cotton yarn", "kg"),
    (2, 4, "processor", "JP", "knitted cotton fabric", "kg"),
    (1, 2, "manufacturer", "VN", "cotton knit shirts", "pcs"),
)
_LOCAL = {("EG", 0): ARABIC, ("CN", 0): CHINESE, ("JP", 0): JAPANESE, ("VN", 0): VIETNAMESE}


def big_case(regime: str = "wro") -> Case:
    """A 30-entity, 6-tier case: 9 farms, 8 gins, 6 spinners, 4 knitters, 2 garment makers, the importer."""
    entities = [Entity("importer", "Harborline Apparel Inc.", "importer", "US", address="Long Beach, CA", tier=0)]
    links: list[Link] = []
    documents: list[Document] = []
    layers: list[list[str]] = []
    for tier, count, role, country, _, _ in _TIERS:
        ids = [f"t{tier}-{n}" for n in range(1, count + 1)]
        for n, entity_id in enumerate(ids):
            entities.append(Entity(entity_id, f"{country} {role.replace('_', ' ').title()} No. {n + 1} Co., Ltd.",
                                   role, country, address=f"{n + 10} Industrial Road, District {tier}, {country}",
                                   name_local=_LOCAL.get((country, n), ""), tier=tier))
        layers.append(ids)
    layers.append(["importer"])
    for (tier, _, _, _, material, unit), suppliers, buyers in zip(_TIERS, layers, layers[1:]):
        for n, supplier in enumerate(suppliers):
            buyer = buyers[n * len(buyers) // len(suppliers)]
            link_id = f"{supplier}-{buyer}"
            links.append(Link(link_id, supplier, buyer, material, 1000.0 * (tier + 1), unit,
                              shipped=dt.date(2026, 9 - tier, 1), references=(f"INV-{supplier.upper()}",)))
            documents.append(_document(f"docs/{link_id}-invoice.pdf", "commercial_invoice", links=(link_id,)))
            documents.append(_document(f"docs/{link_id}-packing.pdf", "packing_list", links=(link_id,)))
        for supplier in suppliers:
            documents.append(_document(f"docs/{supplier}-production.pdf", "production_record", entities=(supplier,)))
    documents.append(_document("docs/t3-1-report-zh.pdf", "production_record", entities=("t3-1",), language="zh"))
    documents.append(_document("docs/t3-1-report-en.pdf", "production_record", entities=("t3-1",),
                               translation_of="docs/t3-1-report-zh.pdf"))
    shipment = Shipment(
        regime=regime, entry_number="XYZ-7654321-0", importer_of_record="Harborline Apparel Inc.",
        merchandise="Cotton knit shirts", quantity=24000, unit="pcs", country_of_origin="VN",
        date_of_importation=dt.date(2026, 10, 2), entry_lines=(1, 2, 3), detention_number="2026-2704-000999",
        port_code="2704", port_name="Los Angeles", hts=("6105.10.0010",), value_usd=168000.0,
        order_reference="WRO 2026-07 (cotton)" if regime in vocab.SECTION_307_REGIMES else "",
        class_of_labor="forced" if regime in vocab.SECTION_307_REGIMES else "",
        date_presented=dt.date(2026, 10, 5), date_of_detention=dt.date(2026, 10, 9),
    )
    not_applicable = (NotApplicable("SCT-15", "entity:t4-1", "The gin leases its machines; the lease is Ex. 2.1."),)
    return Case(shipment, tuple(entities), tuple(links), tuple(documents), not_applicable)


def with_shipment(case: Case, **changes: object) -> Case:
    return dataclasses.replace(case, shipment=dataclasses.replace(case.shipment, **changes))  # type: ignore[arg-type]
