"""Judging an evidence file before it is stored: what it is, how big, and whether it is whole.

The format is sniffed from the content, never from the name. Before any pixel is decoded the
file's size, its structure (does it end the way the format says it must?) and the image
dimensions from its header are checked, so a hostile or damaged file is refused cheaply with
one translated sentence. Safe to call from a worker thread: Qt reads the image from a file
(see :mod:`appealdesk.media.image_io` for why never from a QBuffer), never as a QPixmap.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import struct
import zlib
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QImageIOHandler, QImageReader

from appealdesk.domain.errors import ValidationError
from appealdesk.domain.evidence_rules import MAX_EVIDENCE_BYTES, MAX_EVIDENCE_PIXELS
from appealdesk.domain.validation import clean_file_name
from appealdesk.i18n import _, format_file_size, format_number
from appealdesk.media.exif import PNG_SIGNATURE, capture_moment, png_chunks
from appealdesk.media.image_io import private_file
from appealdesk.store.lock_guard import FileIdentity

MAX_FILE_BYTES = MAX_EVIDENCE_BYTES  # the refusal below says "at most 50 MB"
MAX_PIXELS = MAX_EVIDENCE_PIXELS  # the refusal below says "at most 100 megapixels"

MEDIA_TYPES: dict[str, str] = {
    "png": "image/png",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "heic": "image/heic",
    "pdf": "application/pdf",
}
_HEIF_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"})
_BMP_HEADER_SIZES = frozenset({12, 16, 40, 52, 56, 64, 108, 124})
_JPEG_MAX_PADDING = 4096
_PDF_EOF_WINDOW = 2048
_PDF_COUNT_PAGES_BELOW = 20 * 1024 * 1024
_PDF_PAGE = re.compile(rb"/Type\s*/Page\b")  # \b keeps /Pages out


@dataclass(frozen=True)
class MediaInfo:
    format: str
    media_type: str
    size_bytes: int
    width: int | None  # after the EXIF orientation is applied; None for a PDF
    height: int | None
    captured_at: dt.datetime | None  # EXIF capture time, naive local time
    pages: int | None  # PDF page count when it can be found cheaply
    captured_offset: int | None = None  # minutes east of UTC, when the EXIF data gives it

    @property
    def is_image(self) -> bool:
        return self.format != "pdf"


class RejectedFileError(ValidationError):
    """A file that cannot be kept as evidence; the message names the file and says why, and
    ``kind`` says it in a fixed word that names nothing, for the log."""

    def __init__(self, name: str, reason: str, kind: str = "unreadable") -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason
        self.kind = kind

    def __reduce__(self) -> tuple[type[RejectedFileError], tuple[str, str, str]]:
        return (type(self), (self.name, self.reason, self.kind))


def supported_formats() -> tuple[str, ...]:
    """The formats this machine accepts: PDF always, images when Qt has a reader for them."""
    return tuple(f for f in MEDIA_TYPES if f == "pdf" or _qt_format_name(f) is not None)


def file_name(path: Path) -> str:
    """The name of ``path`` as people read it: bytes of the name that are not UTF-8 show as
    “�” instead of surrogate code points, which cannot be stored or shown, and control
    characters are left out (see :func:`clean_file_name`)."""
    return clean_file_name(os.fsencode(path.name or str(path)).decode("utf-8", "replace"))


def probe_file(path: Path) -> MediaInfo:
    """Judges the file at ``path``; raises :class:`RejectedFileError` with the reason."""
    return probe_bytes(read_evidence_file(path), file_name(path))


def read_evidence_file(path: Path, never_open: Collection[FileIdentity] = ()) -> bytes:
    """The bytes of the file at ``path``, refusing what is no file or too large to read, and
    the files in ``never_open`` (the database's own: opening and closing one of them would
    drop this process's locks on the database) before they are opened."""
    name = file_name(path)
    try:
        status = path.stat()
    except FileNotFoundError:
        raise RejectedFileError(name, _("the file does not exist"), "missing") from None
    except OSError as error:
        raise _unreadable(name, error) from None
    if stat.S_ISDIR(status.st_mode):
        raise RejectedFileError(name, _("it is a folder, not a file"), "folder")
    if not stat.S_ISREG(status.st_mode):
        raise RejectedFileError(name, _("it is not an ordinary file"), "not-a-file")
    if (status.st_dev, status.st_ino) in never_open:
        raise RejectedFileError(
            name,
            _("it is a file of AppealDesk's own database, which cannot be evidence"),
            "own-database",
        )
    _check_size(name, status.st_size)  # before reading: a huge file is never loaded
    limit = MAX_FILE_BYTES + 1  # one byte more: a file that grew too large meanwhile shows
    try:
        with path.open("rb") as handle:
            # Asked for by the size found, not the limit: a read of the limit first makes a
            # buffer of 50 MB (a 3 MB screenshot then took 2 ms to read instead of 0.7).
            expected = status.st_size + 1
            data = handle.read(expected)
            if len(data) == expected:  # it grew since: read on to the limit
                data += handle.read(limit - expected)
    except OSError as error:
        raise _unreadable(name, error) from None
    _check_size(name, len(data))
    return data


def probe_bytes(data: bytes, name: str) -> MediaInfo:
    """Judges bytes that did not come from a file, such as a screenshot on the clipboard."""
    fmt = precheck(data, name)
    with private_file(data) as path:
        return describe(data, fmt, name, path)


def precheck(data: bytes, name: str) -> str:
    """What the bytes alone tell: their format, or why they are refused (no decoding yet)."""
    _check_size(name, len(data))
    fmt = _sniff(data)
    if fmt is None:
        raise RejectedFileError(name, _("it is not an image or a PDF"), "not-image-or-pdf")
    if fmt != "pdf" and _qt_format_name(fmt) is None:
        raise RejectedFileError(name, _unsupported_reason(fmt), "unsupported-format")
    check = _STRUCTURE_CHECKS.get(fmt)
    if check is not None and not check(data):
        raise _damaged(name)
    return fmt


def describe(data: bytes, fmt: str, name: str, stored: Path) -> MediaInfo:
    """What Qt makes of the image (size, whether it decodes), read from ``stored``: a file
    holding exactly ``data``, such as its copy in the evidence store."""
    if fmt == "pdf":
        return MediaInfo(fmt, MEDIA_TYPES[fmt], len(data), None, None, None, _pdf_pages(data))
    width, height = _image_size(stored, len(data), fmt, name)
    moment = capture_moment(data, fmt)
    captured_at, offset = moment if moment else (None, None)
    return MediaInfo(fmt, MEDIA_TYPES[fmt], len(data), width, height, captured_at, None, offset)


def _check_size(name: str, size: int) -> None:
    if size == 0:
        raise RejectedFileError(name, _("the file is empty"), "empty")
    if size > MAX_FILE_BYTES:
        reason = _("the file is too large: {size} (at most 50 MB)")
        raise RejectedFileError(name, reason.format(size=format_file_size(size)), "too-large")


def _unreadable(name: str, error: OSError) -> RejectedFileError:
    if isinstance(error, PermissionError):
        return RejectedFileError(name, _("you do not have permission to read it"), "no-permission")
    return RejectedFileError(name, _("it cannot be read"))


def _damaged(name: str) -> RejectedFileError:
    return RejectedFileError(name, _("it is damaged or incomplete"), "damaged")


def _unsupported_reason(fmt: str) -> str:
    if fmt == "heic":
        return _("HEIC photos cannot be read on this computer; save the photo as JPEG or PNG first")
    return _("this kind of image cannot be read on this computer; save it as JPEG or PNG first")


def _sniff(data: bytes) -> str | None:
    """The format from the first bytes, or None for anything that is not evidence."""
    if data.startswith(PNG_SIGNATURE):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return "heic"
    if data.startswith(b"%PDF-"):
        return "pdf"
    # "BM" alone would claim any text starting with those letters; the DIB header size must fit.
    if (
        data[:2] == b"BM"
        and len(data) >= 18
        and struct.unpack_from("<I", data, 14)[0] in (_BMP_HEADER_SIZES)
    ):
        return "bmp"
    return None


def _jpeg_is_complete(data: bytes) -> bool:
    tail = data[-(_JPEG_MAX_PADDING + 2) :]
    return tail.rstrip(b"\x00 \t\r\n").endswith(b"\xff\xd9")


def _png_is_complete(data: bytes) -> bool:
    """Every chunk whole and matching its CRC, IHDR first, IEND last: a damaged byte anywhere
    is found without decoding a single pixel."""
    if len(data) < 33 or data[8:16] != b"\x00\x00\x00\x0dIHDR":
        return False
    width, height = struct.unpack_from(">II", data, 16)
    if width == 0 or height == 0:
        return False
    view = memoryview(data)
    kinds = set()
    pixels = zlib.decompressobj()
    fed = 0
    for kind, start, end in png_chunks(data):
        if zlib.crc32(view[start - 4 : end]) != int.from_bytes(view[end : end + 4], "big"):
            return False
        if kind == b"IDAT" and fed < _PNG_INFLATE_CHECK:
            # The start of the pixel data must inflate: a stream that was not zlib to begin
            # with is found without inflating megabytes (damage later on fails its CRC).
            try:
                pixels.decompress(pixels.unconsumed_tail + view[start:end], 1 << 16)
            except zlib.error:
                return False
            fed += end - start
        if kind == b"IEND":
            return b"IDAT" in kinds
        kinds.add(kind)
    return False


def _gif_is_complete(data: bytes) -> bool:
    return len(data) > 13 and data.endswith(b"\x3b")


def _webp_is_complete(data: bytes) -> bool:
    declared = int.from_bytes(data[4:8], "little") + 8
    return len(data) >= 20 and abs(len(data) - declared) <= 1


def _bmp_is_complete(data: bytes) -> bool:
    if len(data) < 26:
        return False
    declared_size, pixel_offset = struct.unpack_from("<I4xI", data, 2)
    return declared_size <= len(data) and 14 <= pixel_offset < len(data)


def _pdf_is_complete(data: bytes) -> bool:
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-_PDF_EOF_WINDOW:]


_STRUCTURE_CHECKS: dict[str, Callable[[bytes], bool]] = {
    "jpeg": _jpeg_is_complete,
    "png": _png_is_complete,
    "gif": _gif_is_complete,
    "webp": _webp_is_complete,
    "bmp": _bmp_is_complete,
    "pdf": _pdf_is_complete,
}


def _pdf_pages(data: bytes) -> int | None:
    if len(data) >= _PDF_COUNT_PAGES_BELOW:
        return None
    # Pages inside compressed object streams are invisible to this count: then it is unknown.
    return len(_PDF_PAGE.findall(data)) or None


@cache
def qt_readable_formats() -> frozenset[str]:
    """The formats Qt's image plugins read; asked of Qt once, so that a :func:`precheck` on
    another thread only reads the answer."""
    return frozenset(bytes(f.data()).decode().lower() for f in QImageReader.supportedImageFormats())


def _qt_format_name(fmt: str) -> str | None:
    """The name Qt's image plugin knows ``fmt`` by, or None when no plugin can read it."""
    readable = qt_readable_formats()
    names = ("heic", "heif") if fmt == "heic" else (fmt,)
    return next((n for n in names if n in readable), None)


_PNG_INFLATE_CHECK = 64 * 1024  # bytes of compressed pixel data that must inflate
# A large PNG is checked chunk by chunk (CRCs) instead of decoded, which takes ten times as
# long; the other formats, and any small file, are decoded to find damage.
_DECODE_CHECKED = frozenset({"jpeg", "gif", "webp", "bmp", "heic"})
_DECODE_SMALL_BELOW = 256 * 1024


