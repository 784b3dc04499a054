"""One writer per case file, kept by the operating system, while readers come and go.

SQLite's WAL mode lets readers (``check``, ``bundle``, a second window opened read-only) read
the last committed state while one writer edits. What it does not give is "one editor at a
time" across whole sessions, so the writer holds an advisory lock on a small file beside the
case (``.NAME.lock``) for as long as the case is open. The kernel releases it when the process
ends, even by a crash, so a stale lock file never blocks anyone; it is removed on a clean close.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from importer_app.core.errors import CaseFileLockedError, CaseFileReadOnlyError


def lock_path(case_path: Path) -> Path:
    return case_path.with_name(f".{case_path.name}.lock")


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


class WriterLock:
    """The lock of one open case file; :meth:`acquire` it, :meth:`release` it on close."""

    def __init__(self, case_path: Path, fd: int) -> None:
        self._path = lock_path(case_path)
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, case_path: Path) -> WriterLock:
        """Take the lock, or raise CaseFileLockedError naming the file that is open elsewhere."""
        path = lock_path(case_path)
        # A lock file removed by a writer closing at the same moment is taken again, so that two
        # writers can never hold locks on two different files of the same name.
        for _ in range(5):
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as error:
                raise CaseFileReadOnlyError(
                    f"{case_path} cannot be opened for editing ({error.strerror}: {path.name}). Check that the"
                    " case's folder is writable, or copy the case to a folder you can write to.") from error
            if not _try_lock(fd):
                os.close(fd)
                raise CaseFileLockedError(
                    f"{case_path} is already open in another window or program. Close it there and try again.")
            try:
                same = os.stat(path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                return cls(case_path, fd)
            os.close(fd)
        raise CaseFileLockedError(f"{case_path} is being opened and closed by another program; try again.")

    def release(self) -> None:
        if self._fd is None:
            return
        if sys.platform != "win32":
            # Removed while still held, so no one can lock the old file after it is gone.
            self._path.unlink(missing_ok=True)
            os.close(self._fd)
        else:
            os.close(self._fd)
            # Another process may have it open to try its lock; the empty file then stays.
            with contextlib.suppress(PermissionError):
                self._path.unlink(missing_ok=True)
        self._fd = None
