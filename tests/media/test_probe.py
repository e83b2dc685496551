"""Evidence files are judged from their content before they are stored.

Every file is generated here (QImage/QPainter, QPdfWriter, or bytes built by hand), so no
binary fixtures are committed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import pickle
import random
import struct
import sys
import threading
import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QRect
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageReader,
    QPainter,
    QPdfWriter,
)

from appealdesk.domain.errors import ValidationError
from appealdesk.media import exif
from appealdesk.media import probe as media_probe
from appealdesk.media.probe import (
    MAX_FILE_BYTES,
    MediaInfo,
    RejectedFileError,
    probe_bytes,
    probe_file,
    supported_formats,
)
from tests.images import encoded, pdf_document
from tests.properties import examples

WIDTH, HEIGHT = 64, 48
DAMAGED = "it is damaged or incomplete"
NOT_EVIDENCE = "it is not an image or a PDF"


# --- generating test files -------------------------------------------------------------------


def _picture(width: int = WIDTH, height: int = HEIGHT) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.fillRect(QRect(4, 4, width // 2, height // 2), QColor("navy"))
    painter.setBrush(QColor("orange"))
    painter.drawEllipse(QRect(width // 2, height // 2, width // 3, height // 3))
    painter.end()
    return image


def _encode(image: QImage, fmt: str) -> bytes:
    return encoded(image, fmt)


def _gif(width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """A GIF built by hand (Qt cannot write GIF): 7-bit LZW codes are 8 bits wide, one byte
    each, as long as a clear code comes often enough to keep the code table small."""
    palette = b"".join(bytes((i * 2, 255 - i * 2, 128)) for i in range(128))
    pixels = [(x // 8 + y // 8) % 128 for y in range(height) for x in range(width)]
    codes = bytearray()
    for start in range(0, len(pixels), 100):
        codes += bytes((128, *pixels[start : start + 100]))  # 128 = clear code
    codes.append(129)  # end of information
    blocks = b"".join(
        bytes((len(codes[i : i + 255]),)) + codes[i : i + 255] for i in range(0, len(codes), 255)
    )
    return (
        b"GIF89a"
        + struct.pack("<HHBBB", width, height, 0xF6, 0, 0)  # global table of 128 colours
        + palette
        + b","
        + struct.pack("<HHHHB", 0, 0, width, height, 0)
        + b"\x07"
        + blocks
        + b"\x00;"
    )


def _pdf(pages: int = 2) -> bytes:
    def paint(writer: QPdfWriter, painter: QPainter) -> None:
        for page in range(pages):
            if page:
                writer.newPage()
            painter.fillRect(QRect(100, 100, 400, 300), QColor("teal"))

    return pdf_document(paint)


def _sample(fmt: str) -> bytes:
    if fmt == "gif":
        return _gif()
    if fmt == "pdf":
        return _pdf()
    return _encode(_picture(), fmt)


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return (
        struct.pack(">I", len(payload))
        + kind
        + payload
        + struct.pack(">I", zlib.crc32(kind + payload))
    )


def _tiff(
    order: bytes = b"MM",
    *,
    original: str | None = None,
    modified: str | None = None,
    orientation: int | None = None,
) -> bytes:
    """An EXIF (TIFF) block: IFD0, then the Exif IFD, then the values that do not fit inline."""
    e = "<" if order == b"II" else ">"
    ifd0: list[tuple[int, int, int, bytes]] = []
    exif_ifd: list[tuple[int, int, int, bytes]] = []
    if orientation is not None:
        ifd0.append((0x0112, 3, 1, struct.pack(e + "HH", orientation, 0)))
    if modified is not None:
        ifd0.append((0x0132, 2, 20, modified.encode() + b"\0"))
    if original is not None:
        exif_ifd.append((0x9003, 2, 20, original.encode() + b"\0"))
        ifd0.append((0x8769, 4, 1, b""))  # its offset is filled in below
    exif_offset = 8 + 2 + 12 * len(ifd0) + 4
    data_offset = exif_offset + (2 + 12 * len(exif_ifd) + 4 if exif_ifd else 0)
    data = bytearray()

    def pack(entries: list[tuple[int, int, int, bytes]]) -> bytes:
        out = struct.pack(e + "H", len(entries))
        for tag, kind, count, value in sorted(entries):
            if tag == 0x8769:
                value = struct.pack(e + "I", exif_offset)
            if len(value) > 4:
                out += struct.pack(e + "HHII", tag, kind, count, data_offset + len(data))
                data.extend(value)
            else:
                out += struct.pack(e + "HHI", tag, kind, count) + value.ljust(4, b"\0")
        return out + struct.pack(e + "I", 0)

    body = pack(ifd0) + (pack(exif_ifd) if exif_ifd else b"")
    return order + struct.pack(e + "HI", 42, 8) + body + bytes(data)


def _with_exif(jpeg: bytes, tiff: bytes) -> bytes:
    """Splices an APP1 Exif segment in right after the JPEG's SOI marker."""
    payload = exif.EXIF_HEADER + tiff
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + jpeg[2:]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _refusal(path: Path) -> RejectedFileError:
    with pytest.raises(RejectedFileError) as caught:
        probe_file(path)
    return caught.value


