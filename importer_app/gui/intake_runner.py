"""Document intake from the window: files are read on a worker, stored on the GUI thread.

Worker processes read and check each file (intake); this runner's thread waits on them and
hands each outcome to the GUI thread as soon as it is ready, where it is stored in the case
in its own transaction. Cancel stops the batch; every file already stored stays.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections import deque
from collections.abc import Sequence

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from importer_app.case.intake import AddOptions, Candidate, IntakeResult, process, store
from importer_app.core.catalog import Catalog
from importer_app.core.progress import CancelToken
from importer_app.gui.session import CaseSession
from importer_app.store.casefile import CaseFile, Change

log = logging.getLogger(__name__)


class IntakeRunner(QObject):
    """One batch of files. Connect the signals, then :meth:`start`.

    Signals:
        progressed(done, total, text): from intake, for a progress dialog.
        stored(IntakeResult): after each file, on the GUI thread.
        finished(list): every result, when the batch is over (complete or cancelled).
    """

    progressed = Signal(int, int, str)
    stored = Signal(object)
    finished = Signal(list)
    _outcome = Signal(object, object)
    _done = Signal(str)

    def __init__(self, session: CaseSession, candidates: Sequence[Candidate], options: AddOptions,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.candidates = list(candidates)
        self.options = options
        self.cancel_token = CancelToken()
        self.results: list[IntakeResult] = []
        self._waiting: deque[tuple[Candidate, object]] = deque()
        self._scheduled = False
        self._done_reading = False
        self._finished = False
        self._error = ""
        self._thread = _IntakeThread(self.candidates, options, session.catalog, self)
        self._outcome.connect(self.on_outcome)
        self._done.connect(self.on_done)

    def start(self) -> None:
        self.session.casefile.begin_adding_files()
        self._thread.start()

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def wait(self, msecs: int = 60_000) -> bool:
        return self._thread.wait(msecs)

    @Slot(object, object)
    def on_outcome(self, candidate: Candidate, outcome: object) -> None:
        # Outcomes that arrive together are delivered in one go by Qt; storing them all at once
        # would freeze the window, so each is stored in its own turn of the event loop.
        self._waiting.append((candidate, outcome))
        self._schedule()

    @Slot(str)
    def on_done(self, error: str) -> None:
        if error:
            self._error = error
        self._done_reading = True
        self._schedule()

    def _schedule(self) -> None:
        if not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(0, self._store_next)

    def _store_next(self) -> None:
        self._scheduled = False
        if self._waiting:
            candidate, outcome = self._waiting.popleft()
            result = store(self.session.casefile, candidate, outcome, self.options, self.session.catalog)  # type: ignore[arg-type]
            self.results.append(result)
            self.stored.emit(result)
            self._schedule()
        elif self._done_reading and not self._finished:
            self._finish()

    def _finish(self) -> None:
        self._finished = True
        casefile = self.session.casefile
        casefile.end_adding_files()
        # The checkpoint waits for the disk: on a thread of its own, not the window's.
        threading.Thread(target=_checkpoint, args=(casefile,), name="intake checkpoint").start()
        if self._error:
            self.results.append(IntakeResult("", "internal-error", self._error))
        # One refresh for the batch: re-checking the case after every file would stall the window.
        if any(r.added for r in self.results):
            self.session.refresh_after(Change("documents", "add", ""))
        # The batch's results (a summary, the last file selected and previewed, password prompts)
        # in a turn of their own, so that the refresh and they never hold the window together.
        QTimer.singleShot(0, self._announce)

    def _announce(self) -> None:
        self.finished.emit(self.results)


def _checkpoint(casefile: CaseFile) -> None:
    try:
        casefile.checkpoint_log()
    except sqlite3.Error:
        # Each later commit syncs the log again, and closing the case folds it into the file.
        log.warning("the case's log could not be copied into it after adding files", exc_info=True)


class _IntakeThread(QThread):
    def __init__(self, candidates: list[Candidate], options: AddOptions, catalog: Catalog, runner: IntakeRunner) -> None:
        super().__init__()
        self._candidates, self._options, self._catalog, self._runner = candidates, options, catalog, runner

    def run(self) -> None:
        runner = self._runner
        error = ""
        try:
            for candidate, outcome in process(self._candidates, self._options, self._catalog,
                                              progress=runner.progressed.emit, cancel=runner.cancel_token):
                runner._outcome.emit(candidate, outcome)
        except Exception:
            log.exception("document intake failed")
            error = "Reading the files stopped because of a bug in importer_app; details are in the log file."
        runner._done.emit(error)
