"""One file in, one checked document out (or a refusal): the heart of document intake.

:func:`process_file` runs in the caller's process and trusts the file to finish; a batch of
files the user dropped goes through :func:`importer_app.intake.batch.process_files`, which
runs each file in a worker process under a time and memory limit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from types import MappingProxyType
from typing import Final

from importer_app.core.errors import DocumentRefused
from importer_app.intake import hostile, office
from importer_app.intake.images import image_to_pdf
from importer_app.core.model import PageInfo
from importer_app.intake.model import ProcessedFile
from importer_app.intake.pdf import read_pdf
from importer_app.intake.sniff import IMAGE_FORMATS, Sniffed, sniff
from importer_app.intake.suggest import suggest
from importer_app.intake.text import searchability_note

NO_KEYWORDS: Final[Mapping[str, Sequence[str]]] = MappingProxyType({})

_ACCEPTED: Final = (
    "PDF files, images ("
    + ", ".join(sorted(set(IMAGE_FORMATS.values()), key=str.lower))
    + ") and office documents (Word, Excel, PowerPoint, OpenDocument, RTF)"
)


@dataclass(frozen=True)
class _Content:
    """What one kind of file gave: the part of a ProcessedFile that depends on the kind."""

    pages: tuple[PageInfo, ...]
    rendition: bytes | None
    rendition_reason: str
    notes: tuple[str, ...]
    text: str = ""
    restrictions: tuple[str, ...] = ()
    hostile: tuple[str, ...] = ()
    needs_rendition: bool = False


def process_file(
    data: bytes,
    name: str,
    *,
    password: str = "",
    type_keywords: Mapping[str, Sequence[str]] = NO_KEYWORDS,
    convert_timeout_s: float = 60.0,
) -> ProcessedFile:
    """Check one file and make the PDF the bundle will use.

    Args:
        data: the file's bytes, exactly as given; they are never changed.
        name: the file name as the user knows it, for messages.
        password: opens a PDF protected by a user password; never stored.
        type_keywords: document type id to keywords suggesting it (from the catalog).
        convert_timeout_s: how long LibreOffice may take to convert an office document.

    Returns:
        The processed file.

    Raises:
        DocumentRefused: the file cannot be used; ``code`` says why (``model.REFUSAL_CODES``).
    """
    if not data:
        raise DocumentRefused(f"{name} is empty (0 bytes). Get the file again from its sender.", code="empty")
    sniffed = sniff(data)
    if sniffed.kind == "pdf":
        content = _pdf(data, name, password)
    elif sniffed.kind == "image":
        image = image_to_pdf(data, name, sniffed.format)
        content = _Content(image.pages, image.rendition, image.rendition_reason, image.notes)
    elif sniffed.kind == "office":
        content = _office(data, name, sniffed, convert_timeout_s)
    else:
        raise _not_supported(name, sniffed)
    searchability = searchability_note(content.pages)
    return ProcessedFile(
        name=name,
        original=data,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type=sniffed.media_type,
        rendition=content.rendition,
        rendition_reason=content.rendition_reason,
        needs_rendition=content.needs_rendition,
        pages=content.pages,
        notes=content.notes + ((searchability,) if searchability else ()),
        restrictions=content.restrictions,
        hostile=content.hostile,
        text=content.text,
        suggestions=suggest(content.text, name, type_keywords),
    )


def _pdf(data: bytes, name: str, password: str) -> _Content:
    facts = read_pdf(data, name, password=password)
    return _Content(
        facts.pages, facts.rendition, facts.rendition_reason, facts.notes, facts.text,
        facts.restrictions, facts.hostile,
    )


def _office(data: bytes, name: str, sniffed: Sniffed, timeout_s: float) -> _Content:
    macros = ("Macros",) if office.has_macros(data) else ()
    macro_notes = (_MACRO_NOTE,) if macros else ()
    soffice = office.find_soffice()
    if soffice is None:
        note = office.missing_libreoffice_note()
        return _Content((), None, "", (note, *macro_notes), office.office_text(data), hostile=macros,
                        needs_rendition=True)
    converted = office.convert_to_pdf(data, name, sniffed.media_type, soffice, timeout_s=timeout_s)
    facts = read_pdf(converted, name)
    # LibreOffice carries a document's macros over as JavaScript only if asked; if anything
    # active came through, read_pdf's cleaned copy is the one to use.
    found = set(facts.hostile) | set(macros)
    return _Content(
        facts.pages, facts.rendition or converted, f"converted from {sniffed.format} (LibreOffice)",
        facts.notes + macro_notes, facts.text, hostile=tuple(key for key in hostile.LABELS if key in found),
    )


_MACRO_NOTE: Final = (
    f"contains {hostile.LABELS['Macros']}: the bundle shows its PDF copy, which cannot run them; the"
    " original is kept in the case as it is and is not attached to the bundle (its SHA-256 is listed)"
)


def _not_supported(name: str, sniffed: Sniffed) -> DocumentRefused:
    claims_pdf = PurePath(name).suffix.lower() == ".pdf"
    what = f"named like a PDF but is {sniffed.label}" if claims_pdf else sniffed.label
    advice = sniffed.advice or "Print or save it as a PDF, and add that."
    return DocumentRefused(
        f"{name} is {what}, which cannot be added as a document. Intake takes {_ACCEPTED}. {advice}",
        code="not-supported",
    )
