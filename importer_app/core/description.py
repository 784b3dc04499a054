"""The case description: a TOML file, format ``importer-app-case/1`` (design.md, Appendix A).

Consultants generate these from spreadsheets, so every problem is reported at once, each
located by file, line (where the TOML text shows it) and key path such as ``links[3].from``,
saying what is wrong and what is allowed. Parsing is pure: the caller hands in the text and,
optionally, how to tell whether a document file exists and which requirement ids exist.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
import math
import re
import tomllib
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from importer_app.core import limits, toml_guard, vocab
from importer_app.core.description_keys import TABLE_KEYS, KeySpec
from importer_app.core.docpath import document_path_problem
from importer_app.core.errors import DescriptionError, Problem
from importer_app.core.model import (
    ORDER_KINDS,
    ORDER_STATUSES,
    DetentionOrder,
    Entity,
    EvidenceStatement,
    ExtensionRequest,
    GapExplanation,
    GapRequest,
    Inquiry,
    Link,
    NotApplicable,
    RecipeRow,
    Shipment,
)
from importer_app.core.recipes import UNITS_HINT, material_key
from importer_app.core.units import known_unit

FORMAT = "importer-app-case/1"


@dataclass(frozen=True)
class DocumentSpec:
    """A ``[[documents]]`` entry: a document's metadata and where its file is."""

    path: str
    type: str
    title: str = ""
    date: dt.date | None = None
    entities: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    language: str = "en"
    translation_of: str = ""
    password: str = dataclasses.field(default="", repr=False)


