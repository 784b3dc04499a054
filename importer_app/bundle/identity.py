"""Signing identities: a private key and its certificate in a password-protected PKCS#12 file.

``create_identity`` makes a self-signed identity for a firm that has no certificate from a
certificate authority; ``load_identity`` opens any PKCS#12/PFX identity, ours or a CA's, and
refuses, each with its own error, what could not produce a signature worth sending.

The key is RSA 3072 rather than ECDSA P-256, although both give 128-bit security (NIST SP
800-57): PDF 1.7 (ISO 32000-1) names only RSA and DSA for signatures, ECDSA came with Adobe's
extension level 8 and PDF 2.0, so RSA is the one algorithm every validator a reviewing office
may use accepts, older ones included. 3072 rather than 2048 bits because 2048 is approved only
through 2030 and a bundle may be checked years after it is signed. The costs (under a second
to generate the key, once; 384-byte signatures) do not matter here. Identities from a CA may
hold EC keys: they work too.

The password is used to open the file and is not kept: not in the returned objects, not in
messages, not in logs.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import pkcs12 as asn1_pkcs12
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.sign.signers import SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from importer_app.core.errors import (
    IdentityError,
    IdentityExpiredError,
    IdentityKeyUsageError,
    IdentityNotYetValidError,
    IdentityPasswordError,
    NotAnIdentityError,
)

RSA_KEY_BITS = 3072
SigningKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey | ed448.Ed448PrivateKey
"""The key types pyHanko signs PDFs with."""


@dataclass(frozen=True)
class Identity:
    """A new signing identity, not yet written anywhere.

    Attributes:
        p12_bytes: the PKCS#12 file (private key and certificate), encrypted with the password.
        cert_pem: the certificate alone (PEM). It holds no secret: it is what a recipient
            passes to ``verify --trust``.
        fingerprint_sha256: SHA-256 of the certificate, ``AB:CD:...``, for the firm to send to
            the recipient by another channel (phone, letterhead) so they can check the signer.
    """

    p12_bytes: bytes = field(repr=False)
    cert_pem: bytes
    fingerprint_sha256: str


@dataclass(frozen=True)
class LoadedIdentity:
    """An identity opened for signing; it holds the private key in memory, never the password.

    Attributes:
        certificate: the signer's certificate.
        chain: the other certificates of the file (a CA's intermediates and root); empty for a
            self-signed identity. They are embedded in each signature so verifiers can build
            the path.
        signer: pyHanko's signer holding the private key.
        source: the file's name (or ``the identity``), for messages.
    """

    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]
    signer: SimpleSigner = field(repr=False)
    source: str

    @property
    def name(self) -> str:
        """The signer's common name (CN)."""
        return subject_attribute(self.certificate, NameOID.COMMON_NAME)

    @property
    def organisation(self) -> str:
        """The signer's organisation (O), empty when the certificate has none."""
        return subject_attribute(self.certificate, NameOID.ORGANIZATION_NAME)

    @property
    def fingerprint_sha256(self) -> str:
        """SHA-256 of the certificate, ``AB:CD:...``."""
        return fingerprint(self.certificate)

    @property
    def self_signed(self) -> bool:
        """Whether the certificate is its own issuer (no CA vouches for it)."""
        return self.certificate.issuer == self.certificate.subject


def create_identity(
    name: str,
    org: str,
    email: str | None = None,
    days: int = 730,
    *,
    password: bytes,
    now: dt.datetime | None = None,
) -> Identity:
    """Create a key and a self-signed certificate fit for signing documents.

    The certificate says: end entity (not a CA), key usage digital signature and
    non-repudiation (content commitment), which is what PAdES validators expect of a
    document signer. It has no extended key usage on purpose: without one a certificate is
    valid for every purpose, whereas a list that misses a reader's favourite purpose makes
    that reader reject the signature.

    Args:
        name: the signer's name (certificate CN), e.g. ``Jane Doe``.
        org: the firm (certificate O).
        email: the signer's address, put in the subject and as an e-mail alternative name.
        days: how long the certificate is valid, from ``now``.
        password: protects the PKCS#12 file; must not be empty.
        now: the start of validity; the current time when None.

    Returns:
        The identity, to be saved with :func:`save_identity`.

    Raises:
        IdentityError: empty name, organisation or password, or ``days`` below 1.
    """
    if not name.strip() or not org.strip():
        raise IdentityError("A signing identity needs the signer's name and organisation.")
    if not password:
        raise IdentityError("Choose a password to protect the signing identity; it cannot be empty.")
    if days < 1:
        raise IdentityError(f"The certificate must be valid for at least one day, not {days}.")
    start = as_aware(now).replace(microsecond=0)
    key = rsa.generate_private_key(public_exponent=65537, key_size=RSA_KEY_BITS)
    attributes = [
        x509.NameAttribute(NameOID.COMMON_NAME, name.strip()),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org.strip()),
    ]
    if email:
        attributes.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, email.strip()))
    subject = x509.Name(attributes)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_signing_key_usage(), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False)
    )
    if email:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.RFC822Name(email.strip())]), critical=False
        )
    certificate = builder.sign(key, hashes.SHA256())
    p12 = pkcs12.serialize_key_and_certificates(
        name.strip().encode(), key, certificate, None, serialization.BestAvailableEncryption(password)
    )
    return Identity(
        p12_bytes=p12,
        cert_pem=certificate.public_bytes(serialization.Encoding.PEM),
        fingerprint_sha256=fingerprint(certificate),
    )


