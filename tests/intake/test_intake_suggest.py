"""Suggestions from a document's text, and sniffing a file's kind from its content."""

from __future__ import annotations

import datetime as dt

import pytest

from importer_app.core.catalog import load_catalog
from importer_app.intake.sniff import sniff
from importer_app.intake.suggest import (
    container_check_digit, suggest, suggest_dates, suggest_quantities, suggest_references, suggest_types,
)

from builders import make_docx, make_image, make_pdf

INVOICE = """COMMERCIAL INVOICE
Invoice No.: INV-2026-0142        Date: 12 Feb 2026
Seller: Delta Spinning Co., Ltd., P.O. Box 1234, Ho Chi Minh City
Purchase Order: PO-1001     B/L No: MAEU123456789
Container: CSQU 305438 3, MSCU 123456 7
Entry No. ABC-1234567-8
Shipped 03/04/2026, due 25/04/2026, ETA February 28, 2026
Qty: 12,000 pcs   Net weight 5.000,50 kg   25.480 MT   300 ctns   10 M
"""


def test_the_catalog_keywords_suggest_the_document_type() -> None:
    keywords = {type_id: kind.keywords for type_id, kind in load_catalog().document_types.items()}
    best, *others = suggest_types(INVOICE, "scan_0001.pdf", keywords)
    assert best.type_id == "commercial_invoice" and best.confidence > 0.5
    assert "commercial invoice" in best.evidence
    assert all(other.confidence < best.confidence for other in others)
    packing = suggest_types("装箱单\n毛重 净重", "2026-03.pdf", keywords)
    assert packing[0].type_id == "packing_list"


def test_a_file_name_counts_and_words_must_match_whole() -> None:
    keywords = {"bill_of_lading": ["awb", "bill of lading"], "packing_list": ["packing list"]}
    assert suggest_types("Shipment papers", "AWB_176-12345675.pdf", keywords)[0].type_id == "bill_of_lading"
    assert suggest_types("awbxyz packing  list", "x.pdf", keywords)[0].type_id == "packing_list"
    assert suggest_types("nothing relevant", "x.pdf", keywords) == ()


def test_reference_numbers_with_their_kind() -> None:
    found = {(r.kind, r.value): r.confidence for r in suggest_references(INVOICE)}
    assert found[("invoice", "INV-2026-0142")] == 0.8
    assert found[("purchase_order", "PO-1001")] == 0.8
    assert found[("bill_of_lading", "MAEU123456789")] == 0.8
    assert found[("entry", "ABC-1234567-8")] == 0.9
    assert found[("container", "CSQU3054383")] == 0.95
    assert not any(kind == "purchase_order" and value.startswith("Box") for kind, value in found)
    # MSCU 123456 7 has a wrong check digit: a typo or not a container, so no suggestion.
    assert not any(value.startswith("MSCU") for _, value in found)


def test_container_check_digit_follows_iso_6346() -> None:
    assert container_check_digit("CSQU305438") == 3
    assert container_check_digit("MSCU123456") == 6


def test_dates_in_the_ways_suppliers_write_them() -> None:
    text = INVOICE + "\n2026年3月5日, ngày 6 tháng 3 năm 2026"
    found = {(d.value, d.text): d.confidence for d in suggest_dates(text)}
    assert found[(dt.date(2026, 2, 12), "12 Feb 2026")] == 0.9  # labelled "Date:"
    assert found[(dt.date(2026, 2, 28), "February 28, 2026")] == 0.8
    assert found[(dt.date(2026, 3, 5), "2026年3月5日")] == 0.8
    assert found[(dt.date(2026, 3, 6), "ngày 6 tháng 3 năm 2026")] == 0.8
    assert found[(dt.date(2026, 4, 25), "25/04/2026")] == 0.6  # 25 cannot be a month
    # Day-first or month-first: both offered, neither trusted.
    assert found[(dt.date(2026, 4, 3), "03/04/2026")] == found[(dt.date(2026, 3, 4), "03/04/2026")] == 0.3
    assert suggest_dates("31/02/2026 and 1850-01-01") == ()


def test_quantities_with_units_normalised() -> None:
    found = {(q.value, q.unit): q.confidence for q in suggest_quantities(INVOICE)}
    assert found[(12000.0, "pcs")] == 0.8  # labelled "Qty"
    assert found[(5000.5, "kg")] == 0.8  # "Net weight", European separators
    assert found[(300.0, "cartons")] == 0.6
    assert found[(25.48, "t")] == 0.4  # 25.480: 25.48 or 25480? read the English way, unsure
    assert not any(unit == "m" for _, unit in found)  # "10 M" is ten million of something
    chinese = suggest_quantities("数量: 500 件, 2,000 公斤")
    assert [(q.value, q.unit) for q in chinese] == [(500.0, "pcs"), (2000.0, "kg")]


def test_suggest_gathers_everything_and_empty_text_gives_nothing() -> None:
    result = suggest(INVOICE, "inv.pdf", {"commercial_invoice": ["commercial invoice"]})
    assert result.document_types and result.references and result.dates and result.quantities
    empty = suggest("", "scan.pdf", {"commercial_invoice": ["commercial invoice"]})
    assert (empty.document_types, empty.references, empty.dates, empty.quantities) == ((), (), (), ())


@pytest.mark.parametrize(("data", "kind", "media_type"), [
    (make_pdf(["x"]), "pdf", "application/pdf"),
    (b"\x00" * 900 + make_pdf(["x"]), "pdf", "application/pdf"),
    (make_image("JPEG"), "image", "image/jpeg"),
    (make_image("TIFF"), "image", "image/tiff"),
    (make_image("WEBP"), "image", "image/webp"),
    (b"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1heix" + b"\x00" * 16, "image", "image/heic"),
    (make_docx(["x"], parts_first=False),
     "office", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (b"<!DOCTYPE html><html><body>invoice</body></html>", "other", "text/html"),
    (b"\x00\x01\x02\x03garbage", "other", "application/octet-stream"),
])
def test_the_content_decides_what_a_file_is(data: bytes, kind: str, media_type: str) -> None:
    sniffed = sniff(data)
    assert (sniffed.kind, sniffed.media_type) == (kind, media_type)
