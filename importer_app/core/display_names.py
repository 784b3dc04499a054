"""File names as they are shown and written: no direction tricks, no hidden characters.

A file named ``invoice<U+202E>fdp.exe`` is shown by every Unicode-aware program as
``invoiceexe.pdf``: the right-to-left override turns what follows around. Bidirectional
controls and other invisible format and control characters are removed from every name the
app shows or writes. An attachment's name is also rebuilt from the exhibit id, the name's stem
and the extension of the type its content was found to be, so a name cannot claim another type.
"""

from __future__ import annotations

import re
import unicodedata
from types import MappingProxyType
from typing import Final

EXTENSIONS: Final = MappingProxyType({
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/tiff": ".tif",
    "image/heic": ".heic",
    "image/bmp": ".bmp",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "application/vnd.oasis.opendocument.presentation": ".odp",
    "application/msword": ".doc",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.ms-powerpoint": ".ppt",
    "application/rtf": ".rtf",
})
"""The extension of each type intake accepts, as sniffed from the content; others get ``.bin``."""

_UNSAFE: Final = re.compile(r'[<>:"/\\|?*]+')
"""Characters Windows refuses in a file name, and both path separators."""
_STEM_LIMIT: Final = 80


def without_format_characters(text: str) -> str:
    """``text`` without format characters (bidirectional overrides, zero-width joiners: Unicode
    Cf); control characters stay, for the caller to replace or remove."""
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def clean_name(name: str) -> str:
    """``name`` without bidirectional controls, other format characters (Unicode Cf) and
    control characters (Cc); the visible characters stay as they are."""
    return "".join(char for char in without_format_characters(name) if unicodedata.category(char) != "Cc")


def attachment_name(exhibit_id: str, name: str, media_type: str) -> str:
    """A safe name for an original attached to the bundle: ``3.2-invoice.pdf``.

    The stem is ``name``'s last path part, cleaned, without its extension, with characters
    Windows refuses replaced and cut to 80 characters; the extension is the detected type's,
    so whatever the name claimed (``.exe``, ``.html``) is never the extension it is saved under.
    """
    last = re.split(r"[\\/]", clean_name(name))[-1]
    stem = last.rsplit(".", 1)[0] if "." in last[1:] else last
    stem = _UNSAFE.sub("_", stem).strip(" ._")[:_STEM_LIMIT].rstrip(" .") or "original"
    return f"{exhibit_id}-{stem}{EXTENSIONS.get(media_type, '.bin')}"
