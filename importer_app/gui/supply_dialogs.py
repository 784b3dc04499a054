"""Dialogs to add or edit a company or a transfer, checked before they close."""

from __future__ import annotations

import dataclasses
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from importer_app.core import vocab
from importer_app.core.catalog_model import Catalog
from importer_app.core.geography import DETECTED, IN_REGION, Location, Region, locate
from importer_app.core.model import Case, Entity, Link, NotApplicable, RecipeRow
from importer_app.core.recipes import recipe_problem
from importer_app.gui.checked_dialog import CheckedDialog
from importer_app.gui.fields import OptionalDate, show_problem, split_list

_ID = re.compile(vocab.ID_PATTERN)
_COUNTRY = re.compile(vocab.COUNTRY_PATTERN)
_SUBDIVISION = re.compile(vocab.SUBDIVISION_PATTERN)
NOT_STATED = "(not stated)"
MATERIAL_CLASS_LABELS = {
    "": "Ordinary input: it becomes part of what the buyer makes",
    "raw": "Raw commodity: one ingredient as harvested or caught (raw sugar, fish, cotton lint)",
    "auxiliary": "Auxiliary: packaging, fillers and other inputs that do not become the output",
}
PAYMENT_LABELS = {
    "": NOT_STATED,
    "prepaid": "Paid before shipment",
    "on delivery": "Paid on delivery",
    "consignment": "Consignment: paid when the buyer sells the goods",
    "net": "Paid a number of days after shipment",
}


def payment_label(terms: str) -> str:
    """The payment terms of a transfer in words: ``net 30`` is "Paid 30 days after shipment"."""
    if terms.startswith("net "):
        return f"Paid {terms.removeprefix('net ')} days after shipment"
    return PAYMENT_LABELS.get(terms, terms)


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


