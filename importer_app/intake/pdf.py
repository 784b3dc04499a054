"""PDF intake: open (repairing what pypdf cannot read), unlock, describe the pages.

pypdf reads the file the way the bundle will. When it cannot, qpdf (through pikepdf)
reconstructs the cross-reference table, and a page tree that loops is rebuilt; the repaired
copy becomes the rendition. A file protected only by an owner password opens without asking
(its restrictions are recorded); one with a user password needs it, and the bundle gets a
decrypted copy because the password is never stored. Page counts and sizes are qpdf's, the
engine that binds the bundle, after ``geometry.settle`` made both engines read the pages alike.
"""

from __future__ import annotations

import io
import logging
import stringprep
import unicodedata
from dataclasses import dataclass
from typing import Final, Literal

import pikepdf
import pypdf
from pikepdf import Array, Dictionary, Name
from pypdf.errors import PyPdfError
from pypdf.generic import DictionaryObject

from importer_app.core import limits
from importer_app.core.errors import DocumentRefused
from importer_app.intake import geometry, hostile
from importer_app.core.model import PageInfo
from importer_app.intake.text import PYPDF_DAMAGE, extract_text, quiet

log = logging.getLogger(__name__)

Protection = Literal["none", "owner", "user"]

_PERMISSIONS: Final = (
    (3, "printing"),
    (4, "changing the document"),
    (5, "copying text and images"),
    (6, "adding comments"),
    (9, "filling in forms"),
    (11, "assembling pages"),
    (12, "high-quality printing"),
)
"""Bits of the /P entry (PDF 32000-1, table 22) that withhold something, 1-based."""
_REVISION_2_BITS: Final = frozenset({3, 4, 5, 6})
_INHERITABLE: Final = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")


@dataclass(frozen=True)
class PdfFacts:
    """What intake learned from a PDF, and the copy the bundle should use.

    Attributes:
        pages: one entry per page of the PDF the bundle uses.
        text: text of the first pages, capped.
        notes: sentences for the user.
        restrictions: permissions an owner password withholds.
        hostile: active content found (keys of ``hostile.LABELS``).
        rendition: the PDF the bundle uses when it is not the original.
        rendition_reason: why there is a rendition; empty when there is none.
    """

    pages: tuple[PageInfo, ...]
    text: str
    notes: tuple[str, ...]
    restrictions: tuple[str, ...]
    hostile: tuple[str, ...]
    rendition: bytes | None
    rendition_reason: str


@dataclass(frozen=True)
class OpenedPdf:
    """A PDF pypdf can read, and how it was opened.

    Attributes:
        reader: the unlocked reader over ``source``.
        source: the bytes read: the original, or qpdf's repaired copy when ``repaired``.
        password: the form of the password that opens ``source``; empty when none is needed.
        protection: ``none``, ``owner`` (opens without a password) or ``user``.
        restrictions: permissions the owner password withholds.
        repaired: pypdf could not read the original; ``source`` is qpdf's repaired copy.
    """

    reader: pypdf.PdfReader
    source: bytes
    password: str
    protection: Protection
    restrictions: tuple[str, ...]
    repaired: bool


def read_pdf(data: bytes, name: str, *, password: str = "") -> PdfFacts:
    """Open, check and describe the PDF in ``data``; make a rendition when the bundle needs one.

    Args:
        data: the file's bytes.
        name: the file's name as the user knows it, for messages.
        password: the user password, when the PDF has one; never stored.

    Raises:
        DocumentRefused: ``password-required``, ``wrong-password``, ``certificate-encrypted`` or
            ``damaged``.
    """
    with quiet():
        opened = open_pdf(data, name, password=password, repair=True)
        text, extracted = extract_text(opened.reader)
        with _pikepdf_open(opened.source, name, opened.password) as pdf:
            findings = hostile.scan(pdf).merged(hostile.html_markup(data))
            settled = geometry.settle(opened.reader, pdf, name)
            try:
                if settled.rewritten:
                    findings = findings.merged(hostile.scan(settled.pdf))
                pages = geometry.describe_pages(settled.pdf, settled.reader, extracted)
                reasons = _rendition_reasons(opened, findings) + list(settled.changes)
                rendition = _secure_copy(settled.pdf, findings) if reasons else None
            finally:
                settled.close()
    notes = _notes(opened, findings) + settled.notes
    return PdfFacts(
        pages=pages,
        text=text,
        notes=notes,
        restrictions=opened.restrictions,
        hostile=findings.hostile,
        rendition=rendition,
        rendition_reason="; ".join(reasons),
    )


