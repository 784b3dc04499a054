"""The Withhold Release Order or Finding the goods are held under, on the Shipment page: its
kind and life (issued, modified, revoked, replaced by a Finding), what it covers, the
forced-labor indicators and the producers it names. The check's advice follows its status."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from importer_app.core.catalog_model import Catalog
from importer_app.core.model import ORDER_KINDS, ORDER_STATUSES, DetentionOrder
from importer_app.gui.checked_dialog import CheckedDialog, fit_to_screen
from importer_app.gui.commands import SetOrder
from importer_app.gui.fields import OptionalDate, button_row
from importer_app.gui.session import CaseSession
from importer_app.store.casefile import Change

ORDER_REGIMES = frozenset({"wro", "finding", "modification-request"})
"""The regimes whose goods are held under (or ask about) a Section 307 order."""

KIND_LABELS = {"wro": "Withhold Release Order", "finding": "Finding"}
STATUS_LABELS = {
    "active": "Active: the order holds goods like these",
    "modified": "Modified: CBP changed what the order covers",
    "revoked": "Revoked: the order no longer holds any goods",
    "inactive": "Inactive: CBP lists the order as no longer in force",
}


def indicator_names(catalog: Catalog) -> dict[str, str]:
    """Each forced-labor indicator's name as the catalog gives it, in the catalog's order."""
    # The catalog titles an indicator's item "...named in the order: debt bondage".
    return {row.indicator: row.title.rpartition(": ")[2].capitalize()
            for row in catalog.information_types if row.indicator}


class OrderDialog(CheckedDialog):
    """The order as CBP issued it and as it stands now."""

    def __init__(self, catalog: Catalog, order: DetentionOrder | None, parent: QWidget | None = None) -> None:
        super().__init__("Edit the order" if order else "Record the order the goods are held under", parent)
        order = order or DetentionOrder(kind="wro")
        self.kind = QComboBox()
        for kind in ORDER_KINDS:
            self.kind.addItem(KIND_LABELS[kind], kind)
        self.kind.setCurrentIndex(ORDER_KINDS.index(order.kind))
        self.issued = OptionalDate()
        self.issued.set_value(order.issued)
        self.status = QComboBox()
        for status in ORDER_STATUSES:
            self.status.addItem(STATUS_LABELS[status], status)
        self.status.setCurrentIndex(ORDER_STATUSES.index(order.status))
        self.status_changed = OptionalDate()
        self.status_changed.known.setText("since")
        self.status_changed.set_value(order.status_changed)
        self.goods_outside = QCheckBox("These goods fall outside the modified order")
        self.goods_outside.setChecked(order.goods_outside)
        self.finding_published = OptionalDate()
        self.finding_published.set_value(order.finding_published)
        self.scope = QPlainTextEdit(order.scope)
        self.scope.setPlaceholderText("What the order covers, in its own words: the goods, the producer, the place")
        self.scope.setTabChangesFocus(True)
        self.scope.setMaximumHeight(90)
        self.indicators = QListWidget()
        for ident, name in indicator_names(catalog).items():
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, ident)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if ident in order.indicators else Qt.CheckState.Unchecked)
            self.indicators.addItem(item)
        self.producers = QPlainTextEdit("\n".join(order.producers))
        self.producers.setPlaceholderText("one per line, as written in the order")
        self.producers.setTabChangesFocus(True)
        self.producers.setMaximumHeight(90)
        self.kind.currentIndexChanged.connect(self._enable)
        self.status.currentIndexChanged.connect(self._enable)
        form = QFormLayout(self)
        form.addRow("Kind *", self.kind)
        form.addRow("Issued on", self.issued)
        form.addRow("Status", self.status)
        form.addRow("Status changed", self.status_changed)
        form.addRow("", self.goods_outside)
        form.addRow("A Finding replaced it on", self.finding_published)
        form.addRow("What it covers", self.scope)
        form.addRow("Indicators of forced labor it names", self.indicators)
        form.addRow("Producers and facilities it names", self.producers)
        form.addRow(self.problem)
        form.addRow(self.buttons)
        self._enable()
        fit_to_screen(self, 620, 640)

    def _enable(self) -> None:
        """Only a modified order can leave the goods out; only a WRO can be replaced by a Finding."""
        modified = self.status.currentData() == "modified"
        self.goods_outside.setEnabled(modified)
        if not modified:
            self.goods_outside.setChecked(False)
        self.status_changed.setEnabled(self.status.currentData() != "active")
        self.finding_published.setEnabled(self.kind.currentData() == "wro")

    def check(self) -> str:
        for field in (self.issued, self.status_changed, self.finding_published):
            if field.picker.refusal:
                return field.picker.refusal
        issued = self.issued.value()
        later = ((self.status_changed, "Its status changed"), (self.finding_published, "A Finding replaced it"))
        for field, what in later:
            when = field.value()
            if field.isEnabled() and issued and when and when < issued:
                return (f"{what} on {when.isoformat()}, before it was issued ({issued.isoformat()}):"
                        " correct one of them.")
        return ""

    def order(self) -> DetentionOrder:
        status = self.status.currentData()
        kind = self.kind.currentData()
        return DetentionOrder(
            kind=kind,
            issued=self.issued.value(),
            status=status,
            status_changed=self.status_changed.value() if status != "active" else None,
            goods_outside=self.goods_outside.isChecked(),
            finding_published=self.finding_published.value() if kind == "wro" else None,
            scope=self.scope.toPlainText().strip(),
            indicators=tuple(self.indicators.item(row).data(Qt.ItemDataRole.UserRole)
                             for row in range(self.indicators.count())
                             if self.indicators.item(row).checkState() == Qt.CheckState.Checked),
            producers=tuple(line.strip() for line in self.producers.toPlainText().splitlines() if line.strip()),
        )


class OrderBox(QGroupBox):
    """The recorded order in a few lines, with Record/Edit and Remove; each change one undo step."""

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__("Order the goods are held under", parent)
        self.session = session
        # Replaced in tests: (order or None) -> the edited order, None to cancel.
        self.ask: Callable[[DetentionOrder | None], DetentionOrder | None] = self._ask
        self.confirm_removal: Callable[[], bool] = self._confirm_removal
        intro = QLabel("The order's number goes in the field above. Record what CBP says of the order: a modified or"
                       " revoked order, or a Finding that replaced it, changes what the check advises.")
        intro.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.edit_button = QPushButton()
        self.remove_button = QPushButton("Remove")
        self.edit_button.clicked.connect(self.on_edit)
        self.remove_button.clicked.connect(self.on_remove)
        buttons = button_row(self.edit_button, self.remove_button)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.summary)
        column.addLayout(buttons)
        session.changed.connect(self.on_changed)
        self.show_order()

    def on_changed(self, change: Change) -> None:
        if change.area in ("detention_order", "shipment", "case"):
            self.show_order()

    def show_order(self) -> None:
        self.setVisible(self.session.case.shipment.regime in ORDER_REGIMES)
        order = self.session.case.order
        writable = not self.session.casefile.readonly
        self.edit_button.setText("Edit…" if order else "Record the order…")
        self.edit_button.setEnabled(writable)
        self.remove_button.setEnabled(order is not None and writable)
        self.summary.setText(self.describe(order))

    def describe(self, order: DetentionOrder | None) -> str:
        if order is None:
            return "Not recorded."
        lines = [KIND_LABELS[order.kind] + (f", issued {order.issued.isoformat()}" if order.issued else "")]
        status = STATUS_LABELS[order.status]
        if order.status_changed:
            status += f" (since {order.status_changed.isoformat()})"
        lines.append(status)
        if order.goods_outside:
            lines.append("These goods fall outside the modified order.")
        if order.finding_published:
            lines.append(f"A Finding replaced it on {order.finding_published.isoformat()}.")
        if order.scope:
            lines.append(f"Covers: {order.scope}")
        names = indicator_names(self.session.catalog)
        if order.indicators:
            lines.append("Indicators it names: " + ", ".join(names.get(i, i) for i in order.indicators))
        if order.producers:
            lines.append("Producers and facilities it names: " + "; ".join(order.producers))
        return "\n".join(lines)

    def on_edit(self) -> None:
        before = self.session.case.order
        after = self.ask(before)
        if after is not None and after != before:
            label = "Edit the order" if before else "Record the order"
            self.session.apply(SetOrder(self.session.casefile, self.session, before, after, label))

    def on_remove(self) -> None:
        before = self.session.case.order
        if before is None or not self.confirm_removal():
            return
        self.session.apply(SetOrder(self.session.casefile, self.session, before, None, "Remove the order"))

    def _ask(self, order: DetentionOrder | None) -> DetentionOrder | None:
        dialog = OrderDialog(self.session.catalog, order, self)
        return dialog.order() if dialog.exec() else None

    def _confirm_removal(self) -> bool:
        answer = QMessageBox.question(self, "Remove the order", "Remove what is recorded of the order? Undo brings"
                                      " it back.")
        return answer == QMessageBox.StandardButton.Yes

