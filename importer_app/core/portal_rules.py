"""Loading what is known of CBP's Forced Labor Portal from ``forms/portal/portal.toml``.

The request type of each regime, what the form fields accept, the extension limit and the
upload limits are data with their sources, like the catalog. A fact the sources did not give
is absent and listed as unknown with the date it was looked for, never guessed; this module
refuses a file in which a limit is both given and listed as unknown, an unknown key, regime or
field source, or a citation that does not resolve in the catalog's sources, naming each item.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from importer_app.core import vocab
from importer_app.core.catalog_model import Catalog
from importer_app.core.datafiles import forms_dir
from importer_app.core.plural import counted
from importer_app.core.errors import AppError, Problem

FIELD_SOURCES: Final[tuple[str, ...]] = (
    "entry_number", "detention_number", "port_code", "importer_of_record", "importer_number",
    "merchandise", "hts", "country_of_origin", "order_reference",
)
"""What may fill a field: shipment fields, and the importer number the case keeps."""
SPACES: Final[tuple[str, ...]] = ("allowed", "refused", "unknown")
UPLOAD_LIMITS: Final[tuple[str, ...]] = ("file_types", "max_file_mb", "max_total_mb", "max_files")
FIELD_FACTS: Final[tuple[str, ...]] = ("names", "max_length")
_FILE: Final = "portal.toml"
_CITATION: Final = re.compile(r"^(S\d\d)(?:-([a-z0-9-]+))?$")


class PortalRulesError(AppError):
    """``forms/portal/portal.toml`` cannot be used; ``problems`` lists every fault found."""

    def __init__(self, path: Path, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"The portal rules in {path} have {counted(len(self.problems), 'problem')}:\n{lines}")


@dataclass(frozen=True)
class UploadLimits:
    """What the portal accepts as files; None (and the name in ``unknown``) where not known."""

    file_types: tuple[str, ...] | None
    max_file_mb: float | None
    max_total_mb: float | None
    max_files: int | None
    unknown: tuple[str, ...]
    looked: dt.date


@dataclass(frozen=True)
class PortalField:
    """A value of the case a request is filed under.

    Attributes:
        source: what fills it (one of ``FIELD_SOURCES``).
        regimes: the regimes whose requests use it.
        max_length: the portal's length limit, None while not known.
    """

    id: str
    label: str
    source: str
    regimes: frozenset[str]
    max_length: int | None


@dataclass(frozen=True)
class PortalRules:
    """Everything ``portal.toml`` says, validated.

    Attributes:
        request_types: the portal's request type for each regime.
        spaces: whether a field accepts a space: allowed, refused or unknown.
        max_extensions: how many extensions a task allows.
        no_extension_past_due: no extension once a task is past due.
        field_unknown: what is not known of the portal's own fields (``FIELD_FACTS``).
        citation: every source tag the file cites.
    """

    name: str
    url: str
    mandatory_since: dt.date
    looked: dt.date
    spaces: str
    max_extensions: int
    no_extension_past_due: bool
    uploads: UploadLimits
    request_types: Mapping[str, str]
    fields: tuple[PortalField, ...]
    field_unknown: tuple[str, ...]
    citation: tuple[str, ...]


def load_portal_rules(catalog: Catalog, path: Path | None = None) -> PortalRules:
    """Read and validate the portal rules; citations resolve in ``catalog``'s sources.

    Raises:
        PortalRulesError: the file is missing, unreadable or has any invalid entry.
    """
    path = path if path is not None else forms_dir() / "portal" / _FILE
    try:
        with path.open("rb") as stream:
            data = tomllib.load(stream)
    except FileNotFoundError:
        raise PortalRulesError(path, [Problem(_FILE, None, "", f"the file is missing from {path.parent}")]) from None
    except tomllib.TOMLDecodeError as error:
        raise PortalRulesError(path, [Problem(_FILE, None, "", f"not valid TOML: {error}")]) from None
    reader = _Reader(catalog)
    rules = reader.rules(data)
    if reader.problems or rules is None:
        raise PortalRulesError(path, reader.problems)
    return rules


class _Reader:
    """Reads the file's tables, collecting every problem against the item at fault."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.problems: list[Problem] = []
        self.cited: list[str] = []

    def rules(self, data: dict[str, Any]) -> PortalRules | None:
        self._keys("", data, {"portal", "characters", "extensions", "uploads", "request_type", "field_list", "field"})
        portal = self._table(data, "portal", {"name", "url", "mandatory_since", "looked"})
        characters = self._table(data, "characters", {"allowed", "spaces"})
        extensions = self._table(data, "extensions", {"max_requests", "not_when_past_due"})
        field_list = self._table(data, "field_list", {"unknown", "looked"})
        if characters.get("allowed") != "letters-digits":
            self._problem("characters", "`allowed` must be \"letters-digits\", the only rule the sheet knows how to apply")
        spaces = self._choice("characters", characters.get("spaces"), "spaces", SPACES)
        max_extensions = extensions.get("max_requests")
        if not isinstance(max_extensions, int) or isinstance(max_extensions, bool) or max_extensions < 0:
            self._problem("extensions", "`max_requests` must be a whole number of zero or more")
        if not isinstance(extensions.get("not_when_past_due"), bool):
            self._problem("extensions", "`not_when_past_due` must be true or false")
        field_unknown = self._names("field_list", field_list.get("unknown", []), FIELD_FACTS)
        request_types = self._request_types(data.get("request_type"))
        fields = self._fields(data.get("field"), "max_length" in field_unknown)
        uploads = self._uploads(data)
        names = {key: portal.get(key) for key in ("name", "url")}
        for key, value in names.items():
            if not isinstance(value, str) or not value.strip():
                self._problem("portal", f"`{key}` must be a non-empty string")
        dates = {key: self._date(table, key, label) for label, table, key in (
            ("portal", portal, "mandatory_since"), ("portal", portal, "looked"), ("field_list", field_list, "looked"))}
        if self.problems or uploads is None:
            return None
        return PortalRules(
            name=str(names["name"]), url=str(names["url"]), mandatory_since=dates["mandatory_since"],
            looked=dates["looked"], spaces=spaces, max_extensions=int(max_extensions),
            no_extension_past_due=bool(extensions["not_when_past_due"]), uploads=uploads,
            request_types=request_types, fields=fields, field_unknown=field_unknown,
            citation=tuple(dict.fromkeys(self.cited)))

    def _uploads(self, data: dict[str, Any]) -> UploadLimits | None:
        table = self._table(data, "uploads", {*UPLOAD_LIMITS, "unknown", "looked"})
        unknown = self._names("uploads", table.get("unknown", []), UPLOAD_LIMITS)
        for key in UPLOAD_LIMITS:
            if (key in table) == (key in unknown):
                self._problem("uploads", f"`{key}` must be either given or listed in `unknown`, not "
                                         + ("both" if key in table else "neither"))
        types = table.get("file_types")
        if types is not None and (not isinstance(types, list) or not types
                                  or not all(isinstance(t, str) and re.fullmatch(r"[a-z0-9]+", t) for t in types)):
            self._problem("uploads", "`file_types` must be a list of lowercase extensions without the dot, e.g. [\"pdf\"]")
        sizes = {key: table.get(key) for key in ("max_file_mb", "max_total_mb", "max_files")}
        for key, value in sizes.items():
            if value is not None and (isinstance(value, bool) or not isinstance(value, int | float) or value <= 0
                                      or (key == "max_files" and not isinstance(value, int))):
                self._problem("uploads", f"`{key}` must be a number above 0" + (", whole" if key == "max_files" else ""))
        looked = self._date(table, "looked", "uploads")
        if self.problems:
            return None
        return UploadLimits(
            file_types=tuple(types) if types is not None else None,
            max_file_mb=float(sizes["max_file_mb"]) if sizes["max_file_mb"] is not None else None,
            max_total_mb=float(sizes["max_total_mb"]) if sizes["max_total_mb"] is not None else None,
            max_files=sizes["max_files"], unknown=unknown, looked=looked)

    def _request_types(self, entries: Any) -> dict[str, str]:
        found: dict[str, str] = {}
        for number, raw in enumerate(self._array(entries, "request_type"), start=1):
            item = f"request_type {number}"
            self._keys(item, raw, {"regime", "label", "citation"})
            self._cite(item, raw)
            regime = self._choice(item, raw.get("regime"), "regime", vocab.REGIMES)
            label = raw.get("label")
            if not isinstance(label, str) or not label.strip():
                self._problem(item, "`label` must be a non-empty string")
            elif regime in found:
                self._problem(item, f"a second request type for the regime {regime!r}")
            elif regime:
                found[regime] = label
        for regime in vocab.REGIMES:
            if regime not in found:
                self._problem("request_type", f"no request type for the regime {regime!r}")
        return found

    def _fields(self, entries: Any, length_unknown: bool) -> tuple[PortalField, ...]:
        fields: list[PortalField] = []
        for number, raw in enumerate(self._array(entries, "field"), start=1):
            field_id = raw.get("id")
            item = f"field {field_id}" if isinstance(field_id, str) and field_id else f"field {number}"
            self._keys(item, raw, {"id", "label", "source", "regimes", "max_length"})
            if not isinstance(field_id, str) or not re.fullmatch(r"[a-z0-9-]+", field_id):
                self._problem(item, "`id` must be lowercase letters, digits and -")
            elif any(field.id == field_id for field in fields):
                self._problem(item, f"duplicate id {field_id!r}")
            label = raw.get("label")
            if not isinstance(label, str) or not label.strip():
                self._problem(item, "`label` must be a non-empty string")
            source = self._choice(item, raw.get("source"), "source", FIELD_SOURCES)
            regimes = self._names(item, raw.get("regimes", list(vocab.REGIMES)), vocab.REGIMES, key="regimes")
            limit = raw.get("max_length")
            if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
                self._problem(item, "`max_length` must be a whole number of 1 or more")
            elif limit is not None and length_unknown:
                self._problem(item, "`max_length` is given while [field_list] lists it as unknown")
            fields.append(PortalField(str(field_id), str(label), source, frozenset(regimes),
                                      limit if isinstance(limit, int) else None))
        return tuple(fields)

    # -- small readers ------------------------------------------------------------------

    def _problem(self, item: str, message: str) -> None:
        self.problems.append(Problem(_FILE, None, item, message))

    def _keys(self, item: str, raw: Mapping[str, Any], allowed: set[str]) -> None:
        for key in sorted(raw.keys() - allowed):
            self._problem(item, f"unknown key `{key}`")

    def _table(self, data: dict[str, Any], name: str, allowed: set[str]) -> dict[str, Any]:
        """The table ``[name]`` with its keys checked; every table cites its sources."""
        table = data.get(name)
        if not isinstance(table, dict):
            self._problem(name, f"the [{name}] table is missing")
            return {}
        self._keys(name, table, allowed | {"citation"})
        self._cite(name, table)
        return table

    def _array(self, entries: Any, name: str) -> list[dict[str, Any]]:
        if not isinstance(entries, list) or not entries or not all(isinstance(e, dict) for e in entries):
            self._problem(name, f"no [[{name}]] entries")
            return []
        return entries

    def _cite(self, item: str, raw: Mapping[str, Any]) -> None:
        tags = raw.get("citation")
        if not isinstance(tags, list) or not tags or not all(isinstance(tag, str) for tag in tags):
            self._problem(item, "`citation` must be a non-empty list of source tags")
            return
        for tag in tags:
            match = _CITATION.fullmatch(tag)
            base, part = match.groups() if match else (tag, None)
            if match is None or base not in self.catalog.sources or (part and part not in self.catalog.sources[base].parts):
                self._problem(item, f"citation {tag!r} does not resolve in forms/catalog/sources.toml")
            else:
                self.cited.append(tag)

    def _choice(self, item: str, value: Any, key: str, allowed: tuple[str, ...]) -> str:
        if value not in allowed:
            self._problem(item, f"`{key}` must be one of {', '.join(allowed)}, not {value!r}")
            return ""
        return str(value)

    def _names(self, item: str, value: Any, allowed: tuple[str, ...], *, key: str = "unknown") -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
            self._problem(item, f"`{key}` must be a list of strings")
            return ()
        for name in value:
            if name not in allowed:
                self._problem(item, f"unknown value {name!r} in `{key}` (allowed: {', '.join(allowed)})")
        return tuple(name for name in value if name in allowed)

    def _date(self, table: Mapping[str, Any], key: str, item: str) -> dt.date:
        value = table.get(key)
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            self._problem(item, f"`{key}` must be a TOML date (YYYY-MM-DD)")
            return dt.date.min
        return value
