"""Table models over the session's case: row ids plus the session's cached case.

Models refresh from the session's ``changed`` signal when the area they show changed; views
never poll.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from importer_app.core import vocab
from importer_app.core.model import Entity, Link
from importer_app.core.tiers import derive_tiers
from importer_app.gui.labels import as_plain
from importer_app.gui.session import CaseSession
from importer_app.gui.supply_dialogs import MATERIAL_CLASS_LABELS, payment_label
from importer_app.store.casefile import Change

_Index = QModelIndex | QPersistentModelIndex


def open_findings_by_scope(session: CaseSession) -> dict[str, int]:
    """How many blocking findings each scope has."""
    counts: dict[str, int] = {}
    for finding in session.report.findings:
        if finding.severity == "missing":
            counts[finding.scope] = counts.get(finding.scope, 0) + 1
    return counts


class CaseTableModel(QAbstractTableModel):
    """A table over the session's case, reloaded from it after every change."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, session: CaseSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._reload()
        session.changed.connect(self.on_changed)

    def on_changed(self, change: Change) -> None:
        # Findings change with every edit, and the badge column shows them.
        self.beginResetModel()
        self._reload()
        self.endResetModel()

    def _reload(self) -> None:
        raise NotImplementedError

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None


class EntityTableModel(CaseTableModel):
    """The supply chain's companies, one row each, in case order."""

    HEADERS = ("Company", "Role", "Country", "Tier", "Open items")

    def _reload(self) -> None:
        self.entities: list[Entity] = list(self.session.case.entities)
        self._tiers = derive_tiers(self.session.case)
        self._open = open_findings_by_scope(self.session)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entities)

    def entity_at(self, row: int) -> Entity:
        return self.entities[row]

    def row_of(self, entity_id: str) -> int:
        return next((i for i, e in enumerate(self.entities) if e.id == entity_id), -1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entities):
            return None
        entity = self.entities[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            tier = self._tiers.get(entity.id)
            values = (
                entity.name,
                vocab.ROLE_LABELS.get(entity.role, entity.role),
                entity.country,
                "" if tier is None else str(tier),
                str(self._open.get(f"entity:{entity.id}", 0) or ""),
            )
            return values[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            owner = f"Owned by {entity.owner}" if entity.owner else ""
            return as_plain("\n".join(part for part in (entity.name, entity.name_local, entity.address, owner) if part))
        if role == Qt.ItemDataRole.UserRole:
            return entity.id
        return None


class LinkTableModel(CaseTableModel):
    """The transfers of material between companies, one row each."""

    HEADERS = ("From", "To", "Material", "Quantity", "Shipped", "Open items")

    def _reload(self) -> None:
        self.links: list[Link] = list(self.session.case.links)
        self._names = {e.id: e.name for e in self.session.case.entities}
        self._open = open_findings_by_scope(self.session)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.links)

    def link_at(self, row: int) -> Link:
        return self.links[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.links):
            return None
        link = self.links[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                self._names.get(link.source, link.source),
                self._names.get(link.target, link.target),
                link.material,
                f"{link.quantity:,.10g} {link.unit}",
                link.shipped.isoformat() if link.shipped else "",
                str(self._open.get(f"link:{link.id}", 0) or ""),
            )
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            terms = f"Payment: {payment_label(link.payment_terms)}" if link.payment_terms else ""
            return as_plain("\n".join(part for part in (
                link.material, MATERIAL_CLASS_LABELS[link.material_class], terms) if part))
        if role == Qt.ItemDataRole.UserRole:
            return link.id
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
