"""Rich text to an A4 PDF with Qt's own writer: real text, embedded fonts, a footer.

The document is laid out once for the printable area and drawn page by page, so every page
gets a footer with the case number and "page 2 of 9" in the dossier's language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from appealdesk.domain.errors import AppealDeskError
from appealdesk.export.files import check_pdf, incomplete_file
from appealdesk.export.unbroken import Stopped, keep_whole
from appealdesk.i18n import _

RESOLUTION = 300  # device units per inch while laying out; text stays vector
MARGINS_MM = QMarginsF(20, 18, 20, 22)  # left, top, right, bottom (the footer sits in it)
FONT = "DejaVu Sans"


def dossier_font(size: float) -> QFont:
    """The dossier's font, without ligatures: "fi" must stay two letters, so that handles and
    reference numbers copied from the PDF, or searched in it, are what they look like."""
    font = QFont(FONT)
    font.setPointSizeF(size)
    for feature in ("liga", "clig"):
        tag = QFont.Tag.fromString(feature)
        if tag is not None:
            font.setFeature(tag, 0)
    return font


def _mm(value: float) -> float:
    return value / 25.4 * RESOLUTION


class ExportCancelled(AppealDeskError):  # noqa: N818 - it is a request, not an error
    """The user stopped the export; nothing was written."""


def write_pdf(
    html: str,
    images: Mapping[str, QImage],
    target: Path,
    *,
    title: str,
    footer: str,
    page_label: Callable[[int, int], str],
    unbroken: Iterable[str] = (),
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> int:
    """Writes ``target`` (a new file) and reads it back; returns the number of pages.

    ``unbroken`` are words a line must not break, such as reference numbers. Raises
    ``OSError`` when the file did not come out whole (Qt itself does not say when a write
    fails, a full disk just leaves a short file).
    """
    writer = QPdfWriter(str(target))
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    writer.setPdfVersion(QPagedPaintDevice.PdfVersion.PdfVersion_A1b)
    writer.setTitle(title)
    writer.setCreator("AppealDesk")

    document = _OwnImagesOnly()
    document.documentLayout().setPaintDevice(writer)
    document.setDefaultFont(dossier_font(10))
    for name, image in images.items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    document.setHtml(html)
    left, top = _mm(MARGINS_MM.left()), _mm(MARGINS_MM.top())
    width = writer.width() - left - _mm(MARGINS_MM.right())
    height = writer.height() - top - _mm(MARGINS_MM.bottom())
    document.setPageSize(QSizeF(width, height))
    try:
        keep_whole(document, unbroken, should_stop)
    except Stopped:
        raise ExportCancelled(_("The export was cancelled.")) from None
    pages = document.pageCount()

    painter = QPainter()
    if not painter.begin(writer):
        raise AppealDeskError(_("The PDF {path} cannot be written.").format(path=target))
    try:
        for page in range(pages):
            if should_stop is not None and should_stop():
                raise ExportCancelled(_("The export was cancelled."))
            if page and not writer.newPage():
                raise incomplete_file(target, "no new page")
            painter.save()
            painter.translate(left, top - page * height)
            document.drawContents(painter, QRectF(0, page * height, width, height))
            painter.restore()
            _footer(painter, writer, left, width, footer, page_label(page + 1, pages))
            if progress is not None:
                progress(page + 1, pages)
    finally:
        ended = painter.end()
    if not ended:
        raise incomplete_file(target, "the PDF writer did not finish")
    check_pdf(target, pages)
    return pages


class _OwnImagesOnly(QTextDocument):
    """Shows only the images the dossier added: an image the HTML names otherwise is not
    looked for on disk, as a plain QTextDocument would."""

    def loadResource(self, kind: int, name: QUrl | str, /) -> Any:  # noqa: N802
        return None


def _footer(
    painter: QPainter, writer: QPdfWriter, left: float, width: float, text: str, page: str
) -> None:
    line_y = writer.height() - _mm(MARGINS_MM.bottom()) + _mm(6)
    painter.save()
    painter.setPen(QPen(QColor("#b8c2cc"), _mm(0.2)))
    painter.drawLine(int(left), int(line_y), int(left + width), int(line_y))
    painter.setFont(dossier_font(8))
    painter.setPen(QColor("#5f6368"))
    box = QRectF(left, line_y + _mm(1.5), width, _mm(6))
    painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
    painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, page)
    painter.restore()
