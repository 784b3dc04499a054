"""Verify a signed bundle: is it exactly what was signed, and who signed it?

Stricter than pyHanko's validation, which accepts an incremental update that only touches the
Info dictionary and junk after ``%%EOF``: here no byte may follow the last signature's signed
range, and the padding of each signature's value must be all zeros. Also checked: the certification (DocMDP) rule, every embedded original against
``manifest.json``, and the page count recorded at signing. Offline: no certificate, CRL or
OCSP is ever fetched.

A self-signed identity makes a bundle "intact, signer not independently trusted": that is
not a failure, the recipient compares the certificate's fingerprint with the one the firm
sent them, or passes the certificate as a trust anchor.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import logging
import os
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography import x509
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import SuspiciousModification
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.general import CMSExtractionError
from pyhanko.sign.validation import KeyUsageConstraints, validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator import errors as certvalidator_errors

from importer_app.bundle.identity import (
    as_aware,
    fingerprint,
    subject_attribute,
    to_asn1,
)
from importer_app.bundle.signing import APP_PIECE, SIGNED_PAGE_COUNT
from importer_app.bundle.verify_changes import describe_tail
from importer_app.bundle.verify_comments import AddedComment, CommentUpdates, comments_added_after
from importer_app.bundle.verify_contents import contents_problem
from importer_app.bundle.verify_originals import OK, OriginalCheck, check_originals
from importer_app.core.errors import VerifyInputError

_PERMISSIONS = {
    MDPPerm.NO_CHANGES: "no changes",
    MDPPerm.FILL_FORMS: "form filling and further signatures",
    MDPPerm.ANNOTATE: "form filling, annotations and further signatures",
}
# Either usage makes a document signer; pyHanko alone would insist on non-repudiation.
_SIGNER_KEY_USAGE = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"})
_READ_ERRORS = (PdfError, ValueError, KeyError, TypeError, IndexError, AttributeError, ArithmeticError)


@dataclass(frozen=True)
class SignatureCheck:
    """The verdict on one signature.

    Attributes:
        field_name: the signature field's name.
        intact: the signed bytes are unchanged and the signature value verifies.
        signer: the certificate's common name.
        organisation: the certificate's organisation, empty when it has none.
        email: the certificate's e-mail address, empty when it has none.
        fingerprint_sha256: SHA-256 of the signer's certificate, ``AB:CD:...``.
        issuer: who issued the certificate (its common name).
        self_signed: the certificate is its own issuer: no CA vouches for the signer.
        signing_time: when the signer's computer said it signed; None if not stated.
        timestamp_time: the time certified by a time-stamping authority (B-T), else None.
        timestamp_trusted: whether that authority chains to a trust anchor; None without one.
        level: ``PAdES B-T`` with a timestamp, else ``PAdES B-B``.
        trusted: the certificate chains to a given trust anchor and may sign documents.
        certification: what a certifying signature still allows (``form filling and further
            signatures``); empty for an approval signature.
        certification_respected: whether later changes keep to that rule; None when unknown.
        signed_bytes: where the signed byte range ends.
    """

    field_name: str
    intact: bool
    signer: str
    organisation: str
    email: str
    fingerprint_sha256: str
    issuer: str
    self_signed: bool
    signing_time: dt.datetime | None
    timestamp_time: dt.datetime | None
    timestamp_trusted: bool | None
    level: str
    trusted: bool
    certification: str
    certification_respected: bool | None
    signed_bytes: int


@dataclass(frozen=True)
class VerifyReport:
    """Everything verify found, for the terminal (``summary``, ``reasons``) and ``--json``.

    Attributes:
        path: the verified file.
        intact: nothing changed since signing: every signature intact, no byte after the
            last signed range, certification respected, every original matches the manifest.
        trusted: every signer chains to a given trust anchor; None when none was given.
        summary: one line for the user.
        reasons: what is wrong, each naming what changed; empty when all is well.
        notes: what the user should know that is not a failure (e.g. signer not trusted).
        signatures: one check per signature, in file order.
        originals: one check per embedded original.
        file_size: the file's length in bytes.
        page_count: the document's pages now.
        signed_page_count: the pages it had when signed, when recorded.
        comments: reviewers' comments added after a certification that allows them (P=3),
            in page order; they leave the bundle intact.
    """

    path: Path
    intact: bool
    trusted: bool | None
    summary: str
    reasons: tuple[str, ...]
    notes: tuple[str, ...]
    signatures: tuple[SignatureCheck, ...]
    originals: tuple[OriginalCheck, ...]
    file_size: int
    page_count: int
    signed_page_count: int | None
    comments: tuple[AddedComment, ...] = ()

    @property
    def passed(self) -> bool:
        """Intact, and trusted when trust anchors were given: what ``verify`` exits 0 on."""
        return self.intact and self.trusted is not False

    def to_json(self) -> str:
        """The report as JSON (times in ISO 8601), ``passed`` included."""
        def plain(value: object) -> object:
            if isinstance(value, dt.datetime):
                return value.isoformat()
            if isinstance(value, Path):
                return str(value)
            raise TypeError(f"cannot put {type(value).__name__} in JSON")

        fields = dataclasses.asdict(self)
        fields["passed"] = self.passed
        return json.dumps(fields, default=plain, indent=2, ensure_ascii=False)


def verify_pdf(path: Path, trust: Sequence[x509.Certificate] | None = None, *,
               now: dt.datetime | None = None) -> VerifyReport:
    """Check a signed bundle.

    Args:
        path: the bundle (or one volume).
        trust: certificates to trust (the firm's own certificate, or a CA's root); None or
            empty to trust nobody, which still verifies integrity.
        now: when certificate validity is judged; the current time when None.

    Returns:
        The report; a tampered file is a report with ``intact`` False, not an error.

    Raises:
        VerifyInputError: the file cannot be read or is not a PDF.
    """
    anchors = [to_asn1(certificate) for certificate in trust or ()]
    context = ValidationContext(trust_roots=anchors, allow_fetching=False, moment=as_aware(now))
    try:
        with path.open("rb") as handle:
            found = _inspect(handle, path, context)
    except OSError as error:
        raise VerifyInputError(f"Cannot read {path}: {error.strerror or error}.") from error
    checks, reasons = found.checks, list(found.reasons)
    notes: list[str] = []
    intact = bool(checks) and not reasons
    trusted = None if not anchors or not checks else all(check.trusted for check in checks)
    for check in checks:
        finding = _trust_finding(check, bool(anchors))
        if finding:
            # With trust anchors given, an untrusted signer fails verification; without, it
            # is the expected state of a self-signed bundle and only worth a note.
            (reasons if anchors else notes).append(finding)
        if check.level == "PAdES B-B":
            notes.append(f"signature {check.field_name!r} has no timestamp (PAdES B-B): its time is the "
                         "signer's own claim")
        elif not check.timestamp_trusted:
            notes.append(f"signature {check.field_name!r} is timestamped (PAdES B-T) by an authority that is "
                         "not among the trusted certificates")
    if found.comments:
        notes.append(f"{_comments_added(found.comments)}, which the certification allows; a viewer draws them "
                     "over the signed pages (hide comments to read the pages as signed): "
                     + "; ".join(comment.describe() for comment in found.comments))
    if found.stamped:
        notes.append(f"the viewer that saved the comments also updated the document information's "
                     f"{' and '.join(found.stamped)}, as viewers do when they save")
    if found.metadata:
        notes.append("the viewer that saved the comments also wrote the document's XMP metadata: the dates, tool "
                     "and identifiers of its save, and the title, author, subject and keywords only as the "
                     "document information states them")
    return VerifyReport(
        path=path, intact=intact, trusted=trusted, summary=_summary(intact, trusted, checks, reasons, found.comments),
        reasons=tuple(reasons), notes=tuple(notes), signatures=checks, originals=found.originals,
        file_size=found.file_size, page_count=found.page_count, signed_page_count=found.signed_page_count,
        comments=found.comments,
    )


@dataclass(frozen=True)
class _Findings:
    """What the file says about itself, before trust is judged."""

    checks: tuple[SignatureCheck, ...]
    originals: tuple[OriginalCheck, ...]
    reasons: tuple[str, ...]
    file_size: int
    page_count: int
    signed_page_count: int | None
    comments: tuple[AddedComment, ...]
    stamped: tuple[str, ...]
    metadata: bool


def _inspect(handle: BinaryIO, path: Path, context: ValidationContext) -> _Findings:
    file_size = os.fstat(handle.fileno()).st_size
    try:
        reader = PdfFileReader(handle)
        if reader.encrypted:
            raise VerifyInputError(f"{path.name} is encrypted; a bundle from importer_app never is.")
        embedded = sorted(reader.embedded_signatures, key=_signed_end)
        page_count = int(reader.root["/Pages"]["/Count"])
    except _READ_ERRORS as error:
        raise VerifyInputError(f"{path.name} cannot be read as a PDF ({error}); it is damaged or not a PDF.") from error
    reasons: list[str] = []
    updates = _comments(reader, embedded)
    with _quiet_expected_findings():
        checks = [_check_signature(signature, context, reasons, comments_only=updates is not None and index == len(embedded) - 1)
                  for index, signature in enumerate(embedded)]
    for index, signature in enumerate(embedded):
        problem = contents_problem(handle, signature.byte_range, checks[index].field_name)
        if problem is not None:
            reasons.append(problem)
            checks[index] = dataclasses.replace(checks[index], intact=False)
    if not checks:
        reasons.append("the file is not signed")
    elif checks[-1].intact and updates is None:
        reasons.extend(describe_tail(reader, file_size, checks[-1].signed_bytes, embedded[-1].signed_revision))
    elif not checks[-1].intact and checks[-1].signed_bytes != file_size:
        reasons.append(f"the file was rewritten after signing: the signature covers {checks[-1].signed_bytes:,} "
                       f"bytes, the file now has {file_size:,}")
    signed_pages = _signed_page_count(reader)
    if signed_pages is not None and signed_pages != page_count:
        change = "removed" if page_count < signed_pages else "added"
        reasons.append(f"pages were {change}: the document has {page_count} pages, it had {signed_pages} when signed")
    try:
        originals, problems = check_originals(reader)
    except _READ_ERRORS as error:
        originals, problems = [], [f"the attachments cannot be read ({error})"]
    reasons.extend(problems)
    reasons.extend(check.reason for check in originals if check.status != OK)
    if not checks or not checks[-1].intact:
        updates = None
    return _Findings(tuple(checks), tuple(originals), tuple(reasons), file_size, page_count, signed_pages,
                     updates.comments if updates else (), updates.stamped if updates else (),
                     updates.metadata if updates else False)


def _comments(reader: PdfFileReader, embedded: Sequence[EmbeddedPdfSignature]) -> CommentUpdates | None:
    """The comments added after the last signature when it certifies at P=3 and comments are
    all that was added; None otherwise, and the later revisions are judged as any change."""
    if not embedded or embedded[-1].docmdp_level is not MDPPerm.ANNOTATE:
        return None
    try:
        return comments_added_after(reader, embedded[-1].signed_revision)
    except _READ_ERRORS:
        return None


def load_trust_anchors(path: Path) -> list[x509.Certificate]:
    """Read the certificates in a PEM (one or several) or DER file, for ``verify --trust``.

    Raises:
        VerifyInputError: unreadable, or not a certificate file.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise VerifyInputError(f"Cannot read {path}: {error.strerror}.") from error
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError:
        raise VerifyInputError(f"{path.name} is not a certificate file (PEM or DER).") from None


