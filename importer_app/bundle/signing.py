"""Sign a finished bundle: one certifying PAdES signature over the whole file.

Signing is the last write: the signature is an incremental update appended to the bundle,
and any later change to the file (even pypdf re-saving it) breaks it. The certification
(DocMDP) allows form filling, annotations and further signatures by default (P=3): a CBP
reviewer can comment on the bundle in any PDF viewer and the signature stays valid, the
comments showing as later additions. The strict level (P=2) allows form filling and further
signatures only, so that any comment shows as a change the signer did not allow; a
recipient may counter-sign under both.

The signature's appearance is drawn with reportlab in the generated pages' fonts, not with
pyHanko's built-in text stamp: that one uses the standard Courier font, which cannot show
names outside Latin-1 ("Nguyễn" comes out as garbage).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import io
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeAlias

import pikepdf
from asn1crypto import cms
from pyhanko import stamp
from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError as PyHankoSigningError
from pyhanko.sign.signers.pdf_byterange import BuildProps
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko.sign.timestamps.aiohttp_client import HTTPTimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from importer_app import __version__
from importer_app.bundle import subset_tags
from importer_app.bundle.identity import LoadedIdentity, as_aware, check_can_sign
from importer_app.bundle.pages import fonts
from importer_app.core.errors import SigningError, TimestampError

FIELD_NAME = "Signature"
"""The signature field the bundle's signature goes into."""

APP_PIECE = "/ImporterApp"
"""Our entry in the catalog's page-piece dictionary (ISO 32000-1, 14.5): what the document was
when it was signed, so verify can say what a full re-save changed (e.g. a page removed)."""

SIGNED_PAGE_COUNT = "/SignedPageCount"

CERTIFICATION = "form filling, annotations and further signatures"
"""What the default certification (DocMDP P=3, pyHanko's ``MDPPerm.ANNOTATE``) still allows."""
CERTIFICATION_STRICT = "form filling and further signatures"
"""What the strict certification (DocMDP P=2, ``MDPPerm.FILL_FORMS``) still allows."""

TSA_TIMEOUT_SECONDS = 15

_IO_CHUNK = 1 << 20
"""Bytes per read when copying and hashing the bundle; pyHanko's 4 KiB made copying a 25 MB
bundle cost more than hashing it."""

SignatureBox: TypeAlias = tuple[int, tuple[float, float, float, float]]
"""``(page_index, (x1, y1, x2, y2))``: 0-based page and the box in PDF points."""

# The appearance is drawn at the box's size: no margin for pyHanko to shrink it into.
_FILL_BOX = layout.SimpleBoxLayoutRule(
    x_align=layout.AxisAlignment.ALIGN_MIN, y_align=layout.AxisAlignment.ALIGN_MIN, margins=layout.Margins()
)
_INK = (0.05, 0.17, 0.45)


@dataclass(frozen=True)
class SignatureInfo:
    """What :func:`sign_pdf` did, for the output and the audit log.

    Attributes:
        path: the signed file.
        level: ``PAdES B-T`` with an RFC 3161 timestamp, else ``PAdES B-B``.
        signing_time: the time in the signature, as claimed by this computer's clock.
        timestamp_time: the time the time-stamping authority certified (B-T only).
        signer: the certificate's common name.
        organisation: the certificate's organisation.
        fingerprint_sha256: SHA-256 of the signer's certificate, ``AB:CD:...``.
        certification: what the certification still allows after signing.
        visible: whether the signature has an appearance on a page.
    """

    path: Path
    level: str
    signing_time: dt.datetime
    timestamp_time: dt.datetime | None
    signer: str
    organisation: str
    fingerprint_sha256: str
    certification: str
    visible: bool