class _CheckedDialog(CheckedDialog):
    """A form whose OK, once the fields can be accepted, says a warning once before going ahead."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(title, parent)
        self.form = QFormLayout(self)
        self._warned = ""

    def finish_layout(self) -> None:
        self.form.addRow(self.problem)
        self.form.addRow(self.buttons)

    def on_accepted(self) -> None:
        problem = self.check()
        warning = "" if problem else self.warning()
        if warning and warning != self._warned:
            # Shown once; OK again with the same values goes ahead.
            self._warned = problem = warning
        show_problem(self.problem, problem)
        if not problem:
            self.accept()

    def warning(self) -> str:
        """Something worth a second look that does not stop the dialog; empty when none."""
        return ""


class RecipeTable(QWidget):
    """A company's recipe as a small table: each input material, the output one unit of it
    makes, and the unit it is counted in; rows added and removed with two buttons. Rows left
    entirely empty are not part of the recipe."""

    COLUMNS = ("Input material", "Output per unit", "Unit")

    def __init__(self, recipe: tuple[RecipeRow, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.setToolTip("With a recipe, the check counts each material on its own: what came in, in the"
                              " row's unit, times the output one unit makes. Leave it empty to count every input"
                              " at its transfer's own yield.")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMaximumHeight(130)
        for row in recipe:
            self._append(row.material, f"{row.yield_:g}", row.unit)
        self.add = QPushButton("Add material")
        self.add.clicked.connect(self.on_add_clicked)
        self.remove = QPushButton("Remove material")
        self.remove.clicked.connect(self.on_remove_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def _append(self, material: str, yield_text: str, unit: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate((material, yield_text, unit)):
            self.table.setItem(row, column, QTableWidgetItem(text))

    def on_add_clicked(self) -> None:
        self._append("", "", "kg")
        self.table.setCurrentCell(self.table.rowCount() - 1, 0)
        self.table.editItem(self.table.item(self.table.rowCount() - 1, 0))

    def on_remove_clicked(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows or [self.table.currentRow()]:
            if row >= 0:
                self.table.removeRow(row)

    def _texts(self) -> list[tuple[int, str, str, str]]:
        found = []
        for row in range(self.table.rowCount()):
            cells = [(self.table.item(row, column).text() if self.table.item(row, column) else "").strip()
                     for column in range(len(self.COLUMNS))]
            if cells[0] or cells[1]:
                found.append((row + 1, *cells))
        return found

    def problem(self) -> str:
        """What stops the recipe being saved, as a sentence; empty when nothing does."""
        for number, material, yield_text, _unit in self._texts():
            if not material:
                return f"Row {number} of the recipe has no material: name the input material as its transfers do."
            if _yield(yield_text) is None:
                return (f"Row {number} of the recipe ({material}): the output per unit must be a number more than 0,"
                        " like 1.82.")
        problem = recipe_problem(self.rows())
        return f"The recipe {problem}." if problem else ""

    def rows(self) -> tuple[RecipeRow, ...]:
        """The recipe as typed (call ``problem`` first: a row whose output is not a number counts as 0)."""
        return tuple(RecipeRow(" ".join(material.split()), _yield(yield_text) or 0.0, unit)
                     for _, material, yield_text, unit in self._texts())


def _yield(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value > 0 and value != float("inf") else None


class EntityDialog(_CheckedDialog):
    """A company in the supply chain, with where it is: its region (ISO 3166-2 subdivision) and,
    when its address names a place of a region the check watches (the XUAR), that finding and
    the two ways to settle it: set the region, or say why the address means somewhere else."""

    def __init__(self, case: Case, entity: Entity | None = None, parent: QWidget | None = None, *,
                 catalog: Catalog | None = None) -> None:
        super().__init__("Edit company" if entity else "Add a company", parent)
        self.case, self.original = case, entity
        self.regions: tuple[Region, ...] = catalog.regions if catalog is not None else ()
        # The information type a detected location leaves missing (ORG-03), from the catalog.
        self.location_rows = tuple(row.id for row in catalog.information_types
                                   if row.satisfied_by == "location") if catalog is not None else ()
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
        self.subdivision = QComboBox()
        self.subdivision.setEditable(True)
        self.subdivision.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.subdivision.lineEdit().setPlaceholderText("a region code, e.g. CN-GD; leave empty if not known")
        self.subdivision.setToolTip("The province, state or region (first-level subdivision, ISO 3166-2): the"
                                    " country's two letters, a hyphen and its code, like CN-XJ for Xinjiang.")
        self.address = QLineEdit(entity.address if entity else "")
        self.address.setPlaceholderText("as written on its documents, in any script")
        self.location = QLabel()
        self.location.setTextFormat(Qt.TextFormat.PlainText)
        self.location.setWordWrap(True)
        self.elsewhere = QLineEdit(self._reason_on_record())
        self.elsewhere.setPlaceholderText("e.g. Xinjiang Road is a street in Qingdao, Shandong; the company is in CN-SD")
        self.elsewhere_label = QLabel("Not there, because")
        self.owner = QLineEdit(entity.owner if entity else "")
        self.owner.setPlaceholderText("company or group that owns it; leave empty if it owns itself or not known")
        self.owner.setToolTip("Material that passes between two companies of the same owner is an internal"
                              " transfer: the check asks for transfer records instead of sale papers.")
        # The owners already written, so that the same group is spelled the same way.
        owners = sorted({e.owner for e in case.entities if e.owner} | {e.name for e in case.entities})
        completer = QCompleter(owners, self.owner)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.owner.setCompleter(completer)
        self.tier = QSpinBox()
        self.tier.setRange(-1, 99)
        self.tier.setSpecialValueText("from the links")
        self.tier.setValue(entity.tier if entity and entity.tier is not None else -1)
        self.form.addRow("Legal name *", self.name)
        self.form.addRow("Local-script name", self.name_local)
        self.form.addRow("Other names", self.aliases)
        self.form.addRow("Role *", self.role)
        self.form.addRow("Country *", self.country)
        self.form.addRow("Region", self.subdivision)
        self.form.addRow("Address", self.address)
        self.form.addRow("", self.location)
        self.form.addRow(self.elsewhere_label, self.elsewhere)
        self.recipe = RecipeTable(entity.recipe if entity else ())
        self.form.addRow("Owned by", self.owner)
        self.form.addRow("Tier", self.tier)
        self.form.addRow("Recipe", self.recipe)
        self.finish_layout()
        self._fill_regions()
        self.subdivision.setEditText(entity.subdivision if entity else "")
        self.country.textChanged.connect(self.on_country_changed)
        for field in (self.address, self.subdivision.lineEdit()):
            field.textChanged.connect(self.on_location_changed)
        self.on_location_changed()
        # Wide enough for a full name and address on one line; never wider than a small screen.
        self.setMinimumWidth(min(560, self.screen().availableGeometry().width() - 40) if self.screen() else 560)

    def _reason_on_record(self) -> str:
        if self.original is None:
            return ""
        scope = f"entity:{self.original.id}"
        return next((n.reason for n in self.case.not_applicable
                     if n.requirement in self.location_rows and n.scope == scope), "")

    def _fill_regions(self) -> None:
        """The regions the project knows for the country (the ones the check watches): a list
        of every ISO 3166-2 subdivision is not part of the project, so others are typed."""
        typed = self.subdivision.currentText()
        country = self.country.text().strip().upper()
        self.subdivision.blockSignals(True)
        self.subdivision.clear()
        self.subdivision.addItem("")
        for region in self.regions:
            if region.country == country:
                self.subdivision.addItem(f"{region.code} {region.name}", region.code)
        self.subdivision.setEditText(typed)
        self.subdivision.blockSignals(False)

    def on_country_changed(self) -> None:
        self._fill_regions()
        self.on_location_changed()

    def subdivision_code(self) -> str:
        """The code typed or chosen: ``CN-XJ Xinjiang ...`` as chosen from the list is ``CN-XJ``."""
        words = self.subdivision.currentText().split()
        return words[0].upper() if words else ""

    def detection(self) -> Location | None:
        """How the check will read this company's location, from the values in the dialog (the
        check's own function); None when it is in no region the check watches."""
        probe = Entity(id="probe", name="", role="manufacturer", country=self.country.text().strip().upper(),
                       address=self.address.text().strip(), subdivision=self.subdivision_code())
        found = locate(Case(shipment=self.case.shipment, entities=(probe,)), self.regions)
        return found[0] if found else None

    def on_location_changed(self) -> None:
        found = self.detection()
        detected = found is not None and found.state == DETECTED and bool(self.location_rows)
        self.elsewhere.setVisible(detected)
        self.elsewhere_label.setVisible(detected)
        self.location.setVisible(found is not None)
        if found is None:
            self.location.setText("")
            return
        region, named = found.region, "; ".join(found.named)
        if found.state == IN_REGION:
            self.location.setText(f"In the {region.name} ({region.code}). The check reports this company there; "
                                  "under the UFLPA that decides which route is open.")
            self.location.setStyleSheet("color: #a15c00;")
        else:
            self.location.setText(
                f"The address names {named}, in the {region.name}. The check counts this as missing until you"
                f" settle it: set the region to {region.code} if the company is there, or say below why it is"
                " not (CBP reads that reason).")
            self.location.setStyleSheet("color: #b00020;")

    def check(self) -> str:
        if not self.name.text().strip():
            return "Enter the company's legal name."
        country = self.country.text().strip().upper()
        if not _COUNTRY.match(country):
            return "Enter the country as two letters, like VN for Vietnam or US."
        code = self.subdivision_code()
        if code and not _SUBDIVISION.match(code):
            return (f"{code} is not a region code: write the country's two letters, a hyphen and the region's"
                    " code (up to three letters or digits), like CN-XJ, or leave the region empty.")
        if code and not code.startswith(f"{country}-"):
            return f"{code} is not a region of {country}: a region code starts with the company's country, {country}-."
        return self.recipe.problem()

    def warning(self) -> str:
        name, country = _folded(self.name.text()), self.country.text().strip().upper()
        same = next((e for e in self.case.entities if _folded(e.name) == name and e.country == country
                     and (self.original is None or e.id != self.original.id)), None)
        if same is None:
            return ""
        return (f"The case already has {same.name} in {country}. If this is another company of the same name, press"
                " OK again to add it; otherwise Cancel and edit the one already there.")

    def entity(self) -> Entity:
        values = {
            "name": self.name.text().strip(),
            "role": self.role.currentData(),
            "country": self.country.text().strip().upper(),
            "address": self.address.text().strip(),
            "name_local": self.name_local.text().strip(),
            "tier": None if self.tier.value() < 0 else self.tier.value(),
            "aliases": tuple(name.strip() for name in self.aliases.text().split(";") if name.strip()),
            "subdivision": self.subdivision_code(),
            "owner": " ".join(self.owner.text().split()),
            "recipe": self.recipe.rows(),
        }
        if self.original is not None:
            # Fields this dialog does not show are kept as they are.
            return dataclasses.replace(self.original, **values)
        return Entity(id=suggest_id(self.name.text(), {e.id for e in self.case.entities}), **values)

    def location_decision(self) -> tuple[NotApplicable | None, NotApplicable | None]:
        """The location item's not-applicable decision for this company before and after the
        dialog: the reason typed under a detected address settles the finding, as a
        ``[[not_applicable]]`` entry does in a case description; emptying it reopens the finding."""
        if not self.location_rows:
            return None, None
        requirement = self.location_rows[0]
        scope = f"entity:{self.entity().id}"
        before = next((n for n in self.case.not_applicable if n.requirement == requirement and n.scope == scope), None)
        reason = self.elsewhere.text().strip()
        found = self.detection()
        if found is None or found.state != DETECTED:
            return before, before  # nothing to settle: a decision on record stays as it is
        return before, NotApplicable(requirement, scope, reason) if reason else None


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
        self.material_class = QComboBox()
        for value, label in MATERIAL_CLASS_LABELS.items():
            self.material_class.addItem(label, value)
        self.material_class.setCurrentIndex(max(0, self.material_class.findData(link.material_class if link else "")))
        self.material_class.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.material_class.setMinimumContentsLength(24)
        self.payment = QComboBox()
        for value, label in PAYMENT_LABELS.items():
            self.payment.addItem(label, value)
        self.net_days = QSpinBox()
        self.net_days.setRange(0, 999)
        self.net_days.setSuffix(" days")
        self.net_days.setValue(30)
        terms = link.payment_terms if link else ""
        if terms.startswith("net "):
            self.payment.setCurrentIndex(self.payment.findData("net"))
            self.net_days.setValue(int(terms.removeprefix("net ")))
        else:
            self.payment.setCurrentIndex(max(0, self.payment.findData(terms)))
        self.payment.currentIndexChanged.connect(self._enable_net_days)
        self._enable_net_days()
        payment_row = QHBoxLayout()
        payment_row.addWidget(self.payment, 1)
        payment_row.addWidget(self.net_days)
        self.form.addRow("From (supplier) *", self.source)
        self.form.addRow("To (buyer) *", self.target)
        self.form.addRow("Material *", self.material)
        self.form.addRow("Quantity *", self.quantity)
        self.form.addRow("Unit *", self.unit)
        self.form.addRow("Buyer's output per unit", self.yield_)
        self.form.addRow("Shipped on", self.shipped)
        self.form.addRow("References", self.references)
        self.form.addRow("Kind of material", self.material_class)
        self.form.addRow("Payment terms", payment_row)
        self.finish_layout()

    def _enable_net_days(self) -> None:
        self.net_days.setEnabled(self.payment.currentData() == "net")

    def payment_terms(self) -> str:
        """The terms as the case records them: ``net 30`` for thirty days after shipment."""
        terms: str = self.payment.currentData()
        return f"net {self.net_days.value()}" if terms == "net" else terms

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
            material_class=self.material_class.currentData(),
            payment_terms=self.payment_terms(),
        )
