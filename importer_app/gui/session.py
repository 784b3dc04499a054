"""One open case in the window: the case file, the latest case and report, the undo stack.

The session is the only object that talks to the store from the GUI, always on the GUI
thread. Every edit goes through :meth:`apply` as an undoable command; after each change the
case is reloaded from the file (the one source of truth) and checked again, and ``changed``
tells every view what area changed so it can decide whether to refresh.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from importer_app.case.check import check_case
from importer_app.core.catalog import Catalog
from importer_app.core.errors import AppError
from importer_app.core.model import Case
from importer_app.core.report import Report
from importer_app.gui.commands import StoreCommand
from importer_app.screening.in_case import CaseScreening, Lists, adopt_lists, lists_to_use
from importer_app.store.casefile import CaseFile, Change

log = logging.getLogger(__name__)


class CaseSession(QObject):
    """An open case.

    Signals:
        changed(Change): after every edit, undo and redo, with what changed.
        failed(str): an edit, undo or redo was refused; the sentence says why.
    """

    changed = Signal(object)
    failed = Signal(str)

    def __init__(self, casefile: CaseFile, catalog: Catalog, today: Callable[[], dt.date] = dt.date.today,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.casefile = casefile
        self.catalog = catalog
        self._today = today
        self.undo_stack = QUndoStack(self)
        self.list_problem = ""
        self._lists = self._pick_lists()
        checked = check_case(casefile, catalog, today(), lists=self._lists)
        self.case: Case = checked.case
        self.screening: CaseScreening = checked.screening
        self.report: Report = checked.report

    @property
    def path(self) -> Path:
        return self.casefile.path

    def today(self) -> dt.date:
        """The date the case is checked against, and printed in what the window generates."""
        return self._today()

    def apply(self, command: StoreCommand) -> bool:
        """Run an edit and put it on the undo stack; False (and ``failed``) when refused."""
        try:
            change = command.first_redo()
        except AppError as error:
            self.failed.emit(str(error))
            return False
        self.undo_stack.push(command)
        self._refresh(change)
        return True

    def lists_changed(self) -> None:
        """A list was imported on this computer: keep it in the case and screen again."""
        self._lists = self._pick_lists()
        self._refresh(Change("screening", "update", "lists"))

    def _pick_lists(self) -> Lists:
        """The list versions to screen against, copying this computer's newer ones into the case.

        Read once on opening and after each import, not on every edit: the data folder keeps
        every version ever imported.
        """
        self.list_problem = ""
        try:
            if not self.casefile.readonly:
                adopt_lists(self.casefile)
            return lists_to_use(self.casefile)
        except AppError as error:
            log.warning("list versions unavailable: %s", error)
            self.list_problem = str(error)
            return {}, frozenset()

    def refresh_after(self, change: Change) -> None:
        """Take in a change made outside an undo command (document intake)."""
        self._refresh(change)

    # commands.Notify: undo and redo report here.
    def command_changed(self, change: Change) -> None:
        self._refresh(change)

    def command_failed(self, message: str) -> None:
        self.failed.emit(message)
        # The stack and the file may disagree now; the file is the truth.
        self._refresh(Change("case", "update", "case"))

    def _refresh(self, change: Change) -> None:
        checked = check_case(self.casefile, self.catalog, self._today(), lists=self._lists, previous=self.screening)
        self.case, self.screening, self.report = checked.case, checked.screening, checked.report
        self.changed.emit(change)

    def close(self) -> None:
        self.undo_stack.clear()
        self.casefile.close()
