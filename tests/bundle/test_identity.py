"""Signing identities: keygen's self-signed identity, CA identities, and every bad identity
refused before anything is signed, each with its own message."""

from __future__ import annotations

import datetime as dt
import logging
import stat
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding
from signing_support import (
    NOW,
    PASSWORD,
    ca_chain,
    certificate,
    identity,
    make_certificate,
    make_p12,
)

from importer_app.bundle.identity import create_identity, load_identity, save_identity
from importer_app.core.errors import (
    IdentityError,
    IdentityExpiredError,
    IdentityKeyUsageError,
    IdentityNotYetValidError,
    IdentityPasswordError,
    NotAnIdentityError,
)


def test_keygen_identity_is_fit_for_signing_documents() -> None:
    """RSA 3072, self-signed end entity, digital signature + non-repudiation, subject as given."""
    created = identity()
    cert = certificate(created)
    assert isinstance(cert.public_key(), rsa.RSAPublicKey) and cert.public_key().key_size == 3072
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical and usage.value.digital_signature and usage.value.content_commitment
    assert not usage.value.key_cert_sign
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False
    assert cert.subject.rfc4514_string() == "1.2.840.113549.1.9.1=jane@acme.example,O=Acme Apparel Inc.,CN=Jane Doe"
    assert cert.not_valid_after_utc - cert.not_valid_before_utc == dt.timedelta(days=730)
    assert created.fingerprint_sha256 == cert.fingerprint(cert.signature_hash_algorithm).hex(":").upper()

    loaded = load_identity(created.p12_bytes, PASSWORD, now=NOW)
    assert (loaded.name, loaded.organisation, loaded.self_signed) == ("Jane Doe", "Acme Apparel Inc.", True)
    assert loaded.fingerprint_sha256 == created.fingerprint_sha256
    assert loaded.chain == ()


def test_identity_file_is_private_and_never_overwritten(tmp_path: Path) -> None:
    p12, pem = tmp_path / "id.p12", tmp_path / "id.pem"
    save_identity(identity(), p12, cert_path=pem)
    assert stat.S_IMODE(p12.stat().st_mode) == 0o600
    assert load_identity(p12, PASSWORD, now=NOW).fingerprint_sha256 == identity().fingerprint_sha256
    assert x509.load_pem_x509_certificate(pem.read_bytes()) == certificate(identity())
    with pytest.raises(IdentityError, match="already exists"):
        save_identity(identity(), p12)


@pytest.mark.parametrize(("name", "org", "password", "days"), [
    ("", "Acme", b"pw", 730), ("Jane", " ", b"pw", 730), ("Jane", "Acme", b"", 730), ("Jane", "Acme", b"pw", 0),
])
def test_keygen_refuses_incomplete_requests(name: str, org: str, password: bytes, days: int) -> None:
    with pytest.raises(IdentityError):
        create_identity(name, org, days=days, password=password, now=NOW)


def test_wrong_password_is_reported_as_such(tmp_path: Path) -> None:
    """pyHanko's loader returns None here; we name the problem."""
    path = tmp_path / "firm.p12"
    path.write_bytes(identity().p12_bytes)
    with pytest.raises(IdentityPasswordError, match="password does not open firm.p12") as caught:
        load_identity(path, b"correct horse battery stapler", now=NOW)
    assert "stapler" not in str(caught.value)


@pytest.mark.parametrize("content", [
    b"",
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n",
    b"\x89PNG\r\n\x1a\n" + bytes(100),
    b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
    b"\x30\x03\x02\x01\x03",  # a DER SEQUENCE holding only the version: not a PFX
], ids=["empty", "pdf", "png", "pem", "der-fragment"])
def test_file_that_is_not_pkcs12_is_reported_as_such(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "identity.p12"
    path.write_bytes(content)
    with pytest.raises(NotAnIdentityError, match="identity.p12 is not a signing identity"):
        load_identity(path, PASSWORD, now=NOW)


def test_certificate_alone_is_not_an_identity() -> None:
    cert, _ = make_certificate("Jane Doe")
    with pytest.raises(NotAnIdentityError, match="holds no private key"):
        load_identity(make_p12(None, None, [cert]), PASSWORD, now=NOW)
    with pytest.raises(NotAnIdentityError, match="is not a signing identity"):
        load_identity(cert.public_bytes(Encoding.DER), PASSWORD, now=NOW)


def test_missing_file_is_an_identity_error(tmp_path: Path) -> None:
    with pytest.raises(IdentityError, match="Cannot read"):
        load_identity(tmp_path / "nowhere.p12", PASSWORD, now=NOW)


def test_expired_certificate_is_refused() -> None:
    """Validity is judged at the signing time given, not the machine's clock."""
    valid_until = NOW - dt.timedelta(days=1)
    cert, key = make_certificate("Jane Doe", not_before=NOW - dt.timedelta(days=800), not_after=valid_until)
    with pytest.raises(IdentityExpiredError, match=f"expired on {valid_until:%Y-%m-%d}"):
        load_identity(make_p12(key, cert), PASSWORD, now=NOW)
    assert load_identity(make_p12(key, cert), PASSWORD, now=valid_until).name == "Jane Doe"


def test_not_yet_valid_certificate_is_refused() -> None:
    cert, key = make_certificate("Jane Doe", not_before=NOW + dt.timedelta(hours=2))
    with pytest.raises(IdentityNotYetValidError, match="Check this computer's date and time"):
        load_identity(make_p12(key, cert), PASSWORD, now=NOW)


@pytest.mark.parametrize("key_usage", [
    {"digital_signature": False, "content_commitment": False, "key_encipherment": True},
    {},
], ids=["encipherment-only", "no-key-usage-extension"])
def test_certificate_without_signing_key_usage_is_refused(key_usage: dict[str, bool]) -> None:
    cert, key = make_certificate("Jane Doe", key_usage=key_usage)
    with pytest.raises(IdentityKeyUsageError, match="not allowed to sign documents"):
        load_identity(make_p12(key, cert), PASSWORD, now=NOW)


def test_digital_signature_alone_is_enough() -> None:
    """Many CA-issued signing certificates carry digital signature without non-repudiation."""
    cert, key = make_certificate("Jane Doe", key_usage={"content_commitment": False})
    assert load_identity(make_p12(key, cert), PASSWORD, now=NOW).name == "Jane Doe"


def test_ca_issued_identity_loads_with_its_chain() -> None:
    root, middle, p12 = ca_chain()
    loaded = load_identity(p12, PASSWORD, now=NOW)
    assert loaded.name == "Bob Broker"
    assert not loaded.self_signed
    assert set(loaded.chain) == {root, middle}


def test_password_never_reaches_the_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(IdentityPasswordError):
        load_identity(identity().p12_bytes, b"hunter2-wrong", now=NOW)
    load_identity(identity().p12_bytes, PASSWORD, now=NOW)
    logged = "\n".join(record.getMessage() + str(record.exc_info) for record in caplog.records)
    assert "hunter2" not in logged and PASSWORD.decode() not in logged
