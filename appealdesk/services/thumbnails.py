"""Small previews of evidence images, made once and cached beside the evidence.

Decoding goes through ``QImageReader.setScaledSize``, which spares a large JPEG the decoding at
full size; other formats are decoded whole and then scaled, also when that is above Qt's
allocation limit (see :func:`appealdesk.media.image_io.read_image`). Safe to call from a
worker thread (QImage, not QPixmap).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QImageReader

from appealdesk.media.image_io import read_image
from appealdesk.store.database import Database
from appealdesk.store.files import make_private_dir

THUMBNAIL_SIZE = 240


def thumbnail(
    db: Database, sha256: str, media_type: str, size: int = THUMBNAIL_SIZE
) -> QImage | None:
    """The cached preview of an image, made on first use; None for documents or bad data."""
    if not media_type.startswith("image/"):
        return None
    cached = db.evidence.thumbnail_path(sha256, size)
    if cached.is_file():
        image = QImage(str(cached))
        if not image.isNull():
            return image
    reader = QImageReader(str(db.evidence.path_for(sha256)))
    reader.setAutoTransform(True)
    original = reader.size()
    if not original.isValid():
        return None
    # The bound is square, so it does not matter whether the photo still has to be turned.
    if original.width() > size or original.height() > size:
        reader.setScaledSize(original.scaled(QSize(size, size), Qt.AspectRatioMode.KeepAspectRatio))
    image = read_image(reader)  # PNGs are decoded whole before they are scaled
    if image.isNull():
        return None
    _save(image, cached)
    return image


def _save(image: QImage, target: Path) -> None:
    """Writes the preview atomically; a cache that cannot be written is simply not used."""
    try:
        make_private_dir(target.parent)
        fd, name = tempfile.mkstemp(dir=target.parent, suffix=".png")
        os.close(fd)
        temporary = Path(name)
        if image.save(name):  # the name ends in .png
            temporary.chmod(0o600)
            temporary.replace(target)
        else:
            temporary.unlink()
    except OSError:
        return
