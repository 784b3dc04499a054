"""What document intake hands back: a processed file or a refusal, and the suggestions.

Plain frozen dataclasses, picklable, so a worker process can return them to the batch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Final

from importer_app.core.errors import DocumentRefused
from importer_app.core.model import PageInfo

REFUSAL_CODES: Final[Mapping[str, str]] = MappingProxyType({
    "empty": "the file has no bytes",
    "unreadable": "the file could not be read from disk",
    "not-supported": "a kind of file intake does not take (the reason names the kind found)",
    "password-required": "a PDF protected by a password, and none was given",
    "wrong-password": "a PDF protected by a password, and the one given is wrong",
    "certificate-encrypted": "a PDF encrypted for a certificate holder (public-key security)",
    "unsupported-encryption": "a PDF encrypted by a publisher's own method, neither password nor certificate",
    "damaged": "a PDF or image too damaged to read or repair",
    "too-large": "the file is larger than the memory limit allows",
    "decompression-bomb": "an image with more pixels than Pillow's safety limit",
    "conversion-failed": "LibreOffice could not turn an office document into a PDF",
    "timeout": "reading the file took longer than the time limit; the reader was stopped",
    "crashed": "the reader process stopped unexpectedly on this file",
    "internal-error": "a bug in importer_app; the details are in the log",
    "link-outside": "a link inside an added folder that points outside it; not followed",
})
"""Every ``Refusal.code`` / ``DocumentRefused.code``, with what it means."""


@dataclass(frozen=True)
class TypeSuggestion:
    """A document type the text suggests.

    Attributes:
        type_id: a document type id (``vocab.DOCUMENT_TYPES``).
        confidence: 0 (a guess) to 1 (near certain).
        evidence: the keywords found, as written in the catalog.
    """

    type_id: str
    confidence: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class ReferenceSuggestion:
    """A reference number found in the text.

    Attributes:
        kind: ``purchase_order``, ``invoice``, ``bill_of_lading``, ``container`` or ``entry``.
        value: the number as written (containers without spaces: ``MSCU1234565``).
        confidence: 0 to 1; a container number whose ISO 6346 check digit is right scores high.
    """

    kind: str
    value: str
    confidence: float


@dataclass(frozen=True)
class DateSuggestion:
    """A calendar date found in the text.

    Attributes:
        value: the date.
        text: the date as written.
        confidence: 0 to 1; an ambiguous ``03/04/2026`` gives two suggestions of low confidence.
    """

    value: dt.date
    text: str
    confidence: float


@dataclass(frozen=True)
class QuantitySuggestion:
    """A number followed by a unit of quantity.

    Attributes:
        value: the number.
        unit: the unit normalised to the names ``core.units`` converts (``kg``, ``pcs`` ...).
        text: the quantity as written.
        confidence: 0 to 1.
    """

    value: float
    unit: str
    text: str
    confidence: float


@dataclass(frozen=True)
class Suggestions:
    """What the text suggests about a document. Never applied without the user's say.

    Each tuple is ordered best first.
    """

    document_types: tuple[TypeSuggestion, ...] = ()
    references: tuple[ReferenceSuggestion, ...] = ()
    dates: tuple[DateSuggestion, ...] = ()
    quantities: tuple[QuantitySuggestion, ...] = ()


@dataclass(frozen=True)
class ProcessedFile:
    """A file intake accepted, with everything the case and the bundle need from it.

    Attributes:
        name: the file name as the user knows it.
        original: exactly the bytes given, never changed.
        sha256: hex SHA-256 of ``original``.
        media_type: the type sniffed from the content (``application/pdf``, ``image/jpeg`` ...).
        rendition: the PDF the bundle uses when it differs from the original (repaired, converted
            from an image or office file, hostile content removed, decrypted); None when the
            original PDF is used as it is.
        rendition_reason: why the rendition exists, e.g. ``converted from JPEG``; empty if none.
        needs_rendition: an office file kept as it is because LibreOffice is not installed.
        pages: one entry per page of the PDF the bundle uses (empty when ``needs_rendition``).
        notes: sentences for the user about what was found and done.
        restrictions: owner-password permissions the PDF withholds, e.g. ``printing``.
        hostile: active content found: ``JavaScript``, ``OpenAction``, ``AA``, ``Launch``,
            ``EmbeddedFiles``, ``RichMedia``, ``XFA``.
        text: text of the first pages, capped, for full-text search and suggestions.
        suggestions: what the text suggests (type, references, dates, quantities).
    """

    name: str
    original: bytes = field(repr=False)
    sha256: str
    media_type: str
    rendition: bytes | None = field(repr=False)
    rendition_reason: str
    needs_rendition: bool
    pages: tuple[PageInfo, ...]
    notes: tuple[str, ...]
    restrictions: tuple[str, ...]
    hostile: tuple[str, ...]
    text: str = field(repr=False)
    suggestions: Suggestions

    @property
    def page_count(self) -> int:
        """Pages of the PDF the bundle uses (0 while an office file has no rendition)."""
        return len(self.pages)


@dataclass(frozen=True)
class Refusal:
    """A file intake did not accept.

    Attributes:
        name: the file name as the user knows it.
        code: a key of ``REFUSAL_CODES``.
        reason: a sentence naming the file, what is wrong and what to do.
    """

    name: str
    code: str
    reason: str

    @classmethod
    def from_error(cls, name: str, error: DocumentRefused) -> Refusal:
        """The refusal ``error`` stands for."""
        return cls(name, error.code, str(error))


@dataclass(frozen=True)
class IntakeItem:
    """One file to process in a batch: a path read by the worker, or bytes already in hand.

    Attributes:
        name: the file name as the user knows it (defaults to the path's name).
        path: where to read the file; exactly one of ``path`` and ``data`` is given.
        data: the file's bytes.
        password: opens a PDF protected by a user password; never stored.
    """

    name: str = ""
    path: Path | None = None
    data: bytes | None = field(default=None, repr=False)
    password: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if (self.path is None) == (self.data is None):
            raise ValueError("IntakeItem needs exactly one of path and data")
        if not self.name:
            if self.path is None:
                raise ValueError("IntakeItem with data needs a name")
            object.__setattr__(self, "name", self.path.name)