def _image_size(path: Path, size_bytes: int, fmt: str, name: str) -> tuple[int, int]:
    """Width and height as shown, refusing huge images before decoding anything."""
    reader = QImageReader(str(path), (_qt_format_name(fmt) or fmt).encode())
    reader.setAutoTransform(True)
    size = reader.size()  # read from the header; no pixels yet
    if not size.isValid() or size.isEmpty():
        raise _damaged(name)
    width, height = size.width(), size.height()
    if reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90:
        width, height = height, width
    if width * height > MAX_PIXELS:
        reason = _("the image is too large: {width} × {height} pixels (at most 100 megapixels)")
        raise RejectedFileError(
            name,
            reason.format(width=format_number(width), height=format_number(height)),
            "too-many-pixels",
        )
    decode = fmt in _DECODE_CHECKED or size_bytes <= _DECODE_SMALL_BELOW
    if decode and _within_allocation_limit(reader, width, height):
        if fmt == "jpeg":  # libjpeg decodes an eighth of the size for a fraction of the work
            reader.setScaledSize(QSize(max(1, size.width() // 8), max(1, size.height() // 8)))
        if reader.read().isNull():
            raise _damaged(name)
    return width, height


def _within_allocation_limit(reader: QImageReader, width: int, height: int) -> bool:
    """Whether Qt's allocation limit lets the image be decoded.

    Qt's default limit (256 MB) is kept, and it is below what 100 megapixels can take. An image
    above it is not decoded to look for damage, as Qt would refuse it with a warning, and the
    header and structure checks it already passed have to do.
    """
    limit_mb = QImageReader.allocationLimit()
    if limit_mb <= 0:
        return True
    bits = max(QImage.toPixelFormat(reader.imageFormat()).bitsPerPixel(), 32)
    bytes_per_line = (width * bits + 31) // 32 * 4
    return bytes_per_line * height <= limit_mb * 1024 * 1024
