"""Decoding and encoding images in any thread, without deadlocks.

Qt's image readers hold a lock of their own while they look at the device they read from.
A ``QBuffer`` made in Python is a Python object, and Qt asks it for Python overrides under
that lock, which takes the interpreter lock; a second thread holding the interpreter lock
while it waits for Qt's (``QImageReader.size()`` keeps it) then waits for ever. So images
are only read from and written to files (the evidence store's, or a private temporary one),
which Qt opens itself.

Where the system has anonymous files in memory (Linux' ``memfd_create``), the temporary one is
such a file, reached through ``/proc/self/fd``: the decrypted picture of an encrypted database
never touches the disk, and Qt still opens a file of its own.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColorSpace, QImage, QImageReader, QImageWriter

from appealdesk.domain.errors import AppealDeskError, ValidationError
from appealdesk.domain.evidence_rules import MAX_EVIDENCE_PIXELS
from appealdesk.i18n import _
from appealdesk.store.work_folder import scratch_item

JPEG_QUALITY = 90
# The largest evidence picture at 64 bits a pixel, as Qt decodes 16-bit PNGs.
MAX_DECODED_MB = MAX_EVIDENCE_PIXELS * 8 // (1024 * 1024) + 1
_LARGE_DECODE = threading.Lock()
_IN_MEMORY = hasattr(os, "memfd_create") and Path("/proc/self/fd").is_dir()


def decode_image(source: bytes | Path) -> QImage:
    """The upright image (EXIF orientation applied), in sRGB, from bytes or a file."""
    if isinstance(source, bytes):
        with private_file(source) as path:
            return decode_image(path)
    reader = QImageReader(str(source))
    reader.setAutoTransform(True)
    image = read_image(reader)
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


def read_image(reader: QImageReader) -> QImage:
    """Reads the image even when it is above Qt's allocation limit (256 MB by default, which a
    100-megapixel picture, accepted as evidence, needs more than): such an image is decoded
    alone, one at a time in this process, with the limit raised just enough."""
    needed = _decoded_megabytes(reader)
    limit = QImageReader.allocationLimit()
    if limit <= 0 or needed <= limit:
        return reader.read()
    if needed > MAX_DECODED_MB:
        return QImage()  # no evidence is that large; the reader's error says why
    with _LARGE_DECODE:
        previous = QImageReader.allocationLimit()
        QImageReader.setAllocationLimit(needed + 1)
        try:
            return reader.read()
        finally:
            QImageReader.setAllocationLimit(previous)


def _decoded_megabytes(reader: QImageReader) -> int:
    size = reader.size()
    if not size.isValid():
        return 0
    bits = max(QImage.toPixelFormat(reader.imageFormat()).bitsPerPixel(), 32)
    bytes_per_line = (size.width() * bits + 31) // 32 * 4
    return -(-bytes_per_line * size.height() // (1024 * 1024))


@contextmanager
def private_file(data: bytes | None = None, suffix: str = "") -> Iterator[Path]:
    """An owner-only temporary file (holding ``data``), gone when the block ends.

    It is in memory where the system allows, else in the work folder of the open database,
    never in the system's temporary folder: the image may be an identity document.
    ``suffix`` only names a file on disk; Qt is always told the format.
    """
    if _IN_MEMORY:
        fd = os.memfd_create("appealdesk-image", os.MFD_CLOEXEC)
        try:
            if data is not None:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
            yield Path(f"/proc/self/fd/{fd}")
        finally:
            os.close(fd)
        return
    with scratch_item("image") as folder:
        path = folder / f"image{suffix}"
        if data is not None:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        yield path


def in_memory(path: Path) -> bool:
    """Whether ``path``, made by :func:`private_file`, is a file in memory."""
    return _IN_MEMORY and path.parent == Path("/proc/self/fd")


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
