"""The window's composition root: build the services once and hand them in."""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from importer_app.core.errors import AppError
from importer_app.gui.display import display_problem, release_probe
from importer_app.gui.gui_thread_gc import GuiThreadCollector
from importer_app.gui.main_window import MainWindow

if TYPE_CHECKING:
    from importer_app.core.catalog import Catalog
from importer_app.gui.settings import Settings

log = logging.getLogger(__name__)


def _excepthook(kind: type[BaseException], value: BaseException, tb: object) -> None:
    """A bug in a slot: log the details, show one calm sentence, keep the window alive."""
    log.critical("unhandled error in the window", exc_info=(kind, value, tb))  # type: ignore[arg-type]
    QMessageBox.critical(None, "importer_app",
                         "Something went wrong inside importer_app (a bug). Your case is safe: every change"
                         " is saved as it is made. Details are in the log file (Help > Open the log folder).")


def _load_catalog() -> Catalog:
    # Imported on first use: the start screen does not need the rule data.
    from importer_app.core.catalog import load_catalog

    return load_catalog()


def build_window() -> MainWindow:
    """The main window with its services, before it is shown."""
    return MainWindow(Settings(), _load_catalog)


def _close_on_termination(window: MainWindow) -> QTimer:
    """SIGTERM (logout, shutdown, ``kill``) and Ctrl+C in the terminal close the window as its
    Close command does: the case is closed and its lock released, not left for a crash recovery."""
    def close(signum: int, frame: object) -> None:
        log.info("closing the window on signal %d", signum)
        window.close()
        QApplication.quit()

    signal.signal(signal.SIGTERM, close)
    signal.signal(signal.SIGINT, close)
    # Python runs signal handlers only between bytecodes; while Qt's loop waits in C++ nothing
    # would run them, so a timer wakes the interpreter a few times a second.
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(200)
    return wake


def run_window(case_path: Path | None = None, demo: bool = False) -> int:
    """Open the window (on a case, or on a fresh demo case) and run until it closes.

    Raises AppError when this computer cannot show a window (no display, a missing library).
    """
    if QApplication.instance() is None and (problem := display_problem()) is not None:
        raise AppError(problem)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    release_probe()
    app.setApplicationName("importer_app")
    app.setOrganizationName("importer_app")
    sys.excepthook = _excepthook
    collector = GuiThreadCollector(app)
    window = build_window()
    wake = _close_on_termination(window)
    window.show()
    if demo:
        window.on_open_demo()
    elif case_path is not None:
        window.open_case_path(case_path)
    status = app.exec()
    wake.stop()
    collector.stop()
    return status
