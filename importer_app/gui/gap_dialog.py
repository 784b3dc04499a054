"""The importer's explanation of a gap: why a document CBP asks for is not in the submission,
the requests made to obtain it, and the day the importer commits to supplement it.

The bundle's evidence response prints it to CBP, in the third person; export asks for one for
every item still missing.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from importer_app.core.gaps import Gap
from importer_app.core.model import GapExplanation, GapRequest
from importer_app.gui.checked_dialog import CheckedDialog, fit_to_screen
from importer_app.gui.commands import PutGapExplanation
from importer_app.gui.fields import OptionalDate, impossible_date
from importer_app.gui.labels import scope_label
from importer_app.gui.session import CaseSession

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
REQUEST_COLUMNS = ("Asked (company, person)", "Sent", "Reply by", "Replied", "What the reply said")


def parse_date(text: str, what: str) -> tuple[dt.date | None, str]:
    """A date typed as YYYY-MM-DD, or the sentence that says what is wrong with it."""
    text = text.strip()
    if not text:
        return None, ""
    found = _ISO.match(text)
    if found is None:
        return None, f"{what}: write the date as year-month-day, like 2026-11-26 (not {text!r})."
    year, month, day = (int(part) for part in found.groups())
    problem = impossible_date(year, month, day)
    if problem:
        return None, f"{what}: {problem}"
    return dt.date(year, month, day), ""


class GapDialog(CheckedDialog):
    """Explain one gap. ``explanation()`` is what to record; ``withdrawn`` says the user
    removed the explanation on record."""

    def __init__(self, session: CaseSession, gap: Gap, parent: QWidget | None = None) -> None:
        super().__init__("Explain what is missing", parent)
        self.gap = gap
        self.today = session.today
        self.withdrawn = False
        where = scope_label(session.case, gap.scope)
        heading = QLabel(f"{gap.title}, for {where}")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel("CBP reads this in the bundle's evidence response, in the third person (\u201cThe importer asked"
                       " ... on ...\u201d). Say why the document does not exist or cannot be had, and what you did to"
                       " obtain it.")
        intro.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("e.g. The farm sells for cash at the gate and issues no invoices; its harvest"
                                     " log is the record of the sale.")
        self.text.setTabChangesFocus(True)
        self.supplement_by = OptionalDate()
        self.supplement_by.known.setText("we commit to send it by")
        self.requests = QTableWidget(0, len(REQUEST_COLUMNS))
        self.requests.setHorizontalHeaderLabels(list(REQUEST_COLUMNS))
        header = self.requests.horizontalHeader()
        for column in range(len(REQUEST_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(len(REQUEST_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.requests.verticalHeader().setVisible(False)
        add = QPushButton("Add a request")
        add.clicked.connect(self.on_add_request)
        self.remove_request = QPushButton("Remove the request")
        self.remove_request.clicked.connect(self.on_remove_request)
        request_buttons = QHBoxLayout()
        request_buttons.addWidget(add)
        request_buttons.addWidget(self.remove_request)
        request_buttons.addStretch(1)
        self.withdraw = self.buttons.addButton("Remove the explanation", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.withdraw.setVisible(gap.explanation is not None)
        self.withdraw.clicked.connect(self.on_withdraw)

        form = QFormLayout()
        form.addRow("Why it is missing *", self.text)
        form.addRow("Supplement", self.supplement_by)
        column = QVBoxLayout(self)
        column.addWidget(heading)
        column.addWidget(intro)
        column.addLayout(form)
        column.addWidget(QLabel("Requests made for it, oldest first (dates as 2026-11-26):"))
        column.addWidget(self.requests, 1)
        column.addLayout(request_buttons)
        column.addWidget(self.problem)
        column.addWidget(self.buttons)
        self._show(gap.explanation)
        fit_to_screen(self, 760, 560)

    def _show(self, explanation: GapExplanation | None) -> None:
        if explanation is None:
            self.supplement_by.set_value(None)
            return
        self.text.setPlainText(explanation.explanation)
        self.supplement_by.set_value(explanation.supplement_by)
        for request in explanation.requests:
            self._add_row((request.to, _iso(request.sent), _iso(request.reply_by), _iso(request.replied),
                           request.reply))

    def _add_row(self, values: tuple[str, ...]) -> None:
        row = self.requests.rowCount()
        self.requests.insertRow(row)
        for column, value in enumerate(values):
            self.requests.setItem(row, column, QTableWidgetItem(value))

    def on_add_request(self) -> None:
        self._add_row(("", self.today().isoformat(), "", "", ""))
        self.requests.setCurrentCell(self.requests.rowCount() - 1, 0)
        self.requests.editItem(self.requests.item(self.requests.rowCount() - 1, 0))

    def on_remove_request(self) -> None:
        row = self.requests.currentRow()
        if row >= 0:
            self.requests.removeRow(row)

    def on_withdraw(self) -> None:
        self.withdrawn = True
        self.accept()

    def check(self) -> str:
        return self._read()[1]

    def explanation(self) -> GapExplanation:
        """The explanation as filled in; call after the dialog accepted it."""
        explanation, problem = self._read()
        assert explanation is not None, problem
        return explanation

    def _read(self) -> tuple[GapExplanation | None, str]:
        text = self.text.toPlainText().strip()
        if not text:
            return None, "Say in a sentence or two why the document is not available."
        if self.supplement_by.picker.refusal:
            return None, self.supplement_by.picker.refusal
        requests = []
        for row in range(self.requests.rowCount()):
            cells = [(self.requests.item(row, c).text() if self.requests.item(row, c) else "").strip()
                     for c in range(len(REQUEST_COLUMNS))]
            if not any(cells):
                continue
            label = f"Request {row + 1}"
            if not cells[0]:
                return None, f"{label}: say who was asked (the company, and the person if known)."
            dates = []
            for column in (1, 2, 3):
                value, problem = parse_date(cells[column], f"{label}, {REQUEST_COLUMNS[column].lower()}")
                if problem:
                    return None, problem
                dates.append(value)
            sent, reply_by, replied = dates
            if sent is None:
                return None, f"{label}: enter the day the request was sent."
            if replied is not None and replied < sent:
                return None, f"{label}: the reply ({replied.isoformat()}) cannot come before the request ({sent.isoformat()})."
            if cells[4] and replied is None:
                return None, f"{label}: enter the day the reply came, or leave what it said empty."
            requests.append(GapRequest(to=cells[0], sent=sent, reply_by=reply_by, replied=replied, reply=cells[4]))
        return GapExplanation(self.gap.requirement, self.gap.scope, text, self.supplement_by.value(),
                              tuple(requests)), ""


def explain_gap(session: CaseSession, gap: Gap, parent: QWidget | None = None) -> bool:
    """Ask for the explanation of ``gap`` and record it as one undoable edit; False when the
    user cancels or nothing changed."""
    dialog = GapDialog(session, gap, parent)
    if not dialog.exec():
        return False
    after = None if dialog.withdrawn else dialog.explanation()
    if after == gap.explanation:
        return False
    verb = "Remove the explanation of" if after is None else "Explain"
    label = f"{verb} \u201c{gap.title}\u201d for {scope_label(session.case, gap.scope)}"
    return session.apply(PutGapExplanation(session.casefile, session, gap.requirement, gap.scope,
                                           gap.explanation, after, label))


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else ""
