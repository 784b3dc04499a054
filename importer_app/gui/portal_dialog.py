"""The portal sheet in a window: what to choose, type and upload on CBP's Forced Labor Portal.

Read-only: each value is shown as the portal accepts it (letters and digits only), with its
length and the field's limit, and a Copy button that puts exactly that value on the clipboard.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from importer_app.core.byte_sizes import size_text
from importer_app.core.portal import PortalSheet


class PortalDialog(QDialog):
    """Shows one case's portal sheet; ``copy_buttons`` maps each shown value to its button."""

    def __init__(self, sheet: PortalSheet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Portal sheet")
        self.copy_buttons: dict[str, QPushButton] = {}
        intro = QLabel(f"Log in to the {sheet.portal} at {sheet.url}, choose the request type below, type each"
                       " value into the field of that name, then upload the files in the order shown.")
        intro.setWordWrap(True)
        values = QGroupBox("Request type and values to type")
        grid = QGridLayout(values)
        grid.setColumnStretch(1, 1)
        self._row(grid, 0, "Request type", sheet.request_type, "")
        for row, field in enumerate(sheet.fields, start=1):
            limit = f"of {field.max_length}" if field.max_length is not None else "limit not known"
            detail = f"{field.length} characters, {limit}" + ("  (too long)" if field.too_long else "")
            if field.value != field.original:
                detail += f"; in the case: {field.original}"
            self._row(grid, row, field.label, field.value, detail)
        uploads = QGroupBox("Files to upload, in this order")
        column = QVBoxLayout(uploads)
        if sheet.uploads:
            for upload in sheet.uploads:
                problems = "".join(f" ({problem})" for problem in upload.problems)
                column.addWidget(_plain(f"{upload.position}. {upload.path.name}, {size_text(upload.size)}{problems}"))
        else:
            column.addWidget(QLabel("Export the bundle first: its volumes are listed here."))
        notes = QLabel("\n".join(sheet.notes))
        notes.setWordWrap(True)
        notes.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, values, uploads, notes, buttons):
            layout.addWidget(widget)

    def _row(self, grid: QGridLayout, row: int, label: str, value: str, detail: str) -> None:
        shown = QLineEdit(value)
        shown.setReadOnly(True)
        shown.setCursorPosition(0)
        shown.setMinimumWidth(shown.fontMetrics().horizontalAdvance(value) + 16)
        copy = QPushButton("Copy")
        copy.setToolTip(f"Copy the {label.lower()} as the portal accepts it")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(value))
        self.copy_buttons[label] = copy
        grid.addWidget(_plain(label), row, 0)
        grid.addWidget(shown, row, 1)
        grid.addWidget(copy, row, 2)
        note = _plain(detail)
        note.setStyleSheet("color: #555;")
        grid.addWidget(note, row, 3)


def _plain(text: str) -> QLabel:
    """A label that shows case data as text, never as markup."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
