"""Writing a user's file safely: a temporary name in the same folder, then one rename.

A crash, a full disk or a cancelled job therefore never leaves a half-written file where
the user expects a complete one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from importer_app.core.errors import AppError


def write_file_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` (creating its folder), all or nothing.

    Raises:
        AppError: the folder or the file cannot be written; ``target`` is as it was.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    except OSError as error:
        raise AppError(f"Could not write {target} ({error.strerror}).") from error
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise AppError(f"Could not write {target} ({error.strerror}).") from error
