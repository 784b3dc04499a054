"""Requests for more time on a task CBP set (a Forced Labor Portal task, a reply date), on the
Shipment page: the check counts them against the portal's limit of two per task."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QWidget,
)

from importer_app.core.model import ExtensionRequest
from importer_app.gui.checked_dialog import CheckedDialog, fit_to_screen
from importer_app.gui.commands import SetExtensionRequests
from importer_app.gui.fields import OptionalDate, StrictDateEdit, problem_label, show_problem
from importer_app.gui.record_table import RecordTableBox
from importer_app.gui.session import CaseSession

COLUMNS = ("Task", "Requested", "Due then", "Granted on", "New due date")


class ExtensionDialog(CheckedDialog):
    """One request for more time, and CBP's grant when it came."""

    def __init__(self, request: ExtensionRequest | None, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__("Edit a request for more time" if request else "Record a request for more time", parent)
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
        form = QFormLayout(self)
        form.addRow("Task *", self.task)
        form.addRow("Requested on *", self.requested)
        form.addRow("", self.requested_problem)
        form.addRow("Due date when you asked", self.due)
        form.addRow("CBP granted it on", self.granted_on)
        form.addRow("New due date", self.until)
        form.addRow(self.problem)
        form.addRow(self.buttons)
        fit_to_screen(self, 520)

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

    def request(self) -> ExtensionRequest:
        return ExtensionRequest(" ".join(self.task.text().split()), self.requested.value(), self.due.value(),
                                self.granted_on.value(), self.until.value())


def _date(value: dt.date | None, empty: str) -> str:
    return value.isoformat() if value else empty


class ExtensionRequestsBox(RecordTableBox[ExtensionRequest]):
    """The table of requests for more time with Add, Edit and Remove; each change one undo step."""

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(session, "Requests for more time",
                         "Record each time you asked CBP for more time on a task, and its answer. The Forced Labor"
                         " Portal allows two requests per task, and none once the task is past due.",
                         COLUMNS, add_label="Record a request…", stretch=(0,), areas=("extension_requests", "case"),
                         minimum_height=100, parent=parent)
        self.show_records()

    def records(self) -> tuple[ExtensionRequest, ...]:
        return self.session.case.extension_requests

    def texts(self, record: ExtensionRequest) -> tuple[str, ...]:
        return (record.task, record.requested.isoformat(), _date(record.due, "not known"),
                _date(record.granted_on, "not yet"), _date(record.until, ""))

    def dialog_answer(self, record: ExtensionRequest | None) -> ExtensionRequest | None:
        dialog = ExtensionDialog(record, self.session.today(), self)
        return dialog.request() if dialog.exec() else None

    def removal_question(self, record: ExtensionRequest) -> tuple[str, str]:
        return ("Remove the request for more time",
                f"Remove your request of {record.requested.isoformat()} for more time on {record.task}? Undo brings"
                " it back.")

    def _apply(self, after: list[ExtensionRequest], label: str) -> None:
        before = self.session.case.extension_requests
        self.session.apply(SetExtensionRequests(self.session.casefile, self.session, before, after, label))

    def add(self, record: ExtensionRequest) -> None:
        self._apply([*self.records(), record], f"Record the request for more time on {record.task}")

    def edit(self, before: ExtensionRequest, after: ExtensionRequest) -> None:
        requests = list(self.records())
        requests[requests.index(before)] = after
        self._apply(requests, f"Edit the request for more time on {before.task}")

    def remove(self, record: ExtensionRequest) -> None:
        requests = list(self.records())
        requests.remove(record)
        self._apply(requests, f"Remove the request for more time on {record.task}")
