"""One file at a time: what intake accepts, what it makes of it, and how it refuses the rest."""

from __future__ import annotations

import io
import os
import stat
import sys
import zipfile
from pathlib import Path

import pikepdf
import pypdf
import pytest
from PIL import Image

from importer_app.core.errors import DocumentRefused
from importer_app.intake import REFUSAL_CODES, office, process_file
from importer_app.intake.sniff import OLE_MAGIC

from builders import active_names, encrypt, make_docx, make_hostile_pdf, make_image, make_pdf, png_header_only


def refusal(data: bytes, name: str, **options: object) -> DocumentRefused:
    with pytest.raises(DocumentRefused) as refused:
        process_file(data, name, **options)  # type: ignore[arg-type]
    assert refused.value.code in REFUSAL_CODES
    assert name in str(refused.value)
    return refused.value


# --- PDFs ----------------------------------------------------------------------------------


def test_a_plain_pdf_is_used_as_it_is_with_its_pages_and_text() -> None:
    data = make_pdf(["COMMERCIAL INVOICE\nInvoice No: INV-2041", "", "third page"])
    result = process_file(data, "inv.pdf")
    assert result.media_type == "application/pdf"
    assert result.original == data and result.rendition is None and result.rendition_reason == ""
    assert [(p.width_pt, p.height_pt, p.rotation) for p in result.pages] == [(612, 792, 0)] * 3
    assert [p.has_text for p in result.pages] == [True, False, True]
    assert "1 of 3 pages has no text layer (not searchable)" in result.notes
    assert "INV-2041" in result.text


def test_junk_before_the_header_is_still_a_pdf() -> None:
    data = b"Scanner output v2\r\n" + make_pdf(["Hello"])
    result = process_file(data, "scan.pdf")
    assert result.media_type == "application/pdf" and result.page_count == 1


def test_a_truncated_pdf_is_repaired_or_refused_as_damaged() -> None:
    data = make_pdf(["one", "two"])
    cut = data[: len(data) * 2 // 3]
    try:
        result = process_file(cut, "cut.pdf")
    except DocumentRefused as refused:
        assert refused.code == "damaged"
    else:
        assert result.rendition_reason == "repaired" and result.rendition is not None
        assert any(note.startswith("repaired") for note in result.notes)
    assert refusal(data[:40], "stub.pdf").code == "damaged"


def test_a_zero_byte_file_is_refused_as_empty() -> None:
    refused = refusal(b"", "po.pdf")
    assert refused.code == "empty" and "0 bytes" in str(refused)


def test_hostile_content_is_recorded_and_removed_from_the_rendition_only() -> None:
    data = make_hostile_pdf()
    result = process_file(data, "invoice.pdf")
    assert result.hostile == ("JavaScript", "OpenAction", "AA", "Launch", "EmbeddedFiles")
    assert result.original == data
    assert result.rendition is not None
    assert result.rendition_reason == (
        "JavaScript, open action, automatic actions, launch actions and attachments removed"
    )
    assert any("payload.txt" in note for note in result.notes)
    assert active_names(result.rendition) == set()
    with pikepdf.open(io.BytesIO(result.rendition)) as pdf:
        assert len(pdf.pages) == 2 and len(pdf.attachments) == 0
    with pikepdf.open(io.BytesIO(data)) as original:
        assert "/OpenAction" in original.Root  # the original is evidence: untouched


def test_owner_password_only_opens_without_asking_and_lists_restrictions() -> None:
    result = process_file(encrypt(make_pdf(["x"]), allow_print=False), "locked.pdf")
    assert result.rendition is None
    assert "printing" in result.restrictions and "copying text and images" in result.restrictions


def test_user_password_right_wrong_and_missing() -> None:
    data = encrypt(make_pdf(["secret terms"]), user="pässword")
    assert refusal(data, "c.pdf").code == "password-required"
    assert refusal(data, "c.pdf", password="password").code == "wrong-password"
    result = process_file(data, "c.pdf", password="pässword")
    assert result.rendition is not None and result.rendition_reason == "decrypted"
    assert "secret terms" in pypdf.PdfReader(io.BytesIO(result.rendition)).pages[0].extract_text()


def test_renditions_are_deterministic_so_the_same_file_is_the_same_blob() -> None:
    for data, name in ((make_hostile_pdf(), "h.pdf"), (make_image("PNG"), "p.png")):
        assert process_file(data, name).rendition == process_file(data, name).rendition


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "TIFF", "BMP", "GIF", "WEBP"])
def test_each_image_kind_becomes_a_one_page_pdf(image_format: str) -> None:
    result = process_file(make_image(image_format), f"photo.{image_format.lower()}")
    assert result.media_type.startswith("image/")
    assert result.rendition is not None and result.page_count == 1
    assert result.rendition_reason.startswith("converted from")
    assert result.notes == ("the page has no text layer (not searchable)",)
    assert len(pypdf.PdfReader(io.BytesIO(result.rendition)).pages) == 1


