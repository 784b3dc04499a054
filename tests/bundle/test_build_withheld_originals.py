"""Originals with active content stay out of the bundle; attachment names cannot lie."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from assembly_support import Doc, build_case, catalog, small_case, text_pdf
from builders import make_hostile_pdf, make_pdf
from pypdf import PdfReader
from signing_support import NOW, sign

from importer_app.bundle.verify import verify_pdf
from importer_app.case.intake import AddOptions, add_files
from importer_app.core.display_names import attachment_name, clean_name
from importer_app.intake import process_file
from importer_app.store.casefile import CaseFile

RLO = "\u202e"


def _with(build: Callable[[pikepdf.Pdf], None]) -> bytes:
    with pikepdf.open(io.BytesIO(make_pdf(["Packing list PL-77"]))) as pdf:
        build(pdf)
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def _launch(pdf: pikepdf.Pdf) -> None:
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe"))


def _executable(pdf: pikepdf.Pdf) -> None:
    pdf.attachments["setup.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00 pretend program", filename="setup.exe")


HTML_POLYGLOT = b"<html><body><script>alert('pwned')</script>\n" + make_pdf(["Certificate of origin"])

HOSTILE = {
    "scripted.pdf": make_hostile_pdf(),
    "launcher.pdf": _with(_launch),
    "carrier.pdf": _with(_executable),
    "page.html": HTML_POLYGLOT,
}
CLEAN = {
    f"invoice{RLO}fdp.exe": make_pdf(["Invoice INV-88"]),
    "clean.pdf": make_pdf(["Bill of lading"]),
}


def test_a_pdf_that_is_also_a_web_page_is_found_at_intake() -> None:
    processed = process_file(HTML_POLYGLOT, "page.html")
    assert processed.media_type == "application/pdf"
    assert processed.hostile == ("HTML",)
    assert processed.rendition is not None and b"<script" not in processed.rendition.lower()
    assert any("is not attached to the bundle" in note for note in processed.notes)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    tmp_path = tmp_path_factory.mktemp("withheld")
    folder = tmp_path / "received"
    folder.mkdir()
    for name, data in {**HOSTILE, **CLEAN}.items():
        (folder / name).write_bytes(data)
    case_path = small_case(tmp_path / "case.tcase", [Doc("cover.pdf", text_pdf("cover"), links=("farm-mill",))])
    with CaseFile.open(case_path) as casefile:
        results = add_files(casefile, [folder], AddOptions(links=("farm-mill",), workers=1), catalog())
        assert all(result.added for result in results), [r.message for r in results]
        paths = {d.original_name: d.sha256 for d in casefile.load().documents}
    result = build_case(case_path, tmp_path / "bundle.pdf")
    (volume,) = result.volumes
    assert any("not attached: intake found active content" in warning for warning in result.warnings)
    sign(volume.path, signature_box=volume.signature)
    return volume.path, paths


def test_the_bundle_with_withheld_originals_verifies(bundle: tuple[Path, dict[str, str]]) -> None:
    report = verify_pdf(bundle[0], now=NOW)
    assert report.intact, report.reasons
    # The exhibit id before the name depends on the reading order; the rest is fixed.
    assert sorted(check.name.split("-", 1)[1] for check in report.originals) == ["clean.pdf", "cover.pdf",
                                                                                 "invoicefdp.pdf"]


def test_originals_with_active_content_are_listed_with_their_hash_but_not_attached(
        bundle: tuple[Path, dict[str, str]]) -> None:
    path, shas = bundle
    reader = PdfReader(path)
    attached = reader.attachments
    assert "manifest.json" in attached
    manifest = json.loads(attached["manifest.json"][0])
    withheld = {item["original_name"]: item for item in manifest["withheld"]}
    names = {name.split("/")[-1] for name in shas}
    assert set(withheld) == {n for n in names if n in HOSTILE}
    for name, item in withheld.items():
        assert item["sha256"] == next(sha for full, sha in shas.items() if full.endswith(name))
        assert item["reason"] == "withheld: active content; available on request"
    assert not {item["sha256"] for item in manifest["originals"]} & {item["sha256"] for item in withheld.values()}
    for data in attached.values():
        assert data[0] not in HOSTILE.values()
    table = " ".join(" ".join(page.extract_text().split()) for page in reader.pages[-2:])
    assert "withheld: active content; available on request" in table


def test_no_name_in_the_bundle_carries_a_direction_override(bundle: tuple[Path, dict[str, str]]) -> None:
    path, _ = bundle
    reader = PdfReader(path)
    names = list(reader.attachments)
    assert any(name.endswith("-invoicefdp.pdf") for name in names)
    assert all(RLO not in name for name in names)
    assert RLO not in json.dumps(json.loads(reader.attachments["manifest.json"][0]), ensure_ascii=False)

    def titles(items: list) -> list[str]:  # type: ignore[type-arg]
        return [t for item in items for t in (titles(item) if isinstance(item, list) else [item.title])]

    assert all(RLO not in title for title in titles(reader.outline))
    assert all(RLO not in (page.extract_text() or "") for page in reader.pages)


@pytest.mark.parametrize(("name", "media_type", "expected"), [
    (f"invoice{RLO}fdp.exe", "application/pdf", "2.1-invoicefdp.pdf"),
    ("page.html", "application/pdf", "2.1-page.pdf"),
    ("photo.pdf", "image/jpeg", "2.1-photo.jpg"),
    ("folder/../../escape.pdf", "application/pdf", "2.1-escape.pdf"),
    ('what?<>|"*:.docx', "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "2.1-what.docx"),
    ("...", "application/pdf", "2.1-original.pdf"),
    ("Invoice No. 5.pdf", "application/pdf", "2.1-Invoice No. 5.pdf"),
    ("readme", "application/x-unknown", "2.1-readme.bin"),
])
def test_attachment_names_are_safe_and_carry_the_detected_type(name: str, media_type: str, expected: str) -> None:
    assert attachment_name("2.1", name, media_type) == expected


def test_bidi_and_control_characters_are_removed_from_names() -> None:
    assert clean_name(f"a{RLO}b\u2066c\u200fd\x1b[31me\x00f") == "abcd[31mef"
    assert clean_name("Nhà máy dệt 纺织厂 مصنع") == "Nhà máy dệt 纺织厂 مصنع"
