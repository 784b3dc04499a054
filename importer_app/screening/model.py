"""What screening reads and produces: listed entities, list snapshots, hits.

Plain frozen dataclasses, like ``core.model``. The parsers build ``ListedEntity`` rows, the
snapshot store keeps them as ``Snapshot``s, ``screen`` turns case entities and snapshots into
a ``ScreeningResult``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: The lists importer_app knows, in the order they are shown.
LIST_IDS = ("uflpa", "wro")
LIST_TITLES = {
    "uflpa": "DHS UFLPA Entity List",
    "wro": "CBP Withhold Release Orders and Findings",
}
#: How each list's official file is recognised and parsed (``Snapshot.source_kind``).
SOURCE_KINDS = {"uflpa": "dhs-uflpa-html", "wro": "cbp-wro-csv"}


@dataclass(frozen=True)
class ListedEntity:
    """One entity as an official list names it.

    Attributes:
        list_id: ``"uflpa"`` or ``"wro"``.
        name: the main name, as printed (aliases and scope notes taken out).
        aliases: other names the list gives: "a/k/a", "also known as", "formerly known as",
            "including N aliases", and an acronym in brackets ("(XPCC)").
        section: UFLPA: the statutory list, e.g. ``2(d)(2)(B)(i)``; WRO: ``WRO`` or ``Finding``.
        status: WRO: ``Active``, ``Partially Active``, ...; empty for the UFLPA list.
        effective_date: the date the listing or order took effect, when the list gives one.
        country: WRO: the country named in the row; empty for the UFLPA list.
        merchandise: WRO: the goods the order covers; empty for the UFLPA list.
        note: the listing's scope: "and its subsidiaries", "subsidiary of ...".
        remarks: WRO: the row's remarks (modifications, partial revocations).
        source: where in the file the row is, for the user: ``line 14``, ``table 2, row 5``.
    """

    list_id: str
    name: str
    aliases: tuple[str, ...] = ()
    section: str = ""
    status: str = ""
    effective_date: dt.date | None = None
    country: str = ""
    merchandise: str = ""
    note: str = ""
    remarks: str = ""
    source: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """The main name followed by the aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class ParsedList:
    """What a parser read from one official file.

    Attributes:
        list_id: which list the file is.
        source_kind: the file's format (``SOURCE_KINDS``).
        entities: every entity named, in file order; one row may name several.
        notes: what the parser did that the user should know, in sentences (the file was
            read as Windows-1252; a row without an entity was skipped).
    """

    list_id: str
    source_kind: str
    entities: tuple[ListedEntity, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Snapshot:
    """One imported version of a list, as stored in the app's data folder.

    Attributes:
        id: the snapshot's stable name (its file name without ``.json``).
        list_id: ``"uflpa"`` or ``"wro"``.
        source_kind: the file's format (``SOURCE_KINDS``).
        file_name: the name of the file the user imported.
        sha256: hex digest of that file's bytes.
        imported_at: when it was first imported (UTC).
        confirmed_at: when the same bytes were last imported (UTC); a re-download that
            finds the list unchanged makes the snapshot current again without a new version.
        entities: the parsed entities.
        notes: the parser's notes for the user.
    """

    id: str
    list_id: str
    source_kind: str
    file_name: str
    sha256: str
    imported_at: dt.datetime
    confirmed_at: dt.datetime
    entities: tuple[ListedEntity, ...]
    notes: tuple[str, ...] = ()

    @property
    def entity_count(self) -> int:
        return len(self.entities)

    @property
    def title(self) -> str:
        """The list's name for the user."""
        return LIST_TITLES[self.list_id]


@dataclass(frozen=True)
class ImportResult:
    """What ``import_list`` did.

    Attributes:
        snapshot: the snapshot now in force for the file's list.
        already_imported: the same bytes were imported before; no new version was made,
            only ``confirmed_at`` moved to now.
    """

    snapshot: Snapshot
    already_imported: bool


@dataclass(frozen=True)
class HitKey:
    """A hit's stable identity, for matching a stored decision (confirm/dismiss) to it later.

    Attributes:
        list_id: ``"uflpa"`` or ``"wro"``.
        listed: the listed main name in matching form (case, accents, punctuation and legal
            forms folded), so a list update that only re-punctuates the name keeps the key.
        entity_id: the case entity's id.
    """

    list_id: str
    listed: str
    entity_id: str

    _SEPARATOR = "|"

    def as_text(self) -> str:
        """One string for storing in the case file; ``from_text`` reads it back."""
        return self._SEPARATOR.join((self.list_id, self.listed, self.entity_id))

    @classmethod
    def from_text(cls, text: str) -> HitKey:
        """The key ``as_text`` wrote; ValueError for anything else."""
        # The entity id goes last and may itself hold the separator; the other two cannot
        # (list ids are fixed, matching forms are letters, digits and spaces).
        list_id, listed, entity_id = text.split(cls._SEPARATOR, 2)
        if list_id not in LIST_IDS:
            raise ValueError(f"not a screening hit key: {text!r}")
        return cls(list_id, listed, entity_id)


@dataclass(frozen=True)
class Hit:
    """A listed entity that one case entity may be: a candidate for the user to decide on.

    Attributes:
        key: the stable identity a decision is stored under.
        entity_id: the case entity's id.
        case_name: the case-side name that matched, as the user wrote it.
        case_field: ``"name"``, ``"name_local"`` or ``"alias"``.
        list_id: ``"uflpa"`` or ``"wro"``.
        listings: every listing of that entity on the list (the UFLPA list may name one
            entity under several sections); the first is the one matched.
        matched_name: the listed name or alias that matched, as printed.
        matched_alias: ``matched_name`` is an alias, not the main name.
        score: 0 to 100, how close the names are (see ``match``).
        kind: ``"same_name"``, ``"case_name_in_listed"`` (every word of the case name is in
            the listed one) or ``"listed_name_in_case"``.
        why: a sentence for the user saying what matched.
    """

    key: HitKey
    entity_id: str
    case_name: str
    case_field: str
    list_id: str
    listings: tuple[ListedEntity, ...]
    matched_name: str
    matched_alias: bool
    score: int
    kind: str
    why: str

    @property
    def listed(self) -> ListedEntity:
        return self.listings[0]


@dataclass(frozen=True)
class ScreenedName:
    """One name of a case entity as screening compared it.

    Attributes:
        field: ``"name"``, ``"name_local"`` or ``"alias"``.
        text: the name as the user wrote it.
        compared: the matching form it was compared as (romanised for Chinese script).
        screenable: false when nothing distinctive was left to compare (a single generic
            word such as "Textile", or only a legal form).
    """

    field: str
    text: str
    compared: str
    screenable: bool


@dataclass(frozen=True)
class EntityScreening:
    """The screening of one case entity against every snapshot given."""

    entity_id: str
    names: tuple[ScreenedName, ...]
    hits: tuple[Hit, ...]


@dataclass(frozen=True)
class ScreeningResult:
    """Every case entity screened against the same snapshots.

    Attributes:
        snapshots: the snapshots screened against, in ``LIST_IDS`` order.
        entities: one record per case entity, in the case's order.
    """

    snapshots: tuple[Snapshot, ...]
    entities: tuple[EntityScreening, ...]

    @property
    def hits(self) -> tuple[Hit, ...]:
        """Every candidate hit, entity by entity, best first within an entity."""
        return tuple(hit for record in self.entities for hit in record.hits)
