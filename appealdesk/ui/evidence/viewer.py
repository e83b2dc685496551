"""Looking at a piece of evidence, zoomed in as far as needed."""

from __future__ import annotations

import datetime as dt
import errno
import os

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QImage,
    QKeySequence,
    QPainter,
    QPixmap,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from appealdesk.domain.enums import Platform
from appealdesk.domain.errors import AppealDeskError
from appealdesk.domain.labels import label
from appealdesk.domain.models import EvidenceItem
from appealdesk.i18n import _, current_language, format_datetime, format_file_size
from appealdesk.services.originals import read_original, watermark_text
from appealdesk.services.protected_copy import render_image
from appealdesk.store.database import Database
from appealdesk.ui.base.desktop import open_on_desktop
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.widgets.plain_text import plain_label

ZOOM_STEP = 1.25
VIEW_MAX_SIDE = 6000  # enough to read any screenshot, light enough for a 100 MP photo


class ZoomView(QGraphicsView):
    """A picture that zooms with Ctrl+wheel, and fits the window until the user zooms."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.pixmap_item = QGraphicsPixmapItem()
        self.pixmap_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.pixmap_item)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.fitting = True

    def set_image(self, image: QImage) -> None:
        self.pixmap_item.setPixmap(QPixmap.fromImage(image))
        self.scene().setSceneRect(self.pixmap_item.boundingRect())
        if self.fitting:
            self.fit()

    def zoom(self, factor: float) -> None:
        self.fitting = False
        self.scale(factor, factor)

    def fit(self) -> None:
        self.fitting = True
        self.fitInView(self.pixmap_item, Qt.AspectRatioMode.KeepAspectRatio)

    def actual_size(self) -> None:
        self.fitting = False
        self.resetTransform()

    def zoom_level(self) -> float:
        return self.transform().m11()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
        else:
            super().wheelEvent(event)

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self.fitting:
            self.fit()


class EvidenceViewer(Retranslatable, QDialog):
    def __init__(
        self, db: Database, item: EvidenceItem, platform: Platform, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.db = db
        self.item = item
        self.platform = platform
        self.view = ZoomView()
        self.info = plain_label(word_wrap=True)
        self.protected = QCheckBox()
        self.protected.setVisible(item.sensitive and item.media_type.startswith("image/"))
        self.protected.toggled.connect(self._show_image)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_externally)
        # A sealed file means nothing to another program, and a plain copy on disk is what
        # an encrypted database must not leave behind.
        self.open_button.setVisible(
            not item.media_type.startswith("image/") and not db.evidence.encrypted
        )
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.addWidget(self.protected)
        row.addStretch(1)
        for name, slot in (
            ("zoom_out", lambda: self.view.zoom(1 / ZOOM_STEP)),
            ("zoom_in", lambda: self.view.zoom(ZOOM_STEP)),
            ("fit", self.view.fit),
            ("actual", self.view.actual_size),
        ):
            button = QPushButton()
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[name] = button
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, lambda: self.view.zoom(ZOOM_STEP)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.view.zoom(1 / ZOOM_STEP)),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        QShortcut(QKeySequence("Ctrl+0"), self).activated.connect(self.view.fit)

        self.resize(960, 720)
        self._show_image()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        item = self.item
        self.setWindowTitle(item.title or item.original_name)
        details = [label(item.kind), item.original_name, format_file_size(item.size_bytes)]
        if item.captured_at:
            details.append(format_datetime(item.captured_at, "medium"))
        self.info.setText(" · ".join(details) + f"\nSHA-256 {item.sha256}")
        self.protected.setText(_("Show the &protected copy (as it leaves AppealDesk)"))
        texts = {
            "zoom_out": _("Zoom &out"),
            "zoom_in": _("Zoom &in"),
            "fit": _("&Fit"),
            "actual": _("&Actual size"),
        }
        for name, text in texts.items():
            self.buttons[name].setText(text)
        self.open_button.setText(_("&Open in the system viewer"))

    def _show_image(self) -> None:
        if not self.item.media_type.startswith("image/"):
            self.view.hide()
            for button in self.buttons.values():
                button.hide()
            return
        try:
            original = read_original(self.db, self.item)
            if self.protected.isChecked():
                watermark = watermark_text(self.platform, dt.date.today(), current_language())
                image = render_image(
                    original,
                    redactions=self.item.redactions,
                    watermark=watermark,
                    max_side=VIEW_MAX_SIDE,
                )
            else:  # upright, as the camera meant it
                image = render_image(original, max_side=VIEW_MAX_SIDE)
        except AppealDeskError as exc:
            self.info.setText(exc.message)
            return
        self.view.set_image(image)

    def open_externally(self) -> None:
        if self.db.evidence.encrypted:
            return
        try:
            path = self.db.evidence.path_for(self.item.sha256)
            if not path.is_file():
                raise FileNotFoundError(errno.ENOENT, "missing")
        except OSError as exc:
            reason = os.strerror(exc.errno) if exc.errno else type(exc).__name__
            self.info.setText(
                _("The stored file cannot be read ({reason}), so it cannot be opened.").format(
                    reason=reason
                )
            )
            return
        if not open_on_desktop(path):
            self.info.setText(_("No program could open {path}.").format(path=path))
