"""The Supply chain page: companies and transfers as tables, and the map."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from importer_app.core.errors import AppError
from importer_app.core.safe_names import safe_file_name
from importer_app.gui.commands import (
    AddEntity,
    AddLink,
    Compound,
    RemoveEntity,
    RemoveLink,
    ReopenNotApplicable,
    SetNotApplicable,
    StoreCommand,
    UpdateEntity,
    UpdateLink,
)
from importer_app.gui.models import (
    EntityTableModel,
    LinkTableModel,
    open_findings_by_scope,
)
from importer_app.gui.document_removal import documents_tied_to, untie_question
from importer_app.gui.first_step import FirstStep
from importer_app.gui.labels import as_plain
from importer_app.gui.session import CaseSession
from importer_app.gui.supply_dialogs import EntityDialog, LinkDialog
from importer_app.gui.supply_map import SupplyMap
from importer_app.screening.in_case import entity_outcomes
from importer_app.store.casefile import Change


def _table(model: EntityTableModel | LinkTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    view.verticalHeader().setDefaultSectionSize(24)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    return view


class SupplyChainPage(QWidget):
    """Who made what, where, and what passed between them.

    ``entity_selected(str)`` carries the id of the company the user picked (table or map),
    so the Documents page can show that company's documents.
    """

    entity_selected = Signal(str)

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.confirm: Callable[[str, str], bool] = self._confirm
        self.entity_model = EntityTableModel(session, self)
        self.link_model = LinkTableModel(session, self)
        self.entity_view = _table(self.entity_model)
        self.link_view = _table(self.link_model)
        self.map = SupplyMap()

        tables = QWidget()
        column = QVBoxLayout(tables)
        column.addWidget(QLabel("<b>Companies</b> from raw material to importer"))
        column.addWidget(self.entity_view)
        column.addLayout(self._buttons("Add company…", self.on_add_entity, "Edit…", self.on_edit_entity,
                                       "Remove", self.on_remove_entity,
                                       "Request letter…", self.on_request_letter))
        column.addWidget(QLabel("<b>Transfers</b> of material between them"))
        column.addWidget(self.link_view)
        column.addLayout(self._buttons("Add transfer…", self.on_add_link, "Edit…", self.on_edit_link,
                                       "Remove", self.on_remove_link))

        map_box = QWidget()
        map_column = QVBoxLayout(map_box)
        legend = QLabel("Map: raw material on the left, the importer on the right. Green: nothing missing;"
                        " orange: documents missing. Badge: ✓ screened against the lists, ! possible list match to"
                        " decide on the Review page, ? not screened. Wheel zooms, drag to move, click a company.")
        legend.setWordWrap(True)
        map_column.addWidget(legend)
        map_column.addWidget(self.map)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(map_box)
        splitter.addWidget(tables)
        splitter.setSizes([420, 380])
        self.first_step = FirstStep()
        page = QVBoxLayout(self)
        page.addWidget(self.first_step)
        page.addWidget(splitter)

        self.entity_view.doubleClicked.connect(self.on_edit_entity)
        self.link_view.doubleClicked.connect(self.on_edit_link)
        self.entity_view.selectionModel().currentRowChanged.connect(self.on_entity_row_changed)
        self.map.entity_clicked.connect(self.on_map_entity_clicked)
        session.changed.connect(self.on_changed)
        self._show_map()
        self._show_first_step()

    def _buttons(self, *pairs: object) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, slot in zip(pairs[::2], pairs[1::2]):
            button = QPushButton(str(text))
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        return row

    def on_changed(self, change: Change) -> None:
        self._show_map()
        self._show_first_step()

    def _show_first_step(self) -> None:
        case = self.session.case
        suppliers = [e for e in case.entities if e.role not in ("importer", "ultimate_consignee")]
        if not suppliers:
            self.first_step.show_step("First add the company that sold you the goods; then the companies before it,"
                                      " back to the raw material.", "Add company…", self.on_add_entity)
        elif not case.links:
            self.first_step.show_step("Now add the transfers: what each company shipped to the next one.",
                                      "Add transfer…", self.on_add_link)
        else:
            self.first_step.hide()

    def _show_map(self) -> None:
        self.map.show_case(self.session.case, open_findings_by_scope(self.session),
                           entity_outcomes(self.session.screening, self.session.case.screening_decisions))

    def on_map_entity_clicked(self, entity_id: str) -> None:
        row = self.entity_model.row_of(entity_id)
        if row >= 0:
            self.entity_view.selectionModel().setCurrentIndex(
                self.entity_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.entity_selected.emit(entity_id)

    def on_entity_row_changed(self, current: object, previous: object) -> None:
        entity_id = self.selected_entity_id()
        if entity_id:
            self.map.select_entity(entity_id)
            self.entity_selected.emit(entity_id)

    def select(self, kind: str, key: str) -> None:
        """Select an entity (``kind`` "entity") or a link in its table."""
        view, model = (self.entity_view, self.entity_model) if kind == "entity" else (self.link_view, self.link_model)
        rows = model.rowCount()
        row = next((r for r in range(rows) if model.index(r, 0).data(Qt.ItemDataRole.UserRole) == key), -1)
        if row >= 0:
            view.selectionModel().setCurrentIndex(
                model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            view.scrollTo(model.index(row, 0))

    def selected_entity_id(self) -> str:
        index = self.entity_view.currentIndex()
        return self.entity_model.entity_at(index.row()).id if index.isValid() else ""

    def selected_link_id(self) -> str:
        index = self.link_view.currentIndex()
        return self.link_model.link_at(index.row()).id if index.isValid() else ""

    def on_add_entity(self) -> None:
        dialog = EntityDialog(self.session.case, parent=self, catalog=self.session.catalog)
        if dialog.exec():
            self._apply_entity(dialog, AddEntity(self.session.casefile, self.session, dialog.entity()))

    def on_edit_entity(self) -> None:
        entity_id = self.selected_entity_id()
        if not entity_id:
            return
        before = self.session.case.entity(entity_id)
        dialog = EntityDialog(self.session.case, before, parent=self, catalog=self.session.catalog)
        if dialog.exec():
            self._apply_entity(dialog, UpdateEntity(self.session.casefile, self.session, before, dialog.entity())
                               if dialog.entity() != before else None)

    def _apply_entity(self, dialog: EntityDialog, edit: AddEntity | UpdateEntity | None) -> None:
        """The company's edit and the reason its address is not in the region, as one undo step."""
        before, after = dialog.location_decision()
        parts: list[StoreCommand] = [edit] if edit is not None else []
        if after is not None and after != before:
            parts.append(SetNotApplicable(self.session.casefile, self.session, after, before,
                                          f"the location of {dialog.entity().name}"))
        elif after is None and before is not None:
            parts.append(ReopenNotApplicable(self.session.casefile, self.session, before,
                                             f"the location of {dialog.entity().name}"))
        if len(parts) == 1:
            self.session.apply(parts[0])
        elif parts:
            self.session.apply(Compound(self.session.casefile, self.session, parts[0].text(), parts))

    def on_remove_entity(self) -> None:
        entity_id = self.selected_entity_id()
        if not entity_id:
            return
        entity = self.session.case.entity(entity_id)
        if any(entity_id in (k.source, k.target) for k in self.session.case.links):
            QMessageBox.information(self, "Remove company",
                                    as_plain(f"{entity.name} still has transfers. Remove its transfers first."))
            return
        tied = documents_tied_to(self.session, f"entity:{entity_id}")
        if tied and not self.confirm("Remove company", untie_question(self.session, f"entity:{entity_id}", tied)):
            return
        self.session.apply(RemoveEntity(self.session.casefile, self.session, entity, tied))

    def on_request_letter(self) -> None:
        entity_id = self.selected_entity_id()
        if not entity_id:
            QMessageBox.information(self, "Request letter", "Select the supplier to write to first.")
            return
        name = self.session.case.entity(entity_id).name
        suggested = self.session.path.parent / safe_file_name(f"request-{entity_id}", ".pdf")
        target, _ = QFileDialog.getSaveFileName(self, f"Save the letter to {name}", str(suggested), "PDF (*.pdf)")
        if target:
            self.write_request_letter(entity_id, Path(target))

    def write_request_letter(self, entity_id: str, target: Path) -> bool:
        """Write the letter listing what is missing from a supplier; False when nothing is."""
        from importer_app.bundle.pages.request_letter import request_letter
        from importer_app.fileio import write_file_atomically

        case = self.session.case
        pdf = request_letter(case, self.session.report, self.session.catalog, entity_id, today=self.session.report.today)
        if pdf is None:
            QMessageBox.information(self, "Request letter",
                                    as_plain(f"Nothing is missing from {case.entity(entity_id).name}; no letter is needed."))
            return False
        try:
            write_file_atomically(target, pdf)
        except AppError as error:
            QMessageBox.warning(self, "Request letter", as_plain(str(error)))
            return False
        return True

    def on_add_link(self) -> None:
        if len(self.session.case.entities) < 2:
            QMessageBox.information(self, "Add transfer", "Add the two companies of the transfer first.")
            return
        dialog = LinkDialog(self.session.case, parent=self)
        if dialog.exec():
            self.session.apply(AddLink(self.session.casefile, self.session, dialog.link()))

    def on_edit_link(self) -> None:
        link_id = self.selected_link_id()
        if not link_id:
            return
        before = next(k for k in self.session.case.links if k.id == link_id)
        dialog = LinkDialog(self.session.case, before, parent=self)
        if dialog.exec() and dialog.link() != before:
            self.session.apply(UpdateLink(self.session.casefile, self.session, before, dialog.link()))

    def on_remove_link(self) -> None:
        link_id = self.selected_link_id()
        if not link_id:
            return
        link = next(k for k in self.session.case.links if k.id == link_id)
        tied = documents_tied_to(self.session, f"link:{link_id}")
        if tied and not self.confirm("Remove transfer", untie_question(self.session, f"link:{link_id}", tied)):
            return
        self.session.apply(RemoveLink(self.session.casefile, self.session, link, tied))

    def _confirm(self, title: str, question: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes
