"""CBP's requests for information and the importer's answers, and the importer's signed
statement that its evidence is clear and convincing (the UFLPA exception's conditions).

Both are shown on the Shipment page, where the rest of what passed between CBP and the
importer is. No software can tell whether an answer was complete or whether evidence is clear
and convincing: the window records what the user states, and says so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from importer_app.core.catalog import Contention
from importer_app.core.model import Case, EvidenceStatement, Inquiry
from importer_app.gui.checked_dialog import CheckedDialog, fit_to_screen
from importer_app.gui.commands import PutInquiry, SetEvidenceStatement
from importer_app.gui.fields import OptionalDate, StrictDateEdit, button_row, problem_label, show_problem
from importer_app.gui.labels import document_label
from importer_app.gui.record_table import RecordTableBox
from importer_app.gui.session import CaseSession
from importer_app.store.casefile import Change

COLUMNS = ("CBP sent", "What CBP asked", "You answered", "Documents sent")
NOT_JUDGED = ("This software cannot judge whether the evidence is clear and convincing. The statement is made by"
              " the person named below, who signs it off: the check records that this item rests on that statement,"
              " and the bundle prints it with that person's name and the date.")


def new_inquiry_id(case: Case) -> str:
    """``inquiry-3``: the first number not taken."""
    taken = {inquiry.id for inquiry in case.inquiries}
    number = 1
    while f"inquiry-{number}" in taken:
        number += 1
    return f"inquiry-{number}"


def contended(inquiry: Inquiry, contentions: Mapping[str, Contention]) -> str:
    """What the request contends, in the words the user ticked ("" when nothing)."""
    return "; ".join(contentions[name].label if name in contentions else name for name in inquiry.contends)


class InquiryDialog(CheckedDialog):
    """One request from CBP, what it contends about the goods' origin (ticked from the catalog's
    words) and the answer to it; the answer's documents are chosen from the case."""

    def __init__(self, case: Case, inquiry: Inquiry | None, today: dt.date, contentions: Mapping[str, Contention],
                 parent: QWidget | None = None) -> None:
        super().__init__("Edit a request from CBP" if inquiry else "Record a request from CBP", parent)
        self.case, self.original = case, inquiry
        self.date = StrictDateEdit(inquiry.date if inquiry else today)
        self.date_problem = problem_label()
        self.date.refused.connect(lambda sentence: show_problem(self.date_problem, sentence))
        self.asked = QPlainTextEdit(inquiry.asked if inquiry else "")
        self.asked.setPlaceholderText("e.g. CBP Form 28: supplier list with addresses, and the spinner's purchase"
                                      " records for the cotton")
        self.asked.setTabChangesFocus(True)
        self.contends: dict[str, QCheckBox] = {}
        contends_column = QWidget()
        column = QVBoxLayout(contends_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        ticked = set(inquiry.contends) if inquiry else set()
        for contention in contentions.values():
            box = QCheckBox(contention.label)
            box.setChecked(contention.id in ticked)
            example = QLabel(contention.help)
            example.setWordWrap(True)
            example.setStyleSheet("color: #555; margin-left: 22px;")
            column.addWidget(box)
            column.addWidget(example)
            self.contends[contention.id] = box
        # A value another version wrote, which this catalog has no words for, is kept as it is.
        self.kept = tuple(name for name in (inquiry.contends if inquiry else ()) if name not in contentions)
        self.answered = OptionalDate()
        self.answered.known.setText("answered on")
        self.answered.set_value(inquiry.response_date if inquiry else None)
        self.exhibits = QListWidget()
        chosen = set(inquiry.response_exhibits) if inquiry else set()
        for document in case.documents:
            item = QListWidgetItem(document_label(case, document.path))
            item.setData(Qt.ItemDataRole.UserRole, document.path)
            item.setToolTip(document.path)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if document.path in chosen else Qt.CheckState.Unchecked)
            self.exhibits.addItem(item)
        note = QLabel("An answer counts as given when it has its date and the documents you sent with it.")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        form = QFormLayout(self)
        form.addRow("CBP sent it on *", self.date)
        form.addRow("", self.date_problem)
        form.addRow("What CBP asked *", self.asked)
        form.addRow("What does CBP contend?", contends_column)
        form.addRow("Your answer", self.answered)
        form.addRow("Documents you sent", self.exhibits)
        form.addRow(note)
        form.addRow(self.problem)
        form.addRow(self.buttons)
        fit_to_screen(self, 620, 640)

    def chosen_exhibits(self) -> tuple[str, ...]:
        return tuple(self.exhibits.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.exhibits.count())
                     if self.exhibits.item(row).checkState() == Qt.CheckState.Checked)

    def check(self) -> str:
        if self.date.refusal or self.answered.picker.refusal:
            return self.date.refusal or self.answered.picker.refusal
        if not self.asked.toPlainText().strip():
            return "Say in a few words what CBP asked for."
        answered = self.answered.value()
        if answered is not None and answered < self.date.value():
            return (f"The answer ({answered.isoformat()}) cannot be before CBP's request"
                    f" ({self.date.value().isoformat()}).")
        return ""

    def inquiry(self) -> Inquiry:
        ident = self.original.id if self.original else new_inquiry_id(self.case)
        contends = tuple(name for name, box in self.contends.items() if box.isChecked()) + self.kept
        return Inquiry(ident, self.date.value(), self.asked.toPlainText().strip(), self.answered.value(),
                       self.chosen_exhibits(), contends)


