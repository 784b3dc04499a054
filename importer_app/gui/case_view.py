"""An open case: the step navigator on the left, the step's page on the right."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QWidget,
)

from importer_app.case.intake import AddOptions
from importer_app.gui.documents_page import DocumentsPage
from importer_app.gui.export_page import ExportPage
from importer_app.gui.forms_page import FormsPage
from importer_app.gui.review_page import ReviewPage
from importer_app.gui.session import CaseSession
from importer_app.gui.shipment_page import ShipmentPage
from importer_app.gui.supply_page import SupplyChainPage
from importer_app.core.plural import counted

# Which findings each step's badge counts, by finding kind.
STEP_KINDS: dict[str, frozenset[str]] = {
    "Shipment": frozenset({"deadline"}),
    "Supply chain": frozenset({"structure", "quantity", "chronology", "screening"}),
    "Documents": frozenset({"requirement", "translation", "reference", "preflight"}),
}
# The Review step counts every blocking finding, as `importer-app check` does.
STEP_KINDS["Review"] = frozenset().union(*STEP_KINDS.values(), {"deadline"})


class _CurrentPageStack(QStackedWidget):
    """A stack as large as the page it shows, not as its largest page: the window can then be
    as narrow as the current page allows (a scroll area takes the rest), and a page that grows
    (a long file name, a filter) never widens the window."""

    def __init__(self) -> None:
        super().__init__()
        self.currentChanged.connect(self._fit)

    def _fit(self, index: int) -> None:
        for row in range(self.count()):
            policy = QSizePolicy.Policy.Preferred if row == index else QSizePolicy.Policy.Ignored
            self.widget(row).setSizePolicy(policy, policy)
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()


class CaseView(QWidget):
    """An open case: the step navigator on the left, the step's page on the right."""

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.steps = QListWidget()
        self.steps.setFixedWidth(170)
        self.pages = _CurrentPageStack()
        self.shipment_page = ShipmentPage(session)
        self.supply_page = SupplyChainPage(session)
        self.documents_page = DocumentsPage(session)
        self.review_page = ReviewPage(session)
        self.forms_page = FormsPage(session)
        self.export_page = ExportPage(session)
        self.supply_page.entity_selected.connect(self.documents_page.filter_by_entity)
        self.review_page.go_to.connect(self.go_to)
        self.review_page.add_documents.connect(self.on_add_documents)
        self.review_page.step_requested.connect(self.show_step)
        for name, page in (("Shipment", self.shipment_page), ("Supply chain", self.supply_page),
                           ("Documents", self.documents_page), ("Review", self.review_page),
                           ("Forms", self.forms_page), ("Export", self.export_page)):
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.steps.addItem(item)
            self.pages.addWidget(page)
        self.steps.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.steps.setCurrentRow(0)
        self.pages._fit(self.pages.currentIndex())
        # Below a page's own minimum (a small screen, a large font) the page scrolls instead of
        # pushing the window past the screen's edge.
        scroller = QScrollArea()
        scroller.setWidget(self.pages)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        layout = QHBoxLayout(self)
        layout.addWidget(self.steps)
        layout.addWidget(scroller, 1)

    def update_badges(self) -> None:
        for row in range(self.steps.count()):
            item = self.steps.item(row)
            name = item.data(Qt.ItemDataRole.UserRole)
            kinds = STEP_KINDS.get(name, frozenset())
            count = sum(1 for f in self.session.report.findings if f.severity == "missing" and f.kind in kinds)
            item.setText(f"{name}   ({count} open)" if count else name)
            item.setToolTip(f"{counted(count, 'item')} CBP would find missing" if count else "Nothing missing here")

    def go_to(self, scope: str) -> None:
        """Show the page where a scope (``entity:ID``, ``link:ID``, ``document:PATH``) is edited."""
        kind, _, key = scope.partition(":")
        if kind == "document":
            self.show_step("Documents")
            self.documents_page.select(key)
        elif kind in ("entity", "link"):
            self.show_step("Supply chain")
            self.supply_page.select(kind, key)
        else:
            self.show_step("Shipment")
            if kind == "shipment":
                self.shipment_page.show_box(key)

    def on_add_documents(self, paths: list[Path], options: AddOptions) -> None:
        self.show_step("Documents")
        self.documents_page.add_paths(paths, options)

    def step_names(self) -> list[str]:
        return [self.steps.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.steps.count())]

    def show_step(self, name: str) -> None:
        for row in range(self.steps.count()):
            if self.steps.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.steps.setCurrentRow(row)
