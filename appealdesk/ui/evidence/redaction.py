"""Drawing black-out areas on an ID image, and seeing the protected copy as it will leave.

Or confirming that there is nothing to black out: an identity document leaves the app only
with its areas or that confirmation (see ``evidence_rules.Protection``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from appealdesk.domain.enums import Platform
from appealdesk.domain.models import EvidenceItem
from appealdesk.i18n import _, current_language, ngettext
from appealdesk.services.originals import read_original, watermark_text
from appealdesk.services.protected_copy import render_image
from appealdesk.store.database import Database
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.evidence.redaction_canvas import ZOOM_STEP, RedactionCanvas
from appealdesk.ui.widgets.dialog_parts import ErrorLine, ok_cancel
from appealdesk.ui.widgets.plain_text import plain_label

# submit(rects, nothing_to_black_out, report): stores them; on False the dialog stays open.
Submit = Callable[[list[list[float]], bool, Callable[[str], None]], bool]

EDIT_MAX_SIDE = 2400  # plenty to see what to cover; fractions do not depend on it


class RedactionEditor(Retranslatable, QDialog):
    """``submit(rects, nothing_to_black_out, report)`` stores the areas, or the
    confirmation that none are needed; on False the dialog stays open."""

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
        self.nothing = QCheckBox()
        self.nothing.setObjectName("nothing_to_black_out")
        self.nothing.setChecked(item.no_blackout_confirmed_at is not None and not item.redactions)
        self.nothing_hint = plain_label(word_wrap=True)
        self.state = plain_label(word_wrap=True)
        self.state.setObjectName("black_out_state")
        self.error = ErrorLine()
        self.buttons = ok_cancel(self, self._save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(self._tools())
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.nothing)
        layout.addWidget(self.nothing_hint)
        layout.addWidget(self.state)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.canvas.areas_changed.connect(self._areas_changed)
        self.nothing.toggled.connect(self._nothing_toggled)
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
        self.nothing.setText(_("&Nothing to black out on this image"))
        self.nothing_hint.setText(
            _(
                "Tick this only when the image shows no number or code that should stay "
                "private. AppealDesk notes when you confirmed it, and the dossier says that "
                "nothing was blacked out."
            )
        )
        self._show_state()
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

    def _areas_changed(self) -> None:
        """Drawing an area replaces the confirmation that there is nothing to black out."""
        if self.canvas.areas and self.nothing.isChecked():
            self.nothing.setChecked(False)
        self._show_state()

    def _nothing_toggled(self, on: bool) -> None:
        if on and self.canvas.areas:
            self.canvas.set_editable(True)
            self.preview.setChecked(False)
            self.canvas.remove(list(self.canvas.areas))
        self._show_state()

    def _show_state(self) -> None:
        count = len(self.canvas.areas)
        if count:
            text = ngettext(
                "{count} area will be blacked out.", "{count} areas will be blacked out.", count
            ).format(count=count)
        elif self.nothing.isChecked():
            text = _("Nothing will be blacked out, as you confirm here.")
        else:
            text = _(
                "No areas yet: draw them, or confirm there is nothing to black out. Until then "
                "this image is not exported."
            )
        self.state.setText(text)

    def _save(self) -> None:
        self.error.clear_error()
        rects = self.rects()
        if self._submit(rects, self.nothing.isChecked() and not rects, self.error.show_error):
            self.accept()
