"""Drawing black-out areas on an ID image, and seeing the protected copy as it will leave."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QPushButton,
    QStyleOptionGraphicsItem,
    QVBoxLayout,
    QWidget,
)

from appealdesk.domain.enums import Platform
from appealdesk.domain.models import EvidenceItem
from appealdesk.i18n import _, current_language
from appealdesk.services.protected_copy import read_original, render_image, watermark_text
from appealdesk.store.database import Database
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.widgets.dialog_parts import ErrorLine, ok_cancel
from appealdesk.ui.widgets.plain_text import plain_label

Submit = Callable[[list[list[float]], Callable[[str], None]], bool]

EDIT_MAX_SIDE = 2400  # plenty to see what to cover; fractions do not depend on it
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
        return area

    def remove(self, areas: list[BlackOut]) -> None:
        for area in areas:
            self.areas.remove(area)
            self.scene().removeItem(area)

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
            self.remove([area])
        else:
            self.select_only(area)

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


class RedactionEditor(Retranslatable, QDialog):
    """``submit(rects, report)`` stores the areas; on False the dialog stays open."""

    def __init__(
        self,
        db: Database,
        item: EvidenceItem,
        submit: Submit,
        *,
        platform: Platform,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("redaction_editor")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._submit = submit
        self._platform = platform
        self._original = read_original(db, item)
        self._plain = QPixmap.fromImage(render_image(self._original, max_side=EDIT_MAX_SIDE))
        self.hint = plain_label(word_wrap=True)
        self.canvas = RedactionCanvas(self._plain)
        width, height = self.canvas.sceneRect().width(), self.canvas.sceneRect().height()
        for x, y, w, h in item.redactions:
            self.canvas.add_area(QRectF(x * width, y * height, w * width, h * height))
        self.error = ErrorLine()
        self.buttons = ok_cancel(self, self._save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(self._tools())
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(900, 700)
        self.canvas.setFocus()
        self.retranslate_ui()

    def _tools(self) -> QHBoxLayout:
        tools = QHBoxLayout()
        self.add_button = self._button(tools, self._add_area, "Ins")
        self.remove_button = self._button(tools, self.remove_selected, "Del", "Backspace")
        self.clear_button = self._button(tools, self.remove_all)
        tools.addStretch(1)
        self.preview = QCheckBox()
        self.preview.toggled.connect(self._show_preview)
        tools.addWidget(self.preview)
        tools.addSpacing(12)
        zoom = self.canvas.zoom
        self.zoom_out_button = self._button(tools, partial(zoom, 1 / ZOOM_STEP), "Ctrl+-")
        self.zoom_in_button = self._button(tools, partial(zoom, ZOOM_STEP), "Ctrl++", "Ctrl+=")
        self.fit_button = self._button(tools, self.canvas.fit, "Ctrl+0")
        return tools

    def _button(
        self, layout: QHBoxLayout, clicked: Callable[[], object], *keys: str
    ) -> QPushButton:
        button = QPushButton()
        button.setAutoDefault(False)  # Enter means OK, not the last button clicked
        button.clicked.connect(clicked)
        for key in keys:
            QShortcut(QKeySequence(key), self).activated.connect(clicked)
        layout.addWidget(button)
        return button

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Black out sensitive details"))
        what = _(
            "Cover your citizen service number (BSN), the document number and the "
            "machine-readable lines at the bottom; keep your name, photo and date of "
            "birth readable."
        )
        how = _("Drag over the image to add a black area; select one and press Delete to drop it.")
        self.hint.setText(f"{what}\n{how}")
        self.add_button.setText(_("&Add area"))
        self.remove_button.setText(_("&Remove selected"))
        self.clear_button.setText(_("Remove a&ll"))
        self.zoom_out_button.setText(_("Zoom &out"))
        self.zoom_in_button.setText(_("Zoom &in"))
        self.fit_button.setText(_("&Fit"))
        self.preview.setText(_("&Show the protected copy"))
        self.preview.setToolTip(
            _("The image as it leaves AppealDesk, with the watermark. Switch off to edit.")
        )
        self.canvas.setAccessibleName(_("Image with black areas"))
        if self.preview.isChecked():
            self._show_preview(True)  # the watermark follows the UI language

    def rects(self) -> list[list[float]]:
        """The areas as fractions of the upright image: ``[[x, y, width, height], ...]``."""
        w, h = self.canvas.sceneRect().width(), self.canvas.sceneRect().height()
        rects = [area.rect() for area in self.canvas.areas]
        # Rounded as they are stored, so untouched areas compare equal to the stored ones.
        return [
            [round(v, 5) for v in (r.x() / w, r.y() / h, r.width() / w, r.height() / h)]
            for r in rects
        ]

    def remove_selected(self) -> None:
        if self.canvas.editable:
            self.canvas.remove(self.canvas.selected())

    def remove_all(self) -> None:
        if self.canvas.editable:
            self.canvas.remove(list(self.canvas.areas))

    def _add_area(self) -> None:
        """For the keyboard: an area in the middle, to move with the arrows."""
        if self.canvas.editable:
            bounds = self.canvas.sceneRect()
            size = QPointF(bounds.width() * 0.3, bounds.height() * 0.08)
            corner = bounds.center() - size / 2
            self.canvas.select_only(self.canvas.add_area(QRectF(corner, corner + size)))

    def _show_preview(self, on: bool) -> None:
        if on:
            text = watermark_text(self._platform, dt.date.today(), current_language())
            image = render_image(
                self._original, redactions=self.rects(), watermark=text, max_side=EDIT_MAX_SIDE
            )
            self.canvas.image.setPixmap(QPixmap.fromImage(image))
        else:
            self.canvas.image.setPixmap(self._plain)
        self.canvas.set_editable(not on)
        for button in (self.add_button, self.remove_button, self.clear_button):
            button.setEnabled(not on)

    def _save(self) -> None:
        self.error.clear_error()
        if self._submit(self.rects(), self.error.show_error):
            self.accept()
