"""The main window: a start screen, or an open case walked step by step."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

# Qt's namespace (``Qt.*``) is imported in the methods that use it, none before the first paint:
# building its enums costs about as long as a bare window takes to appear.
from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QStackedWidget,
)

from importer_app import __version__, paths
from importer_app.core.errors import AppError, CaseFileReadOnlyError
from importer_app.gui.settings import Settings
from importer_app.gui.start_page import StartPage

if TYPE_CHECKING:
    # Event types appear in signatures only; importing them builds QEvent's large enum at start-up.
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

    from importer_app.core.catalog import Catalog
    from importer_app.gui.case_view import CaseView
    from importer_app.gui.edit_keys import CaseUndoKeys
    from importer_app.gui.session import CaseSession
    from importer_app.gui.workers import Worker
    from importer_app.store.casefile import Change

log = logging.getLogger(__name__)

CASE_FILTER = "Cases (*.tcase)"


class MainWindow(QMainWindow):
    """The composition root hands in the settings, how to load the catalog, and what "today" is.

    The start screen needs none of the case machinery; it is imported when the first case
    opens, so the window appears as fast as a bare Qt window.
    """

    def __init__(self, settings: Settings, load_catalog: Callable[[], Catalog],
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__()
        self.settings = settings
        self._load_catalog = load_catalog
        self.today = today
        self.session: CaseSession | None = None
        self.worker: Worker | None = None
        # Blocking on purpose: the window may be closing, and this must be read.
        self.warn_on_close: Callable[[str, str], object] = lambda title, text: QMessageBox.warning(self, title, text)
        self.ask_open_read_only: Callable[[Path], bool] = self._ask_open_read_only
        self.setWindowTitle("importer_app")
        self.resize(1280, 820)
        if not self.restoreGeometry(settings.window_geometry):
            self.resize(1280, 820)

        self.start_page = StartPage()
        self.start_page.new_case.connect(self.on_new_case)
        self.start_page.open_case.connect(self.on_open_case)
        self.start_page.open_demo.connect(self.on_open_demo)
        self.start_page.open_recent.connect(self.open_case_path)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start_page)
        self.setCentralWidget(self.stack)

        self.setAcceptDrops(True)
        self._undo_keys: CaseUndoKeys | None = None
        self.deadline_label = QLabel()
        self.statusBar().addPermanentWidget(self.deadline_label)
        self._build_menus()
        self._show_start()

    @cached_property
    def catalog(self) -> Catalog:
        return self._load_catalog()

    # -- menus ---------------------------------------------------------------------------

    def _action(self, menu: object, text: str, slot: Callable[[], object],
                shortcut: QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            # Every binding the platform has for the key. (setShortcut would also resolve its
            # overloads through Qt's namespace, built only for that, before the first paint.)
            action.setShortcuts(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&New case…", self.on_new_case, QKeySequence.StandardKey.New)
        self._action(file_menu, "&Open…", self.on_open_case, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Open &recent")
        file_menu.addSeparator()
        self.case_actions = [
            self._action(file_menu, "Save a &copy as…", self.on_save_copy, QKeySequence.StandardKey.SaveAs),
            self._action(file_menu, "&Export case description…", self.on_export_description),
        ]
        self._action(file_menu, "&Import case description…", self.on_import_description)
        file_menu.addSeparator()
        close = self._action(file_menu, "&Close case", self.close_case)
        # The platform's Close key (Ctrl+F4 on some desktops) and Ctrl+W, which people try first.
        close.setShortcuts(list(dict.fromkeys([*QKeySequence.keyBindings(QKeySequence.StandardKey.Close),
                                               QKeySequence("Ctrl+W")])))
        self.case_actions.append(close)
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.edit_menu = self.menuBar().addMenu("&Edit")
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&About importer_app", self.on_about)
        self._action(help_menu, "Open the &log folder", self.on_open_log_folder)

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_cases
        for path in recent:
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda checked=False, p=path: self.open_case_path(p))
        self.recent_menu.setEnabled(bool(recent))
        self.start_page.show_recent(recent)

    # -- opening and closing -------------------------------------------------------------

    def _show_start(self) -> None:
        self.stack.setCurrentWidget(self.start_page)
        self.setWindowTitle("importer_app")
        self.deadline_label.clear()
        for action in self.case_actions:
            action.setEnabled(False)
        self.edit_menu.clear()
        self._refresh_recent_menu()

    def open_case_path(self, path: Path) -> bool:
        """Open a case file; a refusal is shown as a sentence and nothing else changes."""
        from importer_app.gui.session import CaseSession
        from importer_app.store.casefile import CaseFile

        if self.session is not None and self.session.path.resolve() == path.resolve():
            return True
        try:
            casefile = CaseFile.open(path)
        except CaseFileReadOnlyError as error:
            log.info("opening read-only: %s", error)
            if not self.ask_open_read_only(path):
                return False
            try:
                casefile = CaseFile.open(path, readonly=True)
            except AppError as again:
                self.show_problem("Cannot open the case", str(again))
                return False
        except AppError as error:
            self.show_problem("Cannot open the case", str(error))
            if not path.exists():
                self.settings.forget_case(path)
                self._refresh_recent_menu()
            return False
        self.close_case()
        try:
            session = CaseSession(casefile, self.catalog, self.today, self)
        except AppError as error:
            casefile.close()
            self.show_problem("Cannot open the case", str(error))
            return False
        self.session = session
        self.settings.remember_case(path)
        self.settings.last_folder = path.parent
        self._show_case()
        return True

    def _show_case(self) -> None:
        from importer_app.gui.case_view import CaseView
        from importer_app.gui.edit_keys import REDO_KEYS, CaseUndoKeys
        from importer_app.gui.script_fonts import load_script_fonts
        from importer_app.store.casefile import Change

        assert self.session is not None
        session = self.session
        # Before the case's pages measure any name: a Chinese or Khmer name must be measured
        # in a font that has its characters.
        load_script_fonts()
        if self._undo_keys is None:
            # Only with a case open, where there is a case edit to undo: the filter sees every
            # event of the application, and the first of each kind converted for Python costs
            # its enums, about as long as the start screen takes to appear.
            self._undo_keys = CaseUndoKeys(self)
            QApplication.instance().installEventFilter(self._undo_keys)
        self.case_view: CaseView = CaseView(session, self)
        self.stack.addWidget(self.case_view)
        self.stack.setCurrentWidget(self.case_view)
        self.edit_menu.clear()
        undo = session.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = session.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts(list(dict.fromkeys([*QKeySequence.keyBindings(QKeySequence.StandardKey.Redo), *REDO_KEYS])))
        self.edit_menu.addAction(undo)
        self.edit_menu.addAction(redo)
        self.edit_menu.addSeparator()
        go_menu = self.edit_menu.addMenu("&Go to step")
        for number, step in enumerate(self.case_view.step_names(), start=1):
            # Owned by the submenu, so that closing the case (Edit menu cleared) deletes them.
            action = go_menu.addAction(f"&{number} {step}")
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda checked=False, s=step: self.case_view.show_step(s))
        for action in self.case_actions:
            action.setEnabled(True)
        session.changed.connect(self.on_case_changed)
        session.failed.connect(lambda message: self.show_problem("That change was not made", message))
        self.on_case_changed(Change("case", "update", "case"))
        self._refresh_recent_menu()

    def close_case(self) -> None:
        if self.session is None:
            return
        self.case_view.documents_page.stop_intake()
        self.case_view.documents_page.panel.renderer.stop()
        self.case_view.export_page.stop_export()
        self.stack.removeWidget(self.case_view)
        self.case_view.deleteLater()
        session, self.session = self.session, None
        try:
            session.close()
        except AppError as error:
            log.warning("closing the case: %s", error)
            self.warn_on_close("The case was not closed cleanly", str(error))
        self._show_start()

    def on_case_changed(self, change: Change) -> None:
        session = self.session
        assert session is not None
        read_only = " (read-only)" if session.casefile.readonly else ""
        self.setWindowTitle(f"{session.case.shipment.display_title}{read_only} - importer_app")
        self.case_view.update_badges()
        upcoming = [d for d in session.report.deadlines if d.acts == "importer" and d.days_left >= 0]
        upcoming = upcoming or [d for d in session.report.deadlines if d.days_left >= 0]
        if not upcoming:
            self.deadline_label.setText("No open deadline")
            self.deadline_label.setToolTip("")
            self.deadline_label.setStyleSheet("")
            return
        nearest = min(upcoming, key=lambda d: d.date)
        # The status bar keeps the date and the days left; the meaning, a sentence, is the tooltip,
        # so that the bar never sets the window's minimum width.
        self.deadline_label.setText(f"Next deadline: {nearest.date.isoformat()}, {nearest.days_left} days left")
        self.deadline_label.setToolTip(nearest.meaning)
        self.deadline_label.setStyleSheet("color: #b00020; font-weight: bold;" if nearest.days_left < 7 else "")

    # -- file actions ----------------------------------------------------------------------

    def on_new_case(self) -> None:
        from importer_app.gui.new_case_dialog import NewCaseDialog

        dialog = NewCaseDialog(self)
        if not dialog.exec():
            return
        shipment = dialog.shipment()
        suggested = self.settings.last_folder / f"{shipment.entry_number or 'case'}.tcase"
        name, _ = QFileDialog.getSaveFileName(self, "Keep the new case in", str(suggested), CASE_FILTER)
        if not name:
            return
        path = Path(name).with_suffix(".tcase")
        from importer_app.store.casefile import CaseFile

        from importer_app.core.model import Entity
        from importer_app.gui.supply_dialogs import suggest_id

        # The importer of record is the last company of every chain; entered once, here.
        importer = Entity(suggest_id(shipment.importer_of_record, set()), shipment.importer_of_record, "importer", "US")
        try:
            with CaseFile.create(path, shipment) as casefile:
                casefile.add_entity(importer)
        except AppError as error:
            self.show_problem("Cannot create the case", str(error))
            return
        self.open_case_path(path)

    def on_open_case(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open a case", str(self.settings.last_folder), CASE_FILTER)
        if name:
            self.open_case_path(Path(name))

    def on_open_demo(self) -> None:
        target = paths.data_dir() / "demo" / "demo.tcase"
        self.run_job("Writing the demo case…", lambda progress, cancel: _write_demo(target, self.today(), self.catalog),
                     lambda result: self.open_case_path(target))

    def on_import_description(self) -> None:
        spec, _ = QFileDialog.getOpenFileName(self, "Import a case description", str(self.settings.last_folder),
                                              "Case descriptions (*.toml)")
        if not spec:
            return
        name, _ = QFileDialog.getSaveFileName(self, "Keep the imported case in",
                                              str(Path(spec).with_suffix(".tcase")), CASE_FILTER)
        if name:
            self.import_description_path(Path(spec), Path(name).with_suffix(".tcase"))

    def import_description_path(self, spec: Path, target: Path) -> None:
        from importer_app.case.description import import_description

        self.run_job(f"Importing {spec.name}…",
                     lambda progress, cancel: import_description(spec, target, self.catalog, overwrite=target.exists(),
                                                                  progress=progress, cancel=cancel),
                     lambda result: self.open_case_path(target))

    def on_export_description(self) -> None:
        if self.session is None:
            return
        folder = QFileDialog.getExistingDirectory(self, "Export the case description and its documents into",
                                                  str(self.settings.last_folder))
        if folder:
            self.export_description_to(Path(folder))

    def export_description_to(self, folder: Path) -> None:
        from importer_app.case.description import export_description

        assert self.session is not None
        try:
            export_description(self.session.casefile, out_path=folder / "case.toml", export_dir=folder)
        except AppError as error:
            self.show_problem("Cannot export the case description", str(error))
            return
        self.statusBar().showMessage(f"Exported the case description and documents to {folder}", 8000)

    def on_save_copy(self) -> None:
        if self.session is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, "Save a copy of the case as",
                                              str(self.settings.last_folder / f"copy of {self.session.path.name}"),
                                              CASE_FILTER)
        if not name:
            return
        try:
            self.session.casefile.save_copy(Path(name).with_suffix(".tcase"))
        except AppError as error:
            self.show_problem("Cannot save the copy", str(error))
            return
        self.statusBar().showMessage(f"Saved a copy as {name}", 8000)

    def on_about(self) -> None:
        import PySide6

        QMessageBox.about(
            self, "About importer_app",
            f"<h3>importer_app {__version__}</h3>"
            f"<p>CBP requirement catalog {self.catalog.version}, as of {self.catalog.as_of.isoformat()}.</p>"
            f"<p>Qt for Python {PySide6.__version__}.</p>"
            "<p>This tool organises evidence; it is not legal advice.</p>",
        )

    def on_open_log_folder(self) -> None:
        folder = paths.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # -- drops -----------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and self.session is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths and self.session is not None:
            event.acceptProposedAction()
            self.case_view.show_step("Documents")
            self.case_view.documents_page.add_paths(paths)

    # -- long work -------------------------------------------------------------------------

    def run_job(self, label: str, job: Callable[..., object], done: Callable[[object], object]) -> Worker:
        """Run ``job`` on a worker with a progress dialog; ``done`` runs on the GUI thread."""
        from PySide6.QtCore import Qt

        from importer_app.gui.workers import Worker

        dialog = QProgressDialog(label, "Cancel", 0, 0, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        worker = Worker(job, self)
        worker.progressed.connect(lambda done_, total, text: (dialog.setMaximum(total), dialog.setValue(done_),
                                                              dialog.setLabelText(text or label)))
        dialog.canceled.connect(worker.cancel)
        worker.succeeded.connect(done)
        worker.failed.connect(lambda message: self.show_problem("That did not work", message))
        worker.finished.connect(dialog.reset)
        self.worker = worker
        worker.start()
        return worker

    def _ask_open_read_only(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self, "The case cannot be changed here",
            f"{path.name} or its folder is read-only, so edits cannot be saved. Open it read-only to read it,"
            " check it and export its bundle to another folder? To edit it, copy it to a folder you can write to.",
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Open

    def show_problem(self, title: str, message: str) -> None:
        """Tell the user, in their words, without blocking the event loop."""
        from PySide6.QtCore import Qt

        log.info("%s: %s", title, message)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.worker is not None and self.worker.running:
            self.worker.cancel()
            self.worker.wait()
        self.settings.window_geometry = self.saveGeometry()
        self.settings.sync()
        self.close_case()
        event.accept()


def _write_demo(target: Path, today: dt.date, catalog: Catalog) -> None:
    from importer_app.demo import create_demo_case

    target.parent.mkdir(parents=True, exist_ok=True)
    create_demo_case(target, catalog, regime="uflpa-applicability", today=today, overwrite=True)
