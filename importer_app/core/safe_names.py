"""File names made from case data: the one place that turns a name, id or title into a name
that stays inside the folder it is written to, on every system.

A case can come from someone else, so an entity id, a document's path or a form's title may
hold ``/``, ``..``, control or bidirectional characters (``invoice<U+202E>fdp.exe`` shows as
``invoiceexe.pdf``), a name Windows reserves (``CON``) or more bytes than a file system
allows (255).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath
from typing import Final

from importer_app.core.display_names import without_format_characters

MAX_NAME_BYTES: Final = 200
"""Below the 255 bytes of common file systems, leaving room for `` (2)`` and for the temporary
name a file is written under first (``.NAME.12345678.partial``)."""

_UNSAFE: Final = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_WINDOWS_RESERVED: Final = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.I)
_NOT_LETTER_DIGIT_DASH: Final = re.compile(r"[^A-Za-z0-9]+")


def safe_file_name(name: str, suffix: str = "", *, letters_digits_dashes: bool = False) -> str:
    """One file name (no folders) made from ``name``, ending in ``suffix``.

    Separators, control, bidirectional and Windows-forbidden characters become ``_``;
    leading dots and trailing dots and spaces go; a reserved name gets a ``_`` in front;
    the result fits :data:`MAX_NAME_BYTES` with its suffix, and is never empty.

    With ``letters_digits_dashes`` (the names CBP's Forced Labor Portal takes) the stem keeps
    only ASCII letters and digits (accents dropped), every other run of characters becoming one
    ``-``, none at either end.
    """
    if letters_digits_dashes:
        decomposed = unicodedata.normalize("NFKD", without_format_characters(name))
        folded = "".join(char for char in decomposed if not unicodedata.combining(char))
        name = _NOT_LETTER_DIGIT_DASH.sub("-", folded).strip("-")
    stem = _UNSAFE.sub("_", without_format_characters(name)).strip().lstrip(".").rstrip(". ")
    if _WINDOWS_RESERVED.match(stem):
        stem = f"{'file-' if letters_digits_dashes else '_'}{stem}"
    room = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    stem = stem.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip(". ") or "unnamed"
    return stem + suffix


def safe_relative_path(path: str) -> PurePosixPath:
    """A document's path (``folder/name.pdf``) with every part a safe file name, the last one
    keeping its extension when that is short."""
    parts = [part for part in path.split("/") if part not in ("", ".", "..")] or ["unnamed"]
    folders = [safe_file_name(part) for part in parts[:-1]]
    last = PurePosixPath(parts[-1])
    suffix = last.suffix if 1 < len(last.suffix) <= 16 and not _UNSAFE.search(last.suffix) else ""
    stem = last.name[: len(last.name) - len(suffix)] if suffix else last.name
    return PurePosixPath(*folders, safe_file_name(stem, without_format_characters(suffix)))


def unique_name(name: str, taken: set[str]) -> str:
    """``name``, or ``stem (2).ext`` and so on when it is in ``taken`` (compared ignoring case,
    as Windows and macOS do); the result is added to ``taken``."""
    pure = PurePosixPath(name)
    candidate, number = name, 2
    while candidate.lower() in taken:
        candidate = str(pure.with_name(f"{pure.stem} ({number}){pure.suffix}"))
        number += 1
    taken.add(candidate.lower())
    return candidate