# --- accepted files --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [
        ("png", "image/png"),
        ("jpeg", "image/jpeg"),
        ("webp", "image/webp"),
        ("gif", "image/gif"),
        ("bmp", "image/bmp"),
    ],
)
def test_each_image_format_is_accepted_with_its_type_size_and_dimensions(
    tmp_path: Path, fmt: str, media_type: str
) -> None:
    data = _sample(fmt)
    info = probe_file(_write(tmp_path, "evidence.bin", data))  # the extension says nothing
    assert info == MediaInfo(fmt, media_type, len(data), WIDTH, HEIGHT, None, None)
    assert info.is_image
    assert fmt in supported_formats()


def test_a_pdf_is_accepted_with_its_page_count(tmp_path: Path) -> None:
    data = _pdf(pages=3)
    info = probe_file(_write(tmp_path, "notice.pdf", data))
    assert info == MediaInfo("pdf", "application/pdf", len(data), None, None, None, 3)
    assert not info.is_image


def test_the_format_comes_from_the_content_not_the_name(tmp_path: Path) -> None:
    assert probe_file(_write(tmp_path, "photo.jpg", _sample("png"))).format == "png"


def test_clipboard_bytes_are_judged_the_same_way() -> None:
    data = _sample("png")
    assert probe_bytes(data, "clipboard.png").size_bytes == len(data)
    with pytest.raises(RejectedFileError, match=r"^clipboard\.png: it is not an image or a PDF$"):
        probe_bytes(b"just some copied text", "clipboard.png")
    with pytest.raises(RejectedFileError, match="the file is empty"):
        probe_bytes(b"", "clipboard.png")


def test_a_jpeg_may_end_with_a_little_padding() -> None:
    assert probe_bytes(_sample("jpeg") + b"\0" * 1000 + b"\r\n", "padded.jpg").format == "jpeg"


def test_a_file_can_be_probed_on_a_worker_thread(tmp_path: Path) -> None:
    path = _write(tmp_path, "shot.jpg", _sample("jpeg"))
    results: list[MediaInfo] = []
    worker = threading.Thread(target=lambda: results.append(probe_file(path)))
    worker.start()
    worker.join()
    assert [info.format for info in results] == ["jpeg"]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to count handles")
def test_probing_leaves_no_file_open(tmp_path: Path) -> None:
    paths = [_write(tmp_path, f"{fmt}.bin", _sample(fmt)) for fmt in ("png", "jpeg", "pdf")]
    paths.append(_write(tmp_path, "text.jpg", b"not an image"))
    handles = Path("/proc/self/fd")
    before = sum(1 for _ in handles.iterdir())
    for path in paths * 5:
        with contextlib.suppress(RejectedFileError):
            probe_file(path)
    assert sum(1 for _ in handles.iterdir()) == before


