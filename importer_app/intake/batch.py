"""Many files at once, each in a worker process with a time and a memory limit.

One hostile or broken file must not hang the app, exhaust its memory or crash it. Each file
is processed in a worker process; a worker that passes the time limit is killed (with any
LibreOffice it started: workers lead their own process group on POSIX) and the file refused
with ``timeout``; a worker that dies takes only its file with it (``crashed``). The memory
limit is the worker's address space (``RLIMIT_AS``, Linux and macOS). Workers are started
with ``spawn``, the one method every platform has and that is safe beside the GUI's threads.

Workers are reused from file to file: starting one costs about half a second of imports.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import time
import traceback
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Final

from importer_app.core.byte_sizes import MB, size_text
from importer_app.core.errors import DocumentRefused
from importer_app.core.progress import CancelToken, Progress
from importer_app.intake.model import IntakeItem, ProcessedFile, Refusal
from importer_app.intake.process import NO_KEYWORDS, process_file

log = logging.getLogger(__name__)

Outcome = ProcessedFile | Refusal

POLL_S: Final = 0.1
"""How often a waiting batch looks at the cancel token."""
_START_TIMEOUT_S: Final = 60.0
"""A worker that has not finished its imports by then will not."""
_CONVERT_MARGIN_S: Final = 2.0
"""LibreOffice is stopped this much before the worker's deadline, so its refusal says why."""


@dataclass(frozen=True)
class _Settings:
    memory_limit_mb: int | None
    type_keywords: Mapping[str, Sequence[str]]
    convert_timeout_s: float


MEMORY_LIMIT_MB: Final = 1_100
"""Per worker, in MB of 10^6 bytes: at least the 1 GiB that earlier versions allowed."""


def process_files(
    items: Sequence[IntakeItem],
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    time_limit_s: float = 60.0,
    memory_limit_mb: int | None = MEMORY_LIMIT_MB,
    workers: int = 2,
    type_keywords: Mapping[str, Sequence[str]] = NO_KEYWORDS,
) -> Iterator[tuple[int, Outcome]]:
    """Process files in worker processes; yield ``(index in items, outcome)`` as each finishes.

    Args:
        items: the files, with their names and passwords.
        progress: called as ``progress(done, total, name)`` after each file.
        cancel: when cancelled, no new file starts, running ones are killed, and nothing more
            is yielded; every outcome yielded before is complete.
        time_limit_s: wall-clock limit per file; past it the file is refused with ``timeout``.
        memory_limit_mb: address-space limit per worker where the OS has one, in MB of 10^6 bytes;
            None for none.
        workers: worker processes (the batch uses at most one per file).
        type_keywords: document type id to keywords, for type suggestions.

    Yields:
        ``(index, ProcessedFile)`` or ``(index, Refusal)``, in the order files finish.

    Raises:
        ValueError: ``workers`` is less than 1 (on the first ``next()``, as for any generator).
        RuntimeError: a worker process cannot be started at all (a broken installation).
    """
    if workers < 1:
        raise ValueError("process_files needs at least one worker")
    if not items:
        return
    settings = _Settings(memory_limit_mb, dict(type_keywords), max(1.0, time_limit_s - _CONVERT_MARGIN_S))
    pool = _Pool(min(workers, len(items)), settings)
    pending = deque(range(len(items)))
    done = 0
    try:
        while pending or pool.busy():
            if cancel is not None and cancel.cancelled:
                return
            pool.start_jobs(pending, items, time_limit_s)
            for index, outcome in pool.collect(items, time_limit_s, timeout=POLL_S):
                if cancel is not None and cancel.cancelled:
                    return
                done += 1
                if progress is not None:
                    progress(done, len(items), items[index].name)
                yield index, outcome
    finally:
        pool.close()