def open_pdf(data: bytes, name: str, *, password: str = "", repair: bool) -> OpenedPdf:
    """Open ``data`` with pypdf, unlocked and with a readable page tree.

    Args:
        data: the file's bytes.
        name: the file's name, for messages.
        password: the user password, if any.
        repair: when pypdf cannot read the file, let qpdf repair it and read the repaired copy.

    Raises:
        DocumentRefused: the file cannot be opened (see :func:`read_pdf`).
    """
    try:
        return _open_with_pypdf(data, name, password)
    except NotImplementedError as error:
        # pypdf implements only the standard (password) security handler.
        raise unsupported_encryption(name, data) from error
    except DocumentRefused:
        raise
    except PYPDF_DAMAGE as error:
        if not repair:
            raise damaged(name, error) from error
        log.info("pypdf cannot read %s (%s: %s); trying a repair", name, type(error).__name__, error)
    repaired, protection, restrictions = _repair(data, name, password)
    try:
        reader = _open_with_pypdf(repaired, name, "").reader
    except PYPDF_DAMAGE as error:
        raise damaged(name, error) from error
    # The repaired copy is saved without encryption: no password opens it.
    return OpenedPdf(reader, repaired, "", protection, restrictions, repaired=True)


def _open_with_pypdf(data: bytes, name: str, password: str) -> OpenedPdf:
    reader = pypdf.PdfReader(io.BytesIO(data))
    protection: Protection = "none"
    used = ""
    restrictions: tuple[str, ...] = ()
    if reader.is_encrypted:
        protection, used = _unlock(reader, name, password)
        encrypt = reader.trailer["/Encrypt"].get_object()
        if isinstance(encrypt, DictionaryObject):
            restrictions = _restrictions(int(encrypt.get("/P", -1)), int(encrypt.get("/R", 2)))
    if len(reader.pages) == 0:
        # Repair may find the pages a broken page tree hides.
        raise PyPdfError("no pages")
    return OpenedPdf(reader, data, used, protection, restrictions, repaired=False)


def _unlock(reader: pypdf.PdfReader, name: str, password: str) -> tuple[Protection, str]:
    if reader.decrypt(""):
        return "owner", ""
    if not password:
        raise password_required(name)
    for candidate in password_forms(password):
        if reader.decrypt(candidate):
            return "user", candidate
    raise wrong_password(name)


def password_forms(password: str) -> tuple[str, ...]:
    """The password as typed, then SASLprep-normalised (AES-256 files expect that form).

    A soft hyphen or a compatibility character typed or pasted into a password box would
    otherwise make a right password fail in qpdf, which does not normalise.
    """
    kept = "".join(" " if stringprep.in_table_c12(c) else c for c in password if not stringprep.in_table_b1(c))
    prepared = unicodedata.normalize("NFKC", kept)
    return (password,) if prepared == password else (password, prepared)


def _restrictions(permissions: int, revision: int) -> tuple[str, ...]:
    withheld = []
    for bit, what in _PERMISSIONS:
        if revision < 3 and bit not in _REVISION_2_BITS:
            continue
        if not permissions & (1 << (bit - 1)):
            withheld.append(what)
    if "printing" in withheld and "high-quality printing" in withheld:
        withheld.remove("high-quality printing")
    return tuple(withheld)


def _repair(data: bytes, name: str, password: str) -> tuple[bytes, Protection, tuple[str, ...]]:
    """Let qpdf rebuild a file pypdf cannot read; returns the repaired, unencrypted bytes."""
    candidates = ("", *password_forms(password)) if password else ("",)
    for candidate in candidates:
        try:
            pdf = pikepdf.open(io.BytesIO(data), password=candidate, inherit_page_attributes=False)
        except pikepdf.PasswordError:
            continue
        except pikepdf.PdfError as error:
            if "unsupported encryption filter" in str(error):
                raise unsupported_encryption(name, data) from error
            raise damaged(name, error) from error
        break
    else:
        raise wrong_password(name) if password else password_required(name)
    with pdf:
        protection: Protection = "none"
        restrictions: tuple[str, ...] = ()
        if pdf.is_encrypted:
            protection = "user" if candidate else "owner"
            restrictions = _restrictions(pdf.encryption.P, pdf.encryption.R)
        try:
            count = len(pdf.pages)
        except pikepdf.PdfError:
            count = _rebuild_page_tree(pdf)
        if count == 0:
            raise damaged(name, ValueError("no pages found"))
        out = io.BytesIO()
        try:
            pdf.save(out, encryption=False, deterministic_id=True)
        except pikepdf.PdfError as error:
            raise damaged(name, error) from error
    return out.getvalue(), protection, restrictions


def _rebuild_page_tree(pdf: pikepdf.Pdf) -> int:
    """Replace a page tree that loops with a flat one holding every page reached once.

    Attributes pages inherit from the nodes above them are copied onto the pages, since the
    nodes that carried them are dropped. Returns the number of pages.
    """
    leaves: list[Dictionary] = []
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[object, dict[str, object]]] = [(pdf.Root.get("/Pages"), {})]
    while stack:
        node, inherited = stack.pop()
        if not isinstance(node, Dictionary) or (node.is_indirect and node.objgen in seen):
            continue
        if node.is_indirect:
            seen.add(node.objgen)
        kids = node.get("/Kids")
        if isinstance(kids, Array):
            here = inherited | {key: node[key] for key in _INHERITABLE if key in node}
            stack.extend((kid, here) for kid in reversed(list(kids)))
        elif node.get("/Type") == Name.Page or "/Contents" in node:
            for key, value in inherited.items():
                if key not in node:
                    node[key] = value
            leaves.append(node)
    root = pdf.make_indirect(Dictionary(Type=Name.Pages, Kids=Array(leaves), Count=len(leaves)))
    for leaf in leaves:
        leaf.Parent = root
    pdf.Root.Pages = root
    return len(leaves)


