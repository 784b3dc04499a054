"""Facts of a case put into words and lookups the page generators share.

Dates, quantities, exhibit references and the catalog's "what this document proves" are
worded the same way on every page, so a reviewer who reads "Ex. 3.1-3.4" in the summary finds
the same in the map and the forms.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from importer_app.bundle.pages.templates import load_template
from importer_app.bundle.plan import BundlePlan, Exhibit
from importer_app.core import vocab
from importer_app.core.catalog import Catalog, InformationType
from importer_app.core.caseindex import CaseIndex
from importer_app.core.model import Case, Entity, Link, Shipment
from importer_app.core.tiers import derive_tiers


def long_date(day: dt.date | None) -> str:
    """``November 8, 2026`` (the US form a CBP officer reads); empty for no date."""
    return f"{day:%B} {day.day}, {day.year}" if day is not None else ""


def number(value: float) -> str:
    """``9,600`` or ``2,864.25``: thousands separated, no trailing zeros."""
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return text or "0"


def quantity(value: float, unit: str) -> str:
    return f"{number(value)} {unit}".strip()


def port_label(shipment: Shipment) -> str:
    """``Los Angeles (2704)``; empty when the case names no port."""
    code = f"({shipment.port_code})" if shipment.port_code else ""
    return " ".join(filter(None, [shipment.port_name, code]))


def role_label(role: str) -> str:
    """``raw material producer``: the role as a word in a sentence."""
    return vocab.ROLE_LABELS.get(role, role).lower()


def entity_name(entity: Entity) -> str:
    """The name, with the name in its own script after it when there is one."""
    return f"{entity.name} ({entity.name_local})" if entity.name_local else entity.name


def exhibit_list(ids: Iterable[str]) -> str:
    """Exhibit ids in reading order, consecutive ones of a step as a range: ``1.1-1.4, 3.2``."""
    parsed = sorted({_id_key(i) for i in ids})
    parts: list[str] = []
    for step, group in itertools.groupby(parsed, key=lambda key: key[0]):
        indexes = [key[1] for key in group]
        for _, run in itertools.groupby(enumerate(indexes), key=lambda pair: pair[1] - pair[0]):
            values = [value for _, value in run]
            first, last = values[0], values[-1]
            if first == last:
                parts.append(f"{step}.{first}")
            else:
                parts.append(f"{step}.{first}–{step}.{last}")
    return ", ".join(parts)


def _id_key(exhibit_id: str) -> tuple[int, int]:
    step, _, index = exhibit_id.partition(".")
    return int(step), int(index or 0)


@dataclass(frozen=True)
class CaseFacts:
    """Lookups over one case and its bundle plan, built once per generator call.

    Attributes:
        tiers: tier of every entity (None when it is not connected to the importer).
        by_path: the exhibit of every document path in the plan.
        proves: information types of the case's regime that each document type can satisfy.
        index: the case's entities and links by id and by who delivers to whom.
    """

    case: Case
    plan: BundlePlan
    catalog: Catalog
    tiers: dict[str, int | None]
    by_path: dict[str, Exhibit]
    proves: dict[str, tuple[InformationType, ...]]
    index: CaseIndex

    @classmethod
    def of(cls, case: Case, plan: BundlePlan, catalog: Catalog) -> CaseFacts:
        regime = case.shipment.regime
        proves: dict[str, list[InformationType]] = {}
        for row in catalog.information_types:
            if row.satisfied_by == "documents" and row.applies_to(regime, case.shipment.commodity):
                for type_id in row.documents:
                    proves.setdefault(type_id, []).append(row)
        return cls(
            case=case,
            plan=plan,
            catalog=catalog,
            tiers=derive_tiers(case),
            by_path={exhibit.document.path: exhibit for exhibit in plan.exhibits},
            proves={type_id: tuple(rows) for type_id, rows in proves.items()},
            index=CaseIndex(case),
        )

    def exhibits_of(self, paths: Sequence[str]) -> str:
        """The exhibit ids of document paths, as ``exhibit_list`` words; paths not in the plan as is."""
        ids = [self.by_path[path].id for path in paths if path in self.by_path]
        outside = [path for path in paths if path not in self.by_path]
        return ", ".join(filter(None, [exhibit_list(ids), *outside]))

    def entity_exhibits(self, entity_id: str) -> str:
        return exhibit_list(self.plan.exhibit_ids_for_entity(entity_id))

    def link_exhibits(self, link_id: str) -> str:
        return exhibit_list(self.plan.exhibit_ids_for_link(link_id))

    def type_name(self, type_id: str) -> str:
        document_type = self.catalog.document_types.get(type_id)
        return document_type.name if document_type is not None else type_id

    def entities_upstream_first(self) -> tuple[Entity, ...]:
        """Entities from the deepest tier (raw material) to the importer, in case order within a
        tier; those not connected to the importer last."""
        return tuple(sorted(self.case.entities,
                            key=lambda e: (self.tiers.get(e.id) is None, -(self.tiers.get(e.id) or 0))))

    def links_upstream_first(self) -> tuple[Link, ...]:
        """Links in the order of their suppliers in ``entities_upstream_first``."""
        rank = {entity.id: position for position, entity in enumerate(self.entities_upstream_first())}
        return tuple(sorted(self.case.links, key=lambda link: rank.get(link.source, len(rank))))

    def incoming(self, entity_id: str) -> tuple[Link, ...]:
        return tuple(self.index.incoming_of(entity_id))

    def outgoing(self, entity_id: str) -> tuple[Link, ...]:
        return tuple(self.index.outgoing_of(entity_id))

    def name_of(self, entity_id: str) -> str:
        """The entity's name, or its id when the case does not know it."""
        try:
            return self.case.entity(entity_id).name
        except KeyError:
            return entity_id


def section_title(key: str) -> str:
    """The title of a bundle section (``forms/templates/bundle.toml``), e.g. ``cover_letter``."""
    return load_template("bundle").text("sections", key)


def section_titles(regime: str) -> tuple[str, ...]:
    """The titles of the sections a bundle of ``regime`` binds, in order."""
    words = load_template("bundle")
    keys = [key for key in words.raw("sections", "order") if key != "forms" or regime in vocab.SECTION_307_REGIMES]
    return tuple(words.text("sections", key) for key in keys)


def labor_class(case: Case) -> str:
    """The prohibited class of labor in words (``forced labor``), all three when none is given."""
    return load_template("bundle").text("class_of_labor", case.shipment.class_of_labor or "unknown")


def footer(case: Case) -> str:
    return load_template("bundle").text("footer", "text", values={"entry_number": case.shipment.entry_number})
