"""Test material for signing and verifying: identities, small bundles, a local TSA, tampering.

Everything is made in memory or under the test's tmp_path, with a frozen clock. The costly
parts (an RSA 3072 key, the signed template) are made once per session and copied.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import http.server
import io
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen import canvas

from importer_app.bundle.identity import (
    Identity,
    LoadedIdentity,
    create_identity,
    load_identity,
    to_asn1,
)
from importer_app.bundle.signing import sign_pdf

NOW = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)
"""The frozen clock: every identity, signature and verification in these tests happens now."""

PASSWORD = b"correct horse battery staple"
BOX = (0, (320.0, 60.0, 560.0, 140.0))
"""The cover letter's signature block: page 1, bottom right."""

ORIGINALS = {
    "invoice-INV-9.pdf": b"%PDF-1.4 pretend invoice " + bytes(range(256)) * 8,
    "packing list.xlsx": b"PK\x03\x04 pretend spreadsheet",
    "photo of the bale tag.jpg": b"\xff\xd8\xff\xe0 pretend photo" * 50,
}


@functools.cache
def identity() -> Identity:
    """The firm's self-signed identity, created a day before NOW (RSA 3072: made once)."""
    return create_identity(
        "Jane Doe", "Acme Apparel Inc.", "jane@acme.example", password=PASSWORD, now=NOW - dt.timedelta(days=1)
    )


def loaded_identity() -> LoadedIdentity:
    return load_identity(identity().p12_bytes, PASSWORD, now=NOW)


def certificate(identity_: Identity) -> x509.Certificate:
    return x509.load_pem_x509_certificate(identity_.cert_pem)


def make_certificate(
    common_name: str,
    *,
    organisation: str = "Test Org",
    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey | None = None,
    issuer: tuple[x509.Certificate, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey] | None = None,
    ca: bool = False,
    key_usage: dict[str, bool] | None = None,
    extended_key_usage: list[x509.ObjectIdentifier] | None = None,
    not_before: dt.datetime = NOW - dt.timedelta(days=30),
    not_after: dt.datetime = NOW + dt.timedelta(days=365),
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey]:
    """A certificate (EC P-256 unless ``key`` is given: fast to make) and its key.

    ``key_usage`` None means a signer's usage (or a CA's, with ``ca``); ``{}`` leaves the
    extension out.
    """
    key = key or ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation)])
    issuer_cert, issuer_key = issuer or (None, key)
    usage = {"digital_signature": True, "content_commitment": not ca, "key_encipherment": False,
             "data_encipherment": False, "key_agreement": False, "key_cert_sign": ca, "crl_sign": ca,
             "encipher_only": False, "decipher_only": False}
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_cert.subject if issuer_cert else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False)
    )
    if key_usage != {}:
        builder = builder.add_extension(x509.KeyUsage(**{**usage, **(key_usage or {})}), critical=True)
    if extended_key_usage:
        builder = builder.add_extension(x509.ExtendedKeyUsage(extended_key_usage), critical=True)
    return builder.sign(issuer_key, hashes.SHA256()), key


def make_p12(key: object, cert: x509.Certificate | None, cas: list[x509.Certificate] | None = None,
             password: bytes = PASSWORD) -> bytes:
    return pkcs12.serialize_key_and_certificates(
        b"test", key, cert, cas, serialization.BestAvailableEncryption(password)
    )


@functools.cache
def ca_chain() -> tuple[x509.Certificate, x509.Certificate, bytes]:
    """A CA root, an intermediate, and a leaf's PKCS#12 holding the leaf with both CA certs."""
    root, root_key = make_certificate("Test Root CA", ca=True)
    middle, middle_key = make_certificate("Test Issuing CA", ca=True, issuer=(root, root_key))
    leaf, leaf_key = make_certificate("Bob Broker", issuer=(middle, middle_key))
    return root, middle, make_p12(leaf_key, leaf, [middle, root])


def build_unsigned(path: Path, *, pages: int = 3, originals: dict[str, bytes] | None = None,
                   manifest: bool = True, unlisted: dict[str, bytes] | None = None) -> Path:
    """A small bundle: ``pages`` pages of plain text, the originals attached with manifest.json."""
    originals = ORIGINALS if originals is None else originals
    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer, invariant=True, pageCompression=0)
    for number in range(1, pages + 1):
        drawing.drawString(72, 720, f"Exhibit page {number}: quantity 12000 pcs")
        drawing.showPage()
    drawing.save()
    writer = PdfWriter(clone_from=PdfReader(buffer))
    for name, data in {**originals, **(unlisted or {})}.items():
        writer.add_attachment(name, data)
    if manifest:
        listing = [{"file": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "exhibit": f"1.{index}"}
                   for index, (name, data) in enumerate(originals.items(), start=1)]
        writer.add_attachment("manifest.json", json.dumps({"originals": listing}).encode())
    with path.open("wb") as out:
        writer.write(out)
    return path


def sign(src: Path, dst: Path | None = None, **options: object):
    """Sign ``src`` as the bundle export does, with the test identity at NOW."""
    settings = {"signature_box": BOX, "reason": "Response to CBP detention", "location": "Long Beach, CA", "now": NOW}
    settings.update(options)
    return sign_pdf(src, dst or src, settings.pop("identity", None) or loaded_identity(), **settings)


def add_comment_with_pyhanko(path: Path) -> None:
    """A reviewer's sticky note on the first page, saved as an incremental update."""
    with path.open("rb") as source:
        writer = IncrementalPdfFileWriter(source)
        page_ref, _ = writer.find_page_for_modification(0)
        page = page_ref.get_object()
        note = writer.add_object(generic.DictionaryObject({
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/Text"),
            generic.NameObject("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in (50, 50, 70, 70)]),
            generic.NameObject("/Contents"): generic.TextStringObject("Reviewer: see exhibit 3.2"),
        }))
        annotations = page.get("/Annots")
        if annotations is None:
            page[generic.NameObject("/Annots")] = generic.ArrayObject([note])
            writer.update_container(page)
        else:
            annotations.append(note)
            writer.update_container(annotations)
        out = io.BytesIO()
        writer.write(out)
    path.write_bytes(out.getvalue())


@contextmanager
def local_tsa(fixed_time: dt.datetime) -> Iterator[tuple[str, x509.Certificate]]:
    """An RFC 3161 time-stamping authority on 127.0.0.1 (pyHanko's DummyTimeStamper behind a
    real HTTP server, so the signing code's HTTP client is exercised); yields its URL and root."""
    root, root_key = make_certificate("Test TSA Root", ca=True, key=rsa.generate_private_key(65537, 2048))
    tsa_key = rsa.generate_private_key(65537, 2048)
    tsa_cert, _ = make_certificate("Test TSA", key=tsa_key, issuer=(root, root_key),
                                   key_usage={"content_commitment": False},
                                   extended_key_usage=[ExtendedKeyUsageOID.TIME_STAMPING])
    der_key = tsa_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    stamper = DummyTimeStamper(to_asn1(tsa_cert), asn1_keys.PrivateKeyInfo.load(der_key),
                               certs_to_embed=[to_asn1(root)], fixed_dt=fixed_time)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = stamper.request_tsa_response(request).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output clean

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/tsa", root
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