@dataclass(frozen=True)
class CaseSpec:
    """A parsed, validated case description; documents not yet read from disk."""

    shipment: Shipment
    entities: tuple[Entity, ...]
    links: tuple[Link, ...]
    documents: tuple[DocumentSpec, ...]
    not_applicable: tuple[NotApplicable, ...]
    inquiries: tuple[Inquiry, ...] = ()
    evidence_statement: EvidenceStatement | None = None
    gap_explanations: tuple[GapExplanation, ...] = ()
    order: DetentionOrder | None = None
    extension_requests: tuple[ExtensionRequest, ...] = ()


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_HEADER = re.compile(r"^\s*\[(\[?)\s*([A-Za-z_][A-Za-z0-9_]*)\s*\]?\]\s*(#.*)?$")
_NESTED_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)\s*\]\]\s*(#.*)?$")
_NESTED_KEY = re.compile(r"^([a-z_]+)\[(\d+)\]\.([a-z_]+)$")
_ID = re.compile(vocab.ID_PATTERN)
_COUNTRY = re.compile(vocab.COUNTRY_PATTERN)
_SUBDIVISION = re.compile(vocab.SUBDIVISION_PATTERN)
_LANGUAGE = re.compile(vocab.LANGUAGE_PATTERN)


class _Locator:
    """Finds the line of a table header or key in the TOML text, when it is written plainly."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        self._headers: list[tuple[int, str]] = []
        self._nested: list[tuple[int, str]] = []
        for number, line in enumerate(self._lines, start=1):
            match = _HEADER.match(line)
            if match:
                self._headers.append((number, match.group(2)))
            nested = _NESTED_HEADER.match(line)
            if nested:
                self._nested.append((number, f"{nested.group(1)}.{nested.group(2)}"))

    def table(self, name: str, index: int | None = None) -> int | None:
        found = [n for n, header in self._headers if header == name]
        position = 0 if index is None else index
        return found[position] if position < len(found) else None

    def key(self, table: str | None, index: int | None, key: str) -> int | None:
        if table is None:
            start, end = 0, self._headers[0][0] - 1 if self._headers else len(self._lines)
        else:
            header = self.table(table, index)
            if header is None:
                return None
            later = [n for n, _ in self._headers if n > header]
            start, end = header, (later[0] - 1 if later else len(self._lines))
        inner = _NESTED_KEY.match(key)
        if inner and table is not None:
            # ``recipe[2].yield`` of ``entities[1]``: the key under the second [[entities.recipe]]
            # of that entity; written as an inline array, the line of ``recipe =``.
            found = self._nested_key(f"{table}.{inner.group(1)}", start, end, int(inner.group(2)), inner.group(3))
            key = inner.group(1) if found is None else key
            if found is not None:
                return found
        pattern = re.compile(rf"^\s*(\"?){re.escape(key)}\1\s*=")
        for number in range(start, end):
            if pattern.match(self._lines[number]):
                return number + 1
        return self.table(table, index) if table is not None else None

    def _nested_key(self, name: str, start: int, end: int, position: int, key: str) -> int | None:
        headers = [n for n, header in self._nested if header == name and start < n <= end]
        if position > len(headers):
            return None
        header = headers[position - 1]
        later = [n for n, _ in self._nested if n > header]
        stop = min([end, *(n - 1 for n in later)])
        pattern = re.compile(rf"^\s*(\"?){re.escape(key)}\1\s*=")
        return next((number + 1 for number in range(header, stop) if pattern.match(self._lines[number])), header)


class _Checker:
    def __init__(self, text: str, file: str) -> None:
        self.file = file
        self.locate = _Locator(text)
        self.problems: list[Problem] = []

    def add(self, table: str | None, index: int | None, key: str, message: str) -> None:
        path = _key_path(table, index, key)
        line = self.locate.key(table, index, key) if key else (
            self.locate.table(table, index) if table else None
        )
        self.problems.append(Problem(self.file, line, path, message))


def _key_path(table: str | None, index: int | None, key: str) -> str:
    base = table or ""
    if index is not None:
        base += f"[{index + 1}]"
    if key:
        return f"{base}.{key}" if base else key
    return base


def parse_description(
    text: str,
    file: str,
    *,
    file_exists: Callable[[str], bool] | None = None,
    known_requirements: Collection[str] | None = None,
    known_commodities: Collection[str] | None = None,
    known_contentions: Collection[str] | None = None,
) -> CaseSpec:
    """Parse and validate a case description.

    Args:
        text: the TOML text.
        file: the file's name as the user gave it, used in messages.
        file_exists: tells whether a document path (relative to the description's folder)
            names an existing file; None skips that check.
        known_requirements: information type ids of the catalog; None skips that check.
        known_commodities: sector ids of the catalog (``commodity``); None skips that check.
        known_contentions: what a CBP request may contend (``contends``), ids of the catalog's
            contentions; None skips that check.

    Raises:
        DescriptionError: listing every problem found, each located.
    """
    shape = toml_guard.shape_problem(text)
    if shape:
        raise DescriptionError([Problem(file, shape[0], "", f"this case description cannot be read: {shape[1]}")])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = _TOML_POSITION.search(str(error))
        message = _TOML_POSITION.sub("", str(error)).replace("(at end of document)", "").strip()
        if match:
            line: int | None = int(match.group(1))
        else:
            # tomllib reports a problem found after the last line as "at end of document".
            line = max(1, len(text.splitlines())) if "end of document" in str(error) else None
        raise DescriptionError(
            [Problem(file, line, "", f"this is not valid TOML: {message}")]
        ) from error

    check = _Checker(text, file)
    _check_top_level(check, data)
    shipment = _table(check, data, "shipment")
    arrays = {name: _array(check, data, name)
              for name in ("entities", "links", "documents", "not_applicable", "inquiries", "gap_explanations",
                           "extension_requests")}
    statement = _table(check, data, "evidence_statement") if "evidence_statement" in data else None
    order = _table(check, data, "order") if "order" in data else None
    if check.problems:
        raise DescriptionError(check.problems)

    values_shipment = _check_keys(check, "shipment", None, shipment)
    entity_values = [_entity(check, i, dict(t)) for i, t in enumerate(arrays["entities"])]
    link_values = [_check_keys(check, "links", i, t) for i, t in enumerate(arrays["links"])]
    document_values = [_check_keys(check, "documents", i, t) for i, t in enumerate(arrays["documents"])]
    na_values = [_check_keys(check, "not_applicable", i, t) for i, t in enumerate(arrays["not_applicable"])]
    inquiry_values = [_check_keys(check, "inquiries", i, t) for i, t in enumerate(arrays["inquiries"])]
    statement_values = None if statement is None else _check_keys(check, "evidence_statement", None, statement)
    gaps = [_gap_explanation(check, i, dict(t)) for i, t in enumerate(arrays["gap_explanations"])]
    order_values = None if order is None else _check_keys(check, "order", None, order)
    extension_values = [_check_keys(check, "extension_requests", i, t)
                        for i, t in enumerate(arrays["extension_requests"])]

    _check_shipment(check, values_shipment, known_commodities)
    entity_ids = _check_entities(check, entity_values)
    link_ids = _check_links(check, link_values, entity_ids)
    _check_documents(check, document_values, entity_ids, link_ids, file_exists)
    _check_not_applicable(check, na_values, entity_ids, link_ids, known_requirements)
    _check_inquiries(check, inquiry_values, {item["path"] for item in document_values if "path" in item},
                     known_contentions)
    if statement_values is not None:
        _check_statement(check, statement_values)
    _check_gap_scopes(check, gaps, entity_ids, link_ids, known_requirements)
    if order_values is not None:
        _check_order(check, order_values)
    _check_extension_requests(check, extension_values)
    if check.problems:
        raise DescriptionError(check.problems)

    return CaseSpec(
        shipment=_build(Shipment, values_shipment),
        entities=tuple(_build(Entity, v) for v in entity_values),
        links=tuple(_build(Link, v) for v in link_values),
        documents=tuple(_build(DocumentSpec, v) for v in document_values),
        not_applicable=tuple(_build(NotApplicable, v) for v in na_values),
        inquiries=tuple(_build(Inquiry, v) for v in inquiry_values),
        evidence_statement=None if statement_values is None else _build(EvidenceStatement, statement_values),
        gap_explanations=tuple(gaps),
        order=None if order_values is None else _build(DetentionOrder, order_values),
        extension_requests=tuple(_build(ExtensionRequest, v) for v in extension_values),
    )


def _check_top_level(check: _Checker, data: dict[str, Any]) -> None:
    allowed = ("format", "shipment", "entities", "links", "documents", "not_applicable", "inquiries",
               "evidence_statement", "gap_explanations", "order", "extension_requests")
    for key in data:
        if key not in allowed:
            check.add(None, None, key, _unknown_key_message(key, allowed))
    if "format" not in data:
        check.add(None, None, "", f'the first line must say format = "{FORMAT}"')
    elif data["format"] != FORMAT:
        check.add(None, None, "format", f'unknown format {data["format"]!r}; this version reads "{FORMAT}"')


def _table(check: _Checker, data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name)
    if value is None:
        check.add(None, None, "", f"the [{name}] table is missing")
        return {}
    if not isinstance(value, dict):
        check.add(None, None, name, f"must be a table written as [{name}]")
        return {}
    return value


def _array(check: _Checker, data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        check.add(None, None, name, f"must be a list of tables, each written as [[{name}]]")
        return []
    return value


def _unknown_key_message(key: str, allowed: Collection[str]) -> str:
    close = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return f"unknown key {key!r}; {hint}allowed keys: {', '.join(allowed)}"


def _check_keys(check: _Checker, table: str, index: int | None, raw: dict[str, Any],
                within: tuple[int, str] | None = None) -> dict[str, Any]:
    """Check key names and value types; return the values under model field names.

    ``within``: for a table nested in an entity (``entities.recipe``), the entity's index and
    the row's place (``recipe[2]``), where its problems are reported.
    """
    specs = TABLE_KEYS[table]

    def add(key: str, message: str) -> None:
        if within is None:
            check.add(table, index, key, message)
        else:
            parent, where = within
            check.add(table.partition(".")[0], parent, f"{where}.{key}", message)

    values: dict[str, Any] = {}
    for key, value in raw.items():
        spec = specs.get(key)
        if spec is None:
            add(key, _unknown_key_message(key, list(specs)))
            continue
        converted = _convert(spec, value)
        if isinstance(converted, _TypeProblem):
            add(key, converted.message)
            continue
        limit = limits.cell_limit(_STORED_IN.get(table, table), _COLUMNS.get(spec.field, spec.field))
        size = _stored_size(table, spec, converted)
        if size > limit:
            add(key, limits.too_long(size, limit))
            continue
        values[spec.field] = converted
    for key, spec in specs.items():
        if spec.required and key not in raw:
            add(key if within else "", f"the required key {key!r} is missing ({spec.help})")
    return values


_COLUMNS = {"yield_": "yield", "references": "refs"}
"""Model fields stored in a column of another name."""
_STORED_IN = {"entities.recipe": "recipe_rows"}
"""Tables stored under another name."""
_NOT_STORED = {("documents", "entities"), ("documents", "links"), ("documents", "password")}
"""Keys that fill no text cell: ties to ids checked elsewhere, a password used once."""


def _stored_size(table: str, spec: KeySpec, value: Any) -> int:
    """The bytes ``value`` takes in its case file cell (lists as JSON, escaped: the most they take)."""
    if (table, spec.field) in _NOT_STORED:
        return 0
    if isinstance(value, str):
        return limits.utf8_size(value)
    if isinstance(value, tuple):
        return len(json.dumps(list(value)))
    return 0


@dataclass(frozen=True)
class _TypeProblem:
    message: str


def _convert(spec: KeySpec, value: Any) -> Any:
    kind = spec.kind
    if kind == "str":
        if isinstance(value, str):
            return value.strip()
        return _TypeProblem(f"must be text in quotes, not {_describe(value)}")
    if kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            if abs(value) > _LARGEST_WHOLE_NUMBER:
                return _TypeProblem(f"{value} is too large; whole numbers here are at most {_LARGEST_WHOLE_NUMBER:,}")
            return value
        return _TypeProblem(f"must be a whole number, not {_describe(value)}")
    if kind == "number":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if abs(value) > _LARGEST_NUMBER or not math.isfinite(value):
                return _TypeProblem(f"must be a finite number no larger than {_LARGEST_NUMBER:,}, not {_describe(value)}")
            return float(value)
        return _TypeProblem(f"must be a number (like 1200 or 0.85), not {_describe(value)}")
    if kind == "bool":
        if isinstance(value, bool):
            return value
        return _TypeProblem(f"must be true or false, not {_describe(value)}")
    if kind == "date":
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str) and _looks_like_date(value):
            return _TypeProblem(f"write the date without quotes: {value} instead of \"{value}\"")
        return _TypeProblem(f"must be a date like 2026-10-02, not {_describe(value)}")
    if kind == "list[str]":
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(v.strip() for v in value)
        return _TypeProblem(f'must be a list of texts like ["A", "B"], not {_describe(value)}')
    if kind == "list[int]":
        if isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            if any(abs(v) > _LARGEST_WHOLE_NUMBER for v in value):
                return _TypeProblem(f"holds a number too large; whole numbers here are at most {_LARGEST_WHOLE_NUMBER:,}")
            return tuple(value)
        return _TypeProblem(f"must be a list of whole numbers like [1, 2], not {_describe(value)}")
    raise AssertionError(f"unknown key kind {kind}")


_LARGEST_WHOLE_NUMBER = 1_000_000_000
"""Tiers and entry line numbers are small; the limit keeps every one inside SQLite's integers."""
_LARGEST_NUMBER = 10**15
"""Quantities and values: far above any shipment, and exact as a float."""


def _looks_like_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, dt.datetime):
        return "a date with a time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _check_choice(check: _Checker, table: str, index: int | None, key: str, value: str, allowed: Collection[str]) -> None:
    if value not in allowed:
        close = difflib.get_close_matches(value, list(allowed), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        check.add(table, index, key, f"{value!r} is not allowed; {hint}allowed: {', '.join(allowed)}")


def _check_country(check: _Checker, table: str, index: int | None, key: str, value: str) -> None:
    if not _COUNTRY.match(value):
        check.add(table, index, key, f"{value!r} is not a two-letter country code (ISO 3166-1, like VN or US)")


def _check_shipment(check: _Checker, values: dict[str, Any], known_commodities: Collection[str] | None) -> None:
    if "regime" in values:
        _check_choice(check, "shipment", None, "regime", values["regime"], vocab.REGIMES)
    if values.get("commodity") and known_commodities is not None:
        _check_choice(check, "shipment", None, "commodity", values["commodity"], sorted(known_commodities))
    if values.get("class_of_labor"):
        _check_choice(check, "shipment", None, "class_of_labor", values["class_of_labor"], vocab.CLASSES_OF_LABOR)
    for key in ("country_of_origin", "country_of_exportation"):
        if values.get(key):
            _check_country(check, "shipment", None, key, values[key])
    if "quantity" in values and values["quantity"] <= 0:
        check.add("shipment", None, "quantity", "must be more than 0")
    if values.get("value_usd") is not None and values["value_usd"] < 0:
        check.add("shipment", None, "value_usd", "must not be negative")
    if any(line <= 0 for line in values.get("entry_lines", ())):
        check.add("shipment", None, "entry_lines", "line numbers start at 1")
    for key in ("entry_number", "importer_of_record", "merchandise", "unit"):
        if key in values and not values[key]:
            check.add("shipment", None, key, "must not be empty")


def _check_ids(check: _Checker, table: str, values: list[dict[str, Any]], key: str = "id") -> set[str]:
    seen: dict[str, int] = {}
    for index, item in enumerate(values):
        ident = item.get(key)
        if ident is None:
            continue
        if key == "id" and not _ID.match(ident):
            check.add(table, index, key, f"{ident!r} is not a valid id: use up to 100 lowercase letters, digits, - and _")
        if ident in seen:
            check.add(table, index, key, f"{ident!r} is used twice (also {table}[{seen[ident] + 1}])")
        else:
            seen[ident] = index
    return set(seen)


def _check_entities(check: _Checker, values: list[dict[str, Any]]) -> set[str]:
    for index, item in enumerate(values):
        if "role" in item:
            _check_choice(check, "entities", index, "role", item["role"], vocab.ROLES)
        if "country" in item:
            _check_country(check, "entities", index, "country", item["country"])
        subdivision = item.get("subdivision")
        if subdivision and not _SUBDIVISION.match(subdivision):
            check.add("entities", index, "subdivision",
                      f"{subdivision!r} is not a region code (ISO 3166-2: the country code, a hyphen and the"
                      " region, like CN-XJ or VN-SG)")
        elif subdivision and "country" in item and not subdivision.startswith(f"{item['country']}-"):
            check.add("entities", index, "subdivision",
                      f"{subdivision!r} is not a region of {item['country']}, the entity's country; a region code"
                      f" starts with the country code ({item['country']}-...)")
        if item.get("tier") is not None and not 0 <= item["tier"] <= vocab.MAX_TIER:
            check.add("entities", index, "tier", f"must be 0 (the importer) up to {vocab.MAX_TIER}")
        if "name" in item and not item["name"]:
            check.add("entities", index, "name", "must not be empty")
    return _check_ids(check, "entities", values)


def _check_links(check: _Checker, values: list[dict[str, Any]], entity_ids: set[str]) -> set[str]:
    link_ids = _check_ids(check, "links", values)
    for index, item in enumerate(values):
        for key, field in (("from", "source"), ("to", "target")):
            if field in item and item[field] not in entity_ids:
                check.add("links", index, key, f"names the entity {item[field]!r}, which is not in [[entities]]")
        if item.get("source") is not None and item.get("source") == item.get("target"):
            check.add("links", index, "to", "a link must go from one entity to another, not to itself")
        if "quantity" in item and item["quantity"] <= 0:
            check.add("links", index, "quantity", "must be more than 0")
        if item.get("yield_") is not None and item["yield_"] <= 0:
            check.add("links", index, "yield", "must be more than 0")
        if item.get("material_class"):
            _check_choice(check, "links", index, "material_class", item["material_class"], vocab.MATERIAL_CLASSES)
        terms = item.get("payment_terms")
        if terms and not re.match(vocab.PAYMENT_TERMS_PATTERN, terms):
            check.add("links", index, "payment_terms",
                      f"{terms!r} is not payment terms the check knows: write prepaid, on delivery, consignment"
                      " or net N (N days after shipment, like net 60)")
    _check_cycles(check, values)
    return link_ids


def _check_cycles(check: _Checker, values: list[dict[str, Any]]) -> None:
    edges: dict[str, list[tuple[str, int]]] = {}
    for index, item in enumerate(values):
        if "source" in item and "target" in item and item["source"] != item["target"]:
            edges.setdefault(item["source"], []).append((item["target"], index))
    state: dict[str, int] = {}
    reported: set[frozenset[str]] = set()
    for start in sorted(edges):
        if state.get(start):
            continue
        # Iterative depth-first search; state 1 = on the current path, 2 = done.
        path: list[str] = [start]
        iterators = [iter(edges.get(start, []))]
        state[start] = 1
        while iterators:
            step = next(iterators[-1], None)
            if step is None:
                state[path.pop()] = 2
                iterators.pop()
                continue
            target, index = step
            if state.get(target) == 1:
                cycle = path[path.index(target):] + [target]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    check.add("links", index, "to", "the links form a cycle: " + " -> ".join(cycle)
                              + "; material must flow one way, from raw material to the importer")
            elif not state.get(target):
                state[target] = 1
                path.append(target)
                iterators.append(iter(edges.get(target, [])))


def _check_documents(
    check: _Checker,
    values: list[dict[str, Any]],
    entity_ids: set[str],
    link_ids: set[str],
    file_exists: Callable[[str], bool] | None,
) -> None:
    paths = _check_ids(check, "documents", values, key="path")
    for index, item in enumerate(values):
        path = item.get("path")
        if path is not None:
            problem = document_path_problem(path)
            if problem:
                check.add("documents", index, "path", problem)
            elif file_exists is not None and not file_exists(path):
                check.add("documents", index, "path", f"the file {path} does not exist (paths are relative to the description's folder)")
        if "type" in item:
            _check_choice(check, "documents", index, "type", item["type"], vocab.DOCUMENT_TYPES)
        for entity in item.get("entities", ()):
            if entity not in entity_ids:
                check.add("documents", index, "entities", f"names the entity {entity!r}, which is not in [[entities]]")
        for link in item.get("links", ()):
            if link not in link_ids:
                check.add("documents", index, "links", f"names the link {link!r}, which is not in [[links]]")
        if item.get("language") and not _LANGUAGE.match(item["language"]):
            check.add("documents", index, "language", f"{item['language']!r} is not a two-letter language code (ISO 639-1, like en or vi)")
        original = item.get("translation_of")
        if original:
            if original == path:
                check.add("documents", index, "translation_of", "a document cannot be its own translation")
            elif original not in paths:
                check.add("documents", index, "translation_of", f"names {original!r}, which is not the path of another [[documents]] entry")


def _check_not_applicable(
    check: _Checker,
    values: list[dict[str, Any]],
    entity_ids: set[str],
    link_ids: set[str],
    known_requirements: Collection[str] | None,
) -> None:
    seen: set[tuple[str, str]] = set()
    for index, item in enumerate(values):
        requirement = item.get("requirement")
        if requirement and known_requirements is not None and requirement not in known_requirements:
            close = difflib.get_close_matches(requirement, list(known_requirements), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else "; see the information types in the README"
            check.add("not_applicable", index, "requirement", f"{requirement!r} is not an information type id{hint}")
        scope = item.get("scope")
        if scope is not None:
            problem = _scope_problem(scope, entity_ids, link_ids)
            if problem:
                check.add("not_applicable", index, "scope", problem)
        if "reason" in item and not item["reason"]:
            check.add("not_applicable", index, "reason", "give the reason CBP will read")
        if requirement and scope is not None:
            if (requirement, scope) in seen:
                check.add("not_applicable", index, "", f"{requirement} for {scope} is marked twice")
            seen.add((requirement, scope))


def _check_inquiries(check: _Checker, values: list[dict[str, Any]], paths: set[str],
                     known_contentions: Collection[str] | None) -> None:
    _check_ids(check, "inquiries", values)
    for index, item in enumerate(values):
        contends = item.get("contends", ())
        for number, contention in enumerate(contends):
            if known_contentions is not None:
                _check_choice(check, "inquiries", index, "contends", contention, list(known_contentions))
            if contention in contends[:number]:
                check.add("inquiries", index, "contends", f"names {contention!r} twice")
        if "asked" in item and not item["asked"]:
            check.add("inquiries", index, "asked", "say in a few words what CBP asked for")
        answered = item.get("response_date")
        if answered is not None and "date" in item and answered < item["date"]:
            check.add("inquiries", index, "response_date", f"the answer ({answered}) cannot come before the request ({item['date']})")
        if item.get("response_exhibits") and answered is None:
            check.add("inquiries", index, "response_date", "give the date of the answer these documents were sent with")
        for path in item.get("response_exhibits", ()):
            if path not in paths:
                check.add("inquiries", index, "response_exhibits", f"names {path!r}, which is not the path of a [[documents]] entry")


def _entity(check: _Checker, index: int, raw: dict[str, Any]) -> dict[str, Any]:
    """One ``[[entities]]`` entry's values, with its recipe from ``[[entities.recipe]]``."""
    nested = raw.pop("recipe", [])
    if not isinstance(nested, list) or not all(isinstance(item, dict) for item in nested):
        check.add("entities", index, "recipe",
                  "write each material of the recipe as a [[entities.recipe]] table under its company")
        nested = []
    values = _check_keys(check, "entities", index, raw)
    if len(nested) > limits.RECIPE_ROWS:
        check.add("entities", index, "recipe", limits.too_many_recipe_rows(len(nested)))
        return values
    rows: list[RecipeRow] = []
    seen: dict[str, int] = {}
    for number, item in enumerate(nested, start=1):
        where = f"recipe[{number}]"
        row = _check_keys(check, "entities.recipe", None, item, (index, where))
        material = row.get("material")
        if material is not None:
            key = material_key(material)
            if not key:
                check.add("entities", index, f"{where}.material", "name the input material, as its transfers name it")
            elif key in seen:
                check.add("entities", index, f"{where}.material",
                          f"{material!r} is already in the recipe (recipe[{seen[key]}]); give each material one row")
            else:
                seen[key] = number
        if row.get("yield_") is not None and row["yield_"] <= 0:
            check.add("entities", index, f"{where}.yield",
                      "must be more than 0: the output one unit of this material makes, like 1.82")
        unit = row.get("unit")
        if unit is not None and not known_unit(unit):
            check.add("entities", index, f"{where}.unit",
                      f"{unit!r} is not a unit the app converts; use one of {UNITS_HINT}")
        if {"material", "yield_", "unit"} <= row.keys():
            rows.append(RecipeRow(**row))
    values["recipe"] = tuple(rows)
    return values


def _gap_explanation(check: _Checker, index: int, raw: dict[str, Any]) -> GapExplanation:
    """One ``[[gap_explanations]]`` entry with its ``[[gap_explanations.requests]]``."""
    table = "gap_explanations"
    nested = raw.pop("requests", [])
    if not isinstance(nested, list) or not all(isinstance(item, dict) for item in nested):
        check.add(table, index, "requests", "write each request as a [[gap_explanations.requests]] table")
        nested = []
    values = _check_keys(check, table, index, raw)
    if "explanation" in values and not values["explanation"]:
        check.add(table, index, "explanation", "say why the document does not exist or is unavailable")
    requests = []
    for number, item in enumerate(nested):
        where = f"requests[{number + 1}]"
        request = _check_keys(check, "gap_explanations.requests", None, item)
        for key, value in request.items():
            if key in ("reply_by", "replied") and "sent" in request and value < request["sent"]:
                check.add(table, index, f"{where}.{key}", f"{value} cannot come before the request ({request['sent']})")
        if "to" in request and not request["to"]:
            check.add(table, index, f"{where}.to", "name who was asked")
        if request.get("reply") and request.get("replied") is None:
            check.add(table, index, f"{where}.replied", "give the date of the reply")
        if {"to", "sent"} <= request.keys():
            requests.append(GapRequest(**request))
    if {"requirement", "scope", "explanation"} <= values.keys():
        return GapExplanation(**values, requests=tuple(requests))
    return GapExplanation("", "", "")


def _check_gap_scopes(check: _Checker, gaps: list[GapExplanation], entity_ids: set[str], link_ids: set[str],
                      known_requirements: Collection[str] | None) -> None:
    seen: set[tuple[str, str]] = set()
    for index, gap in enumerate(gaps):
        if not gap.requirement:
            continue
        if known_requirements is not None and gap.requirement not in known_requirements:
            check.add("gap_explanations", index, "requirement", f"{gap.requirement!r} is not an information type of the catalog")
        problem = _scope_problem(gap.scope, entity_ids, link_ids)
        if problem:
            check.add("gap_explanations", index, "scope", problem)
        if (gap.requirement, gap.scope) in seen:
            check.add("gap_explanations", index, "", f"{gap.requirement} for {gap.scope} is explained twice")
        seen.add((gap.requirement, gap.scope))


def _check_statement(check: _Checker, values: dict[str, Any]) -> None:
    for key in ("summary", "signed_by"):
        if key in values and not values[key]:
            check.add("evidence_statement", None, key, "must not be empty")


def _check_order(check: _Checker, values: dict[str, Any]) -> None:
    if "kind" in values:
        _check_choice(check, "order", None, "kind", values["kind"], ORDER_KINDS)
    if "status" in values:
        _check_choice(check, "order", None, "status", values["status"], ORDER_STATUSES)
    for indicator in values.get("indicators", ()):
        _check_choice(check, "order", None, "indicators", indicator, vocab.FORCED_LABOR_INDICATORS)
    if values.get("status_changed") and values.get("status", "active") == "active":
        check.add("order", None, "status_changed", "an active order has no change of status; give its status")
    if values.get("goods_outside") and values.get("status") != "modified":
        check.add("order", None, "goods_outside", 'only a modified order can leave the goods out: set status = "modified"')
    if values.get("finding_published") and values.get("kind") == "finding":
        check.add("order", None, "finding_published", 'is for a WRO that became a Finding: set kind = "wro"')
    if any(not name for name in values.get("producers", ())):
        check.add("order", None, "producers", "holds an empty name")


def _check_extension_requests(check: _Checker, values: list[dict[str, Any]]) -> None:
    for index, item in enumerate(values):
        if "task" in item and not item["task"]:
            check.add("extension_requests", index, "task", "say which task the extension is for")
        requested, granted = item.get("requested"), item.get("granted_on")
        if requested and granted and granted < requested:
            check.add("extension_requests", index, "granted_on",
                      f"the grant ({granted}) cannot come before the request ({requested})")
        if item.get("until") and not granted:
            check.add("extension_requests", index, "until", "give the day CBP granted the extension (granted_on)")


def _scope_problem(scope: str, entity_ids: set[str], link_ids: set[str]) -> str | None:
    if scope == "case":
        return None
    kind, _, ident = scope.partition(":")
    if kind == "entity":
        return None if ident in entity_ids else f"names the entity {ident!r}, which is not in [[entities]]"
    if kind == "link":
        return None if ident in link_ids else f"names the link {ident!r}, which is not in [[links]]"
    return f"{scope!r} is not a scope; write case, entity:ID or link:ID"


def _build(cls: type[Any], values: dict[str, Any]) -> Any:
    return cls(**values)