class _Worker:
    """One worker process, the pipe to it, and the job it is on."""

    def __init__(self, settings: _Settings) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, settings), daemon=True, name="intake-worker")
        self.process.start()
        child.close()
        self.started = time.monotonic()
        self.ready = False
        self.job: int | None = None
        self.deadline = 0.0

    def kill(self) -> None:
        if self.process.is_alive() and self.process.pid is not None:
            try:
                # The whole group: LibreOffice runs as the worker's child.
                os.killpg(self.process.pid, signal.SIGKILL)
            except (AttributeError, ProcessLookupError, PermissionError):
                self.process.kill()  # Windows has no process groups
        self.process.join(5)
        self.conn.close()


class _Pool:
    def __init__(self, size: int, settings: _Settings) -> None:
        self._settings = settings
        self._workers = [_Worker(settings) for _ in range(size)]
        self._start_failures = 0

    def busy(self) -> bool:
        return any(worker.job is not None for worker in self._workers)

    def start_jobs(self, pending: deque[int], items: Sequence[IntakeItem], time_limit_s: float) -> None:
        for worker in self._workers:
            if pending and worker.ready and worker.job is None:
                index = pending[0]
                try:
                    worker.conn.send((index, items[index]))
                except OSError:
                    continue  # it died while idle; collect() replaces it, the file waits
                pending.popleft()
                worker.job = index
                # The clock starts when the file does: a worker's start-up is not the file's time.
                worker.deadline = time.monotonic() + time_limit_s

    def collect(
        self, items: Sequence[IntakeItem], time_limit_s: float, *, timeout: float
    ) -> Iterator[tuple[int, Outcome]]:
        now = time.monotonic()
        deadlines = [w.deadline - now for w in self._workers if w.job is not None]
        waiting = [w.conn for w in self._workers] + [w.process.sentinel for w in self._workers]
        wait(waiting, max(0.0, min([timeout, *deadlines])))
        for slot, worker in enumerate(self._workers):
            outcome = self._poll(worker, items, time_limit_s)
            if outcome is not None:
                yield outcome
            if not worker.process.is_alive() or worker.conn.closed:
                if worker.job is not None:
                    # It died after _poll looked: read what it sent, else its file crashed.
                    late = self._poll(worker, items, time_limit_s)
                    if late is not None:
                        yield late
                self._replace(slot)

    def _poll(self, worker: _Worker, items: Sequence[IntakeItem], time_limit_s: float) -> tuple[int, Outcome] | None:
        job = worker.job
        try:
            while worker.conn.poll():
                message = worker.conn.recv()
                if message == "ready":
                    worker.ready = True
                    self._start_failures = 0
                    continue
                index, outcome, report = message
                if report:
                    log.error("intake of %s failed:\n%s", items[index].name, report)
                worker.job = None
                return index, outcome
        except (EOFError, OSError):
            pass  # the worker died; below
        if job is not None and not worker.process.is_alive():
            log.warning("intake worker died (exit %s) on %s", worker.process.exitcode, items[job].name)
            worker.job = None
            return job, _crashed(items[job].name)
        if job is not None and time.monotonic() >= worker.deadline:
            worker.kill()
            worker.job = None
            return job, _timed_out(items[job].name, time_limit_s)
        if not worker.ready and time.monotonic() - worker.started > _START_TIMEOUT_S:
            worker.kill()
        return None

    def _replace(self, slot: int) -> None:
        old = self._workers[slot]
        if not old.ready:
            self._start_failures += 1
            if self._start_failures > 3:
                raise RuntimeError(
                    f"intake worker processes die while starting (exit {old.process.exitcode});"
                    " the installation or the memory limit is broken"
                )
        old.kill()
        self._workers[slot] = _Worker(self._settings)

    def close(self) -> None:
        for worker in self._workers:
            if worker.process.is_alive():
                with contextlib.suppress(OSError):  # it died meanwhile: killed below
                    worker.conn.send(None)
        for worker in self._workers:
            if worker.job is not None or (worker.process.is_alive() and not _joined(worker, 1.0)):
                worker.kill()
            else:
                worker.conn.close()


