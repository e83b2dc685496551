"""The dossier's real pages in the export dialog, typeset off the UI thread."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from appealdesk.export.content import DossierContent
from appealdesk.i18n import _, format_number, ngettext
from appealdesk.media.image_io import decode_image
from appealdesk.store.database import Database
from appealdesk.ui.base.background import StopRequested
from appealdesk.ui.widgets.plain_text import plain_label

# Sharp at the dialog's default size; scaled down to the preview's width off the UI thread.
PREVIEW_PPI = 72.0
# Pages put on screen per turn of the event loop, so a long dossier never stalls the window.
PAGES_PER_TURN = 3


def page_images(
    db: Database, content: DossierContent, should_stop: StopRequested, width: int
) -> list[QImage]:
    """The pages as pictures at most ``width`` pixels wide; meant to run off the UI thread.

    The typesetter is loaded here, off the UI thread, at the first preview: the window that
    never previews or exports has no need of its 20 MB."""
    from appealdesk.export.dossier import render_pages

    pages = []
    for png in render_pages(db, content, ppi=PREVIEW_PPI, should_stop=should_stop):
        image = decode_image(png)
        if 0 < width < image.width():
            image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        pages.append(image)
    return pages


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
        self._shown_of: list[QImage] | None = None  # the pages being put on screen
        self.retranslate()

    @property
    def page_count(self) -> int:
        return len(self._images)

    def page_image(self, number: int) -> QImage:
        """Page ``number`` (from 0) as shown."""
        return self._images[number]

    def page_width(self) -> int:
        """How wide a page can be shown without scrolling sideways (with its frame)."""
        margins = self._layout.contentsMargins()
        return max(1, self.viewport().width() - margins.left() - margins.right() - 2)

    def show_waiting(self) -> None:
        self._waiting = True
        self.retranslate()

    def show_pages(self, images: list[QImage]) -> None:
        for page in self._pages:
            self._layout.removeWidget(page)
            page.deleteLater()
        self._pages = []
        self._images = images
        self._shown_of = images
        self._waiting = False
        self.retranslate()
        self._add_pages(images, 0)

    def _add_pages(self, images: list[QImage], start: int) -> None:
        if images is not self._shown_of:
            return  # newer pages came meanwhile
        for number in range(start, min(start + PAGES_PER_TURN, len(images))):
            page = QLabel()
            page.setObjectName(f"preview_page_{number + 1}")
            page.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            page.setPixmap(QPixmap.fromImage(images[number]))
            page.setStyleSheet("border: 1px solid palette(mid);")
            self._layout.insertWidget(self._layout.count() - 1, page)
            self._pages.append(page)
        if start + PAGES_PER_TURN < len(images):
            QTimer.singleShot(0, self, lambda: self._add_pages(images, start + PAGES_PER_TURN))

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