def _trust_finding(check: SignatureCheck, anchors_given: bool) -> str:
    if check.trusted:
        return ""
    who = f"the signer of {check.field_name!r} ({check.signer}, SHA-256 {check.fingerprint_sha256})"
    if anchors_given:
        return f"{who} does not chain to any of the given trusted certificates"
    if check.self_signed:
        return (f"{who} is not independently trusted: the certificate is self-signed; compare its "
                "fingerprint with the one the sender gave you, or pass their certificate with --trust")
    return f"{who} is not independently trusted: pass the certificate of {check.issuer} with --trust"


def _check_signature(signature: EmbeddedPdfSignature, context: ValidationContext, reasons: list[str], *,
                     comments_only: bool = False) -> SignatureCheck:
    """One signature's verdict; ``comments_only`` says that everything after it is comments a P=3
    certification allows, which pyHanko's change analysis would call a violation."""
    name = str(signature.field_name)
    try:
        status = validate_pdf_signature(signature, context, key_usage_settings=_SIGNER_KEY_USAGE)
    except (SignatureValidationError, *_READ_ERRORS) as error:
        reasons.append(f"signature {name!r} cannot be validated ({error})")
        status = None
    try:
        with warnings.catch_warnings():
            # Old signers' certificates break RFC 5280 in harmless ways (negative serials); the
            # signature check above already judged them, so cryptography's complaint adds nothing.
            warnings.simplefilter("ignore", CryptographyDeprecationWarning)
            certificate = x509.load_der_x509_certificate(signature.signer_cert.dump())
    except (CMSExtractionError, SignatureValidationError, *_READ_ERRORS) as error:
        reasons.append(f"signature {name!r}: its signer's certificate cannot be read ({error})")
        return _unreadable(name, signature)
    intact = status is not None and status.intact and status.valid
    if status is not None and not status.intact:
        reasons.append(f"signature {name!r}: the signed content was changed (its digest no longer matches "
                       "the one that was signed)")
    elif status is not None and not status.valid:
        reasons.append(f"signature {name!r}: the signature value does not verify with the signer's certificate")
    permission = signature.docmdp_level
    respected = status.docmdp_ok if status is not None else None
    if comments_only and respected is False:
        respected = True
    if intact and permission is not None and respected is False:
        reasons.append(f"signature {name!r} certifies the document for {_PERMISSIONS[permission]} only, "
                       "and later changes go beyond that")
    timestamp = status.timestamp_validity if status is not None else None
    if timestamp is not None and not (timestamp.intact and timestamp.valid):
        reasons.append(f"signature {name!r}: its timestamp does not match the signature")
    return SignatureCheck(
        field_name=name,
        intact=intact,
        signer=subject_attribute(certificate, NameOID.COMMON_NAME),
        organisation=subject_attribute(certificate, NameOID.ORGANIZATION_NAME),
        email=subject_attribute(certificate, NameOID.EMAIL_ADDRESS),
        fingerprint_sha256=fingerprint(certificate),
        issuer=_common_name(certificate.issuer),
        self_signed=certificate.issuer == certificate.subject,
        signing_time=status.signer_reported_dt if status is not None else None,
        timestamp_time=timestamp.timestamp if timestamp is not None else None,
        timestamp_trusted=timestamp.trusted if timestamp is not None else None,
        level="PAdES B-T" if timestamp is not None else "PAdES B-B",
        trusted=bool(status is not None and status.trusted),
        certification=_PERMISSIONS.get(permission, "") if permission is not None else "",
        certification_respected=respected,
        signed_bytes=_signed_end(signature),
    )


