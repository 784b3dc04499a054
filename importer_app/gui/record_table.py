"""A table of records the case keeps (CBP's requests, requests for more time) with Add, Edit and
Remove under it; each change is one undo step, made by the box that shows the records."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Generic, TypeVar

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from importer_app.gui.fields import button_row
from importer_app.gui.session import CaseSession
from importer_app.store.casefile import Change

R = TypeVar("R")


class RecordTableBox(QGroupBox, Generic[R]):
    """Subclasses say which records to show and how, and make the undo steps that change them.

    ``ask`` and ``confirm_removal`` are attributes so that tests can answer for the user.
    """

    def __init__(self, session: CaseSession, title: str, intro: str, columns: Sequence[str], *,
                 add_label: str, stretch: Sequence[int], areas: Sequence[str], minimum_height: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.session = session
        self.areas = frozenset(areas)
        self.ask: Callable[[R | None], R | None] = self.dialog_answer
        self.confirm_removal: Callable[[R], bool] = self._confirm_removal
        explanation = QLabel(intro)
        explanation.setWordWrap(True)
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels(list(columns))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in range(len(columns)):
            mode = QHeaderView.ResizeMode.Stretch if column in stretch else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(column, mode)
        self.table.setMinimumHeight(minimum_height)
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.doubleClicked.connect(self.on_edit)
        self.add_button = QPushButton(add_label)
        self.edit_button = QPushButton("Edit…")
        self.remove_button = QPushButton("Remove")
        self.add_button.clicked.connect(self.on_add)
        self.edit_button.clicked.connect(self.on_edit)
        self.remove_button.clicked.connect(self.on_remove)
        column = QVBoxLayout(self)
        column.addWidget(explanation)
        column.addWidget(self.table)
        column.addLayout(button_row(self.add_button, self.edit_button, self.remove_button))
        self._shown: list[R] = []
        session.changed.connect(self.on_changed)

    # What a subclass says about its records.

    def records(self) -> Sequence[R]:
        raise NotImplementedError

    def texts(self, record: R) -> Sequence[str]:
        raise NotImplementedError

    def key(self, record: R) -> Hashable:
        """What stays the same when a record is edited, to keep it selected."""
        return self._shown.index(record)

    def style(self, item: QTableWidgetItem, column: int, record: R) -> None:
        """Colour a cell that needs the user's attention."""

    def dialog_answer(self, record: R | None) -> R | None:
        raise NotImplementedError

    def removal_question(self, record: R) -> tuple[str, str]:
        raise NotImplementedError

    # The undo steps a subclass makes.

    def add(self, record: R) -> None:
        raise NotImplementedError

    def edit(self, before: R, after: R) -> None:
        raise NotImplementedError

    def remove(self, record: R) -> None:
        raise NotImplementedError

    def on_changed(self, change: Change) -> None:
        if change.area in self.areas:
            self.show_records()

    def show_records(self) -> None:
        selected = self.selected()
        kept = self.key(selected) if selected is not None else None
        self._shown = list(self.records())
        self.table.setRowCount(len(self._shown))
        for row, record in enumerate(self._shown):
            for column, text in enumerate(self.texts(record)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.style(item, column, record)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        keys = [self.key(record) for record in self._shown]
        if kept is not None and kept in keys:
            self.table.selectRow(keys.index(kept))
        self._enable()

    def selected(self) -> R | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self._shown):
            return None
        return self._shown[rows[0].row()]

    def _enable(self) -> None:
        writable = not self.session.casefile.readonly
        chosen = self.selected() is not None and writable
        self.add_button.setEnabled(writable)
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def on_add(self) -> None:
        added = self.ask(None)
        if added is not None:
            self.add(added)

    def on_edit(self) -> None:
        before = self.selected()
        if before is None:
            return
        after = self.ask(before)
        if after is not None and after != before:
            self.edit(before, after)

    def on_remove(self) -> None:
        before = self.selected()
        if before is not None and self.confirm_removal(before):
            self.remove(before)

    def _confirm_removal(self, record: R) -> bool:
        title, question = self.removal_question(record)
        return QMessageBox.question(self, title, question) == QMessageBox.StandardButton.Yes
