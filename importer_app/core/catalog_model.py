"""The CBP requirement catalog as data: sources, document types, information types, deadline
rules and consistency checks, plus the closed vocabularies the catalog files may use.

``importer_app.core.catalog`` loads and validates the files of ``forms/catalog`` into these
frozen dataclasses; the engine only reads them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Final

from importer_app.core.errors import AppError, Problem
from importer_app.core.geography import Region
from importer_app.core.plural import counted

LEVELS: Final[tuple[str, ...]] = ("required", "expected", "recommended", "supporting")
LEVEL_SEVERITY: Final[Mapping[str, str]] = MappingProxyType(
    {"required": "missing", "expected": "missing", "recommended": "warning", "supporting": "info"}
)
"""Severity of a gap by level: what CBP requires or expects blocks the submission."""

SEVERITY_WORD: Final[Mapping[str, str]] = MappingProxyType(
    {"missing": "Missing", "warning": "Recommended", "info": "Optional"}
)
"""The word a finding of each severity opens with ("Missing: Bill of lading")."""

SCOPES: Final[tuple[str, ...]] = (
    "case",
    "exportation_country",
    "production_country",
    "entity",
    "link",
    "foreign_document",
)
SATISFIED_BY: Final[tuple[str, ...]] = (
    "documents", "case-data", "bundle", "practice", "screening", "origin", "location", "inquiries", "sign-off",
    "indicator",
)
FINDING_KINDS: Final[tuple[str, ...]] = (
    "requirement",
    "chronology",
    "quantity",
    "reference",
    "translation",
    "structure",
    "screening",
    "deadline",
    "preflight",
)
SEVERITIES: Final[tuple[str, ...]] = ("missing", "warning", "info")
OWNERS: Final[tuple[str, ...]] = ("different", "same")
"""For link items: asked only of transfers between entities of different owners (a sale), or
only of transfers within one owner (an internal transfer)."""
DAY_UNITS: Final[tuple[str, ...]] = ("business", "calendar", "months")
ACTORS: Final[tuple[str, ...]] = ("importer", "cbp")
SOURCE_KINDS: Final[tuple[str, ...]] = ("primary", "background")
CHECK_IDS: Final[frozenset[str]] = frozenset(
    {
        "no-importer",
        "entity-not-connected",
        "chain-not-to-raw-material",
        "link-cycle",
        "quantity-exceeds-input",
        "quantity-units",
        "shipped-before-input",
        "shipped-after-importation",
        "production-document-after-importation",
        "reference-mismatch",
        "document-without-pdf",
        "applicability-route-closed",
        "listed-entity-presumption",
        "order-releases-goods",
        "order-is-finding",
        "order-became-finding",
        "order-names-entity",
        "order-names-producer-lots",
        "export-before-seizure",
        "extension-limit",
        "extension-past-due",
    }
)
"""The consistency checks the engine runs; checks.toml must describe each of them."""


class CatalogError(AppError):
    """The catalog files cannot be used; ``problems`` lists every fault found.

    Each problem's ``key`` is the id of the entry at fault (empty for the file as a whole).
    """

    def __init__(self, directory: Path, problems: Iterable[Problem]) -> None:
        self.directory = directory
        self.problems = tuple(problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        count = len(self.problems)
        super().__init__(f"The requirement catalog in {directory} has {counted(count, 'problem')}:\n{lines}")


@dataclass(frozen=True)
class Source:
    """A source every citation resolves to (domain.md section H).

    Attributes:
        tag: ``S`` and two digits.
        title: what the source is, fit to show the user beside a finding.
        where: URLs, regulation cites or repository paths where it was read.
        parts: named parts of a grouped source (citation ``S20-gdlsk``), name to location.
        kind: ``primary`` (statute, regulation, CBP publication: the bundle cites it) or
            ``background`` (for the user only, never printed in the bundle).
        cite: primary only: the short citation the bundle prints.
        cite_title: primary only: the title on the bundle's page of sources.
        url: primary only: where CBP can read it (regulations: the current eCFR).
        published: primary only: its date as the page of sources prints it.
        checked: the day ``url`` was confirmed as the address of a stored copy of the source.
        unconfirmed: ``url`` could not be confirmed; the page of sources prints ``legal_cite``
            in its place.
        legal_cite: the full legal citation printed instead of an unconfirmed address
            (``19 C.F.R. § 12.43 (current edition)``).
        read_note: where or in which edition the text was read, for the user only.
    """

    tag: str
    title: str
    where: tuple[str, ...]
    date: str
    parts: Mapping[str, str] = field(default_factory=dict)
    kind: str = "background"
    cite: str = ""
    cite_title: str = ""
    url: str = ""
    published: str = ""
    checked: dt.date | None = None
    unconfirmed: bool = False
    legal_cite: str = ""
    read_note: str = ""


@dataclass(frozen=True)
class DocumentType:
    """A kind of document a user files evidence under.

    Attributes:
        keywords: lower-case words suggesting this type in a document's text.
        proves_production: the document claims to show how the goods were made.
    """

    id: str
    name: str
    description: str
    keywords: tuple[str, ...]
    proves_production: bool = False


@dataclass(frozen=True)
class InformationType:
    """One thing CBP asks to be shown, and where and how the engine checks it.

    The field meanings are documented in the header of ``information_types.toml``.
    """

    id: str
    title: str
    category: str
    proves: str
    scope: str
    regimes: frozenset[str]
    level: str
    satisfied_by: str
    documents: tuple[str, ...]
    citation: tuple[str, ...]
    guidance: str
    to_cbp: str = ""
    set_out_in: str = ""
    level_by_regime: Mapping[str, str] = field(default_factory=dict)
    roles: frozenset[str] = frozenset()
    supplier_roles: frozenset[str] = frozenset()
    downstream_roles: frozenset[str] = frozenset()
    level_by_contention: Mapping[str, str] = field(default_factory=dict)
    cross_border: bool = False
    fields: tuple[str, ...] = ()
    part_of: str = ""
    finding_kind: str = "requirement"
    indicator: str = ""
    commodity: str = ""
    shares_documents_with: frozenset[str] = frozenset()
    owners: str = ""
    due_with_payment: bool = False
    not_for_raw_commodity: bool = False

    def applies_to(self, regime: str, commodity: str = "") -> bool:
        """Whether a case of this regime, about goods of this sector (``Shipment.commodity``),
        is asked for this item; a sector's own items (``commodity`` set) only in cases of that
        sector."""
        return regime in self.regimes and (not self.commodity or self.commodity == commodity)

    def level_for(self, regime: str, contentions: frozenset[str] = frozenset()) -> str:
        """The level of this item in a case of ``regime`` whose order or CBP contends
        ``contentions`` (``contention.case_contentions``): the highest of the regime's level
        and the levels those contentions raise it to."""
        level = self.level_by_regime.get(regime, self.level)
        for contention in contentions:
            raised = self.level_by_contention.get(contention, level)
            if LEVELS.index(raised) < LEVELS.index(level):
                level = raised
        return level


@dataclass(frozen=True)
class Contention:
    """What a request from CBP may contend about where the goods came from (contentions.toml).

    Attributes:
        id: the value of ``Inquiry.contends``, e.g. ``commingled``.
        label: the words the user ticks in the window.
        help: what CBP writes when it contends this, for the user.
        to_cbp: what CBP contends, completing "contends that ..."; the bundle may print it.
        guidance: for the user: why the items naming the contention weigh more.
        citation: the sources the raised levels rest on.
    """

    id: str
    label: str
    help: str
    to_cbp: str
    guidance: str
    citation: tuple[str, ...]


@dataclass(frozen=True)
class Sector:
    """A sector profile (sectors.toml): goods CBP asks sector-specific evidence for.

    Attributes:
        id: the value of ``Shipment.commodity`` that selects it, e.g. ``polysilicon``.
        hts: the HTS chapters (2 digits) or headings (4 digits) of its goods; a shipment's HTS
            numbers suggest the sector whose longest entry they start with.
        items: ids of the sector's own information types (``InformationType.commodity``).
    """

    id: str
    name: str
    description: str
    hts: tuple[str, ...]
    citation: tuple[str, ...]
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeadlineRule:
    """A deadline that runs from a date of the shipment (domain.md section A.8).

    Attributes:
        start: the ``Shipment`` date field it runs from; empty when the case does not record
            the start event, so the rule cannot be computed.
        unit: ``business``, ``calendar`` or ``months``.
        acts: ``importer`` or ``cbp``: who must act by the date.
        advisory_in: regimes in which the date is a caution only.
        after: what followed (or follows) once the date has passed, for the user.
        start_else: a rule whose date, once passed, starts this one when the case does not
            record ``start`` (deemed exclusion: day 30 after presentation).
        superseded_by: Shipment date fields; when one is recorded, ``start_else`` does not apply.
    """

    id: str
    start: str
    start_event: str
    offset: int
    unit: str
    regimes: frozenset[str]
    acts: str
    meaning: str
    citation: tuple[str, ...]
    to_cbp: str = ""
    advisory_in: frozenset[str] = frozenset()
    advisory_note: str = ""
    after: str = ""
    start_else: str = ""
    superseded_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Check:
    """How a consistency check of the engine reports the faults it finds.

    Attributes:
        basis: the information type the check serves.
        to_cbp: what the bundle tells CBP when the check applies; empty for most checks.
    """

    id: str
    kind: str
    severity: str
    basis: str
    citation: tuple[str, ...]
    guidance: str
    to_cbp: str = ""


@dataclass(frozen=True)
class Catalog:
    """The whole rule data, validated."""

    version: str
    as_of: dt.date
    sources: Mapping[str, Source]
    document_types: Mapping[str, DocumentType]
    information_types: tuple[InformationType, ...]
    deadlines: tuple[DeadlineRule, ...]
    checks: Mapping[str, Check]
    regions: tuple[Region, ...] = ()
    sectors: Mapping[str, Sector] = field(default_factory=dict)
    contentions: Mapping[str, Contention] = field(default_factory=dict)
    """What a request from CBP may contend, by id, in the file's order."""
    basis: str = ""
    """The guidance the rows rest on, as ``check`` states it once (catalog.toml ``basis``)."""

    def information_type(self, type_id: str) -> InformationType:
        """The information type with this id; KeyError when there is none."""
        for row in self.information_types:
            if row.id == type_id:
                return row
        raise KeyError(type_id)

    def rows_for(self, regime: str, commodity: str) -> Iterator[InformationType]:
        """The information types a case of ``regime`` about goods of ``commodity`` is asked for."""
        return (row for row in self.information_types if row.applies_to(regime, commodity))

    def suggest_commodity(self, hts: Iterable[str]) -> str:
        """The sector the HTS numbers of a shipment point to, or ``""``.

        Each number counts for the sector with the longest ``hts`` code it starts with (a
        heading before its chapter); the sector most numbers count for wins, the first in
        sectors.toml on a tie. It only suggests: the user chooses the shipment's commodity.
        """
        votes: dict[str, int] = {}
        codes = sorted(((code, sector.id) for sector in self.sectors.values() for code in sector.hts),
                       key=lambda pair: -len(pair[0]))
        for number in hts:
            digits = "".join(char for char in number if char.isdigit())
            match = next((sector for code, sector in codes if digits.startswith(code)), "")
            if match:
                votes[match] = votes.get(match, 0) + 1
        order = list(self.sectors)
        return max(votes, key=lambda sector: (votes[sector], -order.index(sector)), default="")

    def primary_sources(self, tags: Iterable[str]) -> tuple[Source, ...]:
        """The primary sources among citation tags, each once, in the order first cited; the
        bundle cites only these (background sources stay with the user)."""
        found: dict[str, Source] = {}
        for tag in tags:
            source = self.sources[tag.partition("-")[0]]
            if source.kind == "primary":
                found.setdefault(source.cite, source)
        return tuple(found.values())

    def cite(self, tags: Iterable[str]) -> str:
        """The citation text for source tags, e.g. ``19 CFR 12.43, proof of admissibility [S02]; ...``.

        A tag naming one part of a grouped source (``S20-gdlsk``) cites the whole source: the
        part's key is the catalog's own name for a web page, not something to show anyone.
        """
        bases = dict.fromkeys(tag.partition("-")[0] for tag in tags)
        return "; ".join(f"{self.sources[base].title} [{base}]" for base in bases)
