"""Verify: an untouched signed bundle is intact; every kind of change makes it not intact,
with a reason that names what changed; unreadable input is an error, not a verdict."""

from __future__ import annotations

import functools
import io
import json
import logging
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen import canvas
from signing_support import (
    NOW,
    ORIGINALS,
    build_unsigned,
    certificate,
    identity,
    make_certificate,
    make_p12,
    sign,
)

from importer_app.bundle.build import BundleSource, build
from importer_app.bundle.identity import load_identity
from importer_app.bundle.plan import BundleOptions
from importer_app.bundle.verify import load_trust_anchors, verify_pdf
from importer_app.case.description import import_description
from importer_app.core.catalog import load_catalog
from importer_app.core.errors import VerifyInputError
from importer_app.demo import write_demo
from importer_app.store.casefile import CaseFile


@functools.cache
def _signed_template(folder: Path) -> bytes:
    return sign(build_unsigned(folder / "bundle.pdf")).path.read_bytes()


@pytest.fixture
def signed(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly copied signed bundle: 3 pages, 3 originals and manifest.json, signed at NOW."""
    path = tmp_path / "signed.pdf"
    path.write_bytes(_signed_template(tmp_path_factory.getbasetemp()))
    return path


def test_untouched_bundle_is_intact_and_names_its_signer(signed: Path) -> None:
    report = verify_pdf(signed, now=NOW)
    assert report.intact and report.passed and report.reasons == ()
    assert report.trusted is None
    assert report.summary == "Intact, signed by Jane Doe (Acme Apparel Inc.); signer not independently trusted"
    (check,) = report.signatures
    assert (check.signer, check.organisation, check.email) == ("Jane Doe", "Acme Apparel Inc.", "jane@acme.example")
    assert check.fingerprint_sha256 == identity().fingerprint_sha256
    assert (check.signing_time, check.level, check.self_signed) == (NOW, "PAdES B-B", True)
    assert (check.certification, check.certification_respected) == (
        "form filling, annotations and further signatures", True)
    assert check.signed_bytes == report.file_size == signed.stat().st_size
    assert [(o.name, o.status) for o in report.originals] == [(name, "ok") for name in ORIGINALS]
    assert (report.page_count, report.signed_page_count) == (3, 3)
    assert any("self-signed" in note for note in report.notes)


def test_given_certificate_makes_the_signer_trusted(signed: Path) -> None:
    report = verify_pdf(signed, [certificate(identity())], now=NOW)
    assert report.intact and report.trusted and report.passed
    assert report.summary == "Intact, signed by Jane Doe (Acme Apparel Inc.), trusted"


def test_signer_not_matching_the_given_certificate_fails_but_stays_intact(signed: Path) -> None:
    stranger, _ = make_certificate("Somebody Else")
    report = verify_pdf(signed, [stranger], now=NOW)
    assert report.intact and report.trusted is False and not report.passed
    assert "does not chain to any of the given trusted certificates" in report.reasons[0]


def test_untrusted_signer_is_logged_without_a_traceback(signed: Path, caplog: pytest.LogCaptureFixture) -> None:
    """pyHanko logs a traceback for each untrusted signer; the report already says it."""
    caplog.set_level(logging.DEBUG)
    verify_pdf(signed, now=NOW)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info]


# The tamper matrix: each change, and the words the reasons must use for it.

def _flip_one_signed_byte(data: bytes) -> bytes:
    at = data.index(b"Exhibit page 2: quantity 12000") + len(b"Exhibit page 2: quantity 1")
    return data[:at] + b"9" + data[at + 1:]  # 12000 -> 19000 pieces, inside the signed range


def _draw_on_page_one(data: bytes) -> bytes:
    overlay = io.BytesIO()
    drawing = canvas.Canvas(overlay)
    drawing.drawString(100, 400, "PAID IN FULL")
    drawing.save()
    writer = PdfWriter(io.BytesIO(data), incremental=True)
    writer.pages[0].merge_page(PdfReader(overlay).pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _change_info_only(data: bytes) -> bytes:
    writer = PdfWriter(io.BytesIO(data), incremental=True)
    writer.add_metadata({"/Title": "Nothing to see here"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


JUNK = b"\n% a few harmless-looking bytes\n"


def _append_junk(data: bytes) -> bytes:
    return data + JUNK


def _replace_attachment_and_resave(data: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    tree = writer.root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    spec = tree[tree.index("invoice-INV-9.pdf") + 1].get_object()
    spec["/EF"]["/F"].get_object().set_data(b"%PDF-1.4 a different invoice")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _remove_page_and_resave(data: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.remove_page(2)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


TAMPERING: dict[str, tuple[Callable[[bytes], bytes], list[str]]] = {
    "one byte flipped in the signed range": (_flip_one_signed_byte, ["the signed content was changed"]),
    "incremental update drawing on page 1": (_draw_on_page_one, [
        "an update was added after the signature (revision 3): it changes page 1",
        "certifies the document for form filling, annotations and further signatures only",
    ]),
    "incremental update of the Info dictionary only": (_change_info_only, [
        "an update was added after the signature (revision 3): it changes the document information",
    ]),
    "junk after %%EOF": (_append_junk, [f"{len(JUNK)} bytes were appended after the end of the signed file"]),
    "attachment replaced and file re-saved": (_replace_attachment_and_resave, [
        "the signed content was changed",
        "the attachment 'invoice-INV-9.pdf' (exhibit 1.1) was changed",
    ]),
    "page removed and file re-saved": (_remove_page_and_resave, [
        "the signed content was changed",
        "pages were removed: the document has 2 pages, it had 3 when signed",
    ]),
}


@pytest.mark.parametrize("case", list(TAMPERING))
def test_any_change_makes_the_bundle_not_intact_and_is_named(
    signed: Path, case: str, caplog: pytest.LogCaptureFixture
) -> None:
    tamper, expected = TAMPERING[case]
    signed.write_bytes(tamper(signed.read_bytes()))
    report = verify_pdf(signed, [certificate(identity())], now=NOW)
    assert not report.intact and not report.passed
    for words in expected:
        assert any(words in reason for reason in report.reasons), (words, report.reasons)
    assert report.summary.startswith("NOT INTACT: ")
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info], "expected findings are not alarms"


def test_counter_signature_is_a_permitted_change(signed: Path) -> None:
    """The certification allows further signatures: a recipient's approval signature keeps
    the bundle intact, and the report lists both signers."""
    cert, key = make_certificate("Carol Reviewer")
    reviewer = load_identity(make_p12(key, cert), b"correct horse battery staple", now=NOW).signer
    with signed.open("rb") as source:
        writer = IncrementalPdfFileWriter(source)
        out = signers.PdfSigner(
            signers.PdfSignatureMetadata(field_name="Review", subfilter=fields.SigSeedSubFilter.PADES),
            reviewer,
        ).sign_pdf(writer)
    signed.write_bytes(out.getvalue())
    report = verify_pdf(signed, now=NOW)
    assert report.intact, report.reasons
    assert [s.signer for s in report.signatures] == ["Jane Doe", "Carol Reviewer"]
    assert report.signatures[0].certification_respected


@pytest.mark.parametrize(("build", "reason"), [
    ({"manifest": False}, "manifest.json, the list of attached originals with their SHA-256, is missing"),
    ({"unlisted": {"extra.txt": b"slipped in"}}, "the attachment 'extra.txt' is not listed in manifest.json"),
], ids=["no-manifest", "unlisted-attachment"])
def test_manifest_problems_signed_in_are_still_reported(tmp_path: Path, build: dict, reason: str) -> None:
    info = sign(build_unsigned(tmp_path / "bundle.pdf", **build))
    report = verify_pdf(info.path, now=NOW)
    assert not report.intact and any(reason in found for found in report.reasons), report.reasons


def test_bundle_without_originals_has_nothing_to_compare(tmp_path: Path) -> None:
    info = sign(build_unsigned(tmp_path / "bundle.pdf", originals={}, manifest=False))
    report = verify_pdf(info.path, now=NOW)
    assert report.intact and report.originals == ()


def test_unsigned_file_is_not_intact(tmp_path: Path) -> None:
    report = verify_pdf(build_unsigned(tmp_path / "bundle.pdf"), now=NOW)
    assert not report.intact and report.reasons[0] == "the file is not signed"


@pytest.mark.parametrize("content", [b"", b"\x89PNG\r\n\x1a\n" + bytes(64), b"%PDF-1.7\n1 0 obj\n<<"],
                         ids=["empty", "png", "truncated"])
def test_unreadable_input_is_an_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bundle.pdf"
    path.write_bytes(content)
    with pytest.raises(VerifyInputError, match="bundle.pdf cannot be read as a PDF"):
        verify_pdf(path, now=NOW)
    with pytest.raises(VerifyInputError, match="Cannot read"):
        verify_pdf(tmp_path / "missing.pdf", now=NOW)


def test_report_as_json(signed: Path) -> None:
    document = json.loads(verify_pdf(signed, now=NOW).to_json())
    assert document["intact"] is True and document["passed"] is True
    assert document["signatures"][0]["signing_time"] == "2026-11-02T09:30:00+00:00"
    assert document["originals"][0]["status"] == "ok"


def test_trust_anchors_load_from_pem_or_der(tmp_path: Path) -> None:
    cert = certificate(identity())
    pem, der, junk = tmp_path / "a.pem", tmp_path / "a.der", tmp_path / "a.txt"
    pem.write_bytes(identity().cert_pem * 2)
    der.write_bytes(cert.public_bytes(Encoding.DER))
    junk.write_text("not a certificate")
    assert load_trust_anchors(pem) == [cert, cert]
    assert load_trust_anchors(der) == [cert]
    with pytest.raises(VerifyInputError, match="not a certificate file"):
        load_trust_anchors(junk)


def test_poppler_pdfsig_independently_accepts_the_untouched_bundle(signed: Path) -> None:
    """pdfsig exits 0 even on a digest mismatch: its words are what count."""
    if shutil.which("pdfsig") is None:
        pytest.skip("pdfsig is not installed (Debian: apt-get install poppler-utils)")
    output = subprocess.run(["pdfsig", str(signed)], capture_output=True, text=True, timeout=60, check=False).stdout
    assert "Signature is Valid" in output
    assert "Total document signed" in output
    assert re.search(r"Signer Certificate Common Name: Jane Doe", output)
    flipped = signed.with_name("flipped.pdf")
    flipped.write_bytes(_flip_one_signed_byte(signed.read_bytes()))
    flipped_output = subprocess.run(["pdfsig", str(flipped)], capture_output=True, text=True, timeout=60,
                                    check=False).stdout
    assert "Signature is Valid" not in flipped_output


@pytest.mark.slow
def test_demo_bundle_volumes_sign_and_verify_with_every_original(tmp_path: Path) -> None:
    """The real build: pikepdf volumes, originals appended as an update with one manifest.json
    per volume, the cover letter's signature box. Each volume is signed and checked alone."""
    spec = write_demo(tmp_path / "source", today=NOW.date())
    import_description(spec, tmp_path / "demo.tcase", load_catalog())
    with CaseFile.open(tmp_path / "demo.tcase", readonly=True) as casefile:
        result = build(BundleSource.from_casefile(casefile),
                       BundleOptions(output=tmp_path / "bundle.pdf", document_date=NOW.date(), max_volume_mb=2.0))
    assert len(result.volumes) > 1
    attached = 0
    for volume in result.volumes:
        assert volume.signature is not None
        sign(volume.path, signature_box=volume.signature)
        report = verify_pdf(volume.path, [certificate(identity())], now=NOW)
        assert report.passed, (volume.path.name, report.reasons)
        # A last volume may hold only the manifest, which did not fit beside the last exhibit.
        assert report.originals or (not volume.exhibits and volume is result.volumes[-1])
        assert all(check.status == "ok" for check in report.originals)
        attached += len(report.originals)
    assert attached == len(result.plan.exhibits)
