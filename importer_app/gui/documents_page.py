"""The Documents page: add files, find them, see them as CBP will, and say what they prove."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from importer_app.case.intake import AddOptions, IntakeResult, collect
from importer_app.core.errors import AppError
from importer_app.gui.document_model import PATH_ROLE, DocumentFilter, DocumentTableModel
from importer_app.gui.document_panel import DocumentPanel
from importer_app.gui.intake_runner import IntakeRunner
from importer_app.gui.session import CaseSession
from importer_app.store.casefile import Change

PasswordPrompt = Callable[[str], str | None]


class DocumentsPage(QWidget):
    """``intake_finished(list)`` carries the results of a batch once it is over."""

    intake_finished = Signal(list)

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.runner: IntakeRunner | None = None
        self.progress: QProgressDialog | None = None
        self.ask_password: PasswordPrompt = self._ask_password
        self.model = DocumentTableModel(session, self)
        self.filter = DocumentFilter(self)
        self.filter.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.filter)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((0, 240), (1, 150), (2, 90), (3, 50), (4, 150)):
            header.resizeSection(column, width)
        self.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search titles, references and the documents' text")
        self.search.textChanged.connect(self.on_search_changed)
        self.entity_filter = QLabel()
        self.clear_entity = QPushButton("Show all companies")
        self.clear_entity.clicked.connect(lambda: self.filter_by_entity(""))
        add = QPushButton("Add files…")
        add.clicked.connect(self.on_add_clicked)
        self.results = QLabel()
        self.results.setWordWrap(True)
        self.results.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.panel = DocumentPanel(session)

        top = QHBoxLayout()
        top.addWidget(add)
        top.addWidget(self.search, 1)
        top.addWidget(self.entity_filter)
        top.addWidget(self.clear_entity)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(QLabel("Drop files or folders anywhere on the window to add them."))
        column.addWidget(self.table, 1)
        column.addWidget(self.results)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setSizes([760, 480])
        QVBoxLayout(self).addWidget(splitter)

        self.table.selectionModel().currentRowChanged.connect(self.on_current_changed)
        session.changed.connect(self.on_changed)
        self.filter_by_entity("")

    # -- finding documents -------------------------------------------------------------------

    def on_search_changed(self, text: str) -> None:
        hits = set(self.session.casefile.search_text(text)) if text.strip() else set()
        self.filter.set_search(text, hits)

    def filter_by_entity(self, entity_id: str) -> None:
        self.filter.set_entity(entity_id)
        if entity_id and entity_id in {e.id for e in self.session.case.entities}:
            self.entity_filter.setText(f"Showing documents of {self.session.case.entity(entity_id).name}")
            self.clear_entity.show()
        else:
            self.entity_filter.clear()
            self.clear_entity.hide()

    def on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        path = current.data(PATH_ROLE) if current.isValid() else None
        document = next((d for d in self.session.case.documents if d.path == path), None)
        self.panel.show_document(document)

    def on_changed(self, change: Change) -> None:
        # The model was reset; keep the document the user was looking at.
        path = self.panel.document.path if self.panel.document else None
        if change.area == "documents" and change.action == "update" and change.key:
            path = change.key
        self.select(path)

    def select(self, path: str | None) -> None:
        row = self.model.row_of(path) if path else -1
        if row < 0:
            self.panel.show_document(None)
            return
        index = self.filter.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.panel.show_document(self.model.document_at(row))

    # -- adding documents --------------------------------------------------------------------

    def on_add_clicked(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Add documents")
        if names:
            self.add_paths([Path(n) for n in names])

    def add_paths(self, paths: Sequence[Path], options: AddOptions | None = None) -> IntakeRunner | None:
        """Start intake of files and folders (from the button or a drop)."""
        if self.runner is not None:
            self.results.setText("Wait until the files being added are done, then add more.")
            return None
        try:
            candidates = collect(paths)
        except AppError as error:
            self.results.setText(str(error))
            return None
        if not candidates:
            self.results.setText("There were no files to add in what was dropped.")
            return None
        options = options or AddOptions()
        runner = IntakeRunner(self.session, candidates, options, self)
        self.progress = QProgressDialog("Reading and checking the files…", "Cancel", 0, len(candidates), self)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(400)
        self.progress.canceled.connect(runner.cancel)
        runner.progressed.connect(self.on_progress)
        runner.finished.connect(self.on_intake_finished)
        self.runner = runner
        runner.start()
        return runner

    def on_progress(self, done: int, total: int, text: str) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            self.progress.setLabelText(text or "Reading and checking the files…")

    def on_intake_finished(self, results: list[IntakeResult]) -> None:
        runner = self.runner
        self.runner = None
        if self.progress is not None:
            self.progress.reset()
            self.progress = None
        if runner is not None:
            runner.wait()
        self.show_results(results)
        self.intake_finished.emit(results)
        locked = [r for r in results if r.code in ("password-required", "wrong-password")]
        if locked:
            self._retry_with_passwords(locked)

    def show_results(self, results: list[IntakeResult]) -> None:
        added = sum(r.added for r in results)
        lines = [f"{added} of {len(results)} file(s) added."]
        lines += [f"• {r.message}" for r in results if not r.added]
        self.results.setText("\n".join(lines))
        added_paths = [r.document.path for r in results if r.added and r.document]
        if added_paths:
            self.select(added_paths[-1])

    def _retry_with_passwords(self, locked: list[IntakeResult]) -> None:
        passwords = {}
        for result in locked:
            password = self.ask_password(result.source)
            if password:
                passwords[result.source] = password
        if passwords:
            self.add_paths([Path(p) for p in passwords], AddOptions(passwords=passwords))

    def _ask_password(self, source: str) -> str | None:
        password, ok = QInputDialog.getText(
            self, "Password needed", f"{Path(source).name} is protected by a password.\n"
            "Enter it to add the file (it is used once and not stored):", QLineEdit.EchoMode.Password)
        return password if ok and password else None

    def stop_intake(self) -> None:
        """Cancel a running batch (the case is closing); files already stored stay."""
        if self.runner is not None:
            self.runner.cancel()
            self.runner.wait()
