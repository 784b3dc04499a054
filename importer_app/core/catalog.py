"""Loading the CBP requirement catalog from ``forms/catalog`` and refusing broken data.

What CBP asks for lives in TOML files, not in code (design.md, "Rules of the house"). This
module turns them into the frozen dataclasses of ``catalog_model`` and refuses a catalog that
a careless edit has broken: unknown document types, regimes, roles, levels or scopes,
citations that do not resolve to a source, duplicate ids. Every problem is reported with its
file and item id, all of them at once, so the person editing the data can fix them in one
pass. The data classes are re-exported here: ``from importer_app.core.catalog import ...``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
import tomllib
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, TypeVar, get_args, get_type_hints

from importer_app.core import vocab
from importer_app.core.catalog_model import (
    ACTORS,
    CHECK_IDS,
    DAY_UNITS,
    FINDING_KINDS,
    LEVEL_SEVERITY,
    LEVELS,
    OWNERS,
    SATISFIED_BY,
    SCOPES,
    SEVERITIES,
    SEVERITY_WORD,
    SOURCE_KINDS,
    Catalog,
    CatalogError,
    Check,
    Contention,
    DeadlineRule,
    DocumentType,
    InformationType,
    Sector,
    Source,
)
from importer_app.core.contention import NAMED_PRODUCER
from importer_app.core.datafiles import forms_dir
from importer_app.core.errors import Problem
from importer_app.core.geography import Place, Region, fold
from importer_app.core.model import Shipment

__all__ = [
    "ACTORS",
    "CHECK_IDS",
    "DAY_UNITS",
    "FINDING_KINDS",
    "LEVELS",
    "LEVEL_SEVERITY",
    "SATISFIED_BY",
    "SCOPES",
    "SEVERITIES",
    "SEVERITY_WORD",
    "SHIPMENT_DATE_FIELDS",
    "SHIPMENT_FIELDS",
    "Catalog",
    "CatalogError",
    "Check",
    "Contention",
    "DeadlineRule",
    "DocumentType",
    "InformationType",
    "Sector",
    "Source",
    "load_catalog",
]

SHIPMENT_FIELDS: Final[frozenset[str]] = frozenset(f.name for f in dataclasses.fields(Shipment))
SHIPMENT_DATE_FIELDS: Final[frozenset[str]] = frozenset(
    name for name, hint in get_type_hints(Shipment).items() if dt.date in (hint, *get_args(hint))
)

_CITATION_PATTERN: Final = re.compile(r"^(S\d\d)(?:-([a-z0-9-]+))?$")
_ROLE_SCOPES: Final = frozenset({"exportation_country", "production_country", "entity"})
_T = TypeVar("_T")


def _problem(file: str, item: str, message: str) -> Problem:
    return Problem(file=file, line=None, key=item, message=message)


def load_catalog(directory: Path | None = None) -> Catalog:
    """Read and validate the catalog.

    Args:
        directory: the catalog folder; ``forms/catalog`` of the installation by default.

    Returns:
        The validated catalog.

    Raises:
        CatalogError: a file is missing or unreadable, or any entry is invalid.
    """
    folder = directory if directory is not None else forms_dir() / "catalog"
    problems: list[Problem] = []
    data = {name: _read_toml(folder, name, problems) for name in _FILES}
    meta = _read_meta(data["catalog.toml"], problems)
    sources = _build(data["sources.toml"], "source", "tag", _source, problems)
    document_types = _build(data["document_types.toml"], "document_type", "id", _document_type, problems)
    contentions = _build(data["contentions.toml"], "contention", "id", _contention, problems)
    known_contentions = (NAMED_PRODUCER, *contentions)
    rows = _build(data["information_types.toml"], "information_type", "id",
                  lambda entry: _information_type(entry, known_contentions), problems)
    indicators = _build(data["indicators.toml"], "indicator", "id", _indicator, problems)
    rows = _with_indicators(rows, indicators, problems)
    deadlines = _build(data["deadlines.toml"], "deadline", "id", _deadline, problems)
    checks = _build(data["checks.toml"], "check", "id", _check, problems)
    regions = _build(data["places.toml"], "region", "code", _region, problems)
    raw_sectors = _build(data["sectors.toml"], "sector", "id", _sector, problems)
    sector_rows = _sector_rows(raw_sectors, rows, known_contentions, problems)
    rows.update(sector_rows)
    sectors = {key: dataclasses.replace(sector, items=tuple(row.id for row in sector_rows.values()
                                                            if row.commodity == key))
               for key, (sector, _) in raw_sectors.items()}
    if all(content is not None for content in data.values()):  # else it would only add noise
        _cross_check(sources, document_types, rows, deadlines, checks, problems)
        _check_indicators(indicators, sources, problems)
        _check_sectors(sectors, sources, problems)
        for contention in contentions.values():
            for tag in contention.citation:
                if problem := _citation_problem(tag, sources):
                    problems.append(_problem("contentions.toml", contention.id, problem))
        for region in regions.values():
            for tag in region.citation:
                if problem := _citation_problem(tag, sources):
                    problems.append(_problem("places.toml", region.code, problem))
    if problems or meta is None:
        raise CatalogError(folder, problems)
    rows = _mutual_sharing(rows)
    return Catalog(
        version=meta[0],
        as_of=meta[1],
        basis=meta[2],
        sectors=MappingProxyType(sectors),
        contentions=MappingProxyType(contentions),
        sources=MappingProxyType(sources),
        document_types=MappingProxyType(document_types),
        information_types=tuple(rows.values()),
        deadlines=tuple(deadlines.values()),
        checks=MappingProxyType(checks),
        regions=tuple(regions.values()),
    )


_FILES: Final = (
    "catalog.toml",
    "sources.toml",
    "document_types.toml",
    "information_types.toml",
    "deadlines.toml",
    "checks.toml",
    "places.toml",
    "indicators.toml",
    "sectors.toml",
    "contentions.toml",
)


def _read_toml(folder: Path, name: str, problems: list[Problem]) -> dict[str, Any] | None:
    """The file's data, or None (with the problem recorded) when it cannot be read."""
    try:
        with (folder / name).open("rb") as stream:
            return tomllib.load(stream)
    except FileNotFoundError:
        problems.append(_problem(name, "", f"the file is missing from {folder}"))
    except tomllib.TOMLDecodeError as error:
        problems.append(_problem(name, "", f"not valid TOML: {error}"))
    return None


