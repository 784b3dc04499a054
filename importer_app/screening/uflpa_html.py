"""The DHS UFLPA Entity List page, saved from a browser as HTML (domain.md F.2).

The page has one table per statutory list, each after a heading or description naming its
section ("Section 2(d)(2)(B)(ii)"). A table counts when its header has a ``Name of Entity``
(or ``Entity Name``) column; layout tables are passed over. The standard library's
``html.parser`` is enough: the page is simple, a saved page may not be well-formed (which
the tolerant parser accepts), and it keeps the app free of a native dependency for one page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from importer_app.core.errors import ListFileError
from importer_app.screening.decoding import decode
from importer_app.screening.listing_names import ParsedName, split_listing
from importer_app.screening.model import SOURCE_KINDS, ListedEntity, ParsedList

_NAME_COLUMNS = ("nameofentity", "entityname")
_DATE_COLUMNS = ("effectivedate",)
_SECTION = re.compile(r"2\s*\(\s*d\s*\)\s*\(\s*2\s*\)\s*\(\s*B\s*\)\s*\(\s*([ivx]+)\s*\)", re.IGNORECASE)
_HTML = re.compile(r"<\s*(?:!doctype\s+html|html|table)\b", re.IGNORECASE)
_DATE = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2})\s*,?\s*(\d{4})$")
_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_SKIPPED_TAGS = {"script", "style", "template"}
_BREAKS = {"br", "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6"}


def looks_like_html(text: str) -> bool:
    return _HTML.search(text[:65536]) is not None


def parse_uflpa_html(data: bytes, file_name: str) -> ParsedList:
    """Every entity on the page, with its section and effective date.

    Raises:
        ListFileError: no entity table, a row with fewer cells than the header or an
            unreadable date; located at the table (counted from the top of the page), the
            row and the file line.
    """
    text, decoding = decode(data, file_name)
    reader = _PageReader()
    reader.feed(text)
    reader.close()
    notes = list(decoding)
    entities: list[ListedEntity] = []
    found_table = False
    for table in reader.tables:
        columns = _columns(table)
        if columns is None:
            continue
        found_table = True
        section = _section(table.context)
        if not section:
            notes.append(f"Table {table.number}: no statutory section (2(d)(2)(B)(...)) is named "
                         "before it; its entities are kept without one.")
        entities.extend(_table_entities(table, columns, section, file_name, notes))
    if not found_table:
        raise ListFileError("no table has a 'Name of Entity' column; is this the DHS UFLPA Entity "
                            "List page saved as HTML?", file=file_name)
    if not entities:
        raise ListFileError("the entity tables are empty", file=file_name)
    return ParsedList("uflpa", SOURCE_KINDS["uflpa"], tuple(entities), tuple(notes))


@dataclass
class _Row:
    cells: list[str]
    line: int


@dataclass
class _Table:
    number: int
    line: int
    context: str
    rows: list[_Row] = field(default_factory=list)


class _PageReader(HTMLParser):
    """Collects top-level tables, row by row, and the text before each of them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[_Table] = []
        self._depth = 0
        self._skipping = 0
        self._between: list[str] = []
        self._row: _Row | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag == "table":
            self._depth += 1
            if self._depth == 1:
                context = " ".join(" ".join(self._between).split())
                self.tables.append(_Table(len(self.tables) + 1, self.getpos()[0], context))
        elif self._depth == 1 and tag == "tr":
            self._end_row()
            self._row = _Row([], self.getpos()[0])
        elif self._depth == 1 and tag in ("td", "th"):
            self._end_cell()
            if self._row is None:  # a cell without <tr>: browsers open the row
                self._row = _Row([], self.getpos()[0])
            self._cell = []
        elif tag in _BREAKS:
            self._text(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS:
            self._text(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag == "table" and self._depth:
            self._depth -= 1
            if self._depth == 0:
                self._end_row()
                self._between = []
        elif self._depth == 1 and tag in ("td", "th"):
            self._end_cell()
        elif self._depth == 1 and tag == "tr":
            self._end_row()
        elif tag in _BREAKS:
            self._text(" ")

    def handle_data(self, data: str) -> None:
        self._text(data)

    def _text(self, data: str) -> None:
        if self._skipping:
            return
        if self._depth == 0:
            self._between.append(data)
        elif self._cell is not None:
            self._cell.append(data)

    def _end_cell(self) -> None:
        if self._row is not None and self._cell is not None:
            self._row.cells.append(" ".join("".join(self._cell).split()))
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None and self._row.cells:
            self.tables[-1].rows.append(self._row)
        self._row = None


@dataclass(frozen=True)
class _Columns:
    name: int
    date: int | None
    width: int


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _columns(table: _Table) -> _Columns | None:
    """Where the name and date are, from the table's first row; None for other tables."""
    if not table.rows:
        return None
    header = [_fold(cell) for cell in table.rows[0].cells]
    name = next((i for i, cell in enumerate(header) if cell in _NAME_COLUMNS), None)
    if name is None:
        return None
    date = next((i for i, cell in enumerate(header) if cell in _DATE_COLUMNS), None)
    return _Columns(name, date, len(header))


def _section(context: str) -> str:
    """The statutory list named last in the text before a table, e.g. ``2(d)(2)(B)(iv)``."""
    found = _SECTION.findall(context)
    return f"2(d)(2)(B)({found[-1].lower()})" if found else ""


def _table_entities(table: _Table, columns: _Columns, section: str, file_name: str,
                    notes: list[str]) -> list[ListedEntity]:
    entities: list[ListedEntity] = []
    for number, row in enumerate(table.rows[1:], start=1):
        where = f"table {table.number}, row {number} (line {row.line})"
        needed = max(columns.name, columns.date or 0) + 1
        if len(row.cells) < needed:
            count = f"{len(row.cells)} cell" + ("" if len(row.cells) == 1 else "s")
            raise ListFileError(f"the row has {count} but the table has {columns.width} columns",
                                file=file_name, location=where)
        text = row.cells[columns.name]
        effective = _date(row.cells[columns.date], file_name, where) if columns.date is not None else None
        try:
            parsed = split_listing(text)
        except ValueError as error:
            notes.append(f"{where[0].upper()}{where[1:]}: {error}; the entity text was kept whole.")
            parsed = [ParsedName(text)]
        if not parsed:
            notes.append(f"{where[0].upper()}{where[1:]}: the name is empty; the row was skipped.")
        entities.extend(
            ListedEntity(list_id="uflpa", name=name.name, aliases=name.aliases, section=section,
                         effective_date=effective, note=name.note, source=where)
            for name in parsed
        )
    return entities


def _date(text: str, file_name: str, where: str) -> dt.date | None:
    """A date written like "June 21, 2022" (month names in English whatever the locale)."""
    if not text:
        return None
    found = _DATE.match(text)
    month = _MONTHS.get(found.group(1).lower()[:3]) if found else None
    if found and month:
        try:
            return dt.date(int(found.group(3)), month, int(found.group(2)))
        except ValueError:
            pass
    raise ListFileError(f"the Effective Date {text!r} is not a date like 'June 21, 2022'",
                        file=file_name, location=where)