class InquiriesBox(RecordTableBox[Inquiry]):
    """The table of CBP's requests with Add, Edit and Remove; each change one undo step."""

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(session, "CBP's requests for information and your answers",
                         "Record each request CBP sent (CBP Form 28, a letter, a portal message) and your answer. For"
                         " a UFLPA exception every request must have been answered completely; the notice of"
                         " detention is not a request.",
                         COLUMNS, add_label="Record a request…", stretch=(1, 3),
                         areas=("inquiries", "documents", "case"), minimum_height=120, parent=parent)
        self.show_records()

    def records(self) -> tuple[Inquiry, ...]:
        return self.session.case.inquiries

    def texts(self, record: Inquiry) -> tuple[str, ...]:
        answered = record.response_date.isoformat() if record.response_date else "not yet"
        documents = "; ".join(document_label(self.session.case, path) for path in record.response_exhibits) or "none"
        contends = contended(record, self.session.catalog.contentions)
        asked = f"{record.asked} (CBP contends: {contends})" if contends else record.asked
        return record.date.isoformat(), asked, answered, documents

    def key(self, record: Inquiry) -> str:
        return record.id

    def style(self, item: QTableWidgetItem, column: int, record: Inquiry) -> None:
        if column == 2 and not record.answered:
            item.setForeground(Qt.GlobalColor.darkRed)

    def dialog_answer(self, record: Inquiry | None) -> Inquiry | None:
        dialog = InquiryDialog(self.session.case, record, self.session.today(), self.session.catalog.contentions, self)
        return dialog.inquiry() if dialog.exec() else None

    def removal_question(self, record: Inquiry) -> tuple[str, str]:
        return ("Remove the request",
                f"Remove CBP's request of {record.date.isoformat()} and your answer to it? Undo brings it back.")

    def add(self, record: Inquiry) -> None:
        self.session.apply(PutInquiry(self.session.casefile, self.session, record.id, None, record,
                                      f"Record CBP's request of {record.date.isoformat()}"))

    def edit(self, before: Inquiry, after: Inquiry) -> None:
        self.session.apply(PutInquiry(self.session.casefile, self.session, before.id, before, after,
                                      f"Edit CBP's request of {before.date.isoformat()}"))

    def remove(self, record: Inquiry) -> None:
        inquiries = list(self.records())
        following = inquiries[inquiries.index(record) + 1:]
        self.session.apply(PutInquiry(self.session.casefile, self.session, record.id, record, None,
                                      f"Remove CBP's request of {record.date.isoformat()}", following))


