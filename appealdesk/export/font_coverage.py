"""Which characters a font file draws, read from its character map (the ``cmap`` table).

Only the Unicode subtables count, as they do for Typst, and only characters that map to a
real glyph (glyph 0 is the "missing" box). A TrueType collection (``.ttc``) is read at the
face Typst names. Only the table directory and the ``cmap`` table are read, not the whole
file, so looking into every font of the system takes a few milliseconds. A file that is not
a font, or is cut short, covers nothing.
"""

from __future__ import annotations

import bisect
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

_COLLECTION = b"ttcf"
_MAX_TABLE = 16 << 20  # no real character map is larger; a damaged length is not believed
_NONCHARACTER = 0xFFFF


class Coverage:
    """A set of code points, kept as sorted, merged ranges."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1] + 1:
                if end > merged[-1][1]:
                    merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        self._starts = [start for start, _end in merged]
        self._ends = [end for _start, end in merged]

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, int):
            return False
        at = bisect.bisect_right(self._starts, code) - 1
        return at >= 0 and code <= self._ends[at]

    def __len__(self) -> int:
        return sum(end - start + 1 for start, end in zip(self._starts, self._ends, strict=True))


def coverage(path: str | Path, index: int = 0) -> Coverage:
    """The characters the face ``index`` of the font file at ``path`` draws."""
    try:
        with Path(path).open("rb") as font:
            table = _cmap_table(font, index)
        return Coverage(list(_ranges(table)) if table else [])
    except (OSError, struct.error, ValueError):
        return Coverage([])


def _cmap_table(font: BinaryIO, index: int) -> bytes:
    header = font.read(12)
    if header[:4] == _COLLECTION:
        (count,) = struct.unpack_from(">I", header, 8)
        if not 0 <= index < count:
            return b""
        font.seek(12 + 4 * index)
        (face,) = struct.unpack(">I", font.read(4))
        font.seek(face)
        header = font.read(12)
    (tables,) = struct.unpack_from(">H", header, 4)
    directory = font.read(16 * tables)
    for number in range(tables):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", directory, 16 * number)
        if tag == b"cmap":
            if length > _MAX_TABLE:
                raise ValueError("character map too large")
            font.seek(offset)
            return font.read(length)
    return b""


def _is_unicode(platform: int, encoding: int) -> bool:
    return (platform == 0 and encoding != 5) or (platform == 3 and encoding in (1, 10))


def _ranges(table: bytes) -> Iterator[tuple[int, int]]:
    _version, count = struct.unpack_from(">HH", table, 0)
    seen: set[int] = set()
    for number in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", table, 4 + 8 * number)
        if not _is_unicode(platform, encoding) or offset in seen:
            continue
        seen.add(offset)
        (kind,) = struct.unpack_from(">H", table, offset)
        if kind == 4:
            yield from _format_4(table, offset)
        elif kind in (12, 13):
            yield from _format_12(table, offset, same_glyph=kind == 13)
        elif kind == 6:
            first, entries = struct.unpack_from(">HH", table, offset + 6)
            glyphs = struct.unpack_from(f">{entries}H", table, offset + 10)
            yield from ((first + n, first + n) for n, glyph in enumerate(glyphs) if glyph)
        elif kind == 0:
            byte_glyphs = table[offset + 6 : offset + 6 + 256]
            yield from ((code, code) for code, glyph in enumerate(byte_glyphs) if glyph)


def _format_4(table: bytes, offset: int) -> Iterator[tuple[int, int]]:
    (doubled,) = struct.unpack_from(">H", table, offset + 6)
    segments = doubled // 2
    ends = struct.unpack_from(f">{segments}H", table, offset + 14)
    starts = struct.unpack_from(f">{segments}H", table, offset + 16 + doubled)
    deltas = struct.unpack_from(f">{segments}h", table, offset + 16 + 2 * doubled)
    range_at = offset + 16 + 3 * doubled
    range_offsets = struct.unpack_from(f">{segments}H", table, range_at)
    for number, (start, end, delta, range_offset) in enumerate(
        zip(starts, ends, deltas, range_offsets, strict=True)
    ):
        end = min(end, _NONCHARACTER - 1)
        if start > end:
            continue
        if range_offset == 0:  # glyph = code + delta: glyph 0 for one code at most
            missing = -delta & 0xFFFF
            if start <= missing <= end:
                if start < missing:
                    yield start, missing - 1
                if missing < end:
                    yield missing + 1, end
            else:
                yield start, end
            continue
        first = range_at + 2 * number + range_offset
        glyphs = struct.unpack_from(f">{end - start + 1}H", table, first)
        for code, glyph in enumerate(glyphs, start=start):
            if glyph and (glyph + delta) & 0xFFFF:
                yield code, code


def _format_12(table: bytes, offset: int, *, same_glyph: bool) -> Iterator[tuple[int, int]]:
    (groups,) = struct.unpack_from(">I", table, offset + 12)
    if 16 + 12 * groups > len(table) - offset:
        raise ValueError("character map cut short")
    for number in range(groups):
        start, end, glyph = struct.unpack_from(">III", table, offset + 16 + 12 * number)
        end = min(end, 0x10FFFF)
        if start > end:
            continue
        if glyph == 0:
            if same_glyph:
                continue
            start += 1  # only the first code of the group has glyph 0
            if start > end:
                continue
        yield start, end
