"""Stored files read for a worker thread by the GUI thread, one at a time, as the worker asks.

The case file is held with an exclusive lock and its SQLite connection belongs to the GUI
thread, so a worker cannot open the file itself. Reading every file an export binds before it
starts would cost as much memory as the case's documents (gigabytes for a case of scans); the
relay instead hands each read to the GUI thread through a queued signal and waits for that one
file, so memory stays at one file and the window keeps running between reads.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt, Signal, Slot

from importer_app.core.errors import AppError, BundleCancelled
from importer_app.core.progress import CancelToken
from importer_app.store.casefile import CaseFile

_POLL_S = 0.1


@dataclass
class _Request:
    sha256: str
    done: threading.Event = field(default_factory=threading.Event)
    data: bytes = b""
    error: AppError | None = None
    abandoned: bool = False
    """The worker stopped waiting (cancelled); the case may be closed by the time it is served."""


class BlobRelay(QObject):
    """Create on the GUI thread; give :meth:`read_blob` to the job running on the worker."""

    _requested = Signal(object)

    def __init__(self, casefile: CaseFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._casefile = casefile
        self.cancel = CancelToken()
        """Set to the worker's token: a read waiting for the GUI thread gives up when it is raised."""
        self._requested.connect(self._serve, Qt.ConnectionType.QueuedConnection)

    def read_blob(self, sha256: str) -> bytes:
        """The bytes stored under ``sha256`` (called on the worker thread).

        Raises:
            CaseFileError: the stored file is missing or damaged.
            BundleCancelled: the job was cancelled while waiting (the window may be closing
                and waiting for the worker, so the GUI thread would never answer).
        """
        request = _Request(sha256)
        self._requested.emit(request)
        while not request.done.wait(_POLL_S):
            if self.cancel.cancelled:
                request.abandoned = True
                raise BundleCancelled("The bundle was cancelled; nothing was written.")
        if request.error is not None:
            raise request.error
        return request.data

    @Slot(object)
    def _serve(self, request: _Request) -> None:
        if request.abandoned:
            return
        try:
            request.data = self._casefile.read_blob(request.sha256)
        except AppError as error:
            request.error = error
        finally:
            request.done.set()
