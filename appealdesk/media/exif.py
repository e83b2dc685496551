"""When a photo or screenshot was taken, from the EXIF block inside JPEG, PNG and WebP files.

Only what the evidence list needs is read: DateTimeOriginal (0x9003) from the Exif IFD, or
DateTime (0x0132) from IFD0 when the camera wrote no original time, each with its UTC offset
(OffsetTimeOriginal 0x9011, OffsetTime 0x9010, "+01:00") when the file gives one. The data
comes from files users pick, so every offset is bounds-checked and anything malformed
simply yields ``None``.
"""

from __future__ import annotations

import datetime as dt
import re
import struct
from collections.abc import Iterator

EXIF_HEADER = b"Exif\x00\x00"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

_TAG_DATETIME = 0x0132
_TAG_EXIF_IFD = 0x8769
_TAG_DATETIME_ORIGINAL = 0x9003
_TAG_OFFSET_TIME = 0x9010
_TAG_OFFSET_TIME_ORIGINAL = 0x9011
_OFFSET = re.compile(r"([+-])(\d{2}):(\d{2})")
_BYTE_TYPES = frozenset({1, 2, 7})  # BYTE, ASCII, UNDEFINED: one byte per value
_TYPE_LONG = 4
_MAX_IFD_ENTRIES = 1000
_DATETIME_FORMAT = "%Y:%m:%d %H:%M:%S"

# A tag's type, value count and the four bytes that hold the value or its offset.
_Entry = tuple[int, int, bytes]


# A capture time as the file says it (naive, the camera's wall clock) and its UTC offset in
# minutes when the file gives one.
Moment = tuple[dt.datetime, int | None]


def capture_time(data: bytes, fmt: str) -> dt.datetime | None:
    """The EXIF capture time (naive local time) of an image in format ``fmt``, if it has one."""
    moment = capture_moment(data, fmt)
    return moment[0] if moment else None


def capture_moment(data: bytes, fmt: str) -> Moment | None:
    """The EXIF capture time of an image in format ``fmt`` with its offset, if it has one."""
    finders = {"jpeg": _jpeg_exif, "png": _png_exif, "webp": _webp_exif}
    finder = finders.get(fmt)
    block = finder(data) if finder else None
    return moment_from_tiff(block) if block else None


def png_chunks(data: bytes) -> Iterator[tuple[bytes, int, int]]:
    """The (type, start, end) of each complete PNG chunk's payload, until one runs past the end."""
    pos = len(PNG_SIGNATURE)
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        start = pos + 8
        end = start + length
        if end + 4 > len(data):
            return
        yield data[pos + 4 : start], start, end
        pos = end + 4  # past the CRC


def _jpeg_exif(data: bytes) -> bytes | None:
    pos = 2  # after SOI
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte before a marker
            pos += 1
            continue
        if marker in (0xDA, 0xD9):  # start of scan or end of image: no more metadata
            return None
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        if length < 2:
            return None
        segment = data[pos + 4 : pos + 2 + length]
        if marker == 0xE1 and segment.startswith(EXIF_HEADER):
            return segment[len(EXIF_HEADER) :]
        pos += 2 + length
    return None


def _png_exif(data: bytes) -> bytes | None:
    for kind, start, end in png_chunks(data):
        if kind == b"eXIf":
            return _strip_exif_header(data[start:end])
        if kind in (b"IDAT", b"IEND"):
            return None  # eXIf must come before the image data
    return None


def _webp_exif(data: bytes) -> bytes | None:
    pos = 12  # after "RIFF", the length and "WEBP"
    while pos + 8 <= len(data):
        kind = data[pos : pos + 4]
        size = int.from_bytes(data[pos + 4 : pos + 8], "little")
        start = pos + 8
        if kind == b"EXIF":
            return _strip_exif_header(data[start : start + size])
        pos = start + size + (size & 1)  # chunks are padded to an even length
    return None