def sign_pdf(
    src: Path,
    dst: Path,
    identity: LoadedIdentity,
    *,
    signature_box: SignatureBox | None,
    reason: str,
    location: str,
    tsa_url: str | None = None,
    now: dt.datetime | None = None,
    certify_strict: bool = False,
) -> SignatureInfo:
    """Certify ``src`` with a PAdES signature and write the result to ``dst``.

    The output is written to a temporary file beside ``dst`` and renamed over it only once
    complete, so a failure never leaves a half-signed file; ``src`` may be ``dst``.

    Args:
        src: the finished, unsigned bundle.
        dst: where the signed bundle goes.
        identity: from :func:`importer_app.bundle.identity.load_identity`.
        signature_box: where the visible signature goes (the cover letter's signature
            block); None for an invisible signature.
        reason: why the document is signed, shown in the box and in viewers' signature panels.
        location: where it is signed (city), likewise.
        tsa_url: a time-stamping authority (RFC 3161); it needs a network. Without one the
            signature is PAdES B-B and its time is only this computer's claim.
        now: the signing time; the current time when None.
        certify_strict: certify with P=2 (form filling and further signatures) instead of
            P=3 (which also allows annotations: reviewers' comments).

    Returns:
        What was signed, by whom, when and at which level.

    Raises:
        IdentityExpiredError, IdentityNotYetValidError, IdentityKeyUsageError: the identity
            cannot sign at ``now``.
        TimestampError: the time-stamping authority did not answer usefully.
        SigningError: ``src`` is unreadable, encrypted or already signed, the box is not on a
            page, or ``dst`` cannot be written.
    """
    moment = as_aware(now)
    check_can_sign(identity, moment)
    timestamper = HTTPTimeStamper(tsa_url, timeout=TSA_TIMEOUT_SECONDS) if tsa_url else None
    try:
        with open(src, "rb") as source, tempfile.TemporaryDirectory(prefix="importer-app-sign-") as scratch:
            writer = _writer_for(source, src)
            _record_signed_state(writer, moment)
            stamp_style = None
            if signature_box is not None:
                page_index, box = _checked_box(writer, signature_box, src)
                appearance = Path(scratch) / "appearance.pdf"
                _draw_appearance(appearance, box, identity, reason, location, moment)
                stamp_style = stamp.StaticStampStyle.from_pdf_file(
                    str(appearance), border_width=0, background_opacity=1.0, background_layout=_FILL_BOX
                )
                # pyHanko writes the box as floats (Rect); its type hint only says int.
                field_spec = fields.SigFieldSpec(FIELD_NAME, on_page=page_index, box=box)  # type: ignore[arg-type]
            else:
                field_spec = fields.SigFieldSpec(FIELD_NAME)
            pdf_signer = signers.PdfSigner(
                _metadata(reason, location, certify_strict), identity.signer,
                timestamper=timestamper, stamp_style=stamp_style, new_field_spec=field_spec,
            )
            with _replacing(dst) as output:
                asyncio.run(_sign(pdf_signer, writer, moment, output))
                output.flush()
                timestamp_time = _timestamp_time(output) if tsa_url else None
    except TimestampRequestError as error:
        raise TimestampError(
            f"The time-stamping authority at {tsa_url} gave no usable timestamp ({error}). "
            "Sign without a timestamp (PAdES B-B), or try again when it can be reached."
        ) from error
    except PyHankoSigningError as error:
        raise SigningError(f"Cannot sign {src.name}: {error}") from error
    except OSError as error:
        raise SigningError(f"Cannot sign {src.name}: {error.strerror or error}.") from error
    return SignatureInfo(
        path=dst,
        level="PAdES B-T" if tsa_url else "PAdES B-B",
        signing_time=moment,
        timestamp_time=timestamp_time,
        signer=identity.name,
        organisation=identity.organisation,
        fingerprint_sha256=identity.fingerprint_sha256,
        certification=CERTIFICATION_STRICT if certify_strict else CERTIFICATION,
        visible=signature_box is not None,
    )


def _metadata(reason: str, location: str, certify_strict: bool) -> signers.PdfSignatureMetadata:
    return signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason or None,
        location=location or None,
        certify=True,
        docmdp_permissions=fields.MDPPerm.FILL_FORMS if certify_strict else fields.MDPPerm.ANNOTATE,
        app_build_props=BuildProps(name="importer_app", revision=__version__),
    )


async def _sign(pdf_signer: signers.PdfSigner, writer: IncrementalPdfFileWriter, moment: dt.datetime,
                output: IO[bytes]) -> None:
    """pyHanko's ``async_sign_pdf``, with the signing time set by us rather than read from the
    wall clock: the time in the signature, in the box and in our report must be one time."""
    writer.IO_CHUNK_SIZE = _IO_CHUNK  # as pyHanko's own DSS updater does
    session = pdf_signer.init_signing_session(writer)
    session.system_time = moment
    validation_info = await session.perform_presign_validation(writer)
    reserved = await session.estimate_signature_container_size(validation_info)
    tbs_document = session.prepare_tbs_document(validation_info=validation_info, bytes_reserved=reserved)
    prepared, result = tbs_document.digest_tbs_document(output=output, chunk_size=_IO_CHUNK)
    post_signing = await tbs_document.perform_signature(
        document_digest=prepared.document_digest,
        pdf_cms_signed_attrs=PdfCMSSignedAttributes(signing_time=moment),
    )
    await post_signing.post_signature_processing(result, chunk_size=_IO_CHUNK)


def _writer_for(source: IO[bytes], src: Path) -> IncrementalPdfFileWriter:
    try:
        writer = IncrementalPdfFileWriter(source)
        if writer.prev.encrypted:
            raise SigningError(f"{src.name} is encrypted; sign the unencrypted bundle.")
        if writer.prev.embedded_signatures:
            raise SigningError(
                f"{src.name} is already signed. Signing must be the last step of building a bundle; "
                "build it again and sign the new file."
            )
    except (PdfError, ValueError) as error:
        raise SigningError(f"{src.name} cannot be read as a PDF ({error}); build the bundle again.") from error
    return writer


