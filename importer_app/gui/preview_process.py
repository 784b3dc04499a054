"""Previews of stored PDFs drawn in a child process, under intake's time and memory limits.

A PDF from a supplier can be built to overload a reader: one page whose content inflates to
gigabytes took 19 s and 5 GB to draw inside the window. The window therefore never draws a
PDF itself. A child process (started with ``spawn``, like intake's workers) draws the first
pages with QtPdf and sends back PNG images; past the time limit it is killed, and when it runs
out of memory it dies. Either way the window shows "preview unavailable" with the reason and
keeps running.

The memory limit is ``RLIMIT_DATA`` rather than intake's ``RLIMIT_AS``: QtPdf's allocator
reserves several gigabytes of address space up front (never touched), so any address-space
limit an ordinary computer could grant kills it on start, while the data limit counts the
memory really used. Windows has neither; there the time limit still holds.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Final

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, QTimer, Signal

from importer_app.core.byte_sizes import MB, size_text

log = logging.getLogger(__name__)

TIME_LIMIT_S: Final = 60.0
"""The same limit as one file's intake (``AddOptions.time_limit_s``)."""
MEMORY_LIMIT_MB: Final = 1_100
"""In MB of 10^6 bytes, the same limit as an intake worker (``intake.batch.MEMORY_LIMIT_MB``)."""
PAGE_WIDTH_PX: Final = 900
MAX_PAGES: Final = 12
"""Pages drawn for the preview; the bundle holds them all."""
_POLL_MS: Final = 50
_PATIENCE_S: Final = 1.0
"""A preview running longer than this is stopped when another document is chosen."""


@dataclass(frozen=True)
class Preview:
    """What the child drew, or why it could not.

    Attributes:
        key: what was asked for (the blob's SHA-256).
        pages: PNG images of the first pages.
        page_count: pages in the document.
        problem: empty when drawn; otherwise one sentence for the user.
    """

    key: str
    pages: tuple[bytes, ...] = ()
    page_count: int = 0
    problem: str = ""


class PreviewRenderer(QObject):
    """Draws one document at a time in a child process, reused from document to document.

    Signals:
        finished(Preview): the preview of the latest request (earlier ones are dropped).
    """

    finished = Signal(object)

    def __init__(self, parent: QObject | None = None, *, time_limit_s: float = TIME_LIMIT_S,
                 memory_limit_mb: int | None = MEMORY_LIMIT_MB) -> None:
        super().__init__(parent)
        self.time_limit_s = time_limit_s
        self.memory_limit_mb = memory_limit_mb
        self._child: _Child | None = None
        self._pending: tuple[str, bytes] | None = None
        self._running = ""
        self._started = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(_POLL_MS)
        self._timer.timeout.connect(self._poll)

    @property
    def busy(self) -> bool:
        return bool(self._running) or self._pending is not None

    def request(self, key: str, data: bytes) -> None:
        """Draw ``data`` (a PDF); ``finished`` carries the result under ``key``."""
        self._pending = (key, data)
        if self._running and time.monotonic() - self._started > _PATIENCE_S:
            self._stop_child()
        self._timer.start()
        self._poll()

    def cancel(self) -> None:
        """Drop what is waiting; a preview being drawn is let finish (or stopped at its limit)."""
        self._pending = None

    def stop(self) -> None:
        """End the child process (the case is closing)."""
        self._pending = None
        self._timer.stop()
        if self._child is not None:
            self._child.close()
            self._child = None
        self._running = ""

    def _stop_child(self) -> None:
        if self._child is not None:
            self._child.kill()
            self._child = None
        self._running = ""

    def _poll(self) -> None:
        child = self._child
        if child is not None and self._running:
            answer = child.answer()
            if answer is not None:
                self._deliver(answer)
            elif not child.alive():
                log.warning("preview process died (exit %s)", child.process.exitcode)
                self._fail(_too_large(self.memory_limit_mb))
            elif time.monotonic() - self._started > self.time_limit_s:
                self._fail(_timed_out(self.time_limit_s))
        if self._child is not None and not self._child.alive():
            self._child.kill()
            self._child = None
        if not self._running and self._pending is not None:
            self._start_next()
        if not self._running and self._pending is None:
            self._timer.stop()

    def _start_next(self) -> None:
        if self._child is None:
            self._child = _Child(self.memory_limit_mb)
        if not self._child.ready():
            return  # still starting; the timer asks again
        assert self._pending is not None
        key, data = self._pending
        self._pending = None
        try:
            self._child.conn.send((key, data, PAGE_WIDTH_PX, MAX_PAGES))
        except OSError:
            self._stop_child()
            self._pending = (key, data)
            return
        self._running, self._started = key, time.monotonic()

    def _deliver(self, preview: Preview) -> None:
        self._running = ""
        if self._pending is None:
            self.finished.emit(preview)

    def _fail(self, problem: str) -> None:
        key = self._running
        self._stop_child()
        self._deliver(Preview(key, problem=problem))


