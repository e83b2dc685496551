"""Thumbnails for the evidence grid, made on the thread pool and kept in memory."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

from PySide6.QtCore import QObject, QRectF, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPen, QPixmap

from appealdesk.services.thumbnails import THUMBNAIL_SIZE, thumbnail
from appealdesk.store.database import Database

Areas = tuple[tuple[float, ...], ...]  # black-out rectangles: x, y, width, height
MEMORY_LIMIT = 400  # thumbnails kept in memory, least recently used dropped first


class ThumbnailCache(QObject):
    thumbnail_ready = Signal(str)  # the SHA-256 whose thumbnail can now be shown

    _loaded = Signal(str, QImage)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._icons: OrderedDict[str, QIcon] = OrderedDict()
        self._pending: set[str] = set()
        self._failed: set[str] = set()
        self._badged: dict[tuple[str, Areas], QIcon] = {}
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._loaded.connect(self._store)

    def icon(
        self,
        sha256: str,
        media_type: str,
        *,
        locked: bool = False,
        blacked_out: Sequence[Sequence[float]] = (),
    ) -> QIcon | None:
        """The thumbnail if it is ready, otherwise it is made and ``thumbnail_ready`` follows.

        Sensitive evidence (``locked``) shows its black-out areas and a padlock: the grid never
        shows what the user blacked out.
        """
        icon = self._icons.get(sha256)
        if icon is not None:
            self._icons.move_to_end(sha256)
            if not locked:
                return icon
            return self._locked(sha256, icon, tuple(tuple(r) for r in blacked_out))
        if sha256 not in self._pending and sha256 not in self._failed:
            self._pending.add(sha256)
            self._pool.start(_Load(self, sha256, media_type))
        return None

    def _locked(self, sha256: str, icon: QIcon, areas: Areas) -> QIcon:
        badge = self._badged.get((sha256, areas))
        if badge is None:
            pixmap = with_padlock(blacked_out(icon.pixmap(THUMBNAIL_SIZE), areas))
            badge = self._badged[(sha256, areas)] = QIcon(pixmap)
        return badge

    @property
    def pending(self) -> int:
        """How many thumbnails are still being made."""
        return len(self._pending)

    def wait(self) -> None:
        """Until every requested thumbnail is made (for tests and shutdown)."""
        self._pool.waitForDone()

    def _store(self, sha256: str, image: QImage) -> None:
        self._pending.discard(sha256)
        if image.isNull():
            self._failed.add(sha256)
            return
        self._icons[sha256] = QIcon(QPixmap.fromImage(image))
        for key in [key for key in self._badged if key[0] == sha256]:
            del self._badged[key]
        while len(self._icons) > MEMORY_LIMIT:
            self._icons.popitem(last=False)
        self.thumbnail_ready.emit(sha256)


class _Load(QRunnable):
    def __init__(self, cache: ThumbnailCache, sha256: str, media_type: str) -> None:
        super().__init__()
        self._cache = cache
        self._sha256 = sha256
        self._media_type = media_type

    def run(self) -> None:
        try:
            image = thumbnail(self._cache._db, self._sha256, self._media_type) or QImage()
        except OSError:
            image = QImage()
        self._cache._loaded.emit(self._sha256, image)


def blacked_out(pixmap: QPixmap, areas: Areas) -> QPixmap:
    """The thumbnail with its black-out areas (fractions of the picture) painted black."""
    if not areas:
        return pixmap
    covered = QPixmap(pixmap)
    painter = QPainter(covered)
    for x, y, width, height in areas:
        painter.fillRect(
            QRectF(
                x * covered.width(),
                y * covered.height(),
                width * covered.width(),
                height * covered.height(),
            ).toAlignedRect(),  # whole pixels: no half-covered edge shows through
            QColor("black"),
        )
    painter.end()
    return covered


def with_padlock(pixmap: QPixmap) -> QPixmap:
    """The thumbnail of sensitive evidence, marked with a padlock in its corner."""
    marked = QPixmap(pixmap)
    size = max(28.0, min(marked.width(), marked.height()) * 0.22)
    painter = QPainter(marked)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    corner = QRectF(marked.width() - size - 4, marked.height() - size - 4, size, size)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(0, 0, 0, 190))
    painter.drawEllipse(corner)
    body = QRectF(corner.left() + size * 0.28, corner.top() + size * 0.45, size * 0.44, size * 0.32)
    painter.setBrush(QColor("#ffd54f"))
    painter.drawRoundedRect(body, 2, 2)
    painter.setPen(QPen(QColor("#ffd54f"), max(2.0, size * 0.08)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    shackle = QRectF(body.left() + size * 0.06, corner.top() + size * 0.2, size * 0.32, size * 0.4)
    painter.drawArc(shackle, 0, 180 * 16)
    painter.end()
    return marked
