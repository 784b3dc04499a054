"""`verify` reads the unsigned gap too, and tells signers with the same name apart."""

from __future__ import annotations

import functools
import io
from pathlib import Path

import pytest
from asn1crypto import parser
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from signing_support import NOW, PASSWORD, build_unsigned, certificate, identity, make_certificate, make_p12, sign

from importer_app.bundle.identity import fingerprint, load_identity
from importer_app.bundle.verify import verify_pdf


@functools.cache
def _signed_template(folder: Path) -> bytes:
    return sign(build_unsigned(folder / "bundle.pdf")).path.read_bytes()


@pytest.fixture
def signed(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path / "signed.pdf"
    path.write_bytes(_signed_template(tmp_path_factory.getbasetemp()))
    return path


def padding(data: bytes) -> range:
    """Where the zero padding after the CMS structure sits in the file (hex digits)."""
    start, length, end, _ = PdfFileReader(io.BytesIO(data)).embedded_signatures[0].byte_range
    digits = data[start + length + 1:end - 1]
    _, _, _, header, content, trailer = parser.parse(bytes.fromhex(digits.decode()))
    used = 2 * (len(header) + len(content) + len(trailer))
    return range(start + length + 1 + used, end - 1)


def _one_padding_byte(data: bytes) -> bytes:
    spot = padding(data)[len(padding(data)) // 2 & ~1]
    return data[:spot] + b"4" + data[spot + 1:]


def _hex_payload(data: bytes) -> bytes:
    spot = padding(data).start
    payload = (b"<script>fetch('https://example.invalid')</script>" * 20)[:940].hex().encode()
    return data[:spot] + payload + data[spot + len(payload):]


def _whitespace_payload(data: bytes) -> bytes:
    """Bits as spaces and tabs: PDF readers skip white space in a hex string."""
    spot = padding(data).start
    payload = bytes(b" \t"[bit] for byte in b"hidden" for bit in ((byte >> i) & 1 for i in range(8)))
    return data[:spot] + payload + data[spot + len(payload):]


@pytest.mark.parametrize(("tamper", "words"), [
    (_one_padding_byte, "1 byte in the unsigned padding after the signature value were changed"),
    (_hex_payload, "940 bytes in the unsigned padding after the signature value were changed"),
    (_whitespace_payload, "holds more than the signature value"),
], ids=["one-byte", "940-byte-payload", "white-space"])
def test_bytes_hidden_in_the_signature_padding_are_not_intact(signed: Path, tamper, words: str) -> None:
    original = signed.read_bytes()
    tampered = tamper(original)
    assert len(tampered) == len(original) and tampered != original
    signed.write_bytes(tampered)
    report = verify_pdf(signed, now=NOW)
    assert not report.intact and not report.passed
    assert report.summary.startswith("NOT INTACT: ")
    assert any(words in reason for reason in report.reasons), report.reasons
    assert not report.signatures[0].intact


def test_the_untouched_padding_is_all_zeros_and_passes(signed: Path) -> None:
    data = signed.read_bytes()
    assert set(data[padding(data).start:padding(data).stop]) == {ord("0")}
    assert verify_pdf(signed, now=NOW).intact


def test_a_second_signer_with_the_same_name_is_a_separate_signer(signed: Path) -> None:
    """A different key under the firm's exact name is two signatures, told apart by fingerprint."""
    impostor, key = make_certificate("Jane Doe", organisation="Acme Apparel Inc.")
    other = load_identity(make_p12(key, impostor), PASSWORD, now=NOW).signer
    with signed.open("rb") as source:
        out = signers.PdfSigner(
            signers.PdfSignatureMetadata(field_name="Second", subfilter=fields.SigSeedSubFilter.PADES), other,
        ).sign_pdf(IncrementalPdfFileWriter(source))
    signed.write_bytes(out.getvalue())

    report = verify_pdf(signed, now=NOW)
    assert report.intact, report.reasons
    firm, second = fingerprint(certificate(identity())), fingerprint(impostor)
    assert firm != second
    assert [(s.signer, s.fingerprint_sha256) for s in report.signatures] == [("Jane Doe", firm), ("Jane Doe", second)]
    assert report.summary.startswith("Intact, 2 signatures: ")
    assert f"by Jane Doe (Acme Apparel Inc.), certificate SHA-256 {firm}" in report.summary
    assert f"'Second' by Jane Doe (Acme Apparel Inc.), certificate SHA-256 {second}" in report.summary
    assert report.summary.endswith("; signers not independently trusted")
    # Trusting the firm's certificate does not vouch for the second signer.
    trusted = verify_pdf(signed, [certificate(identity())], now=NOW)
    assert trusted.intact and trusted.trusted is False and not trusted.passed
    assert any(second in reason for reason in trusted.reasons)