def _read_meta(data: dict[str, Any] | None, problems: list[Problem]) -> tuple[str, dt.date, str] | None:
    if data is None:  # the file is missing or unreadable, already reported
        return None
    found: list[Problem] = []
    keys = ["version", "as_of", "basis"]
    for unknown in sorted(data.keys() - set(keys)):
        found.append(_problem("catalog.toml", "", f"unknown key `{unknown}`{_hint(unknown, keys)}"))
    version, as_of, basis = data.get("version"), data.get("as_of"), data.get("basis")
    if not isinstance(version, str) or not version:
        found.append(_problem("catalog.toml", "", "`version` must be a non-empty string"))
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        found.append(_problem("catalog.toml", "", "`as_of` must be a TOML date (YYYY-MM-DD)"))
    if not isinstance(basis, str) or not basis.strip():
        found.append(_problem("catalog.toml", "", "`basis` must say, in a sentence, which CBP guidance the rows rest on"))
    problems.extend(found)
    return None if found else (version, as_of, basis)


class _Entry:
    """Reads one ``[[table]]`` entry, recording every problem against its file and id."""

    def __init__(self, file: str, item: str, raw: dict[str, Any], problems: list[Problem]) -> None:
        self._file, self._item, self._raw, self._problems = file, item, raw, problems
        self._used: set[str] = set()

    def problem(self, message: str) -> None:
        self._problems.append(_problem(self._file, self._item, message))

    def text(self, key: str, *, required: bool = True, choices: Iterable[str] = ()) -> str:
        value = self._get(key, "")
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(f"`{key}` must be a non-empty string")
            return ""
        if value and choices:
            self._check_choice(key, value, tuple(choices))
        return value

    def texts(self, key: str, *, required: bool = True, choices: Iterable[str] = ()) -> tuple[str, ...]:
        value = self._get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.problem(f"`{key}` must be a list of strings")
            return ()
        if required and not value:
            self.problem(f"`{key}` must not be empty")
        allowed = tuple(choices)
        if allowed:
            for item in value:
                self._check_choice(key, item, allowed)
        return tuple(value)

    def number(self, key: str) -> int:
        value = self._get(key, None)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            self.problem(f"`{key}` must be a whole number of zero or more")
            return 0
        return value

    def flag(self, key: str) -> bool:
        value = self._get(key, False)
        if not isinstance(value, bool):
            self.problem(f"`{key}` must be true or false")
            return False
        return value

    def date(self, key: str) -> dt.date | None:
        value = self._get(key, None)
        if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
            self.problem(f"`{key}` must be a TOML date (YYYY-MM-DD)")
            return None
        return value

    def table(self, key: str) -> dict[str, str]:
        value = self._get(key, {})
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            self.problem(f"`{key}` must be a table of strings")
            return {}
        return value

    def list_of_tables(self, key: str) -> list[dict[str, Any]]:
        value = self._get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.problem(f"`{key}` must be a list of tables, each written as [[...{key}]]")
            return []
        return value

    def nested(self, item: str, raw: dict[str, Any]) -> _Entry:
        """An entry for a table inside this one, reporting against the same file."""
        return _Entry(self._file, item, raw, self._problems)

    def finish(self) -> None:
        for key in sorted(self._raw.keys() - self._used):
            self.problem(f"unknown key `{key}`{_hint(key, self._used)}")

    def _get(self, key: str, default: Any) -> Any:
        self._used.add(key)
        return self._raw.get(key, default)

    def _check_choice(self, key: str, value: str, allowed: tuple[str, ...]) -> None:
        if value not in allowed:
            self.problem(f"unknown value {value!r} in `{key}`{_hint(value, allowed)}")


