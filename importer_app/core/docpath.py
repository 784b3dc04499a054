"""Document paths: a document's name inside a case, safe to turn into a file name.

A case file can come from someone else, and ``describe --export-documents`` writes each
document to ``DIR/<path>``; a path that could escape DIR is refused wherever one enters.
"""

from __future__ import annotations

import re

_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")
_FORBIDDEN_CHARS = set('\\:*?"<>|') | {chr(c) for c in range(32)}


def document_path_problem(path: str) -> str | None:
    """Why ``path`` cannot name a document, or None when it can.

    Allowed: relative paths with ``/`` separators, no empty, ``.`` or ``..`` parts, no
    drive letters, no characters that Windows refuses in file names.
    """
    if not path:
        return "the path is empty"
    if path.startswith("/") or _WINDOWS_DRIVE.match(path):
        return "the path must be relative to the case description's folder, not absolute"
    bad = sorted({c for c in path if c in _FORBIDDEN_CHARS})
    if bad:
        shown = ", ".join(repr(c) for c in bad)
        return f"the path contains characters not allowed in file names ({shown}); use / between folders"
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return "the path must not contain empty, '.' or '..' parts"
    if len(path) > 400:
        return "the path is longer than 400 characters"
    return None
