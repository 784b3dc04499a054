"""The case: one detained shipment and the evidence gathered for it.

Plain, immutable dataclasses. The store builds them from the case file, the description
loader from a TOML file; the engine, the bundle and the window only read them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Final


@dataclass(frozen=True)
class Shipment:
    """The detained entry (design.md, "Shipment").

    Attributes:
        regime: one of ``vocab.REGIMES``.
        entry_number: CBP entry number, e.g. ``ABC-1234567-8``.
        importer_of_record: legal name of the importer of record.
        merchandise: plain description of the goods.
        quantity: quantity entered, in ``unit``.
        unit: unit of ``quantity`` (``pcs``, ``kg``, ...).
        country_of_origin: ISO 3166-1 alpha-2 code.
        date_of_importation: the date the 12.43 three-month clock starts from.
        title: a short name for the case shown in the window.
        entry_lines: the entry line numbers under detention.
        detention_number: the number on CBP's notice of detention.
        port_code: four-digit CBP port code.
        port_name: port name.
        importer_address: address of the importer of record.
        ultimate_consignee: defaults to the importer of record when empty.
        hts: HTS numbers of the detained lines.
        value_usd: entered value in US dollars.
        country_of_exportation: defaults to the country of origin when empty.
        order_reference: the WRO or Finding the goods are held under.
        class_of_labor: the prohibited class named in the WRO/Finding.
        date_presented: goods presented for examination (19 CFR 151.16).
        date_of_detention: date of the detention decision.
        date_of_notice: date of the notice of detention.
        date_of_exclusion_notice: date of the written notice of exclusion.
        date_deemed_excluded: the day the goods were deemed excluded (19 U.S.C.
            1499(c)(5)(A)), when recorded; otherwise the check counts it from presentation.
        date_of_protest: date a protest against the detention or exclusion was filed.
        date_of_seizure_notice: date the seizure notice was mailed.
        date_exception_granted: date CBP granted a UFLPA exception.
        commodity: the sector profile of the goods (an ``id`` of forms/catalog/sectors.toml,
            e.g. ``polysilicon``), which adds that sector's evidence items to the check; empty
            for none.
    """

    regime: str
    entry_number: str
    importer_of_record: str
    merchandise: str
    quantity: float
    unit: str
    country_of_origin: str
    date_of_importation: dt.date
    title: str = ""
    entry_lines: tuple[int, ...] = ()
    detention_number: str = ""
    port_code: str = ""
    port_name: str = ""
    importer_address: str = ""
    ultimate_consignee: str = ""
    hts: tuple[str, ...] = ()
    value_usd: float | None = None
    country_of_exportation: str = ""
    order_reference: str = ""
    class_of_labor: str = ""
    date_presented: dt.date | None = None
    date_of_detention: dt.date | None = None
    date_of_notice: dt.date | None = None
    date_of_exclusion_notice: dt.date | None = None
    date_deemed_excluded: dt.date | None = None
    date_of_protest: dt.date | None = None
    date_of_seizure_notice: dt.date | None = None
    date_exception_granted: dt.date | None = None
    commodity: str = ""

    @property
    def consignee(self) -> str:
        """The ultimate consignee, falling back to the importer of record."""
        return self.ultimate_consignee or self.importer_of_record

    @property
    def exportation_country(self) -> str:
        """The country of exportation, falling back to the country of origin."""
        return self.country_of_exportation or self.country_of_origin

    @property
    def display_title(self) -> str:
        return self.title or f"{self.importer_of_record} - entry {self.entry_number}"


@dataclass(frozen=True)
class RecipeRow:
    """One input material of a processing entity's recipe, with the output a unit of it makes.

    Attributes:
        material: the input material as its transfers name it; compared without regard to
            case or spaces.
        yield_: output units (in the unit the entity ships in) per ``unit`` of this material,
            e.g. 1.82 kg of flooring per kg of PVC resin (``yield`` in TOML).
        unit: the unit the material is counted in (``units.known_unit``).
    """

    material: str
    yield_: float
    unit: str


@dataclass(frozen=True)
class Entity:
    """A company or site in the supply chain, from raw material to the importer.

    Attributes:
        address: the street address as written on its documents, in any script.
        aliases: other names it trades or is known under; screening compares them too.
        subdivision: its first-level subdivision (ISO 3166-2, e.g. ``CN-XJ``), as the user
            states it; empty when not known.
        owner: the company or group that owns it, as the user writes it; material moving
            between two entities of the same owner is an internal transfer. Empty when the
            entity is its own owner or the owner is not known.
        recipe: the output each input material allows; when there is one, the mass balance
            reconciles each material on its own and leaves out inputs of other materials.
            Empty: every input counts at its link's own yield.
    """

    id: str
    name: str
    role: str
    country: str
    address: str = ""
    name_local: str = ""
    tier: int | None = None
    aliases: tuple[str, ...] = ()
    subdivision: str = ""
    owner: str = ""
    recipe: tuple[RecipeRow, ...] = ()


@dataclass(frozen=True)
class Link:
    """A transfer of material from one entity (``source``) to the next (``target``).

    Attributes:
        yield_: the buyer's output units per unit of this input (``yield`` in TOML).
        references: order, invoice and B/L numbers of this transfer.
        material_class: one of ``vocab.MATERIAL_CLASSES``: empty for an ordinary input,
            ``raw`` for a single-ingredient raw commodity (raw sugar, fish, cotton lint),
            ``auxiliary`` for packaging, fillers and other inputs that do not become the output.
        payment_terms: one of ``vocab.PAYMENT_TERMS`` or ``net N`` (N days after shipment);
            empty when not stated.
    """

    id: str
    source: str
    target: str
    material: str
    quantity: float
    unit: str
    yield_: float | None = None
    shipped: dt.date | None = None
    references: tuple[str, ...] = ()
    material_class: str = ""
    payment_terms: str = ""


@dataclass(frozen=True)
class PageInfo:
    """One page as the bundle will show it.

    Attributes:
        width_pt: width of the visible area (CropBox) before rotation, in points.
        height_pt: height of the visible area (CropBox) before rotation, in points.
        rotation: the page's /Rotate, clockwise, normalised to 0, 90, 180 or 270.
        has_text: the page carries a text layer (it can be searched and copied from).
    """

    width_pt: float
    height_pt: float
    rotation: int
    has_text: bool


@dataclass(frozen=True)
class Document:
    """A piece of evidence: metadata only; the bytes stay in the case file's blobs.

    Attributes:
        path: the document's name in the case, unique, relative, with ``/`` separators;
            the same string as ``path`` in a case description.
        sha256: hex digest of the original bytes, the blob key.
        type: a document type id (``vocab.DOCUMENT_TYPES``).
        translation_of: ``path`` of the foreign-language document this one translates.
        page_count: pages of the PDF the bundle uses, ``None`` while there is none.
        media_type: the original's type, sniffed from its content.
        original_name: the file name the document was added under.
        rendition_sha256: blob key of the PDF the bundle uses when it is not the original
            (repaired, converted, decrypted, active content removed); empty otherwise.
        rendition_reason: why that rendition exists.
        needs_rendition: an office file kept without a PDF (LibreOffice was not available).
        pages: size, rotation and text layer of each page of the PDF the bundle uses.
        notes: what intake found and did, in sentences for the user.
        restrictions: permissions an owner password withholds (printing, copying, ...).
        hostile: active content found in the original (JavaScript, Launch, ...).
        suggested_type: the document type its text suggests; never applied silently.
        suggested_confidence: 0 to 1, how sure that suggestion is.
    """

    path: str
    sha256: str
    type: str
    size: int
    title: str = ""
    date: dt.date | None = None
    entities: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    language: str = "en"
    translation_of: str = ""
    page_count: int | None = None
    media_type: str = "application/pdf"
    original_name: str = ""
    rendition_sha256: str = ""
    rendition_reason: str = ""
    needs_rendition: bool = False
    pages: tuple[PageInfo, ...] = ()
    notes: tuple[str, ...] = ()
    restrictions: tuple[str, ...] = ()
    hostile: tuple[str, ...] = ()
    suggested_type: str = ""
    suggested_confidence: float = 0.0

    @property
    def bundle_sha256(self) -> str:
        """The blob the bundle uses: the rendition when there is one, else the original."""
        return self.rendition_sha256 or self.sha256

    @property
    def searchable(self) -> bool:
        """Every page has a text layer (scanned pages have none)."""
        return all(page.has_text for page in self.pages)


@dataclass(frozen=True)
class NotApplicable:
    """The user's decision that an information type does not apply, with the reason.

    Attributes:
        scope: ``case``, ``entity:ID`` or ``link:ID``.
    """

    requirement: str
    scope: str
    reason: str


@dataclass(frozen=True)
class ScreeningDecision:
    """The user's decision on a candidate list hit: the entity is the listed one, or is not.

    Attributes:
        key: the hit's stable key (``screening.HitKey.as_text()``): list, listed name, entity.
        entity_id: the case entity the hit is about.
        decision: ``confirmed`` (it is the listed entity) or ``dismissed`` (it is not).
        reason: why, in words CBP can read; required for a dismissal.
        decided_at: when the decision was recorded (UTC).
    """

    key: str
    entity_id: str
    decision: str
    reason: str
    decided_at: dt.datetime


SCREENING_DECISIONS: Final[tuple[str, ...]] = ("confirmed", "dismissed")


@dataclass(frozen=True)
class Inquiry:
    """A request for information from CBP (a CBP Form 28, a letter, a portal message) and the
    importer's answer to it.

    Attributes:
        id: unique within the case; lowercase letters, digits, - and _.
        date: the day CBP sent it.
        asked: what CBP asked for, in the user's words.
        response_date: the day the importer answered; None while unanswered.
        response_exhibits: paths of the case's documents that made up the answer.
        contends: what the request contends about where the goods came from, as ids of
            ``forms/catalog/contentions.toml`` (``commingled``, ``other-origin``); empty when it
            contends nothing. A tuple, not one value: one request may say both that an input
            came from another producer and that it was mixed into the lots shipped.
    """

    id: str
    date: dt.date
    asked: str
    response_date: dt.date | None = None
    response_exhibits: tuple[str, ...] = ()
    contends: tuple[str, ...] = ()

    @property
    def answered(self) -> bool:
        """An answer is on record: its date and at least one document sent."""
        return self.response_date is not None and bool(self.response_exhibits)


@dataclass(frozen=True)
class EvidenceStatement:
    """The importer's own statement that its evidence is clear and convincing (UFLPA s.3(b)(2)).

    No software can weigh evidence: the check records that a named person stated it and when.

    Attributes:
        summary: why the evidence shows that no forced labor was used, in words CBP reads.
        signed_by: the name (and title) of the person who signs it off.
        signed_on: the day it was signed off.
    """

    summary: str
    signed_by: str
    signed_on: dt.date


@dataclass(frozen=True)
class GapRequest:
    """One request the importer made to obtain a missing document.

    Attributes:
        to: who was asked (a company, and the person where known).
        sent: the day the request was sent.
        reply_by: the reply date the request asked for; None when it set none.
        replied: the day a reply came; None while none has come.
        reply: what the reply said, in a sentence; empty while none has come.
    """

    to: str
    sent: dt.date
    reply_by: dt.date | None = None
    replied: dt.date | None = None
    reply: str = ""


@dataclass(frozen=True)
class GapExplanation:
    """Why an item CBP asks for is not in the submission, and what the importer did about it.

    Attributes:
        requirement: the information type id.
        scope: ``case``, ``entity:ID``, ``link:ID`` or ``document:PATH``, as the check reports it.
        explanation: why the document does not exist or is unavailable, in words CBP reads.
        supplement_by: the day by which the importer commits to supplement the submission;
            None when it makes no such commitment.
        requests: the requests made to obtain it, oldest first.
    """

    requirement: str
    scope: str
    explanation: str
    supplement_by: dt.date | None = None
    requests: tuple[GapRequest, ...] = ()


ORDER_KINDS: Final[tuple[str, ...]] = ("wro", "finding")
ORDER_STATUSES: Final[tuple[str, ...]] = ("active", "modified", "revoked", "inactive")


@dataclass(frozen=True)
class DetentionOrder:
    """The Withhold Release Order or Finding the goods are held under (19 CFR 12.42(e)-(f)).

    Its identifier is ``Shipment.order_reference``.

    Attributes:
        kind: ``wro`` or ``finding``.
        issued: the day the order was issued (a Finding: published).
        status: ``active``, ``modified``, ``revoked`` or ``inactive``, as CBP lists it.
        status_changed: the day of the last change of status; None while it never changed.
        goods_outside: a modification took these goods out of the order's scope.
        finding_published: the day a Finding replacing this WRO was published while the goods
            were held; None when none was.
        scope: what the order covers, in its own words (goods, producer, place).
        indicators: the forced-labor indicators it names (``vocab.FORCED_LABOR_INDICATORS``).
        producers: the producers and facilities it names, as written in the order.
    """

    kind: str
    issued: dt.date | None = None
    status: str = "active"
    status_changed: dt.date | None = None
    goods_outside: bool = False
    finding_published: dt.date | None = None
    scope: str = ""
    indicators: tuple[str, ...] = ()
    producers: tuple[str, ...] = ()

    @property
    def is_finding(self) -> bool:
        """The goods are held under a Finding, issued as one or replacing the WRO."""
        return self.kind == "finding" or self.finding_published is not None

    @property
    def releases_goods(self) -> bool:
        """The order no longer holds these goods: revoked, inactive, or modified to leave them out."""
        return self.status in ("revoked", "inactive") or (self.status == "modified" and self.goods_outside)


@dataclass(frozen=True)
class ExtensionRequest:
    """A request for more time on a task CBP set (a Forced Labor Portal task, a reply date).

    Attributes:
        task: what the task is, in the user's words (CBP's task name or number).
        requested: the day the extension was requested.
        due: the task's due date when the extension was requested; None when not known.
        granted_on: the day CBP granted it; None while not granted.
        until: the new due date CBP granted; None while not granted.
    """

    task: str
    requested: dt.date
    due: dt.date | None = None
    granted_on: dt.date | None = None
    until: dt.date | None = None


@dataclass(frozen=True)
class Case:
    """Everything known about one detained shipment."""

    shipment: Shipment
    entities: tuple[Entity, ...] = ()
    links: tuple[Link, ...] = ()
    documents: tuple[Document, ...] = ()
    not_applicable: tuple[NotApplicable, ...] = ()
    screening_decisions: tuple[ScreeningDecision, ...] = ()
    inquiries: tuple[Inquiry, ...] = ()
    evidence_statement: EvidenceStatement | None = None
    gap_explanations: tuple[GapExplanation, ...] = ()
    order: DetentionOrder | None = None
    extension_requests: tuple[ExtensionRequest, ...] = ()
    _entity_index: dict[str, Entity] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._entity_index.update({e.id: e for e in self.entities})

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id; KeyError when there is none."""
        return self._entity_index[entity_id]