def _hint(word: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, sorted(candidates), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _build(
    data: dict[str, Any] | None,
    array: str,
    key: str,
    make: Callable[[_Entry], _T],
    problems: list[Problem],
) -> dict[str, _T]:
    """Build the entries of one ``[[array]]`` of a file, keyed by their id."""
    file = _FILE_OF_ARRAY[array]
    if data is None:  # the file is missing or unreadable, already reported
        return {}
    for unknown in sorted(data.keys() - {array}):
        problems.append(_problem(file, "", f"unknown key `{unknown}`{_hint(unknown, [array])}"))
    entries = data.get(array)
    if not isinstance(entries, list) or not entries or not all(isinstance(e, dict) for e in entries):
        problems.append(_problem(file, "", f"no [[{array}]] entries"))
        return {}
    built: dict[str, _T] = {}
    for number, raw in enumerate(entries, start=1):
        item_id = raw.get(key)
        label = item_id if isinstance(item_id, str) and item_id else f"entry {number}"
        entry = _Entry(file, label, raw, problems)
        if label in built:
            entry.problem(f"duplicate {key} {label!r}")
        value = make(entry)
        entry.finish()
        built.setdefault(label, value)
    return built


_FILE_OF_ARRAY: Final = {
    "source": "sources.toml",
    "document_type": "document_types.toml",
    "information_type": "information_types.toml",
    "deadline": "deadlines.toml",
    "check": "checks.toml",
    "region": "places.toml",
    "indicator": "indicators.toml",
    "sector": "sectors.toml",
    "contention": "contentions.toml",
}


def _source(entry: _Entry) -> Source:
    tag = entry.text("tag")
    if tag and not re.fullmatch(r"S\d\d", tag):
        entry.problem("`tag` must be S and two digits, e.g. S02")
    kind = entry.text("kind", choices=SOURCE_KINDS)
    primary = kind == "primary"
    source = Source(
        tag=tag,
        title=entry.text("title"),
        where=entry.texts("where"),
        date=entry.text("date"),
        parts=MappingProxyType(entry.table("parts")),
        kind=kind,
        cite=entry.text("cite", required=primary),
        cite_title=entry.text("cite_title", required=primary),
        url=entry.text("url", required=primary),
        published=entry.text("published", required=primary),
        checked=entry.date("checked"),
        unconfirmed=entry.flag("unconfirmed"),
        legal_cite=entry.text("legal_cite", required=False),
        read_note=entry.text("read_note", required=False),
    )
    if not primary and (source.cite or source.cite_title or source.url or source.published
                        or source.checked or source.unconfirmed or source.legal_cite):
        entry.problem("`cite`, `cite_title`, `url`, `published`, `checked`, `unconfirmed` and `legal_cite` "
                      "are for primary sources only")
    if primary and (source.checked is None) == (not source.unconfirmed):
        entry.problem("a primary source has either `checked` (the day its url was confirmed) or `unconfirmed = true`")
    if source.unconfirmed and not source.legal_cite:
        entry.problem("an unconfirmed source needs `legal_cite`, the full citation printed instead of its address")
    if source.url and not source.url.startswith("https://"):
        entry.problem("`url` must be an https:// address CBP can open")
    return source


def _document_type(entry: _Entry) -> DocumentType:
    return DocumentType(
        id=entry.text("id", choices=vocab.DOCUMENT_TYPES),
        name=entry.text("name"),
        description=entry.text("description"),
        keywords=entry.texts("keywords", required=False),
        proves_production=entry.flag("proves_production"),
    )


def _contention(entry: _Entry) -> Contention:
    contention_id = entry.text("id")
    if contention_id and not re.fullmatch(r"[a-z][a-z0-9-]*", contention_id):
        entry.problem("`id` must be lower-case letters, digits and hyphens, e.g. commingled")
    if contention_id == NAMED_PRODUCER:
        entry.problem(f"{NAMED_PRODUCER!r} is read from the order; a request cannot contend it")
    return Contention(
        id=contention_id,
        label=entry.text("label"),
        help=entry.text("help"),
        to_cbp=entry.text("to_cbp"),
        guidance=entry.text("guidance"),
        citation=entry.texts("citation"),
    )


def _sector(entry: _Entry) -> tuple[Sector, list[dict[str, Any]]]:
    """A sector and its raw ``[[sector.item]]`` tables (read as rows by ``_sector_rows``)."""
    sector_id = entry.text("id")
    if sector_id and not re.fullmatch(r"[a-z][a-z0-9-]*", sector_id):
        entry.problem("`id` must be lower-case letters, digits and hyphens, e.g. polysilicon")
    hts = entry.texts("hts")
    for code in hts:
        if not re.fullmatch(r"\d\d|\d{4}", code):
            entry.problem(f"HTS code {code!r} in `hts` must be a chapter (2 digits) or a heading (4 digits)")
    sector = Sector(
        id=sector_id,
        name=entry.text("name"),
        description=entry.text("description"),
        hts=hts,
        citation=entry.texts("citation"),
    )
    items = entry.list_of_tables("item")
    if not items:
        entry.problem("a sector needs at least one [[sector.item]]")
    return sector, items


def _sector_rows(
    sectors: dict[str, tuple[Sector, list[dict[str, Any]]]],
    rows: dict[str, InformationType],
    known_contentions: Collection[str],
    problems: list[Problem],
) -> dict[str, InformationType]:
    """Each sector's items as information types of that sector, checked like the other rows."""
    built: dict[str, InformationType] = {}
    owner: dict[str, str] = {}
    for key, (sector, items) in sectors.items():
        for number, raw in enumerate(items, start=1):
            item_id = raw.get("id")
            label = item_id if isinstance(item_id, str) and item_id else f"{key} item {number}"
            entry = _Entry("sectors.toml", label, raw, problems)
            if label in rows or label in built:
                entry.problem(f"duplicate id {label!r} (ids are unique across information_types.toml and sectors.toml)")
            if not label.startswith("SEC-"):
                entry.problem("a sector item's `id` starts with SEC-, e.g. SEC-PSI-01")
            row = dataclasses.replace(_information_type(entry, known_contentions), commodity=sector.id)
            if row.satisfied_by != "documents":
                entry.problem("a sector item is satisfied by documents (`satisfied_by` = documents)")
            if row.part_of and owner.get(row.part_of) != key:
                entry.problem(f"`part_of` {row.part_of!r} must be an item of the same sector")
            entry.finish()
            built.setdefault(label, row)
            owner.setdefault(label, key)
    return built


def _check_sectors(sectors: Mapping[str, Sector], sources: Mapping[str, Source], problems: list[Problem]) -> None:
    """Sector citations resolve, and each HTS code belongs to one sector (a suggestion from
    the HTS numbers must not depend on the order of the file)."""
    owner: dict[str, str] = {}
    for sector in sectors.values():
        for tag in sector.citation:
            if problem := _citation_problem(tag, sources):
                problems.append(_problem("sectors.toml", sector.id, problem))
        for code in sector.hts:
            if code in owner:
                problems.append(_problem("sectors.toml", sector.id, f"HTS code {code!r} is already in sector {owner[code]!r}"))
            owner.setdefault(code, sector.id)


def _levels_by(entry: _Entry, key: str, known: Collection[str], unknown: Callable[[str], str]) -> dict[str, str]:
    """A table of levels by regime or by contention: each name among ``known`` (else the
    problem ``unknown(name)`` is recorded), each value a level."""
    table = entry.table(key)
    for name, level in table.items():
        if name not in known:
            entry.problem(unknown(name))
        if level not in LEVELS:
            entry.problem(f"unknown level {level!r} in `{key}`{_hint(level, LEVELS)}")
    return table


def _information_type(entry: _Entry, known_contentions: Collection[str]) -> InformationType:
    """A row of information_types.toml or sectors.toml; ``known_contentions`` are the names
    ``level_by_contention`` may use (the order's and those of contentions.toml)."""
    regimes = entry.texts("regimes", choices=vocab.REGIMES)
    level_by_regime = _levels_by(
        entry, "level_by_regime", regimes,
        lambda regime: f"`level_by_regime` names {regime!r}, which is not in `regimes`")
    level_by_contention = _levels_by(
        entry, "level_by_contention", known_contentions,
        lambda contention: f"unknown contention {contention!r} in `level_by_contention`{_hint(contention, known_contentions)}")
    row = InformationType(
        id=entry.text("id"),
        title=entry.text("title"),
        category=entry.text("category"),
        proves=entry.text("proves"),
        scope=entry.text("scope", choices=SCOPES),
        regimes=frozenset(regimes),
        level=entry.text("level", choices=LEVELS),
        level_by_regime=MappingProxyType(level_by_regime),
        level_by_contention=MappingProxyType(level_by_contention),
        satisfied_by=entry.text("satisfied_by", required=False, choices=SATISFIED_BY) or "documents",
        documents=entry.texts("documents", required=False, choices=vocab.DOCUMENT_TYPES),
        roles=frozenset(entry.texts("roles", required=False, choices=vocab.ROLES)),
        supplier_roles=frozenset(entry.texts("supplier_roles", required=False, choices=vocab.ROLES)),
        downstream_roles=frozenset(entry.texts("downstream_roles", required=False, choices=vocab.ROLES)),
        cross_border=entry.flag("cross_border"),
        fields=entry.texts("fields", required=False, choices=sorted(SHIPMENT_FIELDS)),
        part_of=entry.text("part_of", required=False),
        finding_kind=entry.text("finding_kind", required=False, choices=FINDING_KINDS) or "requirement",
        shares_documents_with=frozenset(entry.texts("shares_documents_with", required=False)),
        owners=entry.text("owners", required=False, choices=OWNERS),
        due_with_payment=entry.flag("due_with_payment"),
        not_for_raw_commodity=entry.flag("not_for_raw_commodity"),
        citation=entry.texts("citation"),
        guidance=entry.text("guidance"),
        to_cbp=entry.text("to_cbp"),
        set_out_in=entry.text("set_out_in", required=False),
    )
    _check_row_shape(entry, row)
    return row


def _check_row_shape(entry: _Entry, row: InformationType) -> None:
    """Refuse combinations of fields that the engine would silently ignore."""
    if row.satisfied_by == "documents":
        if row.scope == "foreign_document" and row.documents:
            entry.problem("a foreign_document item takes no `documents`: any translation counts")
        if row.scope != "foreign_document" and not row.documents:
            entry.problem("`documents` must list the document types that satisfy this item")
        if row.fields:
            entry.problem("`fields` is only for satisfied_by = case-data")
    else:
        if row.scope != "case":
            entry.problem(f"satisfied_by = {row.satisfied_by} items must have scope = case")
        if row.documents and row.satisfied_by != "screening":
            entry.problem(f"satisfied_by = {row.satisfied_by} items take no `documents`")
        if row.fields and row.satisfied_by != "case-data":
            entry.problem("`fields` is only for satisfied_by = case-data")
    if (row.roles or row.supplier_roles) and row.scope not in _ROLE_SCOPES:
        entry.problem(f"`roles` and `supplier_roles` do not apply to scope {row.scope!r}")
    if row.supplier_roles and row.scope != "entity":
        entry.problem("`supplier_roles` only applies to scope = entity")
    if row.downstream_roles and not row.supplier_roles:
        entry.problem("`downstream_roles` needs `supplier_roles` (whose goods are followed)")
    if row.scope == "entity" and not (row.roles or row.supplier_roles):
        entry.problem("an entity item needs `roles` or `supplier_roles`")
    if row.scope == "production_country" and not row.roles:
        entry.problem("a production_country item needs `roles` (whose countries count)")
    if row.cross_border and row.scope != "link":
        entry.problem("`cross_border` only applies to scope = link")
    if (row.owners or row.due_with_payment) and row.scope != "link":
        entry.problem("`owners` and `due_with_payment` only apply to scope = link")
    if row.not_for_raw_commodity and row.scope != "case":
        entry.problem("`not_for_raw_commodity` only applies to scope = case")
    if row.set_out_in and row.satisfied_by != "case-data":
        entry.problem("`set_out_in` is only for satisfied_by = case-data")


_INDICATOR_REGIMES: Final = frozenset(vocab.SECTION_307_REGIMES)
_INDICATORS_AFTER: Final = "LAB-05"
"""The indicator items follow the row asking for evidence on every indicator."""


def _indicator(entry: _Entry) -> InformationType:
    """An indicator of forced labor as the item the check asks when the order names it."""
    indicator = entry.text("id", choices=vocab.FORCED_LABOR_INDICATORS)
    item = entry.text("item")
    if item and not re.fullmatch(r"IND-\d\d", item):
        entry.problem("`item` must be IND- and two digits, e.g. IND-01")
    name = entry.text("name")
    return InformationType(
        id=item,
        title=f"Evidence addressing the indicator named in the order: {name.lower()}",
        category="Labor",
        proves=f"The forced-labor indicator \"{name}\" named in the order is absent or remediated.",
        scope="case",
        regimes=_INDICATOR_REGIMES,
        level="expected",
        satisfied_by="indicator",
        documents=entry.texts("documents", choices=vocab.DOCUMENT_TYPES),
        citation=entry.texts("citation"),
        guidance=entry.text("guidance"),
        to_cbp=entry.text("to_cbp"),
        indicator=indicator,
    )


def _with_indicators(rows: dict[str, InformationType], indicators: dict[str, InformationType],
                     problems: list[Problem]) -> dict[str, InformationType]:
    """The information types with the indicator items placed after the row they detail."""
    items = {}
    for item in indicators.values():
        if item.id in rows:
            problems.append(_problem("indicators.toml", item.indicator,
                                     f"item id {item.id!r} is already an information type"))
        else:
            items.setdefault(item.id, item)
    merged: dict[str, InformationType] = {}
    for row_id, row in rows.items():
        merged[row_id] = row
        if row_id == _INDICATORS_AFTER:
            merged.update(items)
    merged.update((item_id, item) for item_id, item in items.items() if item_id not in merged)
    return merged


def _check_indicators(indicators: dict[str, InformationType], sources: dict[str, Source],
                      problems: list[Problem]) -> None:
    described = {item.indicator for item in indicators.values()}
    for missing in sorted(set(vocab.FORCED_LABOR_INDICATORS) - described):
        problems.append(_problem("indicators.toml", "", f"indicator {missing!r} of the vocabulary is not described"))
    items = [item.id for item in indicators.values()]
    for item_id in sorted({i for i in items if items.count(i) > 1}):
        problems.append(_problem("indicators.toml", item_id, f"item id {item_id!r} is given to two indicators"))
    for item in indicators.values():
        for tag in item.citation:
            if problem := _citation_problem(tag, sources):
                problems.append(_problem("indicators.toml", item.indicator, problem))


def _deadline(entry: _Entry) -> DeadlineRule:
    regimes = entry.texts("regimes", choices=vocab.REGIMES)
    rule = DeadlineRule(
        id=entry.text("id"),
        start=entry.text("start", required=False, choices=sorted(SHIPMENT_DATE_FIELDS)),
        start_event=entry.text("start_event"),
        offset=entry.number("offset"),
        unit=entry.text("unit", choices=DAY_UNITS),
        regimes=frozenset(regimes),
        acts=entry.text("acts", choices=ACTORS),
        meaning=entry.text("meaning"),
        citation=entry.texts("citation"),
        to_cbp=entry.text("to_cbp"),
        advisory_in=frozenset(entry.texts("advisory_in", required=False, choices=regimes)),
        advisory_note=entry.text("advisory_note", required=False),
        after=entry.text("after"),
        start_else=entry.text("start_else", required=False),
        superseded_by=entry.texts("superseded_by", required=False, choices=sorted(SHIPMENT_DATE_FIELDS)),
    )
    if rule.start_else and not rule.start:
        entry.problem("`start_else` needs `start`: the date it stands in for")
    if bool(rule.advisory_in) != bool(rule.advisory_note):
        entry.problem("`advisory_in` and `advisory_note` go together")
    return rule


def _check(entry: _Entry) -> Check:
    return Check(
        id=entry.text("id", choices=sorted(CHECK_IDS)),
        kind=entry.text("kind", choices=FINDING_KINDS),
        severity=entry.text("severity", choices=SEVERITIES),
        basis=entry.text("basis"),
        citation=entry.texts("citation"),
        guidance=entry.text("guidance"),
        to_cbp=entry.text("to_cbp", required=False),
    )


def _region(entry: _Entry) -> Region:
    code = entry.text("code")
    if code and not re.fullmatch(vocab.SUBDIVISION_PATTERN, code):
        entry.problem("`code` must be an ISO 3166-2 subdivision code like CN-XJ")
    name, citation = entry.text("name"), entry.texts("citation")
    phrases: list[tuple[str, Place | None]] = [(phrase, None) for phrase in entry.texts("match")]
    raw_places = entry.list_of_tables("place")
    for number, raw in enumerate(raw_places, start=1):
        place_entry = entry.nested(f"{code} place {raw.get('code') or number}", raw)
        place = Place(
            code=place_entry.text("code"),
            name=place_entry.text("name"),
            zh=place_entry.text("zh"),
            within=place_entry.text("within", required=False),
        )
        phrases += [(phrase, place) for phrase in place_entry.texts("match")]
        place_entry.finish()
    seen: dict[str, str] = {}
    for phrase, place in phrases:
        folded = phrase if re.search(r"[\u3400-\u9fff]", phrase) else fold(phrase)
        owner = place.name if place else name
        if not folded:
            entry.problem(f"the phrase {phrase!r} of {owner} holds no letters or digits")
        elif folded in seen and seen[folded] != owner:
            entry.problem(f"the phrase {phrase!r} names both {seen[folded]} and {owner}")
        seen.setdefault(folded, owner)
    return Region.build(code, name, citation, phrases)


def _cross_check(
    sources: dict[str, Source],
    document_types: dict[str, DocumentType],
    rows: dict[str, InformationType],
    deadlines: dict[str, DeadlineRule],
    checks: dict[str, Check],
    problems: list[Problem],
) -> None:
    """Checks between files: every id resolves and nothing the engine relies on is absent."""

    def add(file: str, item: str, message: str) -> None:
        problems.append(_problem(file, item, message))

    for missing in sorted(set(vocab.DOCUMENT_TYPES) - document_types.keys()):
        add("document_types.toml", "", f"document type {missing!r} of the vocabulary is not described")
    for missing in sorted(CHECK_IDS - checks.keys()):
        add("checks.toml", "", f"check {missing!r} that the engine runs is not described")
    cited: list[tuple[str, str, tuple[str, ...]]] = [
        *(("information_types.toml", row.id, row.citation) for row in rows.values()),
        *(("deadlines.toml", rule.id, rule.citation) for rule in deadlines.values()),
        *(("checks.toml", check.id, check.citation) for check in checks.values()),
    ]
    for file, item, tags in cited:
        for tag in tags:
            problem = _citation_problem(tag, sources)
            if problem:
                add(file, item, problem)
    for row in rows.values():
        if row.part_of:
            parent = rows.get(row.part_of)
            if parent is None or parent.part_of:
                add("information_types.toml", row.id, f"`part_of` {row.part_of!r} is not a top-level item")
            elif not set(row.documents) <= set(parent.documents) or row.scope != parent.scope:
                add(
                    "information_types.toml",
                    row.id,
                    f"`part_of` {row.part_of!r} must have the same scope and accept all of its documents",
                )
    for rule in deadlines.values():
        if rule.start_else and rule.start_else not in deadlines:
            add("deadlines.toml", rule.id, f"`start_else` {rule.start_else!r} is not a deadline rule")
    for row in rows.values():
        for other_id in sorted(row.shares_documents_with):
            other = rows.get(other_id)
            if other is None or other.part_of or other_id == row.id:
                add("information_types.toml", row.id,
                    f"`shares_documents_with` names {other_id!r}, which is not another top-level item")
            elif other.scope != row.scope or not set(other.documents) & set(row.documents):
                add("information_types.toml", row.id,
                    f"`shares_documents_with` names {other_id!r}, which must have the same scope and accept"
                    " one of this item's document types")
    for check in checks.values():
        if check.basis not in rows:
            add("checks.toml", check.id, f"`basis` {check.basis!r} is not an information type")


def _mutual_sharing(rows: dict[str, InformationType]) -> dict[str, InformationType]:
    """Sharing is mutual: a row named in another's `shares_documents_with` shares with it too."""
    partners: dict[str, set[str]] = {row_id: set(row.shares_documents_with) for row_id, row in rows.items()}
    for row_id, row in rows.items():
        for other_id in row.shares_documents_with:
            partners[other_id].add(row_id)
    return {
        row_id: dataclasses.replace(row, shares_documents_with=frozenset(partners[row_id]))
        for row_id, row in rows.items()
    }


def _citation_problem(tag: str, sources: Mapping[str, Source]) -> str:
    match = _CITATION_PATTERN.fullmatch(tag)
    if match is None:
        return f"citation {tag!r} is not a source tag like S02 or S20-gdlsk"
    base, part = match.groups()
    if base not in sources:
        return f"citation {tag!r} does not resolve: no source {base} in sources.toml"
    if part and part not in sources[base].parts:
        return f"citation {tag!r} does not resolve: source {base} has no part {part!r}"
    return ""
