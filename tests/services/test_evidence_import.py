"""Importing evidence on a real database and evidence store: accepted, refused, cancelled."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest

from appealdesk.domain.enums import Checklist, EvidenceKind
from appealdesk.domain.errors import ValidationError
from appealdesk.services import case_snapshots, cases, checklists, evidence
from appealdesk.services.evidence_import import import_bytes, import_files
from appealdesk.store.database import Database
from appealdesk.store.evidence_store import is_sha256
from tests.engines import run_outside
from tests.images import TINY_GIF, encoded, jpeg_with_exif, picture, write_image

pytestmark = pytest.mark.usefixtures("qapp")  # drawing test images needs a QGuiApplication


def new_case(db: Database, handle: str = "lotte") -> int:
    case = cases.create_case(
        db, blocked_at=dt.datetime(2026, 11, 2, 9), new_account={"handle": handle}
    )
    assert case.id is not None
    return case.id


def stored_files(db: Database) -> set[str]:
    return set(db.evidence.stored_digests())


def leftovers(db: Database) -> list[Path]:
    staging = db.evidence.root / "tmp"
    return list(staging.iterdir()) if staging.is_dir() else []


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP", "GIF", "BMP"])
def test_each_image_format_is_stored_unchanged(db: Database, tmp_path: Path, fmt: str) -> None:
    case_id = new_case(db)
    path = tmp_path / f"shot.{fmt.lower()}"
    if fmt == "GIF":
        path.write_bytes(TINY_GIF)
    else:
        write_image(path, fmt, width=300, height=180)
    report = import_files(db, case_id, [path])
    assert report.rejected == [] and len(report.added) == 1
    item = report.added[0]
    original = path.read_bytes()
    assert item.sha256 == hashlib.sha256(original).hexdigest()
    assert db.evidence.read_bytes(item.sha256) == original
    size = (1, 1) if fmt == "GIF" else (300, 180)
    assert (item.width, item.height, item.size_bytes) == (*size, len(original))
    assert item.original_name == path.name and item.title == "shot"


def test_a_pdf_document_is_accepted(db: Database, tmp_path: Path) -> None:
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

    path = tmp_path / "reply.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.drawText(100, 100, "Your appeal was rejected.")
    painter.end()
    report = import_files(db, new_case(db), [path])
    assert [i.media_type for i in report.added] == ["application/pdf"]


def test_the_capture_time_comes_from_exif_else_from_the_file(db: Database, tmp_path: Path) -> None:
    case_id = new_case(db)
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(jpeg_with_exif({0x9003: b"2026:11:02 14:30:05"}))
    plain = write_image(tmp_path / "plain.png")
    moment = dt.datetime(2026, 10, 30, 8, 15).timestamp()
    os.utime(plain, (moment, moment))
    report = import_files(db, case_id, [photo, plain])
    captured = {i.original_name: i.captured_at for i in report.added}
    assert captured == {
        "photo.jpg": dt.datetime(2026, 11, 2, 14, 30, 5),
        "plain.png": dt.datetime(2026, 10, 30, 8, 15),
    }


def test_the_same_bytes_are_stored_once(db: Database, tmp_path: Path) -> None:
    first, second = new_case(db, "lotte"), new_case(db, "sanne")
    path = write_image(tmp_path / "notice.png")
    copy = tmp_path / "notice-copy.png"
    copy.write_bytes(path.read_bytes())
    report = import_files(db, first, [path, copy])
    assert len(report.added) == 1 and report.duplicates == ["notice-copy.png"]
    again = import_files(db, second, [path])
    assert len(again.added) == 1
    assert len(stored_files(db)) == 1


def test_one_bad_file_does_not_stop_the_others(db: Database, tmp_path: Path) -> None:
    case_id = new_case(db)
    good = write_image(tmp_path / "good.png")
    text = tmp_path / "notes.jpg"
    text.write_text("this is not a photo")
    empty = tmp_path / "empty.png"
    empty.touch()
    truncated = tmp_path / "half.jpg"
    truncated.write_bytes(encoded(picture(), "JPEG")[:400])
    report = import_files(db, case_id, [text, good, empty, tmp_path, truncated])
    assert [i.original_name for i in report.added] == ["good.png"]
    refused = {r.name for r in report.rejected}
    assert refused == {"notes.jpg", "empty.png", tmp_path.name, "half.jpg"}
    assert all(r.message.startswith(r.name + ": ") and r.reason for r in report.rejected)
    assert len(stored_files(db)) == 1 and leftovers(db) == []


def test_a_cancelled_import_leaves_no_rows_and_no_files(db: Database, tmp_path: Path) -> None:
    case_id = new_case(db)
    paths = [write_image(tmp_path / f"shot{i}.png", text=str(i)) for i in range(5)]
    seen: list[str] = []

    def stop_after_three() -> bool:
        return len(seen) >= 3

    report = import_files(
        db,
        case_id,
        paths,
        progress=lambda _d, _t, name: seen.append(name),
        should_stop=stop_after_three,
    )
    assert report.cancelled and report.added == []
    assert evidence.list_evidence(db, case_id) == []
    assert stored_files(db) == set() and leftovers(db) == []


def test_a_failed_import_removes_the_files_it_stored(db: Database, tmp_path: Path) -> None:
    case_id = new_case(db)
    paths = [write_image(tmp_path / f"shot{i}.png", text=str(i)) for i in range(3)]

    def delete_the_case_midway(done: int, _total: int, _name: str) -> None:
        if done == 2:
            case_snapshots.delete_case(db, case_id)

    with pytest.raises(Exception):  # noqa: B017 - the case is gone: nothing may be written
        import_files(db, case_id, paths, progress=delete_the_case_midway)
    assert stored_files(db) == set() and leftovers(db) == []


def test_a_clipboard_screenshot_is_imported(db: Database) -> None:
    case_id = new_case(db)
    report = import_bytes(db, case_id, encoded(picture()), "screenshot-20261121.png")
    assert [i.original_name for i in report.added] == ["screenshot-20261121.png"]
    refused = import_bytes(db, case_id, b"not an image", "clipboard.png")
    assert refused.added == [] and refused.rejected


def test_identity_documents_are_sensitive(db: Database, tmp_path: Path) -> None:
    case_id = new_case(db)
    report = import_files(
        db, case_id, [write_image(tmp_path / "id.png")], kind=EvidenceKind.ID_DOCUMENT
    )
    assert report.added[0].sensitive
    other = import_files(db, case_id, [write_image(tmp_path / "selfie.png", text="x")])
    item = other.added[0]
    assert item.id is not None and not item.sensitive
    assert evidence.update_evidence(db, item.id, kind="selfie_with_id").sensitive


def test_order_details_and_deletion(db: Database, tmp_path: Path) -> None:
    case_id, other_case = new_case(db, "lotte"), new_case(db, "sanne")
    paths = [write_image(tmp_path / f"shot{i}.png", text=str(i)) for i in range(3)]
    items = import_files(db, case_id, paths).added
    import_files(db, other_case, [paths[0]])
    ids = [i.id for i in items if i.id is not None]
    evidence.reorder_evidence(db, case_id, [ids[2], ids[0], ids[1]])
    assert [i.id for i in evidence.list_evidence(db, case_id)] == [ids[2], ids[0], ids[1]]
    with pytest.raises(ValidationError):
        evidence.reorder_evidence(db, case_id, ids[:2])
    checklists.set_item(db, case_id, Checklist.ID_DOCUMENTS, "id_front", evidence_id=ids[0])
    evidence.delete_evidence(db, ids[0])  # the other case still uses these bytes
    assert items[0].sha256 in stored_files(db)
    assert checklists.get_checklist(db, case_id, Checklist.ID_DOCUMENTS)[0].evidence_id is None
    evidence.delete_evidence(db, ids[1])
    assert items[1].sha256 not in stored_files(db)


def test_files_of_deleted_cases_are_collected(db: Database, tmp_path: Path) -> None:
    case_id = new_case(db)
    item = import_files(db, case_id, [write_image(tmp_path / "shot.png")]).added[0]
    case_snapshots.delete_case(db, case_id)
    if db.engine_name == "sqlite":
        old = 1_000_000_000
        os.utime(db.evidence.path_for(item.sha256), (old, old))
    else:  # stored in the database, dated by it
        assert is_sha256(item.sha256)
        run_outside(db, "UPDATE evidence_blobs SET stored_at = now() - interval '30 days' "
                        f"WHERE sha256 = '{item.sha256}'")  # fmt: skip
    assert evidence.collect_unreferenced(db) == 1
    assert stored_files(db) == set()