def test_a_png_renamed_pdf_is_taken_as_the_image_it_is() -> None:
    result = process_file(make_image("PNG"), "invoice.pdf")
    assert result.media_type == "image/png" and result.rendition_reason == "converted from PNG"


def test_a_jpeg_is_embedded_without_re_encoding_and_turned_by_exif() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6
    data = make_image("JPEG", quality=80, exif=exif.tobytes(), dpi=(72, 72))
    result = process_file(data, "phone.jpg")
    assert result.pages[0].rotation == 90
    assert "turned upright as its EXIF orientation says" in result.notes
    with pikepdf.open(io.BytesIO(result.rendition or b"")) as pdf:
        (image,) = pdf.pages[0].obj.Resources.XObject.values()
        assert image.Filter == pikepdf.Name.DCTDecode and image.read_raw_bytes() == data


def test_a_multipage_tiff_gives_every_page_and_a_scan_keeps_its_paper_size() -> None:
    pages = [Image.new("1", (2480, 3508), 1) for _ in range(3)]  # A4 at 300 dpi
    out = io.BytesIO()
    pages[0].save(out, "TIFF", save_all=True, append_images=pages[1:], compression="group4", dpi=(300, 300))
    result = process_file(out.getvalue(), "fax.tif")
    assert result.page_count == 3
    assert all(round(p.width_pt) == 595 and round(p.height_pt) == 842 for p in result.pages)


def test_a_photo_without_a_scan_resolution_is_fitted_to_a_letter_page() -> None:
    result = process_file(make_image("PNG", size=(4000, 3000)), "site-visit.png")
    assert (result.pages[0].width_pt, result.pages[0].height_pt) == (792, 612)


def test_transparency_and_cmyk_convert() -> None:
    assert process_file(make_image("PNG", mode="RGBA"), "logo.png").page_count == 1
    assert process_file(make_image("JPEG", mode="CMYK"), "print.jpg").page_count == 1


def test_a_40000_pixel_square_png_is_refused_as_a_decompression_bomb() -> None:
    refused = refusal(png_header_only(40_000, 40_000), "bomb.png")
    assert refused.code == "decompression-bomb"


def test_a_tiff_page_beyond_the_first_cannot_smuggle_a_bomb() -> None:
    small = Image.new("1", (10, 10))
    big = Image.new("1", (10_000, 9_000))  # 90 Mpx > Pillow's 89.5 Mpx limit; 1-bit, 11 MB
    out = io.BytesIO()
    small.save(out, "TIFF", save_all=True, append_images=[big], compression="group4")
    assert refusal(out.getvalue(), "scan.tif").code == "decompression-bomb"


def test_a_damaged_image_is_refused_as_damaged() -> None:
    data = make_image("PNG", size=(400, 400))
    assert refusal(data[:200], "cut.png").code == "damaged"


# --- office files and everything else ---------------------------------------------------------


