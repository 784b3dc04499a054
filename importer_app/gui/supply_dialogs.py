"""Dialogs to add or edit a company or a transfer, checked before they close."""

from __future__ import annotations

import dataclasses

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from importer_app.core import vocab
from importer_app.core.model import Case, Entity, Link
from importer_app.gui.fields import OptionalDate, split_list

_ID = re.compile(vocab.ID_PATTERN)
_COUNTRY = re.compile(vocab.COUNTRY_PATTERN)


def suggest_id(name: str, taken: set[str], max_words: int = 2) -> str:
    """A short unused id from a name: ``Delta Spinning Co., Ltd.`` gives ``delta-spinning``."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    base = "-".join(words[:max_words]) or "entity"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _folded(name: str) -> str:
    return " ".join(name.casefold().split())


class _CheckedDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self._warned = ""
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.on_accepted)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.form.addRow(self.problem)
        self.form.addRow(self.buttons)

    def on_accepted(self) -> None:
        problem = self.check()
        if problem:
            self.problem.setText(problem)
            return
        warning = self.warning()
        if warning and warning != self._warned:
            # Shown once; OK again with the same values goes ahead.
            self._warned = warning
            self.problem.setText(warning)
            return
        self.accept()

    def warning(self) -> str:
        """Something worth a second look that does not stop the dialog; empty when none."""
        return ""

    def check(self) -> str:
        raise NotImplementedError


class EntityDialog(_CheckedDialog):
    """A company in the supply chain."""

    def __init__(self, case: Case, entity: Entity | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Edit company" if entity else "Add a company", parent)
        self.case, self.original = case, entity
        self.name = QLineEdit(entity.name if entity else "")
        self.name_local = QLineEdit(entity.name_local if entity else "")
        self.name_local.setPlaceholderText("the name in its own script, if any")
        self.aliases = QLineEdit("; ".join(entity.aliases) if entity else "")
        self.aliases.setPlaceholderText("trading or former names, separated by ; (screened against the lists too)")
        self.role = QComboBox()
        for role in vocab.ROLES:
            self.role.addItem(vocab.ROLE_LABELS[role], role)
        if entity:
            self.role.setCurrentIndex(vocab.ROLES.index(entity.role))
        self.country = QLineEdit(entity.country if entity else "")
        self.country.setMaxLength(2)
        self.country.setPlaceholderText("two letters, e.g. VN")
        self.address = QLineEdit(entity.address if entity else "")
        self.tier = QSpinBox()
        self.tier.setRange(-1, 99)
        self.tier.setSpecialValueText("from the links")
        self.tier.setValue(entity.tier if entity and entity.tier is not None else -1)
        self.form.addRow("Legal name *", self.name)
        self.form.addRow("Local-script name", self.name_local)
        self.form.addRow("Other names", self.aliases)
        self.form.addRow("Role *", self.role)
        self.form.addRow("Country *", self.country)
        self.form.addRow("Address", self.address)
        self.form.addRow("Tier", self.tier)
        self.finish_layout()

    def check(self) -> str:
        if not self.name.text().strip():
            return "Enter the company's legal name."
        if not _COUNTRY.match(self.country.text().strip().upper()):
            return "Enter the country as two letters, like VN for Vietnam or US."
        return ""

    def warning(self) -> str:
        name, country = _folded(self.name.text()), self.country.text().strip().upper()
        same = next((e for e in self.case.entities if _folded(e.name) == name and e.country == country
                     and (self.original is None or e.id != self.original.id)), None)
        if same is None:
            return ""
        return (f"The case already has {same.name} in {country}. If this is another company of the same name, press"
                " OK again to add it; otherwise Cancel and edit the one already there.")

    def entity(self) -> Entity:
        taken = {e.id for e in self.case.entities}
        ident = self.original.id if self.original else suggest_id(self.name.text(), taken)
        # Fields this dialog does not show (region, owner) keep the values the company had.
        return dataclasses.replace(
            self.original or Entity(id=ident, name="", role="", country=""),
            id=ident,
            name=self.name.text().strip(),
            role=self.role.currentData(),
            country=self.country.text().strip().upper(),
            address=self.address.text().strip(),
            name_local=self.name_local.text().strip(),
            tier=None if self.tier.value() < 0 else self.tier.value(),
            aliases=tuple(name.strip() for name in self.aliases.text().split(";") if name.strip()),
        )


class LinkDialog(_CheckedDialog):
    """A transfer of material from one company to the next."""

    def __init__(self, case: Case, link: Link | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Edit transfer" if link else "Add a transfer", parent)
        self.case, self.original = case, link
        self.source = QComboBox()
        self.target = QComboBox()
        for entity in case.entities:
            self.source.addItem(entity.name, entity.id)
            self.target.addItem(entity.name, entity.id)
        if link:
            self.source.setCurrentIndex(self.source.findData(link.source))
            self.target.setCurrentIndex(self.target.findData(link.target))
        elif self.target.count() > 1:
            self.target.setCurrentIndex(1)
        self.material = QLineEdit(link.material if link else "")
        self.quantity = QDoubleSpinBox()
        self.quantity.setRange(0, 1e12)
        self.quantity.setDecimals(3)
        self.quantity.setGroupSeparatorShown(True)
        self.quantity.setValue(link.quantity if link else 0)
        self.unit = QLineEdit(link.unit if link else "kg")
        self.yield_ = QDoubleSpinBox()
        self.yield_.setRange(0, 1e6)
        self.yield_.setDecimals(4)
        self.yield_.setSpecialValueText("not stated")
        self.yield_.setValue(link.yield_ if link and link.yield_ else 0)
        self.shipped = OptionalDate()
        self.shipped.set_value(link.shipped if link else None)
        self.references = QLineEdit(", ".join(link.references) if link else "")
        self.references.setPlaceholderText("order, invoice, B/L numbers, separated by commas")
        self.form.addRow("From (supplier) *", self.source)
        self.form.addRow("To (buyer) *", self.target)
        self.form.addRow("Material *", self.material)
        self.form.addRow("Quantity *", self.quantity)
        self.form.addRow("Unit *", self.unit)
        self.form.addRow("Buyer's output per unit", self.yield_)
        self.form.addRow("Shipped on", self.shipped)
        self.form.addRow("References", self.references)
        self.finish_layout()

    def check(self) -> str:
        if self.source.currentData() is None or self.target.currentData() is None:
            return "Add the two companies first."
        if self.source.currentData() == self.target.currentData():
            return "A transfer goes from one company to another; choose two different companies."
        if not self.material.text().strip():
            return "Say what material passes, like cotton yarn."
        if self.quantity.value() <= 0:
            return "Enter the quantity that passed."
        if not self.unit.text().strip():
            return "Enter the unit of the quantity, like kg or pcs."
        return ""

    def link(self) -> Link:
        source, target = self.source.currentData(), self.target.currentData()
        taken = {k.id for k in self.case.links}
        ident = self.original.id if self.original else suggest_id(f"{source} {target}", taken, max_words=12)
        # Fields this dialog does not show (material class, payment terms) keep their values.
        return dataclasses.replace(
            self.original or Link(id=ident, source=source, target=target, material="", quantity=0.0, unit=""),
            id=ident,
            source=source,
            target=target,
            material=self.material.text().strip(),
            quantity=self.quantity.value(),
            unit=self.unit.text().strip(),
            yield_=self.yield_.value() or None,
            shipped=self.shipped.value(),
            references=split_list(self.references.text()),
        )
