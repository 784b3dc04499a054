"""Long work off the GUI thread: a job reports progress and ends with a result or an error.

The job is a plain function ``job(progress, cancel) -> result`` from the headless layers;
the worker thread runs it and hands the outcome back to the GUI thread through signals, so
widgets are only ever touched on the GUI thread (the pattern of Picard's ``thread.run_task``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from importer_app.core.progress import CancelToken
from importer_app.core.errors import AppError

log = logging.getLogger(__name__)

Job = Callable[[Callable[[int, int, str], None], CancelToken], Any]


class Worker(QObject):
    """Runs one job on its own thread. Connect the signals, then call :meth:`start`."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, job: Job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self.cancel_token = CancelToken()
        self._thread = _JobThread(self)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def wait(self, msecs: int = 30_000) -> bool:
        return self._thread.wait(msecs)

    @property
    def running(self) -> bool:
        return self._thread.isRunning()

    def _run(self) -> None:
        try:
            result = self._job(self.progressed.emit, self.cancel_token)
        except AppError as error:
            log.info("job refused: %s", error, exc_info=True)
            self.failed.emit(str(error))
        except Exception:
            log.exception("job failed")
            self.failed.emit("Something went wrong inside importer_app (a bug). Details are in the log file.")
        else:
            self.succeeded.emit(result)
        finally:
            self.finished.emit()


class _JobThread(QThread):
    def __init__(self, worker: Worker) -> None:
        super().__init__()
        self._worker = worker

    @Slot()
    def run(self) -> None:
        self._worker._run()