class EvidenceStatementBox(QGroupBox):
    """The importer's statement that its evidence is clear and convincing, signed off by a
    named person on a date; shown for the regimes whose catalog row rests on a sign-off."""

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__("Your statement that the evidence is clear and convincing", parent)
        self.session = session
        not_judged = QLabel(NOT_JUDGED)
        not_judged.setWordWrap(True)
        not_judged.setStyleSheet("font-weight: bold;")
        self.summary = QPlainTextEdit()
        self.summary.setPlaceholderText("Why the evidence as a whole shows that no forced labor was used: what shows"
                                        " each input's source and the labor used. CBP reads this.")
        self.summary.setTabChangesFocus(True)
        self.summary.setMinimumHeight(90)
        self.signed_by = QLineEdit()
        self.signed_by.setPlaceholderText("name and title of the person who signs it off")
        self.signed_on = StrictDateEdit(session.today())
        self.problem = problem_label()
        self.signed_on.refused.connect(lambda sentence: show_problem(self.problem, sentence))
        self.state = QLabel()
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setWordWrap(True)
        self.sign_button = QPushButton("Sign off the statement")
        self.withdraw_button = QPushButton("Withdraw it")
        self.sign_button.clicked.connect(self.on_sign)
        self.withdraw_button.clicked.connect(self.on_withdraw)
        form = QFormLayout(self)
        form.addRow(not_judged)
        form.addRow("Summary *", self.summary)
        form.addRow("Signed off by *", self.signed_by)
        form.addRow("On", self.signed_on)
        form.addRow(self.problem)
        buttons = button_row(self.sign_button, self.withdraw_button)
        form.addRow(buttons)
        form.addRow(self.state)
        session.changed.connect(self.on_changed)
        self.show_statement()

    def on_changed(self, change: Change) -> None:
        if change.area in ("evidence_statement", "shipment", "case"):
            self.show_statement()

    def applies(self) -> bool:
        regime = self.session.case.shipment.regime
        return any(row.satisfied_by == "sign-off" and regime in row.regimes
                   for row in self.session.catalog.information_types)

    def show_statement(self) -> None:
        self.setVisible(self.applies())
        statement = self.session.case.evidence_statement
        self.withdraw_button.setEnabled(statement is not None)
        if statement is None:
            self.state.setText("Not signed off: the check counts this item as missing.")
            self.state.setStyleSheet("color: #b00020;")
            return
        self.summary.setPlainText(statement.summary)
        self.signed_by.setText(statement.signed_by)
        self.signed_on.setDate(statement.signed_on)
        self.state.setText(f"Signed off by {statement.signed_by} on {statement.signed_on.isoformat()}. The check"
                           " counts the item as provided on that statement.")
        self.state.setStyleSheet("color: #1b7f3b;")

    def on_sign(self) -> None:
        if self.signed_on.refusal:
            show_problem(self.problem, self.signed_on.refusal)
            return
        summary, signer = self.summary.toPlainText().strip(), self.signed_by.text().strip()
        if not summary or not signer:
            show_problem(self.problem, "Write the summary and the name of the person who signs it off.")
            return
        show_problem(self.problem, "")
        before = self.session.case.evidence_statement
        after = EvidenceStatement(summary, re.sub(r"\s+", " ", signer), self.signed_on.value())
        if after != before:
            self.session.apply(SetEvidenceStatement(self.session.casefile, self.session, before, after,
                                                    "Sign off the evidence statement"))

    def on_withdraw(self) -> None:
        before = self.session.case.evidence_statement
        if before is not None:
            self.session.apply(SetEvidenceStatement(self.session.casefile, self.session, before, None,
                                                    "Withdraw the evidence statement"))