def _pikepdf_open(source: bytes, name: str, password: str) -> pikepdf.Pdf:
    try:
        return pikepdf.open(io.BytesIO(source), password=password)
    except pikepdf.PasswordError:
        # pypdf accepted this password form and qpdf did not: try the other forms.
        for candidate in password_forms(password)[1:]:
            try:
                return pikepdf.open(io.BytesIO(source), password=candidate)
            except pikepdf.PasswordError:
                continue
        raise wrong_password(name) from None
    except pikepdf.PdfError as error:
        raise damaged(name, error) from error


def _rendition_reasons(opened: OpenedPdf, findings: hostile.Findings) -> list[str]:
    reasons = []
    if opened.repaired:
        reasons.append("repaired")
    if opened.protection == "user":
        reasons.append("decrypted")
    if findings.hostile:
        reasons.append(f"{_join([hostile.SHORT[key] for key in findings.hostile])} removed")
    return reasons


def _secure_copy(pdf: pikepdf.Pdf, findings: hostile.Findings) -> bytes:
    if findings.hostile:
        hostile.remove_active_content(pdf)
    out = io.BytesIO()
    # Never encrypted: the bundle must open it without the password, which is not stored.
    pdf.save(out, encryption=False, deterministic_id=True)
    return out.getvalue()


def _notes(opened: OpenedPdf, findings: hostile.Findings) -> tuple[str, ...]:
    notes = []
    if opened.repaired:
        notes.append("repaired: the file is damaged; the bundle uses a copy rebuilt by qpdf")
    if opened.protection == "user":
        notes.append("protected by a password: the bundle uses a decrypted copy (the password is not stored)")
    if opened.restrictions:
        notes.append(f"owner password restrictions: {_join(opened.restrictions)} not allowed")
    if findings.hostile:
        what = [hostile.LABELS[key] for key in findings.hostile]
        if findings.attachments:
            what[findings.hostile.index("EmbeddedFiles")] += f" ({limits.listing(findings.attachments)})"
        notes.append(f"contains {_join(what)}: removed in the bundle copy; the original is kept in the case as it is"
                     " and is not attached to the bundle (its SHA-256 is listed)")
    if "XFA" in findings.hostile:
        notes.append(
            "an XFA form shows only its fallback pages outside Adobe Reader, often a notice to open it"
            " in Reader: check the pages, and if they are not the form, ask the sender to print it to PDF"
        )
    if findings.signatures:
        count = "a digital signature" if findings.signatures == 1 else f"{findings.signatures} digital signatures"
        notes.append(f"carries {count}: the bundle shows its pages; the signed original stays in the case")
    return tuple(notes)


def _join(words: tuple[str, ...] | list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def password_required(name: str) -> DocumentRefused:
    """The refusal of a PDF that needs a password that was not given."""
    return DocumentRefused(
        f"{name} is protected by a password. Give its password to open it once; the password"
        " is not stored.",
        code="password-required",
    )


def wrong_password(name: str) -> DocumentRefused:
    """The refusal of a PDF whose given password is wrong."""
    return DocumentRefused(
        f"The password given for {name} is wrong; nothing was stored. Check it with the sender"
        " (passwords are case-sensitive).",
        code="wrong-password",
    )


def unsupported_encryption(name: str, data: bytes) -> DocumentRefused:
    """The refusal of a PDF encrypted by another handler than passwords: certificates (the
    public-key handler, ``/Adobe.PubSec``, always lists its ``/Recipients``) or a publisher's own."""
    if b"/Adobe.PubSec" in data or b"/Recipients" in data:
        return certificate_encrypted(name)
    return DocumentRefused(
        f"{name} is encrypted by a method that is neither a password nor a certificate (a publisher's"
        " own protection, such as a rights-management plug-in) and cannot be opened here. Ask the"
        " sender for a copy without encryption, or one protected by a password.",
        code="unsupported-encryption",
    )


def certificate_encrypted(name: str) -> DocumentRefused:
    """The refusal of a PDF encrypted for a certificate holder."""
    return DocumentRefused(
        f"{name} is encrypted for a certificate holder (public-key encryption) and cannot be"
        " opened here. Ask the sender for a copy without encryption, or one protected by a"
        " password.",
        code="certificate-encrypted",
    )


def damaged(name: str, error: BaseException) -> DocumentRefused:
    """The refusal of a PDF that neither pypdf nor qpdf can read."""
    log.info("%s is damaged: %s: %s", name, type(error).__name__, error)
    return DocumentRefused(
        f"{name} is a damaged PDF that could not be read or repaired. Ask the sender for a new"
        " copy, or open it in a PDF viewer and print it to PDF again.",
        code="damaged",
    )
