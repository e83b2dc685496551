"""The dossier's real pages in the export dialog, typeset off the UI thread."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from appealdesk.export.content import DossierContent
from appealdesk.export.dossier import render_pages
from appealdesk.i18n import _, format_number, ngettext
from appealdesk.media.image_io import decode_image
from appealdesk.store.database import Database
from appealdesk.ui.base.background import StopRequested
from appealdesk.ui.widgets.plain_text import plain_label

# Sharp at the dialog's default size, and scaled down to the preview's width.
PREVIEW_PPI = 72.0


def page_images(db: Database, content: DossierContent, should_stop: StopRequested) -> list[QImage]:
    """The pages as pictures; meant to run off the UI thread, like the typesetting in it."""
    pages = render_pages(db, content, ppi=PREVIEW_PPI, should_stop=should_stop)
    return [decode_image(png) for png in pages]


class PagePreview(QScrollArea):
    """The pages one below the other, as they will be printed; a line above says how many."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.status = plain_label(word_wrap=True)
        self._pages: list[QLabel] = []
        self._images: list[QImage] = []
        content = QWidget()
        content.setObjectName("preview_pages")
        self._layout = QVBoxLayout(content)
        self._layout.setSpacing(12)
        self._layout.addWidget(self.status)
        self._layout.addStretch(1)
        self.setWidget(content)
        self._waiting = True
        self.retranslate()

    @property
    def page_count(self) -> int:
        return len(self._images)

    def page_image(self, number: int) -> QImage:
        """Page ``number`` (from 0) as shown."""
        return self._images[number]

    def show_waiting(self) -> None:
        self._waiting = True
        self.retranslate()

    def show_pages(self, images: list[QImage]) -> None:
        for page in self._pages:
            self._layout.removeWidget(page)
            page.deleteLater()
        self._pages = []
        self._images = images
        for number in range(len(images)):
            page = QLabel()
            page.setObjectName(f"preview_page_{number + 1}")
            page.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self._layout.insertWidget(self._layout.count() - 1, page)
            self._pages.append(page)
        self._fit_pages()
        self._waiting = False
        self.retranslate()

    def _fit_pages(self) -> None:
        """Each page as wide as the preview (never wider than typeset), with a thin frame."""
        margins = self._layout.contentsMargins()
        width = self.viewport().width() - margins.left() - margins.right()
        for page, image in zip(self._pages, self._images, strict=True):
            shown = image.width() if width <= 0 else min(width, image.width())
            pixmap = QPixmap.fromImage(
                image.scaledToWidth(max(1, shown - 2), Qt.TransformationMode.SmoothTransformation)
            )
            page.setPixmap(pixmap)
            page.setStyleSheet("border: 1px solid palette(mid);")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_pages()

    def show_problem(self, message: str) -> None:
        self.show_pages([])
        self.status.setText(_("No preview: {reason}").format(reason=message))

    def retranslate(self) -> None:
        if self._waiting:
            self.status.setText(_("Typesetting the preview…"))
        elif self._images:
            self.status.setText(
                ngettext(
                    "Preview: {count} page, as it will be printed.",
                    "Preview: {count} pages, as they will be printed.",
                    len(self._images),
                ).format(count=format_number(len(self._images)))
            )
