"""Text of PDF pages for search and suggestions, and how pypdf's complaints are handled.

Only the first pages are read: they carry the title, the parties, the numbers and the dates
that classify a document, and a 300-page book would otherwise cost seconds for little gain.
"""

from __future__ import annotations

import logging
import re
import unicodedata
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Final

import pypdf
from pypdf.errors import DependencyError, DeprecationError, PyPdfError
from pypdf.generic import DictionaryObject

from importer_app.core.model import PageInfo

log = logging.getLogger(__name__)

TEXT_PAGES: Final = 3
"""Pages whose text is extracted: a document says what it is on its first pages, and each
further page costs about 5 ms of pypdf time per file (bench/bench_intake.py)."""
TEXT_MAX_CHARS: Final = 20_000
"""Text kept per document; extraction stops once it is reached."""

PYPDF_DAMAGE: Final = (
    PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
    AssertionError, ZeroDivisionError, OverflowError, DependencyError, DeprecationError,
)
"""What pypdf raises on damaged input: its own errors and, from deep inside, builtins. Its
DependencyError (a JBIG2 stream needs the jbig2dec program) and DeprecationError (an
abbreviated filter name such as /A85 outside an inline image) are not PyPdfErrors; for intake
they only mean pypdf cannot decode that stream, which qpdf, binding the bundle, never needs to."""

_FORM_DEPTH: Final = 3
_BLANK_LINES: Final = re.compile(r"\n{3,}")


@contextmanager
def quiet() -> Iterator[None]:
    """Record the warnings pypdf, qpdf and Pillow give about flaws they recover from.

    They describe the file, not a fault of ours: each goes to the log at debug level instead
    of the user's terminal (and does not fail tests run with warnings as errors).
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield
        finally:
            for warning in caught:
                log.debug("%s: %s", warning.category.__name__, warning.message)


def extract_text(reader: pypdf.PdfReader) -> tuple[str, tuple[str, ...]]:
    """The text of the first pages, capped, and the text of each page read.

    A page whose text cannot be read counts as a page without text; the others still count.
    """
    texts: list[str] = []
    total = 0
    for number in range(min(TEXT_PAGES, len(reader.pages))):
        if total >= TEXT_MAX_CHARS:
            break
        try:
            text = _clean(reader.pages[number].extract_text())
        except PYPDF_DAMAGE as error:
            log.info("text of page %d unreadable: %s: %s", number + 1, type(error).__name__, error)
            text = ""
        texts.append(text)
        total += len(text)
    return "\n\n".join(text for text in texts if text)[:TEXT_MAX_CHARS], tuple(texts)


def has_text_layer(page: pypdf.PageObject) -> bool:
    """Whether a page uses fonts, directly or in a form it draws: a scan has none.

    Cheap enough for every page of a long book, where extracting the text is not.
    """
    try:
        return _uses_fonts(page.get("/Resources"), 0)
    except PYPDF_DAMAGE:
        return False


def searchability_note(pages: Sequence[PageInfo]) -> str | None:
    """A sentence saying which pages cannot be searched, or None when all can."""
    missing = sum(not page.has_text for page in pages)
    if not missing:
        return None
    if len(pages) == 1:
        return "the page has no text layer (not searchable)"
    if missing == len(pages):
        return f"none of the {len(pages)} pages has a text layer (not searchable)"
    verb = "has" if missing == 1 else "have"
    return f"{missing} of {len(pages)} pages {verb} no text layer (not searchable)"


def _uses_fonts(resources: object, depth: int) -> bool:
    if resources is None:
        return False
    resources = resources.get_object()  # type: ignore[attr-defined]
    if not isinstance(resources, DictionaryObject):
        return False
    fonts = resources.get("/Font")
    if fonts is not None and len(fonts.get_object()) > 0:
        return True
    xobjects = resources.get("/XObject")
    if depth >= _FORM_DEPTH or xobjects is None:
        return False
    for xobject in xobjects.get_object().values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form" and _uses_fonts(xobject.get("/Resources"), depth + 1):
            return True
    return False


def _clean(text: str) -> str:
    # NFKC: ligatures (the "fi" in "misﬁts") and full-width CJK digits and letters become the
    # characters a search or a reference pattern is typed with.
    text = unicodedata.normalize("NFKC", text.replace("\x00", ""))
    lines = (line.rstrip() for line in text.splitlines())
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