def save_identity(identity: Identity, path: Path, *, cert_path: Path | None = None) -> None:
    """Write the PKCS#12 file readable by its owner only, and the certificate beside it.

    Args:
        identity: what :func:`create_identity` returned.
        path: the PKCS#12 file to create; an existing file is never overwritten.
        cert_path: where to write the certificate (PEM), when wanted.

    Raises:
        IdentityError: ``path`` exists or cannot be written.
    """
    try:
        # O_EXCL: an identity is a key; replacing one by accident loses it for good.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise IdentityError(f"{path} already exists; choose another file name for the new identity.") from None
    except OSError as error:
        raise IdentityError(f"Cannot create {path}: {error.strerror}.") from error
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(identity.p12_bytes)
        if cert_path is not None:
            cert_path.write_bytes(identity.cert_pem)
    except OSError as error:
        raise IdentityError(f"Cannot write the signing identity: {error.strerror}.") from error


def load_identity(source: Path | bytes, password: bytes, now: dt.datetime | None = None) -> LoadedIdentity:
    """Open a PKCS#12 identity and check that it can sign at ``now``.

    Args:
        source: the ``.p12``/``.pfx`` file, or its bytes.
        password: the file's password.
        now: the signing time; the current time when None.

    Returns:
        The identity, ready for :func:`importer_app.bundle.signing.sign_pdf`.

    Raises:
        IdentityPasswordError: the password does not open the file.
        NotAnIdentityError: not a PKCS#12 file, or one without a private key and certificate.
        IdentityExpiredError: the certificate expired before ``now``.
        IdentityNotYetValidError: the certificate starts after ``now``.
        IdentityKeyUsageError: the certificate may not sign documents.
        IdentityError: the file cannot be read.
    """
    where = source.name if isinstance(source, Path) else "the identity file"
    data = _read(source) if isinstance(source, Path) else source
    # cryptography answers a wrong password and a file that is not PKCS#12 with the same
    # ValueError (and pyHanko's loader with None): tell them apart by parsing the structure.
    try:
        key, certificate, others = pkcs12.load_key_and_certificates(data, password)
    except ValueError:
        if _is_pkcs12_structure(data):
            raise IdentityPasswordError(
                f"The password does not open {where}. Passwords are case-sensitive; try again."
            ) from None
        raise NotAnIdentityError(
            f"{where} is not a signing identity: expected a PKCS#12 file (.p12 or .pfx) "
            "holding a private key and its certificate."
        ) from None
    if key is None or certificate is None:
        raise NotAnIdentityError(
            f"{where} holds no {'private key' if key is None else 'certificate'}; export the "
            "identity again with both its private key and its certificate."
        )
    if not isinstance(key, SigningKey):
        raise NotAnIdentityError(f"{where} holds a {type(key).__name__} key, which cannot sign PDF documents.")
    if key.public_key() != certificate.public_key():
        raise NotAnIdentityError(f"In {where} the private key does not belong to the certificate.")
    identity = LoadedIdentity(
        certificate=certificate,
        chain=tuple(others),
        signer=_signer(key, certificate, others),
        source=where,
    )
    check_can_sign(identity, as_aware(now))
    return identity