def test_an_image_qt_would_not_allocate_is_judged_without_decoding() -> None:
    """Qt's allocation limit (256 MB by default) is below what 100 megapixels can need; an
    image above it must not be called damaged just because Qt declines to decode it."""
    data = _encode(_picture(1000, 600), "png")  # 2.4 MB decoded
    previous = QImageReader.allocationLimit()
    QImageReader.setAllocationLimit(1)
    try:
        info = probe_bytes(data, "wide.png")
    finally:
        QImageReader.setAllocationLimit(previous)
    assert (info.width, info.height) == (1000, 600)


# --- EXIF ------------------------------------------------------------------------------------


@pytest.mark.parametrize("order", [b"MM", b"II"])
def test_a_jpeg_with_exif_date_time_original_gives_the_capture_time(order: bytes) -> None:
    tiff = _tiff(order, original="2025:03:14 09:26:53", modified="2025:06:01 12:00:00")
    info = probe_bytes(_with_exif(_sample("jpeg"), tiff), "photo.jpg")
    assert info.captured_at == dt.datetime(2025, 3, 14, 9, 26, 53)


def test_without_date_time_original_the_ifd0_date_time_is_used() -> None:
    tiff = _tiff(b"II", modified="2024:12:31 23:59:59")
    info = probe_bytes(_with_exif(_sample("jpeg"), tiff), "photo.jpg")
    assert info.captured_at == dt.datetime(2024, 12, 31, 23, 59, 59)


def test_a_png_exif_chunk_gives_the_capture_time() -> None:
    png = _sample("png")
    chunk = _png_chunk(b"eXIf", _tiff(original="2023:07:08 10:11:12"))
    info = probe_bytes(png[:33] + chunk + png[33:], "shot.png")  # right after IHDR
    assert info.captured_at == dt.datetime(2023, 7, 8, 10, 11, 12)


def test_a_webp_exif_chunk_gives_the_capture_time() -> None:
    webp = _sample("webp")
    payload = _tiff(b"II", original="2022:01:02 03:04:05")
    body = (
        webp[12:] + b"EXIF" + struct.pack("<I", len(payload)) + payload + b"\0" * (len(payload) % 2)
    )
    data = b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + body
    info = probe_bytes(data, "shot.webp")
    assert (info.format, info.width, info.height) == ("webp", WIDTH, HEIGHT)
    assert info.captured_at == dt.datetime(2022, 1, 2, 3, 4, 5)


def test_an_exif_rotated_jpeg_reports_the_dimensions_as_shown() -> None:
    info = probe_bytes(_with_exif(_sample("jpeg"), _tiff(orientation=6)), "portrait.jpg")
    assert (info.width, info.height) == (HEIGHT, WIDTH)
    upright = probe_bytes(_with_exif(_sample("jpeg"), _tiff(orientation=1)), "landscape.jpg")
    assert (upright.width, upright.height) == (WIDTH, HEIGHT)


def _self_referencing_exif_ifd() -> bytes:
    tiff = bytearray(_tiff(original="2025:01:01 00:00:00"))
    struct.pack_into(">I", tiff, 8 + 2 + 8, 8)  # the Exif IFD pointer points back at IFD0
    return bytes(tiff)


MALFORMED_EXIF = {
    "empty": b"",
    "no byte order": b"XX\x00\x2a\x00\x00\x00\x08",
    "wrong magic number": b"MM\x00\x2b\x00\x00\x00\x08",
    "ifd0 beyond the end": b"MM\x00\x2a\xff\xff\xff\xf0",
    "cut short": _tiff(original="2025:01:01 00:00:00")[:30],
    "value beyond the end": _tiff(original="2025:01:01 00:00:00")[:-10],
    "loop": _self_referencing_exif_ifd(),
    "zero date": _tiff(original="0000:00:00 00:00:00"),
    "blank date": _tiff(original="                   "),
    "not a date": _tiff(original="yesterday, I think!"),
    "huge entry count": b"II\x2a\x00\x08\x00\x00\x00\xff\xff" + b"\x00" * 40,
}


