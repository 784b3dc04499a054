"""The supply chain map: tiers left to right, raw material first, the importer last.

Each company is a box coloured by its completeness; each transfer an arrow labelled with
material and quantity. Wheel zooms, dragging pans, clicking a box selects that company.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF, QResizeEvent, QWheelEvent
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
from importer_app.core.chain_layers import chain_layers
from importer_app.core.model import Case, Entity
from importer_app.core.tiers import derive_tiers
from importer_app.gui.labels import as_plain

BOX_W, BOX_H = 210.0, 74.0
COLUMN_GAP, ROW_GAP = 190.0, 40.0
TEXT_PAD = 8.0

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
        local = f"\n{entity.name_local}" if entity.name_local else ""
        self.setToolTip(as_plain(f"{entity.name}{local}\n{vocab.ROLE_LABELS.get(entity.role, entity.role)}, {entity.country}"
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
        inner = BOX_W - 2 * TEXT_PAD
        lines = [
            (entity.name, bold, inner - (BADGE + 4 if mark else 0)),
            (entity.name_local, QFont(), inner),
            (f"{vocab.ROLE_LABELS.get(entity.role, entity.role)} · {entity.country}", QFont(), inner),
            (status, QFont(), inner),
        ]
        y = 6.0
        for text, font, room in lines:
            if not text:
                continue
            # Long names (and names in Chinese or Vietnamese, wider per character) are cut to the
            # box with an ellipsis; the tooltip gives them whole.
            item = QGraphicsSimpleTextItem(fitted(text, font, room), self)
            item.setFont(font)
            item.setPos(TEXT_PAD, y)
            y += 16


def fitted(text: str, font: QFont, width: float) -> str:
    """``text`` as it fits ``width`` pixels in ``font``, cut with an ellipsis when it does not."""
    return QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, width)


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
        ids = [entity.id for entity in case.entities]
        suppliers: dict[str, list[str]] = {entity_id: [] for entity_id in ids}
        buyers: dict[str, list[str]] = {entity_id: [] for entity_id in ids}
        for link in case.links:
            if link.source in suppliers and link.target in suppliers:
                suppliers[link.target].append(link.source)
                buyers[link.source].append(link.target)
        # The bundle's map places its boxes the same way: the window shows the chain CBP will read.
        layers = chain_layers(ids, derive_tiers(case), suppliers, buyers)
        for entity in case.entities:
            box = EntityBox(entity, open_items.get(f"entity:{entity.id}", 0), (screening or {}).get(entity.id, ""))
            box.setPos(layers.columns[entity.id] * (BOX_W + COLUMN_GAP), layers.rows[entity.id] * (BOX_H + ROW_GAP))
            scene.addItem(box)
            self.boxes[entity.id] = box
        for column, tier in enumerate(layers.column_tiers):
            heading = scene.addSimpleText("Not connected" if tier is None else f"Tier {tier}")
            heading.setPos(column * (BOX_W + COLUMN_GAP), -30)
        label_room = COLUMN_GAP - 20
        for link in case.links:
            if link.source in self.boxes and link.target in self.boxes:
                self._arrow(self.boxes[link.source], self.boxes[link.target],
                            f"{fitted(link.material, QFont(), label_room)}\n"
                            f"{fitted(f'{link.quantity:,.10g} {link.unit}', QFont(), label_room)}",
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