class _Child:
    """The child process and the pipe to it."""

    def __init__(self, memory_limit_mb: int | None) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, memory_limit_mb), daemon=True,
                                       name="preview-worker")
        self.process.start()
        child.close()
        self._ready = False

    def alive(self) -> bool:
        return self.process.is_alive()

    def ready(self) -> bool:
        if not self._ready:
            with contextlib.suppress(EOFError, OSError):
                if self.conn.poll() and self.conn.recv() == "ready":
                    self._ready = True
        return self._ready

    def answer(self) -> Preview | None:
        try:
            if self.conn.poll():
                answer = self.conn.recv()
                return answer if isinstance(answer, Preview) else None
        except (EOFError, OSError):
            pass  # it died; the caller sees it
        return None

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(1)
        if self.process.is_alive():
            self.kill()
        else:
            self.conn.close()


def _timed_out(limit: float) -> str:
    return (f"Preview unavailable: drawing this document took longer than {limit:g} seconds and was stopped."
            " The document itself is kept unchanged and goes into the bundle as it is; check it in a PDF reader.")


def _too_large(limit_mb: int | None) -> str:
    limit = f" ({size_text(limit_mb * MB)})" if limit_mb else ""
    return ("Preview unavailable: drawing this document needed more memory than the limit" + limit +
            " allows and was stopped. A page this heavy may be built to overload readers: ask the sender for"
            " a plain copy, or check it in a PDF reader.")


# --- in the child process -------------------------------------------------------------------

_LOAD_PROBLEMS: Final = {
    "InvalidFileFormat": "the file is damaged or not a PDF",
    "IncorrectPassword": "it is protected by a password",
    "UnsupportedSecurityScheme": "it is encrypted in a way the preview cannot open",
}


def _serve(conn: Connection, memory_limit_mb: int | None) -> None:
    _limit_memory(memory_limit_mb)
    logging.basicConfig(handlers=[logging.NullHandler()], force=True)
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return  # the window is gone
        if job is None:
            return
        key, data, width, max_pages = job
        try:
            preview = _render(key, data, width, max_pages)
        except MemoryError:
            preview = Preview(key, problem=_too_large(memory_limit_mb))
        conn.send(preview)


def _render(key: str, data: bytes, width: int, max_pages: int) -> Preview:
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(None)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        why = _LOAD_PROBLEMS.get(document.error().name, "the PDF could not be read")
        return Preview(key, problem=f"Preview unavailable: {why}.")
    pages = []
    for number in range(min(document.pageCount(), max_pages)):
        size = document.pagePointSize(number)
        height = int(width * size.height() / size.width()) if size.width() > 0 else width
        image = document.render(number, QSize(width, max(1, min(height, 4 * width))))
        out = QBuffer()
        out.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(out, "PNG")
        pages.append(bytes(out.data().data()))
    return Preview(key, tuple(pages), document.pageCount())


def _limit_memory(megabytes: int | None) -> None:
    if megabytes is None:
        return
    try:
        import resource
    except ImportError:
        return  # Windows: no limit; the time limit still holds
    limit = megabytes * MB
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        resource.setrlimit(resource.RLIMIT_DATA, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
    except (ValueError, OSError) as error:
        log.info("no memory limit for previews: %s", error)