def _strip_exif_header(block: bytes) -> bytes:
    # The specs say the TIFF header comes first, but some writers keep JPEG's "Exif\0\0".
    return block[len(EXIF_HEADER) :] if block.startswith(EXIF_HEADER) else block


def datetime_from_tiff(tiff: bytes) -> dt.datetime | None:
    """DateTimeOriginal, else DateTime, from a TIFF-structured EXIF block; None if unusable."""
    moment = moment_from_tiff(tiff)
    return moment[0] if moment else None


def moment_from_tiff(tiff: bytes) -> Moment | None:
    """DateTimeOriginal, else DateTime, with its offset tag; None if unusable."""
    if len(tiff) < 8 or tiff[:2] not in (b"II", b"MM"):
        return None
    order = "<" if tiff[:2] == b"II" else ">"
    if struct.unpack_from(order + "H", tiff, 2)[0] != 42:
        return None
    ifd0 = _read_ifd(tiff, order, struct.unpack_from(order + "I", tiff, 4)[0])
    # Only IFD0 and the one Exif IFD it points to are read; no chain is followed, so a
    # pointer loop cannot make this spin.
    pointer = ifd0.get(_TAG_EXIF_IFD)
    exif_ifd: dict[int, _Entry] = {}
    if pointer is not None and pointer[0] == _TYPE_LONG:
        exif_ifd = _read_ifd(tiff, order, struct.unpack(order + "I", pointer[2])[0])
        original = _parse_datetime(_ascii_value(tiff, order, exif_ifd.get(_TAG_DATETIME_ORIGINAL)))
        if original is not None:
            offset = _ascii_value(tiff, order, exif_ifd.get(_TAG_OFFSET_TIME_ORIGINAL))
            return original, _parse_offset(offset)
    written = _parse_datetime(_ascii_value(tiff, order, ifd0.get(_TAG_DATETIME)))
    if written is None:
        return None
    return written, _parse_offset(_ascii_value(tiff, order, exif_ifd.get(_TAG_OFFSET_TIME)))


def _parse_offset(raw: bytes | None) -> int | None:
    """Minutes east of UTC from "+01:00"; None when absent or not a real offset."""
    if not raw:
        return None
    text = raw.split(b"\x00", 1)[0].decode("ascii", "replace").strip()
    match = _OFFSET.fullmatch(text)
    if match is None:
        return None
    sign, hours, minutes = match.groups()
    total = int(hours) * 60 + int(minutes)
    if int(minutes) >= 60 or total > 14 * 60:
        return None
    return -total if sign == "-" else total


def _read_ifd(tiff: bytes, order: str, offset: int) -> dict[int, _Entry]:
    if offset < 8 or offset + 2 > len(tiff):
        return {}
    count = min(struct.unpack_from(order + "H", tiff, offset)[0], _MAX_IFD_ENTRIES)
    entries: dict[int, _Entry] = {}
    for index in range(count):
        start = offset + 2 + 12 * index
        if start + 12 > len(tiff):
            break
        tag, kind, values = struct.unpack_from(order + "HHI", tiff, start)
        entries.setdefault(tag, (kind, values, tiff[start + 8 : start + 12]))
    return entries


def _ascii_value(tiff: bytes, order: str, entry: _Entry | None) -> bytes | None:
    if entry is None or entry[0] not in _BYTE_TYPES:
        return None
    _kind, count, field = entry
    if count <= 4:
        return field[:count]
    offset = struct.unpack(order + "I", field)[0]
    if offset + count > len(tiff):
        return None
    return tiff[offset : offset + count]


def _parse_datetime(raw: bytes | None) -> dt.datetime | None:
    if not raw:
        return None
    text = raw.split(b"\x00", 1)[0].decode("ascii", "replace").strip()
    try:
        return dt.datetime.strptime(text[:19], _DATETIME_FORMAT)
    except ValueError:  # blank, "0000:00:00 00:00:00", or another layout
        return None
