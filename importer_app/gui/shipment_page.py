"""The Shipment page: the detained entry, the regime, and the deadlines they set."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from importer_app.core import vocab
from importer_app.core.shipment_dates import date_order_problems
from importer_app.gui.cbp_requests import EvidenceStatementBox, InquiriesBox
from importer_app.gui.commands import SetShipment
from importer_app.gui.extension_requests import ExtensionRequestsBox
from importer_app.gui.fields import OptionalDate, StrictDateEdit, date_picker, show_problem, split_list
from importer_app.gui.labels import citation_label
from importer_app.gui.order_box import OrderBox
from importer_app.gui.session import CaseSession
from importer_app.store.casefile import Change

_COUNTRY = re.compile(vocab.COUNTRY_PATTERN)

# (field, label a clerk understands, kind, required)
_FIELDS: tuple[tuple[str, str, str, bool], ...] = (
    ("title", "Case title", "text", False),
    ("entry_number", "Entry number", "text", True),
    ("entry_lines", "Entry lines detained", "ints", False),
    ("detention_number", "Detention notice number", "text", False),
    ("port_code", "Port code", "text", False),
    ("port_name", "Port name", "text", False),
    ("importer_of_record", "Importer of record", "text", True),
    ("importer_address", "Importer's address", "text", False),
    ("ultimate_consignee", "Ultimate consignee (if not the importer)", "text", False),
    ("merchandise", "Merchandise description", "text", True),
    ("hts", "HTS numbers", "texts", False),
    ("quantity", "Quantity", "number", True),
    ("unit", "Unit (pcs, kg, ...)", "text", True),
    ("value_usd", "Entered value (USD)", "money", False),
    ("country_of_origin", "Country of origin (2 letters)", "country", True),
    ("country_of_exportation", "Country of exportation (if different)", "country", False),
    ("order_reference", "WRO or Finding the goods are held under", "text", False),
    ("date_of_importation", "Date of importation", "date", True),
    ("date_presented", "Presented for examination", "optional_date", False),
    ("date_of_detention", "Date of detention", "optional_date", False),
    ("date_of_notice", "Date of the detention notice", "optional_date", False),
    ("date_of_exclusion_notice", "Date of the exclusion notice", "optional_date", False),
    ("date_deemed_excluded", "Date the goods were deemed excluded", "optional_date", False),
    ("date_of_protest", "Date a protest was filed", "optional_date", False),
    ("date_of_seizure_notice", "Date the seizure notice was mailed", "optional_date", False),
    ("date_exception_granted", "Date a UFLPA exception was granted", "optional_date", False),
)
_LABELS = {name: label for name, label, _, _ in _FIELDS}


class ShipmentPage(QWidget):
    """Every shipment field; each edit is one undoable change, checked as it is made."""

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

        form_box = QWidget()
        form = QFormLayout(form_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.regime = QComboBox()
        # The longest regime name would set the form's width; the list shows it whole.
        self.regime.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.regime.setMinimumContentsLength(18)
        for regime in vocab.REGIMES:
            self.regime.addItem(vocab.REGIME_LABELS[regime], regime)
        self.regime_help = QLabel()
        self.regime_help.setWordWrap(True)
        self.regime_help.setStyleSheet("color: #555;")
        form.addRow("What CBP is holding the goods under", self.regime)
        form.addRow("", self.regime_help)
        self.regime.activated.connect(self.on_regime_activated)

        self.class_of_labor = QComboBox()
        self.class_of_labor.addItem("(not stated)", "")
        for labor in vocab.CLASSES_OF_LABOR:
            self.class_of_labor.addItem(f"{labor} labor", labor)
        self.class_of_labor.activated.connect(self.on_class_of_labor_activated)

        self.commodity = QComboBox()
        # A sector's name would set the form's width; the open list shows it whole.
        self.commodity.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.commodity.setMinimumContentsLength(18)
        self.commodity.activated.connect(self.on_commodity_activated)
        self.commodity_help = QLabel()
        self.commodity_help.setWordWrap(True)
        self.commodity_help.setTextFormat(Qt.TextFormat.PlainText)
        self.commodity_help.setStyleSheet("color: #555;")

        for name, label, kind, required in _FIELDS:
            editor = self._editor(name, kind)
            self.editors[name] = editor
            error = QLabel()
            error.setStyleSheet("color: #b00020;")
            error.hide()
            self.errors[name] = error
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(editor)
            column.addWidget(error)
            form.addRow(label + (" *" if required else ""), holder)
            if name == "order_reference":
                form.addRow("Class of labor named in the order", self.class_of_labor)
            if name == "hts":
                form.addRow("Kind of goods (sector)", self.commodity)
                form.addRow("", self.commodity_help)

        # What passed between CBP and the importer after the entry, below the entry's fields.
        self.order = OrderBox(session)
        self.inquiries = InquiriesBox(session)
        self.evidence_statement = EvidenceStatementBox(session)
        self.extension_requests = ExtensionRequestsBox(session)
        content = QWidget()
        content_column = QVBoxLayout(content)
        content_column.setContentsMargins(0, 0, 0, 0)
        content_column.addWidget(form_box)
        content_column.addWidget(self.order)
        content_column.addWidget(self.inquiries)
        content_column.addWidget(self.evidence_statement)
        content_column.addWidget(self.extension_requests)
        scroll = self.scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)

        self.deadlines = QLabel()
        self.deadlines.setWordWrap(True)
        self.deadlines.setTextFormat(Qt.TextFormat.RichText)
        self.deadlines.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.date_order = QLabel()
        self.date_order.setWordWrap(True)
        self.date_order.setTextFormat(Qt.TextFormat.PlainText)
        self.date_order.setStyleSheet("color: #b00020; font-weight: bold;")
        deadline_box = QGroupBox("Deadlines")
        deadline_column = QVBoxLayout(deadline_box)
        deadline_column.addWidget(self.date_order)
        deadline_column.addWidget(self.deadlines, 1)
        deadline_box.setMinimumWidth(240)

        layout = QHBoxLayout(self)
        layout.addWidget(scroll, 2)
        layout.addWidget(deadline_box, 1)

        self.show_shipment()
        session.changed.connect(self.on_changed)

    def _editor(self, name: str, kind: str) -> QWidget:
        shipment = self.session.case.shipment
        if kind == "date":
            picker = date_picker(shipment.date_of_importation)
            picker.editingFinished.connect(lambda n=name: self.commit(n))
            picker.refused.connect(lambda sentence, n=name: show_problem(self.errors[n], sentence))
            return picker
        if kind == "optional_date":
            optional = OptionalDate()
            optional.edited.connect(lambda n=name: self.commit(n))
            return optional
        if kind in ("number", "money"):
            spin = QDoubleSpinBox()
            spin.setRange(0, 1e12)
            spin.setDecimals(2 if kind == "money" else 3)
            spin.setGroupSeparatorShown(True)
            spin.editingFinished.connect(lambda n=name: self.commit(n))
            return spin
        edit = QLineEdit()
        edit.editingFinished.connect(lambda n=name: self.commit(n))
        if kind == "country":
            edit.setMaxLength(2)
            edit.setPlaceholderText("e.g. VN")
        if kind in ("texts", "ints"):
            edit.setPlaceholderText("separate with commas")
        return edit

    def show_box(self, name: str) -> None:
        """Scroll to one of the boxes below the form (``order``, ``inquiries``,
        ``evidence_statement``, ``extension_requests``) and put the focus in it."""
        box = {"order": self.order, "inquiries": self.inquiries, "evidence_statement": self.evidence_statement,
               "extension_requests": self.extension_requests}.get(name)
        if box is not None:
            self.scroll.ensureWidgetVisible(box)
            # Again once a box just shown (the regime changed) has its place in the layout.
            QTimer.singleShot(0, lambda: self.scroll.ensureWidgetVisible(box))
            box.setFocus()

    def on_changed(self, change: Change) -> None:
        if change.area in ("shipment", "case"):
            self.show_shipment()
        else:
            self._show_deadlines()

    def show_shipment(self) -> None:
        shipment = self.session.case.shipment
        self.regime.setCurrentIndex(vocab.REGIMES.index(shipment.regime))
        self.regime_help.setText(vocab.REGIME_HELP[shipment.regime])
        self.class_of_labor.setCurrentIndex(max(0, self.class_of_labor.findData(shipment.class_of_labor)))
        for name, _, kind, _ in _FIELDS:
            self._set_editor(self.editors[name], kind, getattr(shipment, name))
            self.errors[name].hide()
        self._show_commodity()
        self._show_deadlines()

    def _show_commodity(self) -> None:
        """None and every sector by name, the one the HTS numbers point to marked as such."""
        shipment, sectors = self.session.case.shipment, self.session.catalog.sectors
        suggested = self.session.catalog.suggest_commodity(shipment.hts)
        self.commodity.blockSignals(True)
        self.commodity.clear()
        self.commodity.addItem("None", "")
        for sector in sectors.values():
            mark = " (suggested by the HTS numbers)" if sector.id == suggested else ""
            self.commodity.addItem(sector.name + mark, sector.id)
            self.commodity.setItemData(self.commodity.count() - 1, sector.description,
                                       Qt.ItemDataRole.ToolTipRole)
        self.commodity.setCurrentIndex(max(0, self.commodity.findData(shipment.commodity)))
        self.commodity.blockSignals(False)
        chosen = sectors.get(shipment.commodity)
        if chosen is not None:
            help_text = f"{chosen.description} The check asks for this sector's evidence too."
        elif suggested:
            help_text = (f"The HTS numbers point to {sectors[suggested].name}: choose it to have the check ask for"
                         " that sector's evidence.")
        else:
            help_text = "Choose the sector of the goods to have the check ask for its own evidence."
        self.commodity_help.setText(help_text)

    def _set_editor(self, editor: QWidget, kind: str, value: Any) -> None:
        editor.blockSignals(True)
        if isinstance(editor, OptionalDate):
            editor.set_value(value)
        elif isinstance(editor, QDateEdit):
            editor.setDate(value)
        elif isinstance(editor, QDoubleSpinBox):
            editor.setValue(value or 0.0)
        elif isinstance(editor, QLineEdit):
            if kind in ("texts", "ints"):
                editor.setText(", ".join(str(v) for v in value))
            else:
                editor.setText(value or "")
        editor.blockSignals(False)

    def _show_deadlines(self) -> None:
        problems = date_order_problems(self.session.case.shipment)
        self.date_order.setText("\n".join(problems))
        self.date_order.setVisible(bool(problems))
        deadlines = sorted(self.session.report.deadlines, key=lambda d: d.date)
        if not deadlines:
            self.deadlines.setText("Enter the shipment's dates to see its deadlines.")
            return
        rows = []
        for deadline in deadlines:
            who = "You" if deadline.acts == "importer" else "CBP"
            if deadline.days_left < 0:
                # A passed CBP deadline is history; a passed deadline of the importer is an alarm.
                when = f"passed {-deadline.days_left} days ago"
                colour = "#b00020" if deadline.acts == "importer" else "#777"
            elif deadline.days_left < 7:
                when, colour = f"{deadline.days_left} days left", "#b00020"
            else:
                when, colour = f"{deadline.days_left} days left", "#222"
            # A passed date says what followed (Deadline.status), never what to do by it.
            text = html.escape(deadline.status)
            if deadline.business_day_before is not None and deadline.days_left >= 0:
                text += (" Not a business day: the last business day before it is "
                         f"{deadline.business_day_before:%A} {deadline.business_day_before.isoformat()}.")
            rows.append(
                f"<p><b style='color:{colour}'>{deadline.date.isoformat()} ({when})</b> - {who}<br>"
                f"{text}<br><span style='color:#666'>{html.escape(citation_label(deadline.citation))}</span></p>"
            )
        self.deadlines.setText("".join(rows))

    def on_regime_activated(self, index: int) -> None:
        self._apply("regime", self.regime.itemData(index), "the regime")

    def on_commodity_activated(self, index: int) -> None:
        self._apply("commodity", self.commodity.itemData(index), "the kind of goods")

    def on_class_of_labor_activated(self, index: int) -> None:
        self._apply("class_of_labor", self.class_of_labor.itemData(index), "the class of labor")

    def commit(self, name: str) -> None:
        kind = next(k for n, _, k, _ in _FIELDS if n == name)
        required = next(r for n, _, _, r in _FIELDS if n == name)
        editor = self.editors[name]
        picker = editor.picker if isinstance(editor, OptionalDate) else editor
        if isinstance(picker, StrictDateEdit) and picker.refusal:
            return  # the refused date is said at the field; nothing changes
        value, problem = self._read(editor, kind, required)
        error = self.errors[name]
        if problem:
            error.setText(problem)
            error.show()
            return
        error.hide()
        self._apply(name, value, _LABELS[name].lower())

    def _apply(self, name: str, value: Any, label: str) -> None:
        before = self.session.case.shipment
        if getattr(before, name) == value:
            return
        after = dataclasses.replace(before, **{name: value})
        self.session.apply(SetShipment(self.session.casefile, self.session, before, after, label))

    @staticmethod
    def _read(editor: QWidget, kind: str, required: bool) -> tuple[Any, str]:
        if isinstance(editor, OptionalDate):
            return editor.value(), ""
        if isinstance(editor, QDateEdit):
            value: dt.date = editor.date().toPython()  # type: ignore[assignment]
            return value, ""
        if isinstance(editor, QDoubleSpinBox):
            number = editor.value()
            if kind == "number" and number <= 0:
                return None, "Enter a quantity above 0."
            return (number if number or kind == "number" else None), ""
        assert isinstance(editor, QLineEdit)
        text = editor.text().strip()
        if required and not text:
            return None, "This is needed: CBP identifies the shipment by it."
        if kind == "country":
            text = text.upper()
            if text and not _COUNTRY.match(text):
                return None, "Use the two-letter country code, like VN for Vietnam."
            return text, ""
        if kind == "texts":
            return split_list(text), ""
        if kind == "ints":
            parts = split_list(text)
            if not all(p.isdigit() and int(p) > 0 for p in parts):
                return None, "Enter line numbers separated by commas, like 1, 2."
            return tuple(int(p) for p in parts), ""
        return text, ""

