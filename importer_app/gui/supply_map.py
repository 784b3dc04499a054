"""The supply chain map: tiers left to right, raw material first, the importer last.

Each company is a box coloured by its completeness; each transfer an arrow labelled with
material and quantity. Wheel zooms, dragging pans, clicking a box selects that company.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from importer_app.core import vocab
from importer_app.core.model import Case, Entity
from importer_app.core.tiers import derive_tiers
from importer_app.gui.labels import as_plain

BOX_W, BOX_H = 210.0, 74.0
COLUMN_GAP, ROW_GAP = 190.0, 40.0
LABEL_CHARS = 26

COMPLETE = QColor("#d9f2e3")
INCOMPLETE = QColor("#fde2c8")
BORDER = QColor("#44546a")


# The screening badge: (mark, colour, tooltip line), by ``screening.in_case.entity_outcomes``.
SCREENING_BADGES = {
    "open": ("!", QColor("#b00020"), "possible match on a forced-labor list: decide on the Review page"),
    "listed": ("L", QColor("#b00020"), "confirmed as a listed entity"),
    "dismissed": ("✓", QColor("#44546a"), "a possible list match was dismissed"),
    "clear": ("✓", QColor("#2e6b3a"), "screened: on neither list"),
    "unscreenable": ("?", QColor("#a15c00"), "name too generic to screen: enter its full registered name"),
    "unscreened": ("?", QColor("#8a8a8a"), "not screened: no list imported"),
}
BADGE = 18


class EntityBox(QGraphicsRectItem):
    """One company on the map, with a badge for its list screening."""

    def __init__(self, entity: Entity, open_items: int, screening: str = "") -> None:
        super().__init__(0, 0, BOX_W, BOX_H)
        self.entity_id = entity.id
        self.setBrush(QBrush(INCOMPLETE if open_items else COMPLETE))
        self.setPen(QPen(BORDER, 1.4))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        status = f"{open_items} item{'s' if open_items != 1 else ''} missing" if open_items else "nothing missing"
        mark, colour, meaning = SCREENING_BADGES.get(screening, ("", BORDER, ""))
        self.screening = screening
        self.setToolTip(as_plain(f"{entity.name}\n{vocab.ROLE_LABELS.get(entity.role, entity.role)}, {entity.country}"
                                 f"\n{status}" + (f"\nScreening: {meaning}" if meaning else "")))
        if mark:
            badge = QGraphicsEllipseItem(BOX_W - BADGE - 6, 6, BADGE, BADGE, self)
            badge.setBrush(QBrush(colour))
            badge.setPen(QPen(Qt.PenStyle.NoPen))
            text = QGraphicsSimpleTextItem(mark, badge)
            text.setBrush(QBrush(QColor("white")))
            bold = QFont()
            bold.setBold(True)
            text.setFont(bold)
            box = text.boundingRect()
            text.setPos(BOX_W - BADGE - 6 + (BADGE - box.width()) / 2, 6 + (BADGE - box.height()) / 2)
        bold = QFont()
        bold.setBold(True)
        lines = [
            (_elide(entity.name, 24 if mark else 30), bold),
            (_elide(entity.name_local, 30), QFont()),
            (f"{vocab.ROLE_LABELS.get(entity.role, entity.role)} · {entity.country}", QFont()),
            (status, QFont()),
        ]
        y = 6.0
        for text, font in lines:
            if not text:
                continue
            item = QGraphicsSimpleTextItem(text, self)
            item.setFont(font)
            item.setPos(8, y)
            y += 16


def _elide(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class SupplyMap(QGraphicsView):
    """The map view. ``entity_clicked(str)`` carries the id of the company clicked."""

    entity_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.boxes: dict[str, EntityBox] = {}
        self.scene().selectionChanged.connect(self.on_selection_changed)

    def show_case(self, case: Case, open_items: dict[str, int], screening: dict[str, str] | None = None) -> None:
        """Lay the case out again (positions are derived, never stored).

        ``screening`` gives each entity's badge (``screening.in_case.entity_outcomes``).
        """
        scene = self.scene()
        scene.blockSignals(True)
        scene.clear()
        scene.blockSignals(False)
        self.boxes = {}
        tiers = derive_tiers(case)
        known = [t for t in tiers.values() if t is not None]
        deepest = max(known, default=0)
        columns: dict[int, list[Entity]] = {}
        for entity in case.entities:
            tier = tiers[entity.id]
            # Unconnected companies stand in a column of their own, left of the raw material.
            column = deepest - tier if tier is not None else -1
            columns.setdefault(column, []).append(entity)
        tallest = max((len(v) for v in columns.values()), default=1)
        for column, members in columns.items():
            x = (column + 1) * (BOX_W + COLUMN_GAP)
            offset = (tallest - len(members)) * (BOX_H + ROW_GAP) / 2
            for row, entity in enumerate(members):
                box = EntityBox(entity, open_items.get(f"entity:{entity.id}", 0), (screening or {}).get(entity.id, ""))
                box.setPos(x, offset + row * (BOX_H + ROW_GAP))
                scene.addItem(box)
                self.boxes[entity.id] = box
        for column in columns:
            label = "Not connected" if column == -1 else f"Tier {deepest - column}"
            heading = scene.addSimpleText(label)
            heading.setPos((column + 1) * (BOX_W + COLUMN_GAP), -30)
        for link in case.links:
            if link.source in self.boxes and link.target in self.boxes:
                self._arrow(self.boxes[link.source], self.boxes[link.target],
                            f"{_elide(link.material, LABEL_CHARS)}\n{link.quantity:,.10g} {link.unit}",
                            open_items.get(f"link:{link.id}", 0))
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-40, -40, 40, 40))
        self.fit()

    def _arrow(self, source: EntityBox, target: EntityBox, label: str, open_items: int) -> None:
        start = source.sceneBoundingRect()
        end = target.sceneBoundingRect()
        if end.left() >= start.right():
            a, b = QPointF(start.right(), start.center().y()), QPointF(end.left(), end.center().y())
        else:
            a, b = QPointF(start.center().x(), start.bottom()), QPointF(end.center().x(), end.top())
        path = QPainterPath(a)
        path.lineTo(b)
        pen = QPen(QColor("#c0504d") if open_items else BORDER, 1.6)
        line = QGraphicsPathItem(path)
        line.setPen(pen)
        line.setZValue(-1)
        self.scene().addItem(line)
        angle = math.atan2(b.y() - a.y(), b.x() - a.x())
        head = QPolygonF([
            b,
            b - QPointF(math.cos(angle - 0.4) * 11, math.sin(angle - 0.4) * 11),
            b - QPointF(math.cos(angle + 0.4) * 11, math.sin(angle + 0.4) * 11),
        ])
        self.scene().addPolygon(head, pen, QBrush(pen.color()))
        text = self.scene().addSimpleText(label)
        middle = QLineF(a, b).pointAt(0.5)
        bounds = text.boundingRect()
        text.setPos(middle.x() - bounds.width() / 2, middle.y() - bounds.height() - 2)

    def select_entity(self, entity_id: str) -> None:
        box = self.boxes.get(entity_id)
        self.scene().blockSignals(True)
        self.scene().clearSelection()
        if box is not None:
            box.setSelected(True)
            self.ensureVisible(box)
        self.scene().blockSignals(False)

    def on_selection_changed(self) -> None:
        selected = [item for item in self.scene().selectedItems() if isinstance(item, EntityBox)]
        if selected:
            self.entity_clicked.emit(selected[0].entity_id)

    def wheelEvent(self, event: QWheelEvent) -> None:
        factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
        scale = self.transform().m11() * factor
        if 0.2 <= scale <= 4.0:
            self.scale(factor, factor)

    def fit(self) -> None:
        """Show the whole chain, but never magnified: small chains stay at their natural size."""
        self.resetTransform()
        rect = self.scene().sceneRect()
        view = self.viewport().rect()
        if rect.width() > 0 and rect.height() > 0:
            factor = min(1.0, view.width() / rect.width(), view.height() / rect.height())
            self.scale(factor, factor)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()
