"""Where evidence comes from and when it was captured, in which time zone, and how that is known."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from appealdesk.domain.enums import CaptureSource, EvidenceSource
from appealdesk.domain.errors import ValidationError
from appealdesk.domain.provenance import capture_text, local_offset, shown_capture
from appealdesk.services import cases, evidence
from appealdesk.services.evidence_import import import_bytes, import_files
from appealdesk.services.workspace import open_workspace
from appealdesk.store.database import Database
from appealdesk.store.evidence_store import evidence_dir_for
from tests.fixtures import make_schema_fixtures as fixtures
from tests.images import encoded, jpeg_with_exif, picture, write_image

UTC_PLUS_ONE = dt.timezone(dt.timedelta(hours=1))


def _case(db: Database) -> int:
    case = cases.create_case(
        db, blocked_at=dt.datetime(2026, 11, 2, 8, 30), new_account={"handle": "lotte"}
    )
    assert case.id is not None
    return case.id


def test_exif_with_its_offset_is_stored_in_utc_with_that_offset(
    db: Database, tmp_path: Path
) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(jpeg_with_exif({0x9003: b"2026:11:12 14:03:00", 0x9011: b"+01:00"}))
    item = import_files(db, _case(db), [photo]).added[0]
    assert (item.captured_at, item.captured_offset) == (dt.datetime(2026, 11, 12, 13, 3), 60)
    assert item.capture_source is CaptureSource.EXIF
    assert capture_text(item.captured_at, item.captured_offset, item.capture_source, "en") == (
        "12 Nov 2026 14:03 (UTC+01:00), from the photo's EXIF data"
    )


def test_exif_without_an_offset_takes_this_computers_zone_and_says_so(
    db: Database, tmp_path: Path
) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(jpeg_with_exif({0x9003: b"2026:07:01 09:30:00"}))
    item = import_files(db, _case(db), [photo]).added[0]
    wall_clock = dt.datetime(2026, 7, 1, 9, 30)
    assert item.capture_source is CaptureSource.EXIF_LOCAL_ZONE
    assert item.captured_offset == local_offset(wall_clock)
    shown = shown_capture(item.captured_at, item.captured_offset)
    assert shown is not None and shown.replace(tzinfo=None) == wall_clock
    assert "this computer's assumed" in capture_text(
        item.captured_at, item.captured_offset, item.capture_source, "en"
    )


def test_without_exif_the_file_time_is_the_capture_time_and_named_so(
    db: Database, tmp_path: Path
) -> None:
    shot = write_image(tmp_path / "shot.png")
    modified = dt.datetime(2026, 10, 5, 18, 45, tzinfo=dt.UTC)
    os.utime(shot, (modified.timestamp(), modified.timestamp()))
    item = import_files(db, _case(db), [shot]).added[0]
    assert item.capture_source is CaptureSource.FILE_TIME
    shown = shown_capture(item.captured_at, item.captured_offset)
    assert shown == modified  # the same moment, in this computer's zone


def test_a_pasted_screenshot_stores_when_it_was_pasted(db: Database) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    item = import_bytes(db, _case(db), encoded(picture()), "screenshot.png").added[0]
    after = dt.datetime.now(dt.UTC)
    assert item.capture_source is CaptureSource.PASTED
    assert item.captured_at is not None and item.captured_offset == local_offset()
    assert before <= item.captured_at.replace(tzinfo=dt.UTC) <= after
    stored = evidence.get_evidence(db, item.id or 0)
    assert (stored.captured_at, stored.capture_source) == (item.captured_at, CaptureSource.PASTED)


def test_source_device_and_a_time_entered_by_hand_are_kept(db: Database) -> None:
    item = import_bytes(db, _case(db), encoded(picture()), "screenshot.png").added[0]
    assert item.id is not None
    evidence.update_evidence(
        db,
        item.id,
        source=EvidenceSource.WEB_PAGE,
        source_url="https://www.tiktok.com/@lotte/video/7",
        device="Firefox on a laptop",
        captured_at=dt.datetime(2026, 11, 12, 14, 3, tzinfo=UTC_PLUS_ONE),
    )
    stored = evidence.get_evidence(db, item.id)
    assert stored.source is EvidenceSource.WEB_PAGE
    assert stored.source_url == "https://www.tiktok.com/@lotte/video/7"
    assert stored.device == "Firefox on a laptop"
    assert (stored.captured_at, stored.captured_offset) == (dt.datetime(2026, 11, 12, 13, 3), 60)
    assert stored.capture_source is CaptureSource.ENTERED


@pytest.mark.parametrize(
    "address", ["tiktok.com/@lotte", "javascript:alert(1)", "https://", "https://a b.example"]
)
def test_a_web_address_must_be_one(db: Database, address: str) -> None:
    item = import_bytes(db, _case(db), encoded(picture()), "screenshot.png").added[0]
    with pytest.raises(ValidationError, match="web address"):
        evidence.update_evidence(db, item.id or 0, source_url=address)


def test_existing_capture_times_keep_their_value_and_claim_no_zone_or_exif(
    tmp_path: Path,
) -> None:
    fixture = fixtures.fixture_path("0005")
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    shutil.copytree(evidence_dir_for(fixture), evidence_dir_for(path))
    db = open_workspace(path)
    try:
        for row in fixtures.data_for("0005")["evidence_items"]:
            item = evidence.get_evidence(db, row["id"])
            assert item.captured_at == row["captured_at"]
            assert item.captured_offset is None
            expected = None if row["captured_at"] is None else CaptureSource.UNKNOWN
            assert item.capture_source is expected
    finally:
        db.close()
