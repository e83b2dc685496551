"""Images made in the tests themselves: screenshots, photos, and broken files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtGui import QColor, QImage, QImageWriter, QPageSize, QPainter, QPdfWriter

from appealdesk.media.image_io import private_file

# Files are written through a file that Qt opens itself, never through a QBuffer: one made in
# Python can deadlock Qt's image plugins against another thread that holds the interpreter
# lock (see appealdesk/media/image_io.py), and a deadlock there stops even the test timeout.


def picture(width: int = 320, height: int = 200, colour: str = "#3a7bd5", text: str = "") -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#f4f4f4"))
    painter = QPainter(image)
    painter.fillRect(QRect(10, 10, width // 2, height // 2), QColor(colour))
    if text:
        painter.setPen(Qt.GlobalColor.black)
        painter.drawText(
            QRect(0, height // 2, width, height // 2), Qt.AlignmentFlag.AlignCenter, text
        )
    painter.end()
    return image


def encoded(image: QImage, fmt: str = "PNG", quality: int = -1) -> bytes:
    with private_file() as path:
        writer = QImageWriter(str(path), QByteArray(fmt.lower().encode()))
        writer.setQuality(quality)
        assert writer.write(image), writer.errorString()
        del writer  # closes the file before it is read back
        return path.read_bytes()


def pdf_document(
    paint: Callable[[QPdfWriter, QPainter], None],
    page_size: QPageSize.PageSizeId = QPageSize.PageSizeId.A4,
) -> bytes:
    """A PDF painted by ``paint``, which may call ``newPage`` on the writer."""
    with private_file() as path:
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(page_size))
        painter = QPainter(writer)
        paint(writer, painter)
        painter.end()
        del painter, writer
        return path.read_bytes()


def write_image(path: Path, fmt: str = "PNG", **kwargs: object) -> Path:
    path.write_bytes(encoded(picture(**kwargs), fmt))  # type: ignore[arg-type]
    return path


def exif_segment(entries: dict[int, bytes], gps: bool = False) -> bytes:
    """A little-endian EXIF APP1 segment with DateTimeOriginal-style ASCII tags in the Exif IFD.

    ``entries`` maps tag → ASCII value (without the NUL). With ``gps`` a GPS IFD with a
    latitude reference is added, to check that location data never leaves the app.
    """
    import struct

    def ifd(tags: list[tuple[int, int, int, bytes]], data_start: int) -> tuple[bytes, bytes]:
        body = struct.pack("<H", len(tags))
        extra = b""
        for tag, kind, count, value in tags:
            if len(value) <= 4:
                body += struct.pack("<HHI", tag, kind, count) + value.ljust(4, b"\0")
            else:
                offset = data_start + 2 + 12 * len(tags) + 4 + len(extra)
                body += struct.pack("<HHII", tag, kind, count, offset)
                extra += value + (b"\0" if len(value) % 2 else b"")
        return body + struct.pack("<I", 0), extra

    exif_tags = [(tag, 2, len(v) + 1, v + b"\0") for tag, v in sorted(entries.items())]
    ifd0_tags = [(0x8769, 4, 1, b"\0\0\0\0")]
    if gps:
        ifd0_tags.append((0x8825, 4, 1, b"\0\0\0\0"))
    ifd0_size = 2 + 12 * len(ifd0_tags) + 4
    exif_at = 8 + ifd0_size
    exif_body, exif_extra = ifd(exif_tags, exif_at)
    gps_at = exif_at + len(exif_body) + len(exif_extra)
    pointers = [(0x8769, 4, 1, struct.pack("<I", exif_at))]
    if gps:
        pointers.append((0x8825, 4, 1, struct.pack("<I", gps_at)))
    ifd0_body, _ = ifd(pointers, 8)
    tiff = b"II*\0" + struct.pack("<I", 8) + ifd0_body + exif_body + exif_extra
    if gps:
        gps_body, gps_extra = ifd([(0x0001, 2, 2, b"N\0"), (0x0003, 2, 2, b"E\0")], gps_at)
        tiff += gps_body + gps_extra
    payload = b"Exif\0\0" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def jpeg_with_exif(entries: dict[int, bytes], gps: bool = False, **kwargs: object) -> bytes:
    jpeg = encoded(picture(**kwargs), "JPEG")  # type: ignore[arg-type]
    return jpeg[:2] + exif_segment(entries, gps) + jpeg[2:]


# Qt reads GIF but cannot write it: a 1×1 GIF89a made by hand.
TINY_GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00"
    b"!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)
