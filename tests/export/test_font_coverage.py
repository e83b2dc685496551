"""The characters a font draws, read from its character map, agree with FreeType's reading."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
import typst
from PySide6.QtGui import QRawFont

from appealdesk.export.font_coverage import coverage

SYSTEM_FONTS = [
    (info.path, info.index, info.family)
    for info in typst.Fonts(include_system_fonts=True, include_embedded_fonts=False).fonts()
    if info.path
]
LATIN_FONTS = [path for path, _index, family in SYSTEM_FONTS if family == "DejaVu Sans"]
# Qt draws these two with the space glyph, whatever the font's map says.
QT_SPACES = {0x09, 0xA0}


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize(("path", "index"), [font[:2] for font in SYSTEM_FONTS])
def test_every_system_font_covers_what_qt_finds_in_it(path: str, index: int) -> None:
    covered = coverage(path, index)
    raw = QRawFont(path, 12.0)
    assert raw.isValid()
    disagree = [
        hex(code)
        for code in range(0x30000)
        if code not in QT_SPACES and (code in covered) != raw.supportsCharacter(code)
    ]
    assert disagree == []
    assert len(covered) > 100


def test_a_font_cut_short_or_not_a_font_covers_nothing(tmp_path: Path) -> None:
    font = Path(LATIN_FONTS[0]).read_bytes()
    for name, data in {
        "cut.ttf": font[: len(font) // 3],
        "header.ttf": font[:40],
        "text.ttf": b"not a font at all",
        "empty.ttf": b"",
    }.items():
        (tmp_path / name).write_bytes(data)
        assert len(coverage(tmp_path / name)) == 0 or name == "cut.ttf"
    assert len(coverage(tmp_path / "missing.ttf")) == 0


def test_a_face_of_a_collection_is_read_where_the_collection_points(tmp_path: Path) -> None:
    font = Path(LATIN_FONTS[0]).read_bytes()
    (tmp_path / "one.ttf").write_bytes(font)
    # A collection of one face, stored after a 16-byte header: every table offset moves too.
    (tables,) = struct.unpack_from(">H", font, 4)
    directory = bytearray(font[: 12 + 16 * tables])
    for number in range(tables):
        at = 12 + 16 * number + 8
        (offset,) = struct.unpack_from(">I", directory, at)
        struct.pack_into(">I", directory, at, offset + 16)
    collection = b"ttcf" + struct.pack(">HHI", 1, 0, 1) + struct.pack(">I", 16)
    (tmp_path / "one.ttc").write_bytes(collection + bytes(directory) + font[len(directory) :])
    whole = coverage(tmp_path / "one.ttf")
    face = coverage(tmp_path / "one.ttc", 0)
    assert len(face) == len(whole) > 100
    assert all(code in face for code in (ord("A"), ord("é"), ord("€")))
    assert len(coverage(tmp_path / "one.ttc", 1)) == 0
