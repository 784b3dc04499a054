"""What a file is, judged by its content and never by its name.

Suppliers rename files, mail them through systems that change extensions, and scanners write
junk before the PDF header; only the bytes tell. ``filetype`` knows the magic numbers; this
module adds what it misses: a PDF header anywhere in the first 1024 bytes (as Acrobat
accepts), HEIF brands other than ``heic``, office files whose ZIP members are not in the order
``filetype`` expects, and a name for what we refuse so the user knows what they dropped.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Final, Literal

import filetype

Kind = Literal["pdf", "image", "office", "other"]

PDF_HEADER_WINDOW: Final = 1024
"""Acrobat finds ``%PDF-`` anywhere in the first 1024 bytes; so do we."""

IMAGE_FORMATS: Final[dict[str, str]] = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/apng": "PNG",
    "image/tiff": "TIFF",
    "image/heic": "HEIC",
    "image/bmp": "BMP",
    "image/gif": "GIF",
    "image/webp": "WebP",
}
"""Media types of the images intake turns into PDF pages, with the name users know them by."""

OFFICE_FORMATS: Final[dict[str, str]] = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel workbook",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint presentation",
    "application/vnd.oasis.opendocument.text": "OpenDocument text",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument spreadsheet",
    "application/vnd.oasis.opendocument.presentation": "OpenDocument presentation",
    "application/msword": "Word 97-2003 document",
    "application/vnd.ms-excel": "Excel 97-2003 workbook",
    "application/vnd.ms-powerpoint": "PowerPoint 97-2003 presentation",
    "application/rtf": "Rich Text document",
}
"""Media types LibreOffice turns into PDF, with the name users know them by."""

_OOXML_PARTS: Final = (
    ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
)
_HEIF_BRANDS: Final = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs"})
OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UNPACK: Final = "Unpack it and add the files inside."
_ATTACHMENTS: Final = "Save the message's attachments and add those, or print the message to PDF."
_ARCHIVES: Final = frozenset({
    "application/zip", "application/x-rar-compressed", "application/x-7z-compressed",
    "application/gzip", "application/x-tar", "application/x-bzip2", "application/x-xz",
})
_OTHER_LABELS: Final[dict[str, str]] = {
    "application/zip": "a ZIP archive",
    "application/x-rar-compressed": "a RAR archive",
    "application/x-7z-compressed": "a 7-Zip archive",
    "application/gzip": "a gzip archive",
    "application/x-tar": "a tar archive",
    "application/x-executable": "a program",
    "application/x-msdownload": "a Windows program",
    "application/x-sqlite3": "a database file",
    "application/epub+zip": "an e-book (EPUB)",
    "application/postscript": "a PostScript file",
}


@dataclass(frozen=True)
class Sniffed:
    """What the content says a file is.

    Attributes:
        kind: ``pdf``, ``image``, ``office`` or ``other`` (refused).
        media_type: the IANA media type, ``application/octet-stream`` when unknown.
        label: the kind named for a sentence, e.g. ``a ZIP archive``, ``a JPEG image``.
        format: the short name (``JPEG``, ``Word document``); empty for ``other``.
        advice: for ``other``, what the user can do instead, when there is something better
            to say than "save it as a PDF".
    """

    kind: Kind
    media_type: str
    label: str
    format: str = ""
    advice: str = ""


def sniff(data: bytes) -> Sniffed:
    """Identify ``data`` (not empty) by its content."""
    if b"%PDF-" in data[:PDF_HEADER_WINDOW]:
        return Sniffed("pdf", "application/pdf", "a PDF document", "PDF")
    if _is_heif(data):
        return Sniffed("image", "image/heic", "a HEIC image", "HEIC")
    guess = filetype.guess(data)
    media_type = guess.mime if guess is not None else ""
    if media_type in IMAGE_FORMATS:
        name = IMAGE_FORMATS[media_type]
        return Sniffed("image", "image/png" if name == "PNG" else media_type, f"a {name} image", name)
    if media_type == "application/zip" or (media_type in OFFICE_FORMATS and data[:2] == b"PK"):
        return _zip_kind(data)
    if data.startswith(OLE_MAGIC):
        return _ole_kind(data, media_type)
    if media_type in OFFICE_FORMATS:
        return _office(media_type)
    if media_type.startswith("image/"):
        return Sniffed("other", media_type, f"an image of a kind not taken here ({guess.extension.upper()})")
    if media_type.startswith(("video/", "audio/")):
        return Sniffed("other", media_type, f"a {media_type.split('/')[0]} file ({guess.extension})")
    if media_type:
        label = _OTHER_LABELS.get(media_type, f"a .{guess.extension} file")
        return Sniffed("other", media_type, label, advice=_UNPACK if media_type in _ARCHIVES else "")
    return _text_or_unknown(data)


def _office(media_type: str) -> Sniffed:
    name = OFFICE_FORMATS[media_type]
    article = "an" if name[0] in "AEIOU" else "a"
    return Sniffed("office", media_type, f"{article} {name}", name)


def _is_heif(data: bytes) -> bool:
    # ISO BMFF: box size, b"ftyp", major brand, minor version, compatible brands.
    if data[4:8] != b"ftyp":
        return False
    size = int.from_bytes(data[:4], "big")
    brands = {data[8:12]} | {data[i:i + 4] for i in range(16, min(size, 64), 4)}
    return bool(brands & _HEIF_BRANDS) or (data[8:12] in (b"mif1", b"msf1") and b"avif" not in brands)


def _zip_kind(data: bytes) -> Sniffed:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100].decode("ascii", "replace") if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, RuntimeError, NotImplementedError):
        # RuntimeError: an encrypted member; NotImplementedError: an exotic compression method.
        return Sniffed("other", "application/zip", "a damaged or encrypted ZIP archive", advice=_UNPACK)
    for part, media_type in _OOXML_PARTS:
        if part in names:
            return _office(media_type)
    if mimetype.strip() in OFFICE_FORMATS:
        return _office(mimetype.strip())
    return Sniffed("other", "application/zip", "a ZIP archive", advice=_UNPACK)


def _ole_kind(data: bytes, media_type: str) -> Sniffed:
    # OLE2 compound files hold legacy Office files, password-protected new ones and Outlook mail.
    if "EncryptedPackage".encode("utf-16-le") in data:
        return Sniffed("other", "application/x-ole-storage", "a password-protected Office document",
                       advice="Open it, remove the password or save it as a PDF, and add that.")
    if "__substg1.0_".encode("utf-16-le") in data:
        return Sniffed("other", "application/vnd.ms-outlook", "an Outlook e-mail message (.msg)", advice=_ATTACHMENTS)
    if media_type in OFFICE_FORMATS:
        return _office(media_type)
    return Sniffed("other", "application/x-ole-storage", "an older Microsoft Office file of an unknown kind")


def _text_or_unknown(data: bytes) -> Sniffed:
    head = data[:4096]
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the 4096-byte boundary is still text.
        if error.start < len(head) - 4:
            return Sniffed("other", "application/octet-stream", "of a kind that could not be recognised")
        text = head[: error.start].decode("utf-8")
    if "\x00" in text:
        return Sniffed("other", "application/octet-stream", "of a kind that could not be recognised")
    lowered = text.lstrip().lower()
    if lowered.startswith(("<!doctype html", "<html")):
        return Sniffed("other", "text/html", "a web page (HTML)")
    if any(lowered.startswith(header) for header in ("from:", "received:", "return-path:", "mime-version:")):
        return Sniffed("other", "message/rfc822", "an e-mail message (.eml)", advice=_ATTACHMENTS)
    return Sniffed("other", "text/plain", "a plain-text file")
