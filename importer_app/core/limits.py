"""How large a value a case file may hold: one table that every writer and the opener share.

The opener refuses a case holding a text cell larger than these (a 100 MB company name from
another tool would freeze the window); so every path that writes a cell (the store, a case
description's import, intake notes, a list version kept in a case) checks or shortens its
values against the same numbers, and nothing importer_app writes can make its own case
unopenable.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Final

from importer_app.core.byte_sizes import KB, MB, size_against, size_text

# In decimal kB and MB, the unit every size is printed in; each at least the 1,024-based limit
# of earlier versions (64 KiB; 1, 8, 32 and 64 MiB), so that every case they wrote still opens.
TEXT_LIMIT: Final = 100 * KB
"""Names, addresses, ids and the other short texts of a case, in UTF-8 bytes."""

TEXT_LIMITS: Final[Mapping[tuple[str, str], int]] = {
    ("documents", "pages"): 10 * MB,
    ("documents", "notes"): 2 * MB,
    ("documents", "hostile"): 2 * MB,
    ("document_text", "text"): 40 * MB,
    ("audit_log", "details"): 2 * MB,
    ("settings", "value"): 2 * MB,
    ("not_applicable", "reason"): 2 * MB,
    ("screening_lists", "snapshot"): 80 * MB,
    ("screening_decisions", "reason"): 2 * MB,
    ("inquiries", "asked"): 2 * MB,
    ("inquiries", "response_exhibits"): 2 * MB,
    ("evidence_statement", "summary"): 2 * MB,
    ("gap_explanations", "explanation"): 2 * MB,
    ("gap_explanations", "requests"): 2 * MB,
    ("detention_order", "scope"): 2 * MB,
    ("detention_order", "producers"): 2 * MB,
    ("recipe_rows", "material"): 1 * KB,
    ("recipe_rows", "unit"): 100,
}
"""The longer cells (lists of pages, extracted text, reasons and kept list versions) and the
shorter ones (the material and unit of a recipe row, which name a material and a unit)."""

RECIPE_ROWS: Final = 50
"""Materials in one entity's recipe: a real one names a handful; more would only make the
balance of a file from another tool long to read."""

NOTE_ITEMS: Final = 20
"""Names listed in one intake note (embedded files); the rest are counted."""
NOTE_ITEM_CHARS: Final = 200
"""Characters kept of one listed name."""

_TABLE_NOUNS: Final = {
    "shipment": "the shipment",
    "entities": "a company",
    "links": "a transfer",
    "documents": "a document",
    "document_text": "a document's text",
    "not_applicable": "a not-applicable decision",
    "screening_lists": "a kept list version",
    "screening_decisions": "a screening decision",
    "inquiries": "a CBP request",
    "evidence_statement": "the evidence statement",
    "gap_explanations": "an explanation of a missing item",
    "detention_order": "the detention order",
    "extension_requests": "an extension request",
    "recipe_rows": "a recipe row",
    "settings": "a setting",
    "audit_log": "the audit log",
}


def too_many_recipe_rows(count: int) -> str:
    """The sentence for a recipe of ``count`` rows, more than ``RECIPE_ROWS``."""
    return f"has {count} rows, more than the {RECIPE_ROWS} a recipe may have; keep the materials that limit the output"


def cell_limit(table: str, column: str) -> int:
    """The most UTF-8 bytes a text cell of ``table.column`` may hold."""
    return TEXT_LIMITS.get((table, column), TEXT_LIMIT)


def too_long(size: int, limit: int) -> str:
    """The sentence for a value of ``size`` bytes over ``limit``."""
    return f"is {size_against(size, limit)} long, more than the {size_text(limit)} a case keeps here; shorten it"


def row_problem(table: str, row: Mapping[str, Any]) -> str | None:
    """Why ``row`` cannot be written to ``table`` (its first text over the limit or number that
    is not finite), or None."""
    for column, value in row.items():
        if isinstance(value, float) and not math.isfinite(value):
            return f"the {column.replace('_', ' ')} of {_TABLE_NOUNS.get(table, table)} is {value}, not a finite number"
        if isinstance(value, str):
            size = utf8_size(value)
            limit = cell_limit(table, column)
            if size > limit:
                return f"the {column.replace('_', ' ')} of {_TABLE_NOUNS.get(table, table)} {too_long(size, limit)}"
    return None


def utf8_size(text: str) -> int:
    """The bytes ``text`` takes in the case file; a lone surrogate counts as the 3 bytes SQLite keeps."""
    return len(text.encode("utf-8", "surrogatepass"))


def truncate_utf8(text: str, limit: int) -> str:
    """The longest prefix of ``text`` that fits in ``limit`` UTF-8 bytes."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", "ignore")


def listing(names: Sequence[str]) -> str:
    """``a, b, c ... and 12 more``: at most :data:`NOTE_ITEMS` names, each shortened, for a note
    that must stay far below its cell's limit whatever a file carries."""
    shown = [name if len(name) <= NOTE_ITEM_CHARS else name[:NOTE_ITEM_CHARS] + "..." for name in names[:NOTE_ITEMS]]
    rest = len(names) - len(shown)
    return ", ".join(shown) + (f" ... and {rest} more" if rest else "")