def test_an_office_file_without_libreoffice_is_kept_and_marked_as_needing_a_rendition(no_libreoffice: None) -> None:
    data = make_docx(["PURCHASE ORDER", "PO No: PO-1001", "Cotton yarn 5,000 kg"], parts_first=False)
    result = process_file(data, "po.docx", type_keywords={"purchase_order": ["purchase order"]})
    assert result.media_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert result.needs_rendition and result.rendition is None and result.pages == ()
    assert "LibreOffice is not installed" in result.notes[0]
    assert "PURCHASE ORDER" in result.text and "Cotton yarn 5,000 kg" in result.text
    assert result.suggestions.document_types[0].type_id == "purchase_order"
    assert result.suggestions.references[0].value == "PO-1001"


def _zipped(members: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return out.getvalue()


def test_an_office_file_with_macros_is_marked_active_so_its_original_stays_out_of_the_bundle(
    no_libreoffice: None,
) -> None:
    result = process_file(make_docx(["PACKING LIST"], macros=True), "packing.docm")
    assert result.hostile == ("Macros",)
    assert any(note.startswith("contains macros") and "not attached" in note for note in result.notes)
    assert process_file(make_docx(["PACKING LIST"]), "packing.docx").hostile == ()


@pytest.mark.parametrize(("data", "found"), [
    (make_docx(["x"], macros=True), True),
    (make_docx(["x"]), False),
    (OLE_MAGIC + b"\x00" * 200 + "_VBA_PROJECT".encode("utf-16-le") + b"\x00" * 50, True),
    (OLE_MAGIC + b"\x00" * 200 + "WordDocument".encode("utf-16-le") + b"\x00" * 50, False),
    (b"PK\x03\x04 not really a zip", False),
    (_zipped({"mimetype": "application/vnd.oasis.opendocument.text", "Basic/Standard/Module1.xml": "<m/>"}), True),
    (_zipped({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<c/>"}), False),
])
def test_macros_are_found_in_new_and_legacy_office_formats(data: bytes, found: bool) -> None:
    assert office.has_macros(data) is found


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in LibreOffice is a shell script")
def test_an_office_file_is_converted_by_whatever_soffice_is_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A stand-in LibreOffice: writes a one-page PDF where soffice would. Tests the plumbing
    # (arguments, profile, output folder) on any machine.
    pdf = tmp_path / "made.pdf"
    pdf.write_bytes(make_pdf(["converted"]))
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text(
        "#!/bin/sh\n"
        'while [ "$1" != "--outdir" ]; do shift; done\n'
        f'mkdir -p "$2" && cp {pdf} "$2/document.pdf"\n'
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    result = process_file(make_docx(["Hello"]), "letter.docx")
    assert result.rendition_reason == "converted from Word document (LibreOffice)"
    assert result.page_count == 1 and "converted" in result.text and not result.needs_rendition
    with_macros = process_file(make_docx(["Hello"], macros=True), "letter.docm")
    assert with_macros.hostile == ("Macros",) and with_macros.rendition is not None


@pytest.mark.skipif(not any((Path(p) / "soffice").exists() for p in os.environ["PATH"].split(os.pathsep)),
                    reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_a_word_document_for_real() -> None:
    result = process_file(make_docx(["PURCHASE ORDER", "PO No: PO-1001"]), "po.docx")
    assert result.page_count == 1 and "PO-1001" in result.text


@pytest.mark.parametrize(("data", "label"), [
    (b"PK\x05\x06" + b"\x00" * 18, "a ZIP archive"),
    (b"Supplier list\nAcme, VN\n", "a plain-text file"),
    (b"From: supplier@example.com\nSubject: docs\n\nsee attached", "an e-mail message"),
    (b"\x7fELF\x02\x01\x01" + b"\x00" * 60, "a program"),
])
def test_anything_else_is_refused_naming_what_it_is(data: bytes, label: str) -> None:
    refused = refusal(data, "evidence.pdf")
    assert refused.code == "not-supported"
    assert f"evidence.pdf is named like a PDF but is {label}" in str(refused)