@pytest.mark.parametrize("tiff", MALFORMED_EXIF.values(), ids=MALFORMED_EXIF.keys())
def test_malformed_exif_gives_no_capture_time_and_no_error(tiff: bytes) -> None:
    assert exif.datetime_from_tiff(tiff) is None
    info = probe_bytes(_with_exif(_sample("jpeg"), tiff), "photo.jpg")
    assert (info.format, info.captured_at) == ("jpeg", None)


@examples(12)  # cheap: a few hundred inputs in the default profile
@given(st.binary(max_size=300))
def test_no_bytes_make_the_exif_parser_fail(data: bytes) -> None:
    for candidate in (data, b"MM\x00\x2a" + data, b"II\x2a\x00" + data):
        exif.datetime_from_tiff(candidate)
    exif.capture_time(b"\xff\xd8" + data, "jpeg")
    exif.capture_time(exif.PNG_SIGNATURE + data, "png")
    exif.capture_time(b"RIFF\0\0\0\0WEBP" + data, "webp")


# --- refused files ---------------------------------------------------------------------------


def test_an_image_over_100_megapixels_is_refused_from_its_header(tmp_path: Path) -> None:
    ihdr = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 64)
    data = (
        exif.PNG_SIGNATURE
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )
    error = _refusal(_write(tmp_path, "poster.png", data))
    assert error.reason == (
        "the image is too large: 100,000 × 100,000 pixels (at most 100 megapixels)"
    )


