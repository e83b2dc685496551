"""What is deleted is gone, files are the owner's only, and logs hold no ID data."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from appealdesk.cli.logs import log_file
from appealdesk.cli.main import main
from appealdesk.services import backups, evidence
from appealdesk.services.evidence_import import import_bytes
from appealdesk.services.workspace import open_workspace
from appealdesk.store.database import Database
from appealdesk.store.instance_lock import InstanceLock
from tests.images import encoded, picture

# A backup, a restore and the instance lock are a database file's.
pytestmark = pytest.mark.sqlite_only

MARKER = "Zeer-Geheim-Paspoort-NL4491827"


def _raw_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    for side in ("-wal", "-journal"):
        journal = path.with_name(path.name + side)
        if journal.exists():
            data += journal.read_bytes()
    return data


def test_deleted_evidence_leaves_neither_file_nor_trace_in_the_database(
    demo_path: Path, qapp: object
) -> None:
    db = open_workspace(demo_path)
    report = import_bytes(db, 1, encoded(picture(text="passport")), f"{MARKER}.png")
    item = report.added[0]
    assert item.id is not None
    evidence.update_evidence(db, item.id, title=MARKER, note=f"number {MARKER}")
    stored = db.evidence.path_for(item.sha256)
    assert stored.exists()
    evidence.delete_evidence(db, item.id)
    assert not stored.exists()
    db.close()
    assert MARKER.encode() not in _raw_bytes(demo_path)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_backup_files_and_the_lock_are_the_owners_only(demo_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "backup.zip"
    backups.write_backup_file(demo_db, target)
    made = backups.back_up(demo_db).backup
    with InstanceLock(demo_db.path) as lock:
        paths = [target, made.path, lock.path, demo_db.path]
        for path in paths:
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path


def test_the_log_never_holds_what_an_id_document_says(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_scan = tmp_path / "id-scan.jpg"
    fake_scan.write_text(f"BSN {MARKER}\n")  # not an image: refused by its content
    card = tmp_path / "id-card.png"
    card.write_bytes(encoded(picture(text=MARKER)))
    status = main(["evidence", "add", "--db", str(demo_path), "TT-2026-0004", str(fake_scan)])
    assert status == 1
    assert main(["evidence", "add", "--db", str(demo_path), "TT-2026-0004", str(card)]) == 0
    out = tmp_path / "dossier.zip"
    assert main(["export", "--db", str(demo_path), "TT-2026-0004", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "id-scan.jpg" in captured.err  # the refusal names the file…
    assert MARKER not in captured.err + captured.out  # …never what it says
    log = log_file()
    if log is not None and log.exists():
        assert MARKER not in log.read_text(encoding="utf-8", errors="replace")
