"""Signing a bundle: a certifying PAdES signature, visible in the cover letter's signature
block, appended as an incremental update, written atomically; bad input writes nothing."""

from __future__ import annotations

import datetime as dt
import io
import logging
import socket
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import MDPPerm
from pypdf import PdfReader
from signing_support import (
    BOX,
    NOW,
    PASSWORD,
    build_unsigned,
    ca_chain,
    identity,
    loaded_identity,
    local_tsa,
    make_certificate,
    make_p12,
    sign,
)

from importer_app.bundle import signing
from importer_app.bundle.identity import load_identity
from importer_app.bundle.verify import verify_pdf
from importer_app.core.errors import IdentityExpiredError, SigningError, TimestampError


def test_signature_is_a_certifying_pades_signature_in_the_signature_block(tmp_path: Path) -> None:
    src = build_unsigned(tmp_path / "bundle.pdf")
    original = src.read_bytes()
    info = sign(src, tmp_path / "signed.pdf")

    assert (info.level, info.signing_time, info.timestamp_time) == ("PAdES B-B", NOW, None)
    assert (info.signer, info.organisation) == ("Jane Doe", "Acme Apparel Inc.")
    assert info.fingerprint_sha256 == identity().fingerprint_sha256
    assert info.certification == "form filling, annotations and further signatures" and info.visible
    signed = info.path.read_bytes()
    assert signed.startswith(original), "the signature must be an incremental update"
    signature = PdfFileReader(io.BytesIO(signed)).embedded_signatures[0]
    dictionary = signature.sig_object
    assert dictionary["/SubFilter"] == "/ETSI.CAdES.detached"
    assert (dictionary["/Reason"], dictionary["/Location"]) == ("Response to CBP detention", "Long Beach, CA")
    assert signature.docmdp_level == MDPPerm.ANNOTATE
    assert signature.md_algorithm == "sha256"
    assert signature.self_reported_timestamp == NOW  # PAdES puts it in /M, not in the CMS
    widget = signature.sig_field
    assert [float(v) for v in widget["/Rect"]] == list(BOX[1])
    first_page = PdfReader(io.BytesIO(signed)).pages[0]
    assert widget.raw_get("/P").idnum == first_page.indirect_reference.idnum


def test_strict_certification_allows_form_filling_and_signatures_only(tmp_path: Path) -> None:
    info = sign(build_unsigned(tmp_path / "bundle.pdf"), tmp_path / "signed.pdf", certify_strict=True)
    assert info.certification == "form filling and further signatures"
    signature = PdfFileReader(io.BytesIO(info.path.read_bytes())).embedded_signatures[0]
    assert signature.docmdp_level == MDPPerm.FILL_FORMS
    report = verify_pdf(info.path, now=NOW)
    assert report.intact and report.signatures[0].certification == "form filling and further signatures"


def test_appearance_draws_names_in_any_script_with_distinct_subset_tags(tmp_path: Path) -> None:
    """A Chinese signer's name prints in an embedded CJK font; the appearance's subsets never
    take the tags reportlab gives the bundle's own."""
    appearance = tmp_path / "appearance.pdf"
    cert, key = make_certificate("王伟", organisation="江苏恒远纺织有限公司")
    signer = load_identity(make_p12(key, cert), PASSWORD, now=NOW)
    signing._draw_appearance(appearance, BOX[1], signer, "Response to CBP detention", "Long Beach", NOW)
    text = PdfReader(appearance).pages[0].extract_text()
    assert "王伟" in text and "江苏恒远纺织有限公司" in text
    fonts = [str(font.get_object()["/BaseFont"]) for font in PdfReader(appearance).pages[0]["/Resources"]["/Font"].values()]
    assert any(font.endswith("+NotoSansSC-Regular") for font in fonts)
    tags = [font[1:7] for font in fonts]
    assert len(set(tags)) == len(tags) and "AAAAAA" not in tags


def test_appearance_names_signer_organisation_date_reason_in_unicode(tmp_path: Path) -> None:
    """Drawn with DejaVu Sans, so a Vietnamese name comes out whole (Courier would garble it)."""
    appearance = tmp_path / "appearance.pdf"
    cert, key = make_certificate("Nguyễn Văn An", organisation="Công ty TNHH Dệt Kim")
    signer = load_identity(make_p12(key, cert), PASSWORD, now=NOW)
    signing._draw_appearance(appearance, BOX[1], signer, "Response to CBP detention", "Long Beach", NOW)
    text = PdfReader(appearance).pages[0].extract_text()
    for expected in ("Digitally signed by Nguyễn Văn An", "Công ty TNHH Dệt Kim", "Date: 2026-11-02 09:30 UTC",
                     "Reason: Response to CBP detention", "Location: Long Beach"):
        assert expected in text