def check_can_sign(identity: LoadedIdentity, at: dt.datetime) -> None:
    """Raise the identity error that forbids signing at ``at``, if any.

    Raises:
        IdentityExpiredError, IdentityNotYetValidError, IdentityKeyUsageError: see
            :func:`load_identity`.
    """
    certificate, where = identity.certificate, identity.source
    if at > certificate.not_valid_after_utc:
        raise IdentityExpiredError(
            f"The certificate in {where} ({identity.name}) expired on "
            f"{certificate.not_valid_after_utc:%Y-%m-%d}. Create a new identity, or renew it with "
            "your certificate authority."
        )
    if at < certificate.not_valid_before_utc:
        raise IdentityNotYetValidError(
            f"The certificate in {where} ({identity.name}) is valid only from "
            f"{certificate.not_valid_before_utc:%Y-%m-%d %H:%M} UTC, after the signing time "
            f"{at.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC. Check this computer's date and time."
        )
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        usage = None
    # Without the extension pyHanko's validators (and Adobe's) reject the signer, so do we.
    if usage is None or not (usage.digital_signature or usage.content_commitment):
        raise IdentityKeyUsageError(
            f"The certificate in {where} ({identity.name}) is not allowed to sign documents: its key "
            "usage has neither 'digital signature' nor 'non-repudiation'. Use a document-signing "
            "certificate."
        )


def fingerprint(certificate: x509.Certificate) -> str:
    """SHA-256 of a certificate's DER encoding as ``AB:CD:...``, the way viewers show it."""
    return certificate.fingerprint(hashes.SHA256()).hex(":").upper()


def subject_attribute(certificate: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    """The first value of ``oid`` in the certificate's subject, or an empty string."""
    values = certificate.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def _signing_key_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True, content_commitment=True, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
        encipher_only=False, decipher_only=False,
    )


def _signer(key: SigningKey, certificate: x509.Certificate, others: list[x509.Certificate]) -> SimpleSigner:
    der_key = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return _ParsedKeySigner(
        key,
        to_asn1(certificate),
        asn1_keys.PrivateKeyInfo.load(der_key),
        SimpleCertificateStore.from_certs([to_asn1(other) for other in others]),
    )


class _ParsedKeySigner(SimpleSigner):
    """pyHanko's SimpleSigner, signing with a key parsed once.

    SimpleSigner parses its DER key again for every signature, and parsing an RSA key checks
    it (0.11 s at 3072 bits), twice per PDF (size estimate, then the signature): that was
    more than half the time to sign a 25 MB bundle. RSA PKCS#1 v1.5 and ECDSA, what our
    identities use, sign with the parsed key; any other mechanism goes to pyHanko as before.
    """

    def __init__(self, key: SigningKey, certificate: asn1_x509.Certificate, der_key: asn1_keys.PrivateKeyInfo,
                 others: SimpleCertificateStore) -> None:
        super().__init__(signing_cert=certificate, signing_key=der_key, cert_registry=others)
        self._key = key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        if mechanism == "rsassa_pkcs1v15" and isinstance(self._key, rsa.RSAPrivateKey):
            return self._key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
        if mechanism == "ecdsa" and isinstance(self._key, ec.EllipticCurvePrivateKey):
            return self._key.sign(data, ec.ECDSA(get_pyca_cryptography_hash(digest_algorithm)))
        return super().sign_raw(data, digest_algorithm)


def to_asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    """The same certificate as pyHanko's asn1crypto type."""
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def _is_pkcs12_structure(data: bytes) -> bool:
    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        return pfx["version"].native == "v3" and pfx["auth_safe"]["content_type"].native in ("data", "signed_data")
    except (ValueError, TypeError, KeyError):
        return False


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise IdentityError(f"Cannot read the signing identity {path}: {error.strerror}.") from error


def as_aware(moment: dt.datetime | None) -> dt.datetime:
    """``moment``, or the current time when None; a time without a time zone is our bug."""
    if moment is None:
        return dt.datetime.now(dt.UTC)
    if moment.tzinfo is None:
        raise ValueError("times must carry a time zone")
    return moment
