"""A new case: the few facts without which there is no case, then the file to keep it in."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel, QLineEdit, QWidget

from importer_app.core import vocab
from importer_app.core.model import Shipment
from importer_app.gui.fields import date_picker

_COUNTRY = re.compile(vocab.COUNTRY_PATTERN)


class NewCaseDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New case")
        self.regime = QComboBox()
        for regime in vocab.REGIMES:
            self.regime.addItem(vocab.REGIME_LABELS[regime], regime)
        self.entry_number = QLineEdit()
        self.entry_number.setPlaceholderText("e.g. ABC-1234567-8")
        self.importer = QLineEdit()
        self.merchandise = QLineEdit()
        self.quantity = QDoubleSpinBox()
        self.quantity.setRange(0, 1e12)
        self.quantity.setGroupSeparatorShown(True)
        self.unit = QLineEdit("pcs")
        self.country = QLineEdit()
        self.country.setMaxLength(2)
        self.country.setPlaceholderText("two letters, e.g. VN")
        self.imported = date_picker(dt.date.today())
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        form = QFormLayout(self)
        form.addRow(QLabel("You can change all of this later on the Shipment page."))
        form.addRow("Held under", self.regime)
        form.addRow("Entry number", self.entry_number)
        form.addRow("Importer of record", self.importer)
        form.addRow("Merchandise", self.merchandise)
        form.addRow("Quantity", self.quantity)
        form.addRow("Unit", self.unit)
        form.addRow("Country of origin", self.country)
        form.addRow("Date of importation", self.imported)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.on_accepted)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def on_accepted(self) -> None:
        if not all(e.text().strip() for e in (self.entry_number, self.importer, self.merchandise, self.unit)):
            self.problem.setText("Fill in the entry number, importer, merchandise and unit.")
        elif self.quantity.value() <= 0:
            self.problem.setText("Enter the quantity entered.")
        elif not _COUNTRY.match(self.country.text().strip().upper()):
            self.problem.setText("Enter the country of origin as two letters, like VN.")
        else:
            self.accept()

    def shipment(self) -> Shipment:
        return Shipment(
            regime=self.regime.currentData(),
            entry_number=self.entry_number.text().strip(),
            importer_of_record=self.importer.text().strip(),
            merchandise=self.merchandise.text().strip(),
            quantity=self.quantity.value(),
            unit=self.unit.text().strip(),
            country_of_origin=self.country.text().strip().upper(),
            date_of_importation=self.imported.date().toPython(),  # type: ignore[arg-type]
        )
