"""Thumbnails are made once and then read from the cache, plain or sealed."""

from __future__ import annotations

from pathlib import Path

import pytest

from appealdesk.services.encryption import encrypt_database
from appealdesk.services.evidence_import import import_files
from appealdesk.services.thumbnails import thumbnail
from appealdesk.services.workspace import open_workspace
from appealdesk.store.database import Database
from appealdesk.store.encryption.keys import TEST_COST
from tests.images import write_image


def _one_picture(db: Database, tmp_path: Path) -> str:
    from appealdesk.services import cases

    case_id = cases.find_case(db, "TT-2026-0001").case.id
    assert case_id is not None
    report = import_files(db, case_id, [write_image(tmp_path / "shot.png", width=900)])
    (item,) = report.added
    return item.sha256


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_the_second_look_comes_from_the_cache(
    demo_path: Path, tmp_path: Path, encrypted: bool
) -> None:
    key = (
        encrypt_database(demo_path, "passphrase of the test", cost=TEST_COST).key
        if encrypted
        else None
    )
    db = open_workspace(demo_path, key=key)
    try:
        sha256 = _one_picture(db, tmp_path)
        made = thumbnail(db, sha256, "image/png")
        assert made is not None and max(made.width(), made.height()) == 240
        cached = db.evidence.thumbnail_path(sha256, 240)
        assert cached.is_file()
        assert (b"\x89PNG" in cached.read_bytes()) is not encrypted
        again = thumbnail(db, sha256, "image/png")
        assert again is not None and again.size() == made.size()
        assert again.pixel(10, 10) == made.pixel(10, 10)
    finally:
        db.close()