def _unreadable(name: str, signature: EmbeddedPdfSignature) -> SignatureCheck:
    """The verdict on a signature too damaged to say who signed."""
    return SignatureCheck(
        field_name=name, intact=False, signer="", organisation="", email="", fingerprint_sha256="", issuer="",
        self_signed=False, signing_time=None, timestamp_time=None, timestamp_trusted=None, level="",
        trusted=False, certification="", certification_respected=None, signed_bytes=_signed_end(signature),
    )


def _signed_end(signature: EmbeddedPdfSignature) -> int:
    byte_range = signature.byte_range
    return int(byte_range[-2]) + int(byte_range[-1])


def _signed_page_count(reader: PdfFileReader) -> int | None:
    try:
        value = reader.root["/PieceInfo"][APP_PIECE]["/Private"][SIGNED_PAGE_COUNT]
    except (KeyError, TypeError):
        return None
    return int(value) if isinstance(value, generic.NumberObject) else None


def _common_name(name: x509.Name) -> str:
    values = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(values[0].value) if values else name.rfc4514_string()


def _summary(intact: bool, trusted: bool | None, checks: Sequence[SignatureCheck], reasons: Sequence[str],
             comments: Sequence[AddedComment]) -> str:
    if not intact:
        return f"NOT INTACT: {reasons[0]}" if reasons else "NOT INTACT"
    if len(checks) == 1:
        signed = f"signed by {_who(checks[0])}"
        nobody = "signer"
    else:
        # Two certificates can carry the same name: only the fingerprint tells the signers apart.
        signed = f"{len(checks)} signatures: " + "; ".join(
            f"{check.field_name!r} by {_who(check)}, certificate SHA-256 {check.fingerprint_sha256}" for check in checks)
        nobody = "signers"
    if comments:
        signed = f"{signed}, {_comments_added(comments)}"
    if trusted:
        return f"Intact, {signed}, trusted"
    if trusted is False:
        return f"Intact, {signed}, but NOT trusted: {reasons[0]}"
    return f"Intact, {signed}; {nobody} not independently trusted"


