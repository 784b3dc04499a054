"""Writing a user's file safely: a temporary name in the same folder, then one rename.

A crash, a full disk or a cancelled job therefore never leaves a half-written file where
the user expects a complete one.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from importer_app.core.errors import AppError


def write_file_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` (creating its folder), all or nothing.

    A new file gets the permissions of any new file (the user's umask), like the bundle beside
    it; a file it replaces keeps its own.

    Raises:
        AppError: the folder or the file cannot be written; ``target`` is as it was.
    """
    temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as error:
        raise AppError(f"Could not write {target} ({error.strerror}).") from error
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if target.exists():
            os.chmod(temp, stat.S_IMODE(target.stat().st_mode))
        os.replace(temp, target)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise AppError(f"Could not write {target} ({error.strerror}).") from error