def _joined(worker: _Worker, timeout: float) -> bool:
    worker.process.join(timeout)
    return not worker.process.is_alive()


def _crashed(name: str) -> Refusal:
    return Refusal(
        name, "crashed",
        f"{name} made the reader stop unexpectedly; nothing was stored. The file may be damaged"
        " or too large: ask the sender for a new copy, or print it to PDF again.",
    )


def _timed_out(name: str, limit: float) -> Refusal:
    return Refusal(
        name, "timeout",
        f"{name} took longer than {limit:g} seconds to read and was stopped; nothing was stored."
        " It may be very large or damaged: try again with a longer time limit, or ask the sender"
        " for a smaller copy.",
    )


# --- in the worker process ----------------------------------------------------------------


def _serve(conn: Connection, settings: _Settings) -> None:
    """A worker's life: set its limits, say it is ready, process jobs until told to stop."""
    if hasattr(os, "setpgrp"):
        os.setpgrp()
    _limit_memory(settings.memory_limit_mb)
    _yield_the_processor()
    # The parent logs what matters (refusals, failures with their report); pypdf's
    # recoverable-problem messages would otherwise reach the user's terminal.
    logging.basicConfig(handlers=[logging.NullHandler()], force=True)
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        index, item = job
        report = ""
        try:
            data = _read(item, settings.memory_limit_mb)
            outcome: Outcome = process_file(
                data, item.name, password=item.password, type_keywords=settings.type_keywords,
                convert_timeout_s=settings.convert_timeout_s,
            )
        except DocumentRefused as error:
            outcome = Refusal.from_error(item.name, error)
        except MemoryError:
            outcome = _too_large(item.name)
        except Exception:  # noqa: BLE001 - a bug of ours must not look like a crash of the file
            report = traceback.format_exc()
            outcome = Refusal(
                item.name, "internal-error",
                f"{item.name} could not be processed because of an error in importer_app (a bug);"
                " nothing was stored. Details are in the log file.",
            )
        try:
            conn.send((index, outcome, report))
        except MemoryError:
            conn.send((index, _too_large(item.name), ""))


WORKER_NICENESS = 5
"""How far below the parent a worker runs (POSIX niceness): two workers keep two cores busy,
and the window that shows their results must not wait behind them for a processor."""


def _yield_the_processor() -> None:
    if hasattr(os, "nice"):
        try:
            os.nice(WORKER_NICENESS)
        except OSError as error:
            log.info("intake workers run at the parent's priority: %s", error)


def _limit_memory(megabytes: int | None) -> None:
    if megabytes is None:
        return
    try:
        import resource
    except ImportError:
        return  # Windows: no address-space limit; the time limit still holds
    limit = megabytes * MB
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
    except (ValueError, OSError) as error:
        log.info("no memory limit for intake workers: %s", error)


def _read(item: IntakeItem, memory_limit_mb: int | None) -> bytes:
    if item.data is not None:
        return item.data
    assert item.path is not None
    try:
        size = item.path.stat().st_size
        # The file, its rendition and the readers' copies must fit the limit together.
        if memory_limit_mb is not None and size > memory_limit_mb * MB // 4:
            raise _too_large_error(item.name, memory_limit_mb)
        return item.path.read_bytes()
    except OSError as error:
        raise DocumentRefused(
            f"{item.name} could not be read ({error.strerror or error}). Check that the file is"
            " still there and that you may open it.",
            code="unreadable",
        ) from error


def _too_large_error(name: str, memory_limit_mb: int) -> DocumentRefused:
    return DocumentRefused(
        f"{name} is too large to read safely within the memory limit ({size_text(memory_limit_mb * MB)});"
        " nothing was stored. Ask the sender for a smaller copy, or split it.",
        code="too-large",
    )


def _too_large(name: str) -> Refusal:
    return Refusal(
        name, "too-large",
        f"{name} needed more memory than the limit allows and was stopped; nothing was stored."
        " Ask the sender for a smaller copy, or split it.",
    )
