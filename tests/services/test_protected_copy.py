"""Protected copies: black-outs, watermark in the export language, no metadata, original kept."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import struct
from collections.abc import Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QImageIOHandler, QImageReader, QPainter

from appealdesk.domain.enums import EvidenceKind, Platform
from appealdesk.domain.errors import AppealDeskError, ValidationError
from appealdesk.domain.models import EvidenceItem
from appealdesk.i18n import Translator, set_language
from appealdesk.media.image_io import private_file
from appealdesk.services import cases, originals, protected_copy
from appealdesk.services.originals import watermark_text
from appealdesk.services.protected_copy import (
    export_evidence,
    export_image,
    render_image,
    save_copy,
)
from appealdesk.store.database import Database
from tests.images import encoded

DAY = dt.date(2026, 11, 21)
WHITE = QColor("white").rgb()
BLACK = QColor("black").rgb()
SECRET = b"SECRET-GPS-DATUM"


@pytest.fixture(autouse=True)
def gui(qapp: object) -> None:
    """Text needs a QGuiApplication (Qt's fonts), as in the running app."""


@pytest.fixture
def case_id(db: Database) -> int:
    case = cases.create_case(
        db, blocked_at=dt.datetime(2026, 11, 2), new_account={"handle": "lotte"}
    )
    assert case.id is not None
    return case.id


def encode(image: QImage, fmt: str = "PNG") -> bytes:
    return encoded(image, fmt, quality=95)


def plain(width: int = 300, height: int = 200, colour: str = "white", fmt: str = "PNG") -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    return encode(image, fmt)


def noisy(width: int = 300, height: int = 200) -> bytes:
    """Coloured stripes. (QImage.setPixel would do, but it corrupts None's refcount in
    PySide6 6.12 on Python 3.11, which crashes the interpreter later.)"""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    for x in range(0, width, 3):
        painter.fillRect(x, 0, 3, height, QColor((x * 7) % 256, (x * 13) % 256, 90))
    painter.end()
    return encode(image)


def decode(data: bytes) -> QImage:
    image = QImage()
    assert image.loadFromData(data)
    return image.convertToFormat(QImage.Format.Format_RGB32)


def names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def add_evidence(
    db: Database,
    case_id: int,
    data: bytes,
    *,
    media_type: str = "image/png",
    sensitive: bool = False,
    redactions: Sequence[Sequence[float]] = (),
) -> EvidenceItem:
    blob = db.evidence.put_bytes(data)
    item = EvidenceItem(
        case_id=case_id,
        kind=EvidenceKind.ID_DOCUMENT if sensitive else EvidenceKind.BLOCK_NOTICE,
        sha256=blob.sha256,
        media_type=media_type,
        size_bytes=len(data),
        sensitive=sensitive,
        redactions=[list(r) for r in redactions],
    )
    with db.transaction() as session:
        session.add(item)
    return item


def with_exif(jpeg: bytes, orientation: int) -> bytes:
    """An EXIF APP1 segment with an orientation and GPS tags, spliced in right after SOI."""

    def entry(tag: int, kind: int, count: int, value: bytes) -> bytes:
        return struct.pack("<HHI", tag, kind, count) + value.ljust(4, b"\0")

    gps_ifd, gps_data = 38, 38 + 2 + 3 * 12 + 4
    ifd0 = struct.pack("<H", 2)
    ifd0 += entry(0x0112, 3, 1, struct.pack("<H", orientation))
    ifd0 += entry(0x8825, 4, 1, struct.pack("<I", gps_ifd)) + struct.pack("<I", 0)
    latitude = struct.pack("<6I", 52, 1, 22, 1, 1234, 100)
    gps = struct.pack("<H", 3) + entry(0x0001, 2, 2, b"N\0")
    gps += entry(0x0002, 5, 3, struct.pack("<I", gps_data))
    gps += entry(0x0012, 2, len(SECRET) + 1, struct.pack("<I", gps_data + len(latitude)))
    gps += struct.pack("<I", 0)
    tiff = b"II*\0" + struct.pack("<I", 8) + ifd0 + gps + latitude + SECRET + b"\0"
    assert len(b"II*\0") + 4 + len(ifd0) == gps_ifd
    payload = b"Exif\0\0" + tiff
    app1 = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    return jpeg[:2] + app1 + jpeg[2:]


def jpeg_markers(data: bytes) -> list[int]:
    """The segment markers up to the image data."""
    markers, offset = [], 2
    while data[offset] == 0xFF and data[offset + 1] != 0xDA:
        markers.append(data[offset + 1])
        offset += 2 + struct.unpack(">H", data[offset + 2 : offset + 4])[0]
    return markers


def test_black_outs_are_black_at_the_rect_and_nowhere_else() -> None:
    original = plain(400, 300)
    out = decode(export_image(original, sha(original), redactions=[[0.25, 0.2, 0.5, 0.3]]).data)
    for x, y in ((100, 60), (299, 149), (200, 100)):
        assert out.pixel(x, y) == BLACK
    for x, y in ((99, 100), (300, 100), (200, 59), (200, 150), (10, 10)):
        assert out.pixel(x, y) == WHITE


def test_a_partly_covered_pixel_is_covered_too() -> None:
    image = render_image(plain(400, 300), redactions=[[0.1234, 0.1234, 0.1, 0.1]])
    assert image.pixel(49, 37) == BLACK and image.pixel(89, 67) == BLACK  # 49.36 … 89.36
    assert image.pixel(48, 50) == WHITE and image.pixel(90, 50) == WHITE


def test_the_watermark_covers_the_whole_image_but_leaves_it_readable() -> None:
    out = render_image(plain(600, 400), watermark=watermark_text(Platform.TIKTOK, DAY, "en"))
    changed = [
        [out.pixel(x, y) != WHITE for x in range(cx, cx + 200, 2) for y in range(cy, cy + 133, 2)]
        for cx in (0, 200, 400)
        for cy in (0, 133, 266)
    ]
    assert all(any(cell) for cell in changed), "every part of the image carries the watermark"
    share = sum(map(sum, changed)) / sum(map(len, changed))
    assert 0.03 < share < 0.5
    assert min(QColor(out.pixel(x, 200)).lightness() for x in range(600)) > 90  # see-through


def test_nothing_of_the_original_shows_through_a_black_out_under_the_watermark() -> None:
    text = watermark_text(Platform.TIKTOK, DAY, "en")
    rect = [[0.2, 0.2, 0.5, 0.5]]
    first = render_image(plain(), redactions=rect, watermark=text)
    second = render_image(noisy(), redactions=rect, watermark=text)
    assert first.copy(60, 40, 150, 100) == second.copy(60, 40, 150, 100)


def test_the_watermark_is_in_the_export_language_not_the_ui_language() -> None:
    set_language("nl")
    assert watermark_text(Platform.TIKTOK, DAY, "en") == "Copy for TikTok appeal — 21 November 2026"
    set_language("en")
    dutch = watermark_text(Platform.TIKTOK, DAY, "nl")
    assert dutch.startswith(("Kopie voor bezwaar bij TikTok", "Copy for TikTok appeal"))
    assert dutch.endswith(" — 21 november 2026")


def test_the_sentence_comes_from_the_export_languages_catalog(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Dutch(Translator):
        def gettext(self, message: str) -> str:
            if message == "Copy for {platform} appeal — {date}":
                return "Kopie voor bezwaar bij {platform} — {date}"
            return super().gettext(message)

    monkeypatch.setattr(originals, "translator", Dutch)
    expected = "Kopie voor bezwaar bij TikTok — 21 november 2026"
    assert watermark_text(Platform.TIKTOK, DAY, "nl") == expected


def test_exif_and_gps_are_gone_and_the_orientation_is_applied() -> None:
    original = with_exif(plain(64, 32, "#3366aa", "JPEG"), orientation=6)
    assert 0xE1 in jpeg_markers(original) and SECRET in original
    assert QImage.fromData(original).size().toTuple() == (64, 32)  # as stored, not upright

    exported = export_image(original, sha(original))
    assert exported.media_type == "image/jpeg" and exported.extension == "jpg"
    assert (exported.width, exported.height) == (32, 64)
    assert decode(exported.data).size().toTuple() == (32, 64)
    assert 0xE1 not in jpeg_markers(exported.data)
    assert b"Exif" not in exported.data and SECRET not in exported.data
    with private_file(exported.data) as path:
        reader = QImageReader(str(path))
        assert reader.transformation() == QImageIOHandler.Transformation.TransformationNone


def test_png_text_chunks_do_not_travel_along() -> None:
    image = QImage(50, 40, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    image.setText("Author", "Lotte de Vries, Keizersgracht 1")
    original = encode(image)
    assert b"Keizersgracht" in original
    exported = export_image(original, sha(original))
    assert exported.media_type == "image/png" and b"Keizersgracht" not in exported.data


def test_a_sensitive_item_is_protected_and_its_original_stays_untouched(
    db: Database, case_id: int
) -> None:
    original = plain(400, 300)
    item = add_evidence(db, case_id, original, sensitive=True, redactions=[[0.1, 0.1, 0.3, 0.2]])
    stored = db.evidence.path_for(item.sha256)

    exported = export_evidence(db, item, platform=Platform.TIKTOK, language="nl", day=DAY)

    assert exported.protected
    assert exported.sha256 == sha(exported.data)
    assert exported.original_sha256 == item.sha256 == sha(original)
    assert stored.read_bytes() == original and db.evidence.verify(item.sha256)
    out = decode(exported.data)
    assert out.pixel(60, 45) != WHITE  # under the black-out (watermark may cross it)
    assert QColor(out.pixel(60, 45)).lightness() < 140
    assert any(out.pixel(x, 250) != WHITE for x in range(0, 400, 2))  # the watermark


def test_an_ordinary_item_is_re_encoded_but_not_watermarked(db: Database, case_id: int) -> None:
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("#e0e8f0"))
    image.setText("Comment", "taken at home")
    original = encode(image)
    item = add_evidence(db, case_id, original, redactions=[[0.1, 0.1, 0.3, 0.2]])

    exported = export_evidence(db, item, platform=Platform.TIKTOK, language="en")

    assert not exported.protected and exported.data != original
    assert b"taken at home" not in exported.data
    assert decode(exported.data) == decode(original)


def test_a_pdf_is_not_turned_into_an_image(db: Database, case_id: int) -> None:
    item = add_evidence(db, case_id, b"%PDF-1.4\n%%EOF\n", media_type="application/pdf")
    with pytest.raises(ValidationError):
        export_evidence(db, item, platform=Platform.TIKTOK, language="en")


def test_save_copy_writes_a_pdf_unchanged(db: Database, case_id: int, tmp_path: Path) -> None:
    pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"
    item = add_evidence(db, case_id, pdf, media_type="application/pdf")
    assert item.id is not None
    target = tmp_path / "out" / "notice.pdf"
    target.parent.mkdir()
    written = save_copy(db, item.id, target, platform=Platform.TIKTOK, language="en")
    assert written == target and target.read_bytes() == pdf
    assert names(target.parent) == ["notice.pdf"]


def test_save_copy_writes_an_image_protected_with_the_right_extension(
    db: Database, case_id: int, tmp_path: Path
) -> None:
    original = plain(300, 200)
    item = add_evidence(db, case_id, original, sensitive=True, redactions=[[0, 0, 0.2, 0.2]])
    assert item.id is not None
    written = save_copy(db, item.id, tmp_path / "id.jpg", platform=Platform.TIKTOK, language="nl")
    assert written == tmp_path / "id.png" and not (tmp_path / "id.jpg").exists()
    out = decode(written.read_bytes())
    assert out.pixel(5, 5) != WHITE and out != decode(original)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_save_copy_into_an_unwritable_folder_says_so_and_leaves_nothing(
    db: Database, case_id: int, tmp_path: Path
) -> None:
    item = add_evidence(db, case_id, plain(), sensitive=True, redactions=[[0, 0, 0.2, 0.2]])
    assert item.id is not None
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(AppealDeskError, match="cannot be written"):
            save_copy(db, item.id, folder / "id.png", platform=Platform.TIKTOK, language="en")
        assert names(folder) == []
    finally:
        folder.chmod(0o700)


def test_a_refused_permission_is_explained(
    db: Database, case_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same as above for a user that is root, where the folder cannot refuse."""
    item = add_evidence(db, case_id, plain())
    assert item.id is not None

    def refuse(**_kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(protected_copy.tempfile, "mkstemp", refuse)
    with pytest.raises(AppealDeskError, match=f"folder {tmp_path} cannot be written"):
        save_copy(db, item.id, tmp_path / "id.png", platform=Platform.TIKTOK, language="en")
    assert not (tmp_path / "id.png").exists()


def test_save_copy_into_a_missing_folder_says_so(
    db: Database, case_id: int, tmp_path: Path
) -> None:
    item = add_evidence(db, case_id, plain())
    assert item.id is not None
    with pytest.raises(AppealDeskError, match="does not exist"):
        save_copy(db, item.id, tmp_path / "gone" / "id.png", platform=Platform.X, language="en")
    assert not (tmp_path / "gone").exists()


def test_a_full_disk_leaves_no_half_written_file(
    db: Database, case_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = add_evidence(db, case_id, plain())
    assert item.id is not None
    folder = tmp_path / "copies"
    folder.mkdir()

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(protected_copy.os, "fsync", full)
    with pytest.raises(AppealDeskError, match="disk is full"):
        save_copy(db, item.id, folder / "id.png", platform=Platform.TIKTOK, language="en")
    assert names(folder) == []