@pytest.mark.parametrize("fmt", ["png", "jpeg", "webp", "gif", "bmp", "pdf"])
def test_a_file_cut_in_half_is_damaged(tmp_path: Path, fmt: str) -> None:
    data = _sample(fmt)
    assert _refusal(_write(tmp_path, f"half.{fmt}", data[: len(data) // 2])).reason == DAMAGED


def test_a_png_without_iend_is_damaged() -> None:
    data = _sample("png")
    assert data.endswith(_png_chunk(b"IEND", b""))
    with pytest.raises(RejectedFileError, match=DAMAGED):
        probe_bytes(data[:-12], "shot.png")


def test_a_pdf_without_end_of_file_marker_is_damaged() -> None:
    data = _pdf().replace(b"%%EOF", b"")
    with pytest.raises(RejectedFileError, match=DAMAGED):
        probe_bytes(data, "notice.pdf")


# libpng prints "libpng error: ..." to stderr itself, outside Qt's logging; should a Qt build
# route it through qWarning, this marker keeps that expected complaint from failing the test.
@pytest.mark.qt_log_ignore("libpng")
def test_damage_only_decoding_reveals_is_found() -> None:
    png = _sample("png")
    ihdr_end = 33
    broken = (
        png[:ihdr_end] + _png_chunk(b"IDAT", b"\x78\x9c" + b"\xab" * 200) + _png_chunk(b"IEND", b"")
    )
    with pytest.raises(RejectedFileError, match=DAMAGED):
        probe_bytes(broken, "shot.png")


RANDOM_BYTES = random.Random(4).randbytes(4096)
NOT_IMAGES = {
    "shot.png": RANDOM_BYTES,
    "photo.jpg": b"Dear TikTok, my account was blocked by mistake.\n" * 20,
    "scan.bmp": b"BMW owners club newsletter, issue 4\n" * 5,
    "archive.png": b"PK\x03\x04" + RANDOM_BYTES,
    "setup.jpg": b"\x7fELF\x02\x01\x01" + RANDOM_BYTES,
    "movie.heic": b"\x00\x00\x00\x18ftypisom\x00\x00\x00\x00isommp41" + RANDOM_BYTES,
}


@pytest.mark.parametrize("name", NOT_IMAGES)
def test_anything_else_is_not_an_image_whatever_its_name(tmp_path: Path, name: str) -> None:
    error = _refusal(_write(tmp_path, name, NOT_IMAGES[name]))
    assert str(error) == f"{name}: {NOT_EVIDENCE}"


def test_heic_is_refused_when_qt_cannot_read_it(monkeypatch: pytest.MonkeyPatch) -> None:
    readable = media_probe.qt_readable_formats() - {"heic", "heif"}
    monkeypatch.setattr(media_probe, "qt_readable_formats", lambda: readable)
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
    with pytest.raises(RejectedFileError) as caught:
        probe_bytes(heic, "IMG_0001.HEIC")
    assert caught.value.reason == (
        "HEIC photos cannot be read on this computer; save the photo as JPEG or PNG first"
    )
    assert "heic" not in supported_formats()
    monkeypatch.setattr(media_probe, "qt_readable_formats", lambda: readable | {"heif"})
    assert "heic" in supported_formats()


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    assert _refusal(_write(tmp_path, "empty.png", b"")).reason == "the file is empty"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "screenshots.png"
    folder.mkdir()
    assert str(_refusal(folder)) == "screenshots.png: it is a folder, not a file"


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    assert _refusal(tmp_path / "gone.png").reason == "the file does not exist"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_refused_without_reading_from_it(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.png"
    os.mkfifo(pipe)
    assert _refusal(pipe).reason == "it is not an ordinary file"


def test_a_file_over_50_mb_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "video.png"
    with path.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)  # sparse: nothing is written
    assert _refusal(path).reason == "the file is too large: 53.5 MB (at most 50 MB)"
    with pytest.raises(RejectedFileError, match="too large"):
        probe_bytes(b"\xff\xd8\xff" + bytes(MAX_FILE_BYTES), "clipboard.jpg")


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root (and Windows) ignore chmod 000"
)
def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "secret.png", _sample("png"))
    path.chmod(0)
    try:
        assert _refusal(path).reason == "you do not have permission to read it"
    finally:
        path.chmod(0o600)


def test_a_permission_error_while_opening_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, "secret.png", _sample("png"))

    def forbidden(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", forbidden)
    assert _refusal(path).reason == "you do not have permission to read it"


def test_the_refusal_names_the_file_not_its_folder(tmp_path: Path) -> None:
    error = _refusal(_write(tmp_path, "shot.png", RANDOM_BYTES))
    assert (error.name, error.reason) == ("shot.png", NOT_EVIDENCE)
    assert error.message == "shot.png: it is not an image or a PDF"
    assert str(tmp_path) not in error.message


def test_a_rejected_file_is_a_validation_error() -> None:
    assert issubclass(RejectedFileError, ValidationError)
    error = pickle.loads(pickle.dumps(RejectedFileError("a.png", "it is empty")))
    assert (error.name, error.reason, str(error)) == ("a.png", "it is empty", "a.png: it is empty")


@pytest.mark.parametrize("size", [1, 4095, 4096, 3 * 1024 * 1024 + 7])
def test_an_evidence_file_is_read_whole(tmp_path: Path, size: int) -> None:
    data = random.Random(size).randbytes(size)
    path = tmp_path / "file.png"
    path.write_bytes(data)
    assert media_probe.read_evidence_file(path) == data


def test_a_file_that_grew_after_it_was_looked_at_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read is sized by the file's size when it was looked at; a file written on since
    (a screenshot still being saved) must not be cut off there."""
    data = random.Random(1).randbytes(200_000)
    path = tmp_path / "growing.png"
    path.write_bytes(data)
    looked_at = path.stat()
    path.write_bytes(data[:1000])  # what the look found: the first thousand bytes
    early = path.stat()
    path.write_bytes(data)  # and then the rest arrived
    assert looked_at.st_size == len(data)
    original_stat = Path.stat

    def stat_as_looked_at(self: Path, **kwargs: bool) -> os.stat_result:
        return early if self == path else original_stat(self, **kwargs)

    monkeypatch.setattr(Path, "stat", stat_as_looked_at)
    assert media_probe.read_evidence_file(path) == data