def test_invisible_signature_without_a_box(tmp_path: Path) -> None:
    info = sign(build_unsigned(tmp_path / "bundle.pdf"), signature_box=None)
    assert not info.visible
    widget = PdfFileReader(io.BytesIO(info.path.read_bytes())).embedded_signatures[0].sig_field
    assert [float(v) for v in widget["/Rect"]] == [0, 0, 0, 0]
    assert verify_pdf(info.path, now=NOW).intact


def test_signing_in_place_replaces_the_file_atomically(tmp_path: Path) -> None:
    src = build_unsigned(tmp_path / "bundle.pdf")
    sign(src)
    assert [p.name for p in tmp_path.iterdir()] == ["bundle.pdf"]
    assert verify_pdf(src, now=NOW).intact


def test_a_signed_bundle_keeps_the_unsigned_ones_permissions(tmp_path: Path) -> None:
    src = build_unsigned(tmp_path / "bundle.pdf")
    src.chmod(0o640)
    sign(src)
    assert src.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(("options", "message"), [
    ({"signature_box": (7, BOX[1])}, "on page 8, but bundle.pdf has 3 pages"),
    ({"signature_box": (0, (100.0, 100.0, 110.0, 105.0))}, "too small"),
])
def test_bad_signature_box_writes_nothing(tmp_path: Path, options: dict, message: str) -> None:
    src = build_unsigned(tmp_path / "bundle.pdf")
    with pytest.raises(SigningError, match=message):
        sign(src, tmp_path / "signed.pdf", **options)
    assert [p.name for p in tmp_path.iterdir()] == ["bundle.pdf"]


def test_already_signed_bundle_is_refused(tmp_path: Path) -> None:
    """Signing is the last step: a second certification would be invalid anyway."""
    src = build_unsigned(tmp_path / "bundle.pdf")
    sign(src)
    with pytest.raises(SigningError, match="already signed"):
        sign(src, tmp_path / "again.pdf")


def test_file_that_is_not_a_pdf_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "bundle.pdf"
    src.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    with pytest.raises(SigningError, match="cannot be read as a PDF"):
        sign(src, tmp_path / "signed.pdf")
    assert not (tmp_path / "signed.pdf").exists()


def test_identity_that_expired_before_signing_time_writes_nothing(tmp_path: Path) -> None:
    src = build_unsigned(tmp_path / "bundle.pdf")
    later = NOW + dt.timedelta(days=800)
    with pytest.raises(IdentityExpiredError):
        sign(src, tmp_path / "signed.pdf", now=later)
    assert not (tmp_path / "signed.pdf").exists()


def test_ca_identity_signs_and_verifies_as_trusted_with_its_root(tmp_path: Path) -> None:
    root, _, p12 = ca_chain()
    info = sign(build_unsigned(tmp_path / "bundle.pdf"), identity=load_identity(p12, PASSWORD, now=NOW))
    report = verify_pdf(info.path, [root], now=NOW)
    assert report.intact and report.trusted and report.passed, report.reasons
    assert report.signatures[0].issuer == "Test Issuing CA"
    untrusted = verify_pdf(info.path, now=NOW)
    assert untrusted.intact and untrusted.trusted is None
    assert any("pass the certificate of Test Issuing CA" in note for note in untrusted.notes)


def test_timestamp_makes_pades_b_t(tmp_path: Path) -> None:
    """Tested against a local RFC 3161 server over HTTP: no network needed."""
    tsa_time = NOW + dt.timedelta(seconds=3)
    with local_tsa(tsa_time) as (url, tsa_root):
        info = sign(build_unsigned(tmp_path / "bundle.pdf"), tsa_url=url)
    assert (info.level, info.timestamp_time) == ("PAdES B-T", tsa_time)
    report = verify_pdf(info.path, now=NOW)
    check = report.signatures[0]
    assert report.intact and check.level == "PAdES B-T" and check.timestamp_time == tsa_time
    assert check.timestamp_trusted is False
    assert verify_pdf(info.path, [tsa_root], now=NOW).signatures[0].timestamp_trusted is True


def test_unreachable_tsa_is_a_timestamp_error_and_writes_nothing(tmp_path: Path) -> None:
    src = build_unsigned(tmp_path / "bundle.pdf")
    # Held bound but not listening while signing: no server in a parallel test can take the port.
    with socket.socket() as probe, pytest.raises(TimestampError, match="Sign without a timestamp"):
        probe.bind(("127.0.0.1", 0))
        sign(src, tmp_path / "signed.pdf", tsa_url=f"http://127.0.0.1:{probe.getsockname()[1]}/tsa")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundle.pdf"]


def test_password_is_written_nowhere(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    signer = load_identity(identity().p12_bytes, PASSWORD, now=NOW)
    info = sign(build_unsigned(tmp_path / "bundle.pdf"), identity=signer)
    assert PASSWORD not in info.path.read_bytes()
    assert PASSWORD.decode() not in repr(signer) + repr(info)
    assert all(PASSWORD.decode() not in record.getMessage() for record in caplog.records)
    assert loaded_identity().fingerprint_sha256 == info.fingerprint_sha256
