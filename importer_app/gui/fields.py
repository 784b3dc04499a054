"""Small input widgets and helpers the forms share: dates that refuse impossible days, an
optional date, lists typed as text."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QLabel, QVBoxLayout, QWidget

_DATE_TEXT = re.compile(r"^(\d+)-(\d+)-(\d+)$")
_SECTION_WIDTH = {QDateEdit.Section.YearSection: 4, QDateEdit.Section.MonthSection: 2,
                  QDateEdit.Section.DaySection: 2}
_SECTION_INDEX = {QDateEdit.Section.YearSection: 0, QDateEdit.Section.MonthSection: 1,
                  QDateEdit.Section.DaySection: 2}
PROBLEM_STYLE = "color: #b00020;"


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """Buttons side by side from the left, as under a box's table or summary."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def impossible_date(year: int, month: int, day: int) -> str:
    """Why ``year-month-day`` is not a day of the calendar, in a sentence; empty when it is one."""
    typed = f"{year:04d}-{month:02d}-{day:02d}"
    if not 1 <= month <= 12:
        return f"{typed} is not a date: there is no month {month}."
    last = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
    if not 1 <= day <= last:
        name = dt.date(2000, month, 1).strftime("%B")
        return f"{typed} is not a date: {name} {year} has {last} days."
    return ""


class StrictDateEdit(QDateEdit):
    """A date picker that says so when a typed date does not exist, instead of correcting it.

    Qt's date editor drops the keystroke that would make an impossible day (typing 31 in
    February leaves 03) and keeps the rest: a different date than the one meant, silently.
    Here the refused keystroke is read as the date the user meant, ``refused`` carries the
    sentence, and when editing finishes with a refusal outstanding the editor goes back to its
    value before the edit, so nobody's edit ever records the half-typed date.

    Signals:
        refused(str): the sentence to show at the field; an empty string when it is fine again.
    """

    refused = Signal(str)

    def __init__(self, value: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self._refusal = ""
        self._clamped = ""
        # Connected before any user of the widget connects: the revert happens before they read it.
        self.editingFinished.connect(self._on_editing_finished)
        self.dateChanged.connect(self._on_date_changed)
        self.setDate(QDate.currentDate() if value is None else QDate(value.year, value.month, value.day))

    @property
    def refusal(self) -> str:
        """The sentence about the last refused date; empty when none is outstanding."""
        return self._refusal

    def setDate(self, date: QDate | dt.date) -> None:  # noqa: N802 (Qt's name)
        """Set the value from the program: it becomes the value a refused edit goes back to."""
        if isinstance(date, dt.date):
            date = QDate(date.year, date.month, date.day)
        self._kept = date
        super().setDate(date)
        self._set_refusal("")

    def value(self) -> dt.date:
        return self.date().toPython()  # type: ignore[return-value]

    def validate(self, text: str, pos: int) -> object:
        result = super().validate(text, pos)
        state, fixed = result[0], result[1]  # type: ignore[index]
        # Qt refuses the keystroke (31 in February) or takes it and clamps the day (31 in April).
        if state == QValidator.State.Invalid or fixed != text:
            sentence = self._meant(text)
            if sentence:
                kept = self._kept.toString("yyyy-MM-dd")
                self._clamped = fixed if state != QValidator.State.Invalid else ""
                self._set_refusal(f"{sentence} Type the date again; until then it stays {kept}.")
        return result

    def _meant(self, text: str) -> str:
        """The date a keystroke asked for, when it is an impossible one: the section being typed
        holds its last digits (Qt pads the first one: ``031`` is 31)."""
        found = _DATE_TEXT.match(text)
        section = self.currentSection()
        if found is None or section not in _SECTION_WIDTH:
            return ""
        parts = [found.group(1), found.group(2), found.group(3)]
        index = _SECTION_INDEX[section]
        parts[index] = parts[index][-_SECTION_WIDTH[section]:]
        year, month, day = (int(part) for part in parts)
        return impossible_date(year, month, day)

    def _on_date_changed(self, date: QDate) -> None:
        if self._refusal and date.toString("yyyy-MM-dd") != self._clamped:
            # A later keystroke was taken: the user is typing the date again.
            self._set_refusal("")

    def _on_editing_finished(self) -> None:
        if self._refusal:
            refusal = self._refusal
            self.blockSignals(True)
            super().setDate(self._kept)
            self.blockSignals(False)
            self._set_refusal(refusal)
        else:
            self._kept = self.date()

    def _set_refusal(self, sentence: str) -> None:
        if sentence != self._refusal:
            self._refusal = sentence
            self.refused.emit(sentence)


def problem_label() -> QLabel:
    """A red sentence under a field, plain text, hidden until there is something to say."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(PROBLEM_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def show_problem(label: QLabel, sentence: str) -> None:
    label.setText(sentence)
    label.setVisible(bool(sentence))


class OptionalDate(QWidget):
    """A date that may be left unset: a check box turns the date picker on. A typed date that
    does not exist is said under it."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.known = QCheckBox("known", self)
        self.picker = StrictDateEdit(parent=self)
        self.picker.setEnabled(False)
        self.problem = problem_label()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.known)
        row.addWidget(self.picker, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.problem)
        self.known.toggled.connect(self.on_known_toggled)
        self.picker.editingFinished.connect(self.edited)
        self.picker.refused.connect(lambda sentence: show_problem(self.problem, sentence))

    def on_known_toggled(self, checked: bool) -> None:
        self.picker.setEnabled(checked)
        self.edited.emit()

    def value(self) -> dt.date | None:
        return self.picker.value() if self.known.isChecked() else None

    def set_value(self, value: dt.date | None) -> None:
        self.blockSignals(True)
        self.known.blockSignals(True)
        self.known.setChecked(value is not None)
        self.picker.setEnabled(value is not None)
        if value is not None:
            self.picker.setDate(QDate(value.year, value.month, value.day))
        self.known.blockSignals(False)
        self.blockSignals(False)


def date_picker(value: dt.date) -> StrictDateEdit:
    return StrictDateEdit(value)


def split_list(text: str) -> tuple[str, ...]:
    """``"PO-1, INV-2"`` as ``("PO-1", "INV-2")``."""
    return tuple(part.strip() for part in text.replace(";", ",").split(",") if part.strip())
