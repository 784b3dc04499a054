"""Small input widgets and helpers the forms share: an optional date, lists typed as text."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget


class OptionalDate(QWidget):
    """A date that may be left unset: a check box turns the date picker on."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.known = QCheckBox("known", self)
        self.picker = QDateEdit(self)
        self.picker.setCalendarPopup(True)
        self.picker.setDisplayFormat("yyyy-MM-dd")
        self.picker.setDate(QDate.currentDate())
        self.picker.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.known)
        layout.addWidget(self.picker, 1)
        self.known.toggled.connect(self.on_known_toggled)
        self.picker.editingFinished.connect(self.edited)

    def on_known_toggled(self, checked: bool) -> None:
        self.picker.setEnabled(checked)
        self.edited.emit()

    def value(self) -> dt.date | None:
        return self.picker.date().toPython() if self.known.isChecked() else None  # type: ignore[return-value]

    def set_value(self, value: dt.date | None) -> None:
        self.blockSignals(True)
        self.known.blockSignals(True)
        self.known.setChecked(value is not None)
        self.picker.setEnabled(value is not None)
        if value is not None:
            self.picker.setDate(QDate(value.year, value.month, value.day))
        self.known.blockSignals(False)
        self.blockSignals(False)


def date_picker(value: dt.date) -> QDateEdit:
    picker = QDateEdit(QDate(value.year, value.month, value.day))
    picker.setCalendarPopup(True)
    picker.setDisplayFormat("yyyy-MM-dd")
    return picker


def split_list(text: str) -> tuple[str, ...]:
    """``"PO-1, INV-2"`` as ``("PO-1", "INV-2")``."""
    return tuple(part.strip() for part in text.replace(";", ",").split(",") if part.strip())
