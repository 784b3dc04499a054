"""Requests for more time on a task CBP set (a Forced Labor Portal task, a reply date), on the
Shipment page: the check counts them against the portal's limit of two per task."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from importer_app.core.model import ExtensionRequest
from importer_app.gui.commands import SetExtensionRequests
from importer_app.gui.fields import OptionalDate, StrictDateEdit, button_row, problem_label, show_problem
from importer_app.gui.session import CaseSession
from importer_app.store.casefile import Change

COLUMNS = ("Task", "Requested", "Due then", "Granted on", "New due date")


class ExtensionDialog(QDialog):
    """One request for more time, and CBP's grant when it came."""

    def __init__(self, request: ExtensionRequest | None, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit a request for more time" if request else "Record a request for more time")
        self.task = QLineEdit(request.task if request else "")
        self.task.setPlaceholderText("the task's name or number, as CBP wrote it")
        self.requested = StrictDateEdit(request.requested if request else today)
        self.requested_problem = problem_label()
        self.requested.refused.connect(lambda sentence: show_problem(self.requested_problem, sentence))
        self.due = OptionalDate()
        self.due.set_value(request.due if request else None)
        self.granted_on = OptionalDate()
        self.granted_on.known.setText("granted")
        self.granted_on.set_value(request.granted_on if request else None)
        self.until = OptionalDate()
        self.until.set_value(request.until if request else None)
        self.problem = problem_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.on_accepted)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Task *", self.task)
        form.addRow("Requested on *", self.requested)
        form.addRow("", self.requested_problem)
        form.addRow("Due date when you asked", self.due)
        form.addRow("CBP granted it on", self.granted_on)
        form.addRow("New due date", self.until)
        form.addRow(self.problem)
        form.addRow(self.buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(min(520, screen.width() - 40) if screen else 520, self.sizeHint().height())

    def check(self) -> str:
        for picker in (self.requested, self.due.picker, self.granted_on.picker, self.until.picker):
            if picker.refusal:
                return picker.refusal
        if not self.task.text().strip():
            return "Say which task you asked more time for."
        requested, granted, until = self.requested.value(), self.granted_on.value(), self.until.value()
        if granted is not None and granted < requested:
            return f"CBP cannot have granted it ({granted.isoformat()}) before you asked ({requested.isoformat()})."
        if until is not None and granted is None:
            return "Give the day CBP granted the extension with the new due date."
        return ""

    def on_accepted(self) -> None:
        problem = self.check()
        show_problem(self.problem, problem)
        if not problem:
            self.accept()

    def request(self) -> ExtensionRequest:
        return ExtensionRequest(" ".join(self.task.text().split()), self.requested.value(), self.due.value(),
                                self.granted_on.value(), self.until.value())


def _date(value: dt.date | None, empty: str) -> str:
    return value.isoformat() if value else empty


class ExtensionRequestsBox(QGroupBox):
    """The table of requests for more time with Add, Edit and Remove; each change one undo step."""

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__("Requests for more time", parent)
        self.session = session
        # Replaced in tests: (request or None) -> the edited request, None to cancel.
        self.ask: Callable[[ExtensionRequest | None], ExtensionRequest | None] = self._ask
        self.confirm_removal: Callable[[ExtensionRequest], bool] = self._confirm_removal
        intro = QLabel("Record each time you asked CBP for more time on a task, and its answer. The Forced Labor"
                       " Portal allows two requests per task, and none once the task is past due.")
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(100)
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.doubleClicked.connect(self.on_edit)
        self.add_button = QPushButton("Record a request…")
        self.edit_button = QPushButton("Edit…")
        self.remove_button = QPushButton("Remove")
        self.add_button.clicked.connect(self.on_add)
        self.edit_button.clicked.connect(self.on_edit)
        self.remove_button.clicked.connect(self.on_remove)
        buttons = button_row(self.add_button, self.edit_button, self.remove_button)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.table)
        column.addLayout(buttons)
        session.changed.connect(self.on_changed)
        self.show_requests()

    def on_changed(self, change: Change) -> None:
        if change.area in ("extension_requests", "case"):
            self.show_requests()

    def show_requests(self) -> None:
        requests = self.session.case.extension_requests
        selected = self.selected_row()
        self.table.setRowCount(len(requests))
        for row, request in enumerate(requests):
            texts = (request.task, request.requested.isoformat(), _date(request.due, "not known"),
                     _date(request.granted_on, "not yet"), _date(request.until, ""))
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        if selected is not None and selected < len(requests):
            self.table.selectRow(selected)
        self._enable()

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].row() if rows else None

    def _enable(self) -> None:
        writable = not self.session.casefile.readonly
        chosen = self.selected_row() is not None and writable
        self.add_button.setEnabled(writable)
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _apply(self, after: list[ExtensionRequest], label: str) -> None:
        before = self.session.case.extension_requests
        self.session.apply(SetExtensionRequests(self.session.casefile, self.session, before, after, label))

    def on_add(self) -> None:
        added = self.ask(None)
        if added is not None:
            self._apply([*self.session.case.extension_requests, added],
                        f"Record the request for more time on {added.task}")

    def on_edit(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        requests = list(self.session.case.extension_requests)
        before = requests[row]
        after = self.ask(before)
        if after is not None and after != before:
            requests[row] = after
            self._apply(requests, f"Edit the request for more time on {before.task}")

    def on_remove(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        requests = list(self.session.case.extension_requests)
        before = requests.pop(row)
        if self.confirm_removal(before):
            self._apply(requests, f"Remove the request for more time on {before.task}")

    def _ask(self, request: ExtensionRequest | None) -> ExtensionRequest | None:
        dialog = ExtensionDialog(request, self.session.today(), self)
        return dialog.request() if dialog.exec() else None

    def _confirm_removal(self, request: ExtensionRequest) -> bool:
        answer = QMessageBox.question(self, "Remove the request for more time",
                                      f"Remove your request of {request.requested.isoformat()} for more time on"
                                      f" {request.task}? Undo brings it back.")
        return answer == QMessageBox.StandardButton.Yes
