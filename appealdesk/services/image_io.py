"""Decoding and encoding images in any thread, without deadlocks.

Qt's image readers hold a lock of their own while they look at the device they read from.
A ``QBuffer`` made in Python is a Python object, and Qt asks it for Python overrides under
that lock, which takes the interpreter lock; a second thread holding the interpreter lock
while it waits for Qt's (``QImageReader.size()`` keeps it) then waits for ever. So images
are only read from and written to files (the evidence store's, or a private temporary one),
which Qt opens itself.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColorSpace, QImage, QImageReader, QImageWriter

from appealdesk.domain.errors import AppealDeskError, ValidationError
from appealdesk.i18n import _
from appealdesk.store.work_folder import scratch_item

JPEG_QUALITY = 90


def decode_image(source: bytes | Path) -> QImage:
    """The upright image (EXIF orientation applied), in sRGB, from bytes or a file."""
    if isinstance(source, bytes):
        with private_file(source) as path:
            return decode_image(path)
    reader = QImageReader(str(source))
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        raise ValidationError(
            _("This image cannot be read: {reason}").format(reason=reader.errorString())
        )
    srgb = QColorSpace(QColorSpace.NamedColorSpace.SRgb)
    if image.colorSpace().isValid() and image.colorSpace() != srgb:
        # Converted here because a fresh copy of the pixels will not carry the profile along.
        alpha = image.hasAlphaChannel()
        image = image.convertToFormat(
            QImage.Format.Format_ARGB32 if alpha else QImage.Format.Format_RGB32
        )
        image.convertToColorSpace(srgb)
    return image


@contextmanager
def private_file(data: bytes | None = None, suffix: str = "") -> Iterator[Path]:
    """An owner-only temporary file (holding ``data``), gone when the block ends.

    It is in the work folder of the open database, never in the system's temporary folder:
    the image may be an identity document.
    """
    with scratch_item("image") as folder:
        path = folder / f"image{suffix}"
        if data is not None:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        yield path


def encode_image(image: QImage, fmt: bytes) -> bytes:
    """``image`` as PNG (``b"png"``) or JPEG (``b"jpeg"``) bytes, with no metadata."""
    with private_file(suffix="." + fmt.decode()) as path:
        writer = QImageWriter(str(path), QByteArray(fmt))
        if fmt == b"jpeg":
            writer.setQuality(JPEG_QUALITY)
        if not writer.write(image):
            raise AppealDeskError(
                _("The copy could not be made: {reason}").format(reason=writer.errorString())
            )
        del writer  # closes the file before it is read back
        return path.read_bytes()
