"""Small previews of evidence images, made once and cached beside the evidence.

Decoding goes through ``QImageReader.setScaledSize``, which spares a large JPEG the decoding at
full size; other formats are decoded whole and then scaled, also when that is above Qt's
allocation limit (see :func:`appealdesk.media.image_io.read_image`). Safe to call from a
worker thread (QImage, not QPixmap).

With an encrypted database the original is decrypted into memory (see
:func:`appealdesk.media.image_io.private_file`) and the thumbnail is cached sealed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QImageReader

from appealdesk.domain.errors import AppealDeskError
from appealdesk.media.image_io import encode_image, private_file, read_image
from appealdesk.store.database import Database

THUMBNAIL_SIZE = 240


def thumbnail(
    db: Database, sha256: str, media_type: str, size: int = THUMBNAIL_SIZE
) -> QImage | None:
    """The cached preview of an image, made on first use; None for documents or bad data."""
    if not media_type.startswith("image/"):
        return None
    store = db.evidence
    cached = store.read_thumbnail(sha256, size)
    if cached is not None:
        preview = QImage.fromData(cached)  # our own PNG; Qt reads it from memory
        if not preview.isNull():
            return preview
    try:
        with _readable(db, sha256) as path:
            image = _scaled(QImageReader(str(path)), size)
    except OSError:  # missing or damaged: the tab shows no preview
        return None
    if image is None:
        return None
    with contextlib.suppress(OSError, AppealDeskError):
        store.write_thumbnail(sha256, size, encode_image(image, b"png"))
    return image


@contextlib.contextmanager
def _readable(db: Database, sha256: str) -> Iterator[Path]:
    """A path Qt can read the plain original from: the stored file, or a copy in memory."""
    if not db.evidence.encrypted:
        yield db.evidence.path_for(sha256)
        return
    with private_file(db.evidence.read_bytes(sha256)) as path:
        yield path


def _scaled(reader: QImageReader, size: int) -> QImage | None:
    reader.setAutoTransform(True)
    original = reader.size()
    if not original.isValid():
        return None
    # The bound is square, so it does not matter whether the photo still has to be turned.
    if original.width() > size or original.height() > size:
        reader.setScaledSize(original.scaled(QSize(size, size), Qt.AspectRatioMode.KeepAspectRatio))
    image = read_image(reader)  # PNGs are decoded whole before they are scaled
    return None if image.isNull() else image
