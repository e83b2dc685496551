"""The image of the black-out editor, on which the areas are drawn, moved and resized."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

MIN_DRAG_PIXELS = 4  # a shorter drag is a click
ZOOM_STEP = 1.25
SELECTED_OUTLINE = QColor("#ff9800")
ARROWS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}


class BlackOut(QGraphicsRectItem):
    """One black-out area, in image pixels; a selected one gets a bright outline."""

    def __init__(self, rect: QRectF) -> None:
        super().__init__(rect)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(1)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        if self.isSelected():
            pen = QPen(SELECTED_OUTLINE, 3)
            pen.setCosmetic(True)  # the same width at every zoom
            painter.setPen(pen)
            painter.drawRect(self.rect())


class RedactionCanvas(QGraphicsView):
    """The image; a left-button drag adds an area, arrows move one (with Shift: resize)."""

    areas_changed = Signal()  # an area was added or removed

    def __init__(self, pixmap: QPixmap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.image = QGraphicsPixmapItem(pixmap)
        self.image.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.image)
        self.setSceneRect(self.image.boundingRect())
        self.areas: list[BlackOut] = []
        self.editable = True
        self._fitted = True
        self._drawing: BlackOut | None = None
        self._start = QPointF()
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setBackgroundBrush(QColor("#5a5a5a"))
        self.viewport().setCursor(Qt.CursorShape.CrossCursor)

    def add_area(self, rect: QRectF) -> BlackOut:
        area = BlackOut(rect.normalized().intersected(self.sceneRect()))
        self.scene().addItem(area)
        self.areas.append(area)
        if not area.rect().isEmpty():  # one being drawn counts once the drag ends
            self.areas_changed.emit()
        return area

    def remove(self, areas: list[BlackOut]) -> None:
        for area in areas:
            self.areas.remove(area)
            self.scene().removeItem(area)
        if areas:
            self.areas_changed.emit()

    def selected(self) -> list[BlackOut]:
        return [area for area in self.areas if area.isSelected()]

    def select_only(self, area: BlackOut) -> None:
        self.scene().clearSelection()
        area.setSelected(True)
        self.ensureVisible(area)

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        self.scene().clearSelection()
        for area in self.areas:
            area.setVisible(editable)
        cursor = Qt.CursorShape.CrossCursor if editable else Qt.CursorShape.ArrowCursor
        self.viewport().setCursor(cursor)

    def zoom(self, factor: float) -> None:
        if 0.02 <= self.transform().m11() * factor <= 16:
            self._fitted = False
            self.scale(factor, factor)

    def fit(self) -> None:
        self._fitted = True
        self.fitInView(self.image, Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self._fitted:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(ZOOM_STEP ** (event.angleDelta().y() / 120))
            event.accept()
        else:
            super().wheelEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        on_area = isinstance(self.itemAt(event.position().toPoint()), BlackOut)
        if not self.editable or event.button() != Qt.MouseButton.LeftButton or on_area:
            super().mousePressEvent(event)
            return
        self.scene().clearSelection()
        self._start = self.mapToScene(event.position().toPoint())
        self._drawing = self.add_area(QRectF(self._start, self._start))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if self._drawing is None:
            super().mouseMoveEvent(event)
            return
        end = self.mapToScene(event.position().toPoint())
        self._drawing.setRect(QRectF(self._start, end).normalized().intersected(self.sceneRect()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        area, self._drawing = self._drawing, None
        if area is None:
            super().mouseReleaseEvent(event)
            return
        on_screen = self.mapFromScene(area.rect()).boundingRect()
        if min(on_screen.width(), on_screen.height()) < MIN_DRAG_PIXELS:
            self.areas.remove(area)  # a click, not an area: nothing changed
            self.scene().removeItem(area)
        else:
            self.select_only(area)
            self.areas_changed.emit()

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 - Qt's name
        """Tab walks through the areas before it leaves the image."""
        selected = self.selected()
        index = self.areas.index(selected[0]) if selected else (-1 if next else len(self.areas))
        index += 1 if next else -1
        if self.editable and 0 <= index < len(self.areas):
            self.select_only(self.areas[index])
            return True
        self.scene().clearSelection()
        return super().focusNextPrevChild(next)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        step = ARROWS.get(Qt.Key(event.key()))
        if not self.editable or step is None or not self.selected():
            super().keyPressEvent(event)
            return
        bounds = self.sceneRect()
        dx, dy = step[0] * bounds.width() / 100, step[1] * bounds.height() / 100
        grow = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        for area in self.selected():
            rect = area.rect().adjusted(0, 0, dx, dy) if grow else area.rect().translated(dx, dy)
            if rect.width() > 1 and rect.height() > 1:
                area.setRect(rect.intersected(bounds))
