"""Office documents (Word, Excel, PowerPoint, OpenDocument, RTF) become PDFs through LibreOffice.

LibreOffice is not a dependency: when ``soffice`` is not installed the original is kept and
the document is marked as needing a PDF rendition; its text is still read from the file's
XML, so it can be searched and classified.

The conversion runs ``soffice.bin`` itself where it exists (Linux, Windows): the ``soffice``
launcher forks it, and a time limit that kills the launcher would leave it running. Each
conversion gets a fresh profile folder, so it neither waits for nor disturbs a LibreOffice
the user has open.
"""

from __future__ import annotations

import html
import io
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Final

from importer_app.core.errors import DocumentRefused
from importer_app.intake.sniff import OLE_MAGIC

log = logging.getLogger(__name__)

EXTENSIONS: Final[dict[str, str]] = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/msword": "doc",
    "application/vnd.ms-excel": "xls",
    "application/vnd.ms-powerpoint": "ppt",
    "application/rtf": "rtf",
}
"""The extension LibreOffice expects for each office media type intake takes."""

_RESTART: Final = 81
"""soffice.bin's exit status after setting up a new profile: run it again (as the launcher does)."""
_STANDARD_PLACES: Final = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
_TEXT_PARTS: Final = re.compile(
    r"word/(document|header\d*|footer\d*)\.xml|xl/sharedStrings\.xml|ppt/slides/slide\d+\.xml|content\.xml"
)
_MACRO_PARTS: Final = re.compile(r"(?:^|/)vbaProject\.bin$|^(?:Basic|Scripts)/.+", re.IGNORECASE)
"""Where OOXML (``.docm``, ``.xlsm``, ...) keeps its VBA project and OpenDocument its macros."""
_OLE_MACRO_STREAMS: Final = ("_VBA_PROJECT".encode("utf-16-le"), "Macros".encode("utf-16-le"))
"""Storage names of a VBA project in the legacy binary formats' directory (UTF-16 names)."""
_MAX_PART_BYTES: Final = 8 * 1024 * 1024
"""Uncompressed bytes read from one XML part: enough for any text, not for a ZIP bomb."""
_LINE_ENDS: Final = re.compile(r"</(?:w:p|a:p|text:p|text:h|si|table:table-row)>|<w:br/>|<text:line-break/>")
_CELL_ENDS: Final = re.compile(r"<w:tab/>|<text:tab/>|</table:table-cell>|</w:tc>")
_TAGS: Final = re.compile(r"<[^>]*>")
_NO_WINDOW: Final = getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0
"""On Windows, no console window flashes up for each conversion."""


def find_soffice() -> str | None:
    """The LibreOffice program to run, or None when LibreOffice is not installed."""
    launcher = shutil.which("soffice") or shutil.which("libreoffice")
    if launcher is None:
        launcher = next((place for place in _STANDARD_PLACES if Path(place).is_file()), None)
    if launcher is None:
        return None
    program = Path(launcher).resolve().with_name("soffice.bin")
    return str(program) if program.is_file() else launcher


def convert_to_pdf(data: bytes, name: str, media_type: str, soffice: str, *, timeout_s: float) -> bytes:
    """The PDF LibreOffice makes of an office document.

    Args:
        data: the document's bytes.
        name: its name, for messages.
        media_type: its sniffed media type (a key of :data:`EXTENSIONS`).
        soffice: the program :func:`find_soffice` returned.
        timeout_s: how long LibreOffice may take.

    Raises:
        DocumentRefused: ``timeout`` or ``conversion-failed``.
    """
    with tempfile.TemporaryDirectory(prefix="importer-app-office-") as folder:
        work = Path(folder)
        source = work / f"document.{EXTENSIONS[media_type]}"
        source.write_bytes(data)
        command = [
            soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
            "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
            "--convert-to", "pdf", "--outdir", str(work / "out"), str(source),
        ]
        deadline = time.monotonic() + timeout_s
        for _attempt in range(2):
            try:
                result = subprocess.run(
                    command, capture_output=True, stdin=subprocess.DEVNULL, cwd=folder, check=False,
                    timeout=max(0.1, deadline - time.monotonic()), creationflags=_NO_WINDOW,
                )
            except subprocess.TimeoutExpired as error:
                raise DocumentRefused(
                    f"LibreOffice took longer than {timeout_s:g} s to turn {name} into a PDF and was"
                    " stopped. Open it in its program and save or print it as a PDF, then add that.",
                    code="timeout",
                ) from error
            except OSError as error:
                raise _failed(name, f"LibreOffice could not be started ({error})") from error
            if result.returncode != _RESTART:
                break
        output = work / "out" / "document.pdf"
        if result.returncode != 0 or not output.is_file():
            detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip()[-300:]
            raise _failed(name, f"LibreOffice stopped with status {result.returncode}: {detail}")
        return output.read_bytes()


def office_text(data: bytes) -> str:
    """The text in an office document's XML parts (OOXML and OpenDocument), for search.

    Legacy binary formats (``.doc``, ``.xls``, ``.ppt``) and RTF give an empty string.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = sorted(name for name in archive.namelist() if _TEXT_PARTS.fullmatch(name))
            texts = []
            for part in parts:
                with archive.open(part) as stream:
                    texts.append(_xml_text(stream.read(_MAX_PART_BYTES).decode("utf-8", "replace")))
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, ValueError) as error:
        log.info("no text from the office file: %s: %s", type(error).__name__, error)
        return ""
    return "\n".join(text for text in texts if text)


def has_macros(data: bytes) -> bool:
    """Whether an office document carries macros: programs its office program may run.

    The PDF rendition cannot carry them, but the original would reach CBP as an attachment;
    intake marks it so that the bundle withholds it and the user is told.
    """
    if data.startswith(OLE_MAGIC):
        return any(stream in data for stream in _OLE_MACRO_STREAMS)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(_MACRO_PARTS.search(name) for name in archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, ValueError):
        return False


def _xml_text(xml: str) -> str:
    # Runs split words mid-way in Word's XML, so other tags are dropped without a space.
    text = _CELL_ENDS.sub("\t", _LINE_ENDS.sub("\n", xml))
    text = html.unescape(_TAGS.sub("", text))
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _failed(name: str, detail: str) -> DocumentRefused:
    log.info("%s: %s", name, detail)
    return DocumentRefused(
        f"LibreOffice could not turn {name} into a PDF. Open it in its program and save or"
        " print it as a PDF, then add that.",
        code="conversion-failed",
    )


def missing_libreoffice_note() -> str:
    """The note for an office document kept without a PDF rendition."""
    where = "libreoffice.org" if os.name == "nt" or sys.platform == "darwin" else "your system's packages"
    return (
        "needs a PDF rendition: LibreOffice is not installed, so the original is kept and the"
        f" bundle will attach it with a slip sheet (install LibreOffice from {where}, or add a PDF"
        " of it)"
    )
