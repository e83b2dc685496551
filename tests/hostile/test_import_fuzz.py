"""Evidence import fed damaged, mutated and random files: each one kept whole or refused by name.

Kept means: a row in the case, and a stored copy that still hashes to its SHA-256. Refused
means: one sentence that names the file, and nothing of it left in the evidence store. A bad
file never stops the good ones beside it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import os
import struct
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from PySide6.QtGui import QPageSize

from appealdesk.domain.enums import Platform
from appealdesk.domain.errors import AppealDeskError
from appealdesk.media.probe import MediaInfo, RejectedFileError, probe_bytes
from appealdesk.services import case_list, cases, evidence
from appealdesk.services.case_rows import CaseQuery
from appealdesk.services.evidence_import import ImportReport, import_bytes, import_files
from appealdesk.services.protected_copy import export_evidence
from appealdesk.services.thumbnails import thumbnail
from appealdesk.store.database import Database
from tests.images import TINY_GIF, encoded, jpeg_with_exif, pdf_document, picture

# Qt's decoders complain (as Qt warnings) about the corrupt data they are fed on purpose here.
pytestmark = [pytest.mark.usefixtures("qapp"), pytest.mark.qt_log_level_fail("CRITICAL")]

_serial = itertools.count(1)


def _pdf() -> bytes:
    return pdf_document(
        lambda _writer, painter: painter.drawText(100, 100, "Your appeal was rejected."),
        QPageSize.PageSizeId.A5,
    )


FORMATS = ["bmp", "gif", "jpeg", "pdf", "png", "webp"]


@cache
def samples() -> dict[str, bytes]:
    """One real, small file of every kind AppealDesk takes."""
    image = picture(96, 64, text="x")
    return {
        "png": encoded(image, "PNG"),
        "jpeg": jpeg_with_exif({0x9003: b"2026:11:02 14:30:05"}, width=96, height=64),
        "webp": encoded(image, "WEBP"),
        "bmp": encoded(image, "BMP"),
        "gif": TINY_GIF,
        "pdf": _pdf(),
    }


# Ways to damage a file ------------------------------------------------------------------


def _png_size(data: bytes, width: int, height: int, fix_crc: bool) -> bytes:
    header = data[12:16] + struct.pack(">II", width, height) + data[24:29]
    crc = struct.pack(">I", zlib.crc32(header)) if fix_crc else data[29:33]
    return data[:12] + header + crc + data[33:]


def _jpeg_size(data: bytes, width: int, height: int) -> bytes:
    at = data.find(b"\xff\xc0")
    if at < 0:
        at = data.find(b"\xff\xc2")
    if at < 0:
        return data
    return data[: at + 5] + struct.pack(">HH", height, width) + data[at + 9 :]


def _gif_size(data: bytes, width: int, height: int) -> bytes:
    return data[:6] + struct.pack("<HH", width, height) + data[10:]


def _bmp_size(data: bytes, width: int, height: int) -> bytes:
    return data[:18] + struct.pack("<ii", width, height) + data[26:]


def _webp_size(data: bytes, width: int, height: int) -> bytes:
    chunk = data[12:16]
    if chunk == b"VP8L":  # 14-bit sizes minus one, after the signature byte
        bits = ((width - 1) & 0x3FFF) | (((height - 1) & 0x3FFF) << 14)
        packed = struct.unpack("<I", data[21:25])[0]
        return data[:21] + struct.pack("<I", (packed & ~0x0FFFFFFF) | bits) + data[25:]
    if chunk == b"VP8 ":
        return data[:26] + struct.pack("<HH", width & 0x3FFF, height & 0x3FFF) + data[30:]
    return data


@st.composite
def resized(draw: st.DrawFn, fmt: str, data: bytes) -> bytes:
    """The header claims other dimensions: zero, tiny, huge or negative."""
    sizes = st.sampled_from([0, 1, 2, 65535, 65536, 10_001, 100_000, 2**31 - 1, 2**32 - 1])
    width = draw(sizes | st.integers(0, 2**16))
    height = draw(sizes | st.integers(0, 2**16))
    if fmt == "png":
        return _png_size(data, width, height, fix_crc=draw(st.booleans()))
    if fmt == "jpeg":
        return _jpeg_size(data, width & 0xFFFF, height & 0xFFFF)
    if fmt == "gif":
        return _gif_size(data, width & 0xFFFF, height & 0xFFFF)
    if fmt == "bmp":
        return _bmp_size(
            data, width % 2**31, -(height % 2**31) if draw(st.booleans()) else height % 2**31
        )
    if fmt == "webp":
        return _webp_size(data, max(width, 1), max(height, 1))
    return data.replace(b"/MediaBox [", b"/MediaBox [" + str(width).encode() + b" ", 1)


@st.composite
def flipped(draw: st.DrawFn, data: bytes) -> bytes:
    changed = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(changed) - 1))
        changed[at] ^= draw(st.integers(1, 255))
    return bytes(changed)


@st.composite
def truncated(draw: st.DrawFn, data: bytes) -> bytes:
    return data[: draw(st.integers(0, len(data) - 1))]


@st.composite
def duplicated(draw: st.DrawFn, data: bytes) -> bytes:
    start = draw(st.integers(0, len(data) - 1))
    end = draw(st.integers(start + 1, min(len(data), start + 4096)))
    at = draw(st.integers(0, len(data)))
    return data[:at] + data[start:end] + data[at:]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A real file of some kind, damaged in some way (maybe several)."""
    fmt = draw(st.sampled_from(FORMATS))
    data = samples()[fmt]
    for _ in range(draw(st.integers(1, 3))):
        if not data:
            break
        damage = draw(st.sampled_from(["flip", "truncate", "duplicate", "resize"]))
        if damage == "resize":
            data = draw(resized(fmt, data))
        else:
            data = draw(
                {"flip": flipped, "truncate": truncated, "duplicate": duplicated}[damage](data)
            )
    return fmt, data