def _comments_added(comments: Sequence[AddedComment]) -> str:
    return f"{len(comments)} comment{'s' if len(comments) != 1 else ''} added after signing"


def _who(check: SignatureCheck) -> str:
    return f"{check.signer} ({check.organisation})" if check.organisation else check.signer


class _ExpectedFindingsFilter(logging.Filter):
    """pyHanko logs a WARNING with a traceback for every signer it cannot trust and every
    change it cannot explain. Here both are outcomes the report states, so such a record is
    kept as one INFO line that still carries pyHanko's explanation."""

    _EXPECTED = (certvalidator_errors.PathError, certvalidator_errors.ValidationError, SuspiciousModification)

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, self._EXPECTED):
            record.msg, record.args = f"{record.getMessage()}: {error}", ()
            record.exc_info = record.exc_text = None
            record.levelno, record.levelname = logging.INFO, "INFO"
        elif "DocMDP level 3" in str(record.msg):
            # pyHanko's notice, on every check of a bundle certified at P=3 (the default), that its
            # change analysis predates that level: changes are still analysed and reported.
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


_PYHANKO_LOGGERS = ("pyhanko.sign.validation.generic_cms", "pyhanko.sign.diff_analysis.policies")


@contextlib.contextmanager
def _quiet_expected_findings() -> Iterator[None]:
    quiet = _ExpectedFindingsFilter()
    for name in _PYHANKO_LOGGERS:
        logging.getLogger(name).addFilter(quiet)
    try:
        yield
    finally:
        for name in _PYHANKO_LOGGERS:
            logging.getLogger(name).removeFilter(quiet)
