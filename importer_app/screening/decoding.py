"""Turning a downloaded list file's bytes into text, saying how."""

from __future__ import annotations

from importer_app.core.errors import ListFileError

_UTF8_BOM = b"\xef\xbb\xbf"


def decode(data: bytes, file_name: str) -> tuple[str, tuple[str, ...]]:
    """The file's text and a note for the user when it was not UTF-8.

    UTF-8 is tried first: a file re-saved by a spreadsheet or a browser usually is, and
    Windows-1252 text with accented letters is almost never valid UTF-8 by accident. CBP
    publishes its CSV in Windows-1252, so that is the fallback.

    Raises:
        ListFileError: the bytes are neither, located at the line of the first bad byte.
    """
    try:
        return data.removeprefix(_UTF8_BOM).decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ListFileError(
            f"byte 0x{data[error.start]:02X} is neither UTF-8 nor Windows-1252 text; "
            "download the file again and import it as it comes",
            file=file_name, location=f"line {line}",
        ) from None
    return text, ("The file is not UTF-8; it was read as Windows-1252 (as CBP publishes its CSV).",)