MAGIC = [b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF89a", b"RIFF\0\0\0\0WEBP", b"BM", b"%PDF-"]
MAGIC += [b"\0\0\0\x18ftypheic", b"", b"\xef\xbb\xbf", b"PK\x03\x04"]
# Random bytes behind a real signature, some with the ending their format asks for.
random_bytes = st.builds(
    lambda magic, tail, ending: magic + tail + ending,
    st.sampled_from(MAGIC),
    st.binary(max_size=2048),
    st.sampled_from([b"", b"\xff\xd9", b"IEND\xaeB`\x82", b";", b"%%EOF\n"]),
)


# What must hold after an import --------------------------------------------------------


@dataclass(frozen=True)
class Batch:
    paths: list[Path]
    good: list[Path]


def new_case(db: Database) -> int:
    case = cases.create_case(
        db,
        blocked_at=dt.datetime(2026, 11, 2, 9),
        new_account={"handle": f"lotte{next(_serial)}"},
    )
    assert case.id is not None
    return case.id


def write_batch(folder: Path, good: list[bytes], bad: list[bytes]) -> Batch:
    batch = folder / f"batch-{next(_serial)}"
    batch.mkdir()
    paths, good_paths = [], []
    for number, data in enumerate(good):
        path = batch / f"good-{number}.bin"
        path.write_bytes(data)
        good_paths.append(path)
    for number, data in enumerate(bad):
        path = batch / f"suspect-{number}.png"
        path.write_bytes(data)
        paths.append(path)
    # the good ones in the middle of the bad ones
    middle = len(paths) // 2
    return Batch(paths[:middle] + good_paths + paths[middle:], good_paths)


def check_report(db: Database, case_id: int, batch: Batch, report: ImportReport) -> None:
    names = [p.name for p in batch.paths]
    added = [item.original_name for item in report.added]
    refused = [r.name for r in report.rejected]
    assert sorted(added + report.duplicates + refused) == sorted(names)
    assert not report.cancelled
    for good in batch.good:
        assert good.name in added or good.name in report.duplicates
    for rejection in report.rejected:
        assert rejection.reason.strip() and "\n" not in rejection.reason
        assert rejection.message == f"{rejection.name}: {rejection.reason}"
    rows = {item.id: item for item in evidence.list_evidence(db, case_id)}
    by_name = {p.name: p for p in batch.paths}
    for item in report.added:
        assert item.id in rows
        original = by_name[item.original_name].read_bytes()
        assert item.sha256 == hashlib.sha256(original).hexdigest()
        assert item.size_bytes == len(original)
        assert db.evidence.verify(item.sha256)
        assert db.evidence.read_bytes(item.sha256) == original
    assert_no_orphans(db)


def assert_no_orphans(db: Database) -> None:
    """Every stored file belongs to a row, every row has its file; nothing half-written."""
    referenced = set()
    for row in cases_ids(db):
        referenced |= {item.sha256 for item in evidence.list_evidence(db, row)}
    assert set(db.evidence.stored_digests()) == referenced
    staging = db.evidence.root / "tmp"
    assert not staging.is_dir() or list(staging.iterdir()) == []


def cases_ids(db: Database) -> list[int]:
    return [row.id for row in case_list.list_cases(db, CaseQuery(), limit=100_000)]


def accepted_can_leave_the_app(db: Database, report: ImportReport) -> None:
    """What was kept can be shown and exported, or says clearly why it cannot."""
    for item in report.added:
        thumbnail(db, item.sha256, item.media_type)
        if item.media_type.startswith("image/"):
            try:
                exported = export_evidence(db, item, platform=Platform.TIKTOK, language="en")
            except AppealDeskError as refused:
                assert refused.message.strip()
            else:
                assert exported.data and exported.width > 0 and exported.height > 0


# The tests -----------------------------------------------------------------------------


@pytest.mark.slow
@given(bad=st.lists(mutated(), min_size=1, max_size=4))
def test_mutated_files_are_kept_whole_or_refused_by_name(
    db: Database, tmp_path: Path, bad: list[tuple[str, bytes]]
) -> None:
    originals = set(samples().values())
    assume(all(data not in originals for _fmt, data in bad))
    case_id = new_case(db)
    batch = write_batch(tmp_path, [samples()["png"], samples()["pdf"]], [d for _f, d in bad])
    report = import_files(db, case_id, batch.paths)
    check_report(db, case_id, batch, report)
    accepted_can_leave_the_app(db, report)


@pytest.mark.slow
@given(bad=st.lists(random_bytes, min_size=1, max_size=4))
def test_random_bytes_are_kept_whole_or_refused_by_name(
    db: Database, tmp_path: Path, bad: list[bytes]
) -> None:
    case_id = new_case(db)
    batch = write_batch(tmp_path, [samples()["jpeg"]], bad)
    report = import_files(db, case_id, batch.paths)
    check_report(db, case_id, batch, report)
    accepted_can_leave_the_app(db, report)


@given(data=random_bytes | mutated().map(lambda pair: pair[1]))
def test_a_pasted_screenshot_is_judged_the_same_way(db: Database, data: bytes) -> None:
    case_id = new_case(db)
    name = "screenshot-20261121.png"
    try:
        info: MediaInfo | None = probe_bytes(data, name)
    except RejectedFileError as refused:
        assert refused.name == name and refused.reason.strip()
        info = None
    report = import_bytes(db, case_id, data, name)
    if info is None:
        assert [r.name for r in report.rejected] == [name] and report.added == []
    else:
        assert [i.sha256 for i in report.added] == [hashlib.sha256(data).hexdigest()]
        assert report.added[0].media_type == info.media_type
    assert_no_orphans(db)
    accepted_can_leave_the_app(db, report)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_cut_of_a_file_is_refused_or_kept(db: Database, tmp_path: Path, fmt: str) -> None:
    """A download cut off at any point: never an error, never half a file in the store."""
    data = samples()[fmt]
    cuts = sorted({*range(0, min(len(data), 64)), *range(64, len(data), max(1, len(data) // 40))})
    case_id = new_case(db)
    batch = write_batch(tmp_path, [samples()["gif"]], [data[:cut] for cut in cuts])
    report = import_files(db, case_id, batch.paths)
    check_report(db, case_id, batch, report)
    assert len(report.rejected) >= len(cuts) - 1  # at most a cut-off trailer goes unnoticed


def test_not_files_at_all_are_refused_by_name(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "screenshots.png"
    folder.mkdir()
    link = tmp_path / "dangling.png"
    link.symlink_to(tmp_path / "gone.png")
    weird = tmp_path / "\u202egnp.exe"
    weird.write_bytes(b"MZ\x90\x00" + bytes(200))
    case_id = new_case(db)
    good = tmp_path / "good.png"
    good.write_bytes(samples()["png"])
    paths = [folder, link, tmp_path / "missing.jpg", weird, good]
    report = import_files(db, case_id, paths)
    assert [item.original_name for item in report.added] == ["good.png"]
    # The right-to-left override that makes it read "exe.png" is left out of the name.
    assert [r.name for r in report.rejected] == [p.name for p in paths[:3]] + ["gnp.exe"]
    assert_no_orphans(db)


def test_a_file_name_that_is_not_utf8_is_kept_readably(db: Database, tmp_path: Path) -> None:
    """Names from old zip files or Windows shares may hold bytes that are not UTF-8."""
    if os.name != "posix":
        pytest.skip("file names are bytes only on POSIX")
    folder = os.fsencode(tmp_path)
    good = Path(os.fsdecode(folder + b"/caf\xe9.gif"))
    bad = Path(os.fsdecode(folder + b"/na\xefve.png"))
    good.write_bytes(TINY_GIF)
    bad.write_bytes(b"not a picture")
    case_id = new_case(db)
    report = import_files(db, case_id, [good, bad])
    assert [item.original_name for item in report.added] == ["caf\ufffd.gif"]
    assert [item.title for item in report.added] == ["caf\ufffd"]
    assert [r.name for r in report.rejected] == ["na\ufffdve.png"]
    assert evidence.list_evidence(db, case_id)[0].original_name == "caf\ufffd.gif"
    assert_no_orphans(db)