def _record_signed_state(writer: IncrementalPdfFileWriter, moment: dt.datetime) -> None:
    root = writer.root
    pieces = root.get("/PieceInfo")
    pieces = generic.DictionaryObject(pieces.get_object()) if pieces is not None else generic.DictionaryObject()
    pieces[generic.NameObject(APP_PIECE)] = generic.DictionaryObject({
        generic.NameObject("/LastModified"): generic.pdf_date(moment),
        generic.NameObject("/Private"): generic.DictionaryObject({
            generic.NameObject(SIGNED_PAGE_COUNT): generic.NumberObject(_page_count(writer.prev)),
        }),
    })
    root[generic.NameObject("/PieceInfo")] = pieces
    writer.update_root()


def _page_count(reader: PdfFileReader) -> int:
    return int(reader.root["/Pages"]["/Count"])


def _checked_box(writer: IncrementalPdfFileWriter, signature_box: SignatureBox, src: Path) -> SignatureBox:
    page_index, (x1, y1, x2, y2) = signature_box
    pages = _page_count(writer.prev)
    if not 0 <= page_index < pages:
        raise SigningError(f"The signature box is on page {page_index + 1}, but {src.name} has {pages} pages.")
    if x2 - x1 < 36 or y2 - y1 < 18:
        raise SigningError(f"The signature box {(x1, y1, x2, y2)} is too small to show the signature.")
    return page_index, (x1, y1, x2, y2)


def _draw_appearance(path: Path, box: tuple[float, float, float, float], identity: LoadedIdentity,
                     reason: str, location: str, moment: dt.datetime) -> None:
    """A one-page PDF the size of the box: signer, organisation, date, reason, location.

    Its font subsets get tags of their own (salted with the signing time), since the
    appearance is added to a bundle whose subsets already carry reportlab's first tags.
    """
    fonts.register()
    width, height = box[2] - box[0], box[3] - box[1]
    when = moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [(True, f"Digitally signed by {identity.name}")]
    if identity.organisation:
        lines.append((False, identity.organisation))
    lines.append((False, f"Date: {when}"))
    if reason:
        lines.append((False, f"Reason: {reason}"))
    if location:
        lines.append((False, f"Location: {location}"))
    padding = 4.0
    size = min(10.0, (height - 2 * padding) / (1.25 * len(lines)))
    widest = max(fonts.width(text, size, bold=bold) for bold, text in lines)
    # Shrink long lines to the box rather than cut them: the name must be read whole.
    size = max(4.0, size * min(1.0, (width - 2 * padding) / widest))
    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=(width, height), invariant=True, initialFontName=fonts.SANS)
    drawing.setStrokeColorRGB(*_INK)
    drawing.setFillColorRGB(*_INK)
    drawing.setLineWidth(0.8)
    drawing.rect(0.4, 0.4, width - 0.8, height - 0.8)
    y = height - padding - size
    for bold, text in lines:
        x = padding
        for font, piece in fonts.runs(text, bold=bold):
            drawing.setFont(font, size)
            drawing.drawString(x, y, piece)
            x += pdfmetrics.stringWidth(piece, font, size)
        y -= 1.25 * size
    drawing.showPage()
    drawing.save()
    with pikepdf.open(io.BytesIO(out.getvalue())) as appearance:
        subset_tags.make_distinct(appearance, salt=f"appearance {moment.isoformat()}")
        appearance.save(path)


@contextlib.contextmanager
def _replacing(dst: Path):
    """A temporary file in ``dst``'s folder, renamed to ``dst`` when the block succeeds."""
    descriptor, name = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".part", dir=dst.parent)
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "w+b") as output:
            yield output
            output.flush()
            os.fsync(output.fileno())
        # mkstemp makes the file owner-only; a signed bundle is shared like the unsigned one.
        mode = stat.S_IMODE(dst.stat().st_mode) if dst.exists() else 0o644
        os.chmod(temporary, mode)
        os.replace(temporary, dst)
    finally:
        temporary.unlink(missing_ok=True)


def _timestamp_time(output: IO[bytes]) -> dt.datetime:
    """The time certified by the timestamp token in the signature just written."""
    output.seek(0)
    signature = PdfFileReader(output).embedded_signatures[-1]
    for attribute in signature.signer_info["unsigned_attrs"]:
        if attribute["type"].native == "signature_time_stamp_token":
            token: cms.ContentInfo = attribute["values"][0]
            return token["content"]["encap_content_info"]["content"].parsed["gen_time"].native
    raise TimestampError("The signature was written without its timestamp; sign again.")
