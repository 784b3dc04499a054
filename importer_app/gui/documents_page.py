"""The Documents page: add files, find them, see them as CBP will, and say what they prove."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from importer_app.case.intake import AddOptions, IntakeResult, collect
from importer_app.core.errors import AppError
from importer_app.core.model import Document
from importer_app.gui.commands import RemoveDocument, ReplaceDocument
from importer_app.gui.document_model import PATH_ROLE, DocumentFilter, DocumentTableModel
from importer_app.gui.document_panel import DocumentPanel
from importer_app.gui.document_removal import removal_question, translations_of
from importer_app.gui.first_step import FirstStep
from importer_app.gui.intake_runner import IntakeRunner
from importer_app.gui.labels import as_plain, document_label, entity_label
from importer_app.gui.session import CaseSession
from importer_app.store.casefile import Change
from importer_app.core.plural import counted

PasswordPrompt = Callable[[str, bool], str | None]
"""(the file, the password given for it was wrong) -> its password, or None to leave it out."""
Confirm = Callable[[str, str], bool]


class DocumentTable(QTableView):
    """A table whose selection never moves by itself.

    Qt's view selects a neighbouring row when the selected one goes away (a filter hides it,
    the document is removed); an edit typed next would then land on a document the user never
    chose. Here the selection is cleared instead, and the panel says to select a document.
    """

    def rowsAboutToBeRemoved(self, parent: QModelIndex | QPersistentModelIndex, start: int, end: int) -> None:
        current = self.selectionModel().currentIndex()
        if current.isValid() and current.parent() == parent and start <= current.row() <= end:
            self.selectionModel().clear()
        super().rowsAboutToBeRemoved(parent, start, end)


class DocumentsPage(QWidget):
    """``intake_finished(list)`` carries the results of a batch once it is over."""

    intake_finished = Signal(list)

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.runner: IntakeRunner | None = None
        self.ask_password: PasswordPrompt = self._ask_password
        self.confirm: Confirm = self._confirm
        self.choose_replacement: Callable[[], Path | None] = self._choose_replacement
        self._options = AddOptions()
        self._replacing = ""
        self.model = DocumentTableModel(session, self)
        self.filter = DocumentFilter(self)
        self.filter.setSourceModel(self.model)
        self.table = DocumentTable()
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
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.on_search_changed)
        self.filter_note = QLabel()
        self.filter_note.setTextFormat(Qt.TextFormat.PlainText)
        self.filter_note.setWordWrap(True)
        self.show_all = QPushButton("Show all documents")
        self.show_all.clicked.connect(self.clear_filters)
        self.filter_bar = QFrame()
        self.filter_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.filter_bar.setStyleSheet("QFrame { background: #fff4d6; }")
        bar = QHBoxLayout(self.filter_bar)
        bar.setContentsMargins(6, 2, 6, 2)
        bar.addWidget(self.filter_note, 1)
        bar.addWidget(self.show_all)
        add = QPushButton("Add files…")
        add.clicked.connect(self.on_add_clicked)
        self.results = QLabel()
        self.results.setTextFormat(Qt.TextFormat.PlainText)
        self.results.setWordWrap(True)
        self.results.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.panel = DocumentPanel(session)
        # Progress of a batch, inside the page: the window stays usable while files are read.
        self.intake_note = QLabel()
        self.intake_note.setTextFormat(Qt.TextFormat.PlainText)
        self.intake_progress = QProgressBar()
        self.intake_cancel = QPushButton("Cancel")
        self.intake_cancel.setToolTip("Stop adding; the files already added stay")
        self.intake_cancel.clicked.connect(self.on_cancel_intake)
        self.intake_bar = QFrame()
        intake_row = QHBoxLayout(self.intake_bar)
        intake_row.setContentsMargins(0, 0, 0, 0)
        intake_row.addWidget(self.intake_note, 1)
        intake_row.addWidget(self.intake_progress, 1)
        intake_row.addWidget(self.intake_cancel)
        self.intake_bar.hide()

        self.replace_action = QAction("Replace with another file…", self)
        self.replace_action.triggered.connect(self.on_replace)
        self.remove_action = QAction("Remove from the case…", self)
        self.remove_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence(Qt.Key.Key_Backspace)])
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.remove_action.triggered.connect(self.on_remove)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addAction(self.replace_action)
        self.table.addAction(self.remove_action)
        self.replace_button = QPushButton("Replace…")
        self.replace_button.setToolTip("Replace the selected document with another file, keeping its details")
        self.replace_button.clicked.connect(self.replace_action.trigger)
        self.remove_button = QPushButton("Remove…")
        self.remove_button.setToolTip("Remove the selected document (Delete key)")
        self.remove_button.clicked.connect(self.remove_action.trigger)

        top = QHBoxLayout()
        top.addWidget(add)
        top.addWidget(self.search, 1)
        top.addWidget(self.replace_button)
        top.addWidget(self.remove_button)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        self.first_step = FirstStep()
        column.addWidget(self.first_step)
        column.addWidget(self.filter_bar)
        drop_note = QLabel("Drop files or folders anywhere on the window to add them.")
        drop_note.setWordWrap(True)
        column.addWidget(drop_note)
        column.addWidget(self.table, 1)
        column.addWidget(self.intake_bar)
        column.addWidget(self.results)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setSizes([560, 500])
        QVBoxLayout(self).addWidget(splitter)

        # The panel shows the selected row's document and nothing else: every way the
        # selection can change (a click, a key, a filter hiding the row, a removal, a sort)
        # ends in _sync_panel.
        self.table.selectionModel().selectionChanged.connect(self._sync_panel)
        for signal in (self.filter.rowsRemoved, self.filter.rowsInserted, self.filter.layoutChanged,
                       self.filter.modelReset):
            signal.connect(self._sync_panel)
        session.changed.connect(self.on_changed)
        self._show_filter()
        self._show_first_step()
        self._sync_panel()

    # -- the selected document ---------------------------------------------------------------

    def selected_path(self) -> str | None:
        """The path of the document whose row is selected, or None."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(PATH_ROLE) if rows else None

    def _sync_panel(self) -> None:
        path = self.selected_path()
        row = self.model.row_of(path) if path else -1
        document = self.model.document_at(row) if row >= 0 else None
        if document != self.panel.document:
            self.panel.show_document(document)
        editable = document is not None and not self.session.casefile.readonly
        for action in (self.remove_action, self.replace_action):
            action.setEnabled(editable)
        self.remove_button.setEnabled(editable)
        self.replace_button.setEnabled(editable)

    def select(self, path: str | None) -> None:
        """Select a document's row and show it; the filters are cleared if they hide it."""
        row = self.model.row_of(path) if path else -1
        if row < 0:
            self.table.selectionModel().clearSelection()
            self._sync_panel()
            return
        index = self.filter.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.clear_filters()
            index = self.filter.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        self._sync_panel()

    def on_changed(self, change: Change) -> None:
        if change.area == "documents" and change.action == "update" and change.key:
            # An undo or redo of an edit shows the document it changed.
            self.select(change.key)
        self._show_filter()
        self._sync_panel()
        self._show_first_step()

    def _show_first_step(self) -> None:
        if self.session.case.documents:
            self.first_step.hide()
        else:
            self.first_step.show_step("Add the documents that prove the chain: orders, invoices, bills of lading,"
                                      " production records. Drop them on the window, or:", "Add files…",
                                      self.on_add_clicked)

    # -- finding documents -------------------------------------------------------------------

    def on_search_changed(self, text: str) -> None:
        hits = set(self.session.casefile.search_text(text)) if text.strip() else set()
        self.filter.set_search(text, hits)
        self._show_filter()

    def filter_by_entity(self, entity_id: str) -> None:
        """Show only one company's documents (empty: every company's)."""
        known = entity_id in {e.id for e in self.session.case.entities}
        self.filter.set_entity(entity_id if known else "")
        self._show_filter()

    def clear_filters(self) -> None:
        self.filter.set_entity("")
        self.search.clear()
        self._show_filter()

    def _show_filter(self) -> None:
        """Say what the filters hide, so no document is out of sight without the user knowing."""
        hidden = self.model.rowCount() - self.filter.rowCount()
        entity_id = self.filter.entity()
        if entity_id and entity_id not in {e.id for e in self.session.case.entities}:
            self.filter.set_entity("")
            entity_id = ""
        if not entity_id and not self.search.text().strip():
            self.filter_bar.hide()
            return
        parts = []
        if entity_id:
            parts.append(f"the documents of {entity_label(self.session.case, entity_id)}")
        if self.search.text().strip():
            parts.append(f"those matching \u201c{self.search.text().strip()}\u201d")
        self.filter_note.setText(f"Showing {self.filter.rowCount()} of {self.model.rowCount()} documents: "
                                 f"{' and '.join(parts)}. {hidden} hidden.")
        self.filter_bar.show()

    # -- removing and replacing ---------------------------------------------------------------

    def selected_document(self) -> Document | None:
        path = self.selected_path()
        row = self.model.row_of(path) if path else -1
        return self.model.document_at(row) if row >= 0 else None

    def on_remove(self) -> None:
        document = self.selected_document()
        if document is None or not self.confirm("Remove document", removal_question(self.session, document)):
            return
        try:
            command = RemoveDocument(self.session.casefile, self.session, document,
                                     translations_of(self.session, document), document_label(self.session.case, document.path))
        except AppError as error:
            self.results.setText(str(error))
            return
        self.session.apply(command)

    def on_replace(self) -> None:
        document = self.selected_document()
        if document is None or self.runner is not None:
            return
        question = (f"Replace \u201c{document_label(self.session.case, document.path)}\u201d with another file?\n\n"
                    "The new file takes its type, title, date, references and ties; the old one is removed."
                    " Edit > Undo brings the old one back.")
        if not self.confirm("Replace document", question):
            return
        source = self.choose_replacement()
        if source is None:
            return
        self._replacing = document.path
        if self.add_paths([source], AddOptions(type=document.type, entities=document.entities,
                                               links=document.links)) is None:
            self._replacing = ""

    def _finish_replacing(self, results: list[IntakeResult]) -> None:
        old_path, self._replacing = self._replacing, ""
        row = self.model.row_of(old_path)
        new = next((r.document for r in results if r.added and r.document), None)
        if row < 0 or new is None:
            self.results.setText(self.results.text() + f"\n{old_path} was not replaced; it is unchanged.")
            return
        old = self.model.document_at(row)
        try:
            command = ReplaceDocument(self.session.casefile, self.session, old, new, translations_of(self.session, old),
                                      document_label(self.session.case, old.path))
        except AppError as error:
            self.results.setText(str(error))
            return
        if self.session.apply(command):
            self.select(new.path)

    def _confirm(self, title: str, question: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _choose_replacement(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self, "Replace with")
        return Path(name) if name else None

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
        self._options = options
        runner = IntakeRunner(self.session, candidates, options, self)
        runner.progressed.connect(self.on_progress)
        runner.stored.connect(self.on_stored)
        runner.finished.connect(self.on_intake_finished)
        self.runner = runner
        self.intake_progress.setRange(0, len(candidates))
        self.intake_progress.setValue(0)
        self.intake_note.setText("Reading and checking the files…")
        self.intake_cancel.setEnabled(True)
        self.intake_bar.show()
        runner.start()
        return runner

    def on_progress(self, done: int, total: int, text: str) -> None:
        self.intake_progress.setRange(0, total)
        self.intake_progress.setValue(done)
        self.intake_note.setText(text or "Reading and checking the files…")

    def on_stored(self, result: IntakeResult) -> None:
        if result.added and result.document is not None:
            self.model.add_stored(result.document)

    def on_cancel_intake(self) -> None:
        if self.runner is not None:
            self.runner.cancel()
            self.intake_cancel.setEnabled(False)
            self.intake_note.setText("Stopping after the files being read…")

    def on_intake_finished(self, results: list[IntakeResult]) -> None:
        runner = self.runner
        self.runner = None
        self.intake_bar.hide()
        if runner is not None:
            runner.wait()
        self.show_results(results)
        locked = [r for r in results if r.code in ("password-required", "wrong-password")]
        if self._replacing and not (locked and self._retry_with_passwords(locked)):
            self._finish_replacing(results)
        elif locked and not self._replacing:
            self._retry_with_passwords(locked)
        self.intake_finished.emit(results)

    def show_results(self, results: list[IntakeResult]) -> None:
        added = sum(r.added for r in results)
        lines = [f"{added} of {counted(len(results), 'file')} added."]
        lines += [f"• {r.message}" for r in results if not r.added]
        self.results.setText("\n".join(lines))
        added_paths = [r.document.path for r in results if r.added and r.document]
        hidden = [p for p in added_paths if not self.filter.mapFromSource(self.model.index(self.model.row_of(p), 0)).isValid()]
        if hidden:
            # A file just added must never vanish behind a filter the user may have forgotten.
            self.clear_filters()
            lines.append(f"The filter was cleared so that the {counted(len(hidden), 'file')} it hid can be seen.")
            self.results.setText("\n".join(lines))
        if added_paths:
            self.select(added_paths[-1])

    def _retry_with_passwords(self, locked: list[IntakeResult]) -> bool:
        """Ask for the passwords and add those files again; False when none was given."""
        passwords = {}
        for result in locked:
            password = self.ask_password(result.source, result.code == "wrong-password")
            if password:
                passwords[result.source] = password
        if not passwords:
            return False
        options = dataclasses.replace(self._options, passwords=passwords)
        return self.add_paths([Path(p) for p in passwords], options) is not None

    def _ask_password(self, source: str, wrong: bool) -> str | None:
        name = Path(source).name
        first = (f"The password you entered does not open {name}. Passwords are case-sensitive; check Caps Lock"
                 " and try again, or Cancel to leave the file out." if wrong else f"{name} is protected by a password.")
        password, ok = QInputDialog.getText(
            self, "Password needed", as_plain(f"{first}\nEnter it to add the file (it is used once and not stored):"),
            QLineEdit.EchoMode.Password)
        return password if ok and password else None

    def stop_intake(self) -> None:
        """Cancel a running batch (the case is closing); files already stored stay."""
        if self.runner is not None:
            self.runner.cancel()
            self.runner.wait()
