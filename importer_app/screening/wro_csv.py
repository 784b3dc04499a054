"""The CBP "Withhold Release Orders and Findings" CSV (domain.md F.1).

Columns are found by their header names, in any order; only ``Entity`` and ``Effective
Date`` are required. CBP's file is Windows-1252 with quoted fields that hold commas and line
breaks; ``csv`` reads those, and errors name the file line where the broken row starts.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from importer_app.core.errors import ListFileError
from importer_app.screening.decoding import decode
from importer_app.screening.listing_names import ParsedName, split_listing
from importer_app.screening.model import SOURCE_KINDS, ListedEntity, ParsedList

# Header names folded to letters and digits, so "WRO/Finding" and "wro finding" agree.
_COLUMNS = {
    "effectivedate": "effective_date",
    "countrycode": "country_code",
    "country": "country",
    "merchandise": "merchandise",
    "wrofinding": "order_type",
    "industry": "industry",
    "status": "status",
    "entity": "entity",
    "remarks": "remarks",
}
_REQUIRED = {"entity": "Entity", "effective_date": "Effective Date"}
# Numeric formats only: month names would depend on the locale.
_DATE_FORMATS = ("%m/%d/%Y", "%m/%d/%y", "%Y-%m-%d")


def looks_like_wro_csv(text: str) -> bool:
    """The text's first line is a header with an Entity and an Effective Date column."""
    header = {_fold(name) for name in text.lstrip("\ufeff").split("\n", 1)[0].split(",")}
    return {"entity", "effectivedate"} <= header


def parse_wro_csv(data: bytes, file_name: str) -> ParsedList:
    """Every entity the CSV names, with its order's type, status, dates and goods.

    Raises:
        ListFileError: a broken quote, a row with more fields than the header, a missing
            column or an unreadable date; located at the file line where the row starts.
    """
    text, decoding = decode(data, file_name)
    notes = list(decoding)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: dict[str, int] = {}
    width = 0
    entities: list[ListedEntity] = []
    skipped: list[str] = []
    line = 1
    try:
        for row in reader:
            if not any(field.strip() for field in row):
                line = reader.line_num + 1
                continue
            if not header:
                header, width = _header(row, file_name, line), len(row)
            else:
                fields = _fields(row, header, width, file_name, line)
                if fields["entity"]:
                    entities.extend(_entities(fields, file_name, line, notes))
                else:
                    skipped.append(str(line))
            line = reader.line_num + 1
    except csv.Error as error:
        raise ListFileError(f"the CSV is malformed here ({error}); download the file again",
                            file=file_name, location=f"line {line}") from None
    if not header:
        raise ListFileError("the file is empty", file=file_name)
    if not entities:
        raise ListFileError("no row names an entity; is this the CBP WRO/Findings CSV?", file=file_name)
    if skipped:
        lines = f"line {skipped[0]}" if len(skipped) == 1 else f"lines {', '.join(skipped)}"
        notes.append(f"Rows that name no entity were skipped ({lines}).")
    return ParsedList("wro", SOURCE_KINDS["wro"], tuple(entities), tuple(notes))


def _fold(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _header(row: list[str], file_name: str, line: int) -> dict[str, int]:
    header: dict[str, int] = {}
    for index, name in enumerate(row):
        key = _COLUMNS.get(_fold(name))
        if key and key not in header:
            header[key] = index
    for key, title in _REQUIRED.items():
        if key not in header:
            raise ListFileError(
                f"the header has no {title!r} column (it has: {', '.join(repr(n) for n in row)}); "
                "is this the CBP WRO/Findings CSV?", file=file_name, location=f"line {line}")
    return header


def _fields(row: list[str], header: dict[str, int], width: int, file_name: str,
            line: int) -> dict[str, str]:
    # A spreadsheet may pad rows with empty fields; more values than columns means a comma
    # outside quotes, and guessing which value belongs where would mislabel the row.
    if len(row) > width and any(field.strip() for field in row[width:]):
        raise ListFileError(
            f"the row has {len(row)} fields but the header has {width} columns "
            "(a comma outside quotes?)", file=file_name, location=f"line {line}")
    row = row + [""] * (width - len(row))
    return {key: " ".join(row[index].split()) for key, index in header.items()}


def _entities(fields: dict[str, str], file_name: str, line: int,
              notes: list[str]) -> list[ListedEntity]:
    """The row's entities; a note goes to ``notes`` when the entity text is kept whole."""
    effective = _date(fields["effective_date"], file_name, line)
    try:
        parsed = split_listing(fields["entity"])
    except ValueError as error:
        notes.append(f"Line {line}: {error}; the entity text was kept whole as one name.")
        parsed = [ParsedName(fields["entity"])]
    return [
        ListedEntity(
            list_id="wro", name=name.name, aliases=name.aliases,
            section=fields.get("order_type", ""), status=fields.get("status", ""),
            effective_date=effective, country=fields.get("country", ""),
            merchandise=fields.get("merchandise", ""), note=name.note,
            remarks=fields.get("remarks", ""), source=f"line {line}",
        )
        for name in parsed
    ]


def _date(text: str, file_name: str, line: int) -> dt.date | None:
    if not text:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ListFileError(f"the Effective Date {text!r} is not a date like 06/24/2021",
                        file=file_name, location=f"line {line}")
