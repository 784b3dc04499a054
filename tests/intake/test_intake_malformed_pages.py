"""Ordinary PDFs with malformed pages are accepted, with a copy both PDF engines read alike."""

from __future__ import annotations

import io
from collections.abc import Callable

import pikepdf
import pypdf
import pytest
from malformed_pdfs import ALL, BOX_DEFECTS, STREAM_DEFECTS, TREE_DEFECTS

from importer_app.intake import process_file
from importer_app.intake.geometry import rotation


def _bundle_input(data: bytes, rendition: bytes | None) -> bytes:
    return rendition if rendition is not None else data


@pytest.mark.parametrize("make", ALL.values(), ids=ALL.keys())
def test_a_malformed_pdf_is_accepted_and_both_engines_count_its_pages_alike(make: Callable[[], bytes]) -> None:
    data = make()
    processed = process_file(data, "supplier.pdf")
    used = _bundle_input(data, processed.rendition)
    with pikepdf.open(io.BytesIO(used)) as pdf:
        assert len(pdf.pages) == processed.page_count
        for page, info in zip(pdf.pages, processed.pages, strict=True):
            # The bundle stamps what qpdf reads: a box with an area, a quarter-turn rotation.
            x0, y0, x1, y1 = (float(v) for v in page.obj.MediaBox)
            assert x1 - x0 >= 1 and y1 - y0 >= 1
            assert int(page.obj.get("/Rotate", 0)) in (0, 90, 180, 270)
            assert info.width_pt > 0 and info.height_pt > 0
    assert len(pypdf.PdfReader(io.BytesIO(used)).pages) == processed.page_count


@pytest.mark.parametrize("make", BOX_DEFECTS.values(), ids=BOX_DEFECTS.keys())
def test_a_page_without_a_usable_box_gets_us_letter_and_says_so(make: Callable[[], bytes]) -> None:
    processed = process_file(make(), "no-size.pdf")
    assert [(p.width_pt, p.height_pt) for p in processed.pages] == [(612.0, 792.0)]
    assert processed.rendition is not None and processed.rendition_reason == "page size set"
    assert "the page has no usable page size: US Letter is assumed, as PDF viewers do" in processed.notes
    with pikepdf.open(io.BytesIO(processed.rendition)) as pdf:
        assert [float(v) for v in pdf.pages[0].obj.MediaBox] == [0, 0, 612, 792]
    assert "Malformed but ordinary" in processed.text


def test_a_rotation_of_ten_to_the_22_is_taken_modulo_360() -> None:
    processed = process_file(TREE_DEFECTS["huge-rotate"](), "rotated.pdf")
    # 10^22 mod 360 = 280, nearest quarter turn 270.
    assert [p.rotation for p in processed.pages] == [270]
    assert processed.rendition_reason == "page tree rebuilt; rotation set"
    assert any("taken modulo 360" in note for note in processed.notes)
    with pikepdf.open(io.BytesIO(processed.rendition)) as pdf:
        assert int(pdf.pages[0].obj.Rotate) == 270


def test_a_page_tree_that_lists_the_catalog_keeps_only_its_pages() -> None:
    processed = process_file(TREE_DEFECTS["kids-name-the-catalog"](), "tree.pdf")
    assert processed.page_count == 2
    assert processed.rendition_reason == "page tree rebuilt"
    assert any("PDF readers count 2 or 3 pages" in note and "check them" in note for note in processed.notes)


@pytest.mark.parametrize("make", STREAM_DEFECTS.values(), ids=STREAM_DEFECTS.keys())
def test_a_stream_pypdf_cannot_decode_is_bound_as_qpdf_reads_it(make: Callable[[], bytes]) -> None:
    """pypdf's DependencyError (JBIG2) and DeprecationError (/A85) cost the page's text only."""
    data = make()
    processed = process_file(data, "scan.pdf")
    assert processed.rendition is None and processed.page_count == 1
    assert processed.text == "" and "the page has no text layer (not searchable)" in processed.notes


@pytest.mark.parametrize(("value", "expected"), [
    (0, 0), (90, 90), (-90, 270), (450, 90), (10**22, 270), (44, 0), (46, 90), (359, 0),
    (float("nan"), 0), (float("inf"), 0), ("/Ninety", 0), (None, 0),
])
def test_rotation_is_modulo_360_to_the_nearest_quarter_turn(value: object, expected: int) -> None:
    assert rotation(value) == expected
