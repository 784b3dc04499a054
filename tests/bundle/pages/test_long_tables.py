"""Long tables (a row per company of a large case): laid out as reportlab's LongTable lays them
out, byte for byte, with work that grows with the rows, not with their square."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import LongTable

from importer_app.bundle.pages import styles
from importer_app.bundle.pages.section import Story
from importer_app.bundle.plan import BundleOptions

_OPTIONS = BundleOptions(output=Path("unused.pdf"), document_date=dt.date(2026, 11, 28))
_WIDTHS = (150.0, 354.0)


class _MeasuredToTheEnd(styles._Table):
    """The table as reportlab measures it: every row still to come at every page break."""

    wrap = LongTable.wrap
    _calc_height = LongTable._calc_height


def _rows(count: int, *, tall_every: int = 0) -> list[list[str]]:
    """Rows of one to four lines; with ``tall_every``, now and then a row taller than a page."""
    rows = []
    for number in range(count):
        lines = 120 if tall_every and number % tall_every == tall_every - 1 else 1 + number % 4
        rows.append([f"Company {number} Textile Co., Ltd.", " ".join(["Certificate of origin missing."] * lines)])
    return rows


def _render(rows: list[list[str]], table_class: type[styles._Table]) -> bytes:
    """A section of a heading kept with a long table (as the evidence response has), then a second table."""
    story = Story()
    table = styles.table(("Company", "Response"), rows, _WIDTHS)
    table.__class__ = table_class
    after = styles.table(("Company", "Response"), rows[:30], _WIDTHS)
    after.__class__ = table_class
    story.add(styles.plain("Intro " * 200), styles.plain("Certificates of origin", styles.HEADING), table,
              styles.plain("More", styles.HEADING), after)
    return story.render("Long table", "footer", _OPTIONS).pdf


@pytest.mark.parametrize("tall_every", [0, 97])
def test_a_long_table_prints_the_same_bytes_as_one_measured_to_the_end(tall_every: int) -> None:
    rows = _rows(700, tall_every=tall_every)
    assert _render(rows, styles._Table) == _render(rows, _MeasuredToTheEnd)


def _rows_measured(table: styles._Table) -> int:
    return sum(height is not None for height in table._rowHeights)


@pytest.mark.parametrize("room", [600.0, float(0xFFFFFFF)], ids=["a page", "unlimited"])
def test_a_long_table_measures_a_page_of_rows_not_all_of_them(room: float) -> None:
    """At a page break, and when a heading kept with it asks its height (with unlimited room),
    a table of 5,000 rows measures about a page of rows: measuring every row at each break made
    the time grow with the square of the rows (a case of 10,000 companies)."""
    table = styles.table(("Company", "Response"), _rows(5_000), _WIDTHS)
    height = table.wrapOn(Canvas(io.BytesIO(), pagesize=LETTER), sum(_WIDTHS), room)[1]
    assert height > min(room, LETTER[1])
    assert _rows_measured(table) < 200
    first, rest = table.split(sum(_WIDTHS), 600.0)
    assert _rows_measured(rest) < 200
    assert len(first._cellvalues) + len(rest._cellvalues) == 5_000 + 2  # the header repeated
