"""Two writers on one evidence store: a file is never removed under a row that needs it."""

from __future__ import annotations

from pathlib import Path

from appealdesk.services import cases, evidence
from appealdesk.services.evidence_import import import_bytes, import_files
from appealdesk.services.workspace import open_workspace
from appealdesk.store.database import Database
from tests.images import encoded, picture


def _case(db: Database, handle: str) -> int:
    case = cases.create_case(
        db, blocked_at=cases.now(), new_account={"platform": "tiktok", "handle": handle}
    )
    assert case.id is not None
    return case.id


def test_a_deletion_between_storing_and_committing_an_import_loses_nothing(
    db: Database, tmp_path: Path, qapp: object
) -> None:
    data = encoded(picture(text="shared screenshot"))
    first_case, second_case = _case(db, "@one"), _case(db, "@two")
    existing = import_bytes(db, first_case, data, "first.png").added[0]
    assert existing.id is not None
    screenshot = tmp_path / "same.png"
    screenshot.write_bytes(data)
    other_window = open_workspace(db.location)

    def delete_meanwhile(done: int, total: int, _name: str) -> None:
        if done == total:  # the file is stored (found present); its row is not committed yet
            evidence.delete_evidence(other_window, existing.id or 0)
            assert not db.evidence.exists(existing.sha256)

    try:
        report = import_files(db, second_case, [screenshot], progress=delete_meanwhile)
    finally:
        other_window.close()

    (added,) = report.added
    assert added.sha256 == existing.sha256
    assert db.evidence.verify(added.sha256)
    assert [item.id for item in evidence.list_evidence(db, first_case)] == []
