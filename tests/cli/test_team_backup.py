"""A team database's cases to one person's file and back, in the archive of ``backup``."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from appealdesk.services import evidence
from appealdesk.services.workspace import open_workspace
from tests.cli.test_team import appealdesk
from tests.postgres import PostgresServer

pytestmark = [pytest.mark.postgres, pytest.mark.subprocess]


def listing(db_location: str | Path) -> list[tuple[str, str, str]]:
    shown = appealdesk("cases", "--db", db_location, "--format", "json")
    assert shown.returncode == 0, shown.stderr
    return sorted((c["case_number"], c["status"], c["handle"]) for c in json.loads(shown.stdout))


def test_team_to_file_to_a_new_team_keeps_every_case_and_file(
    pg_url: str, postgres_server: PostgresServer, tmp_path: Path
) -> None:
    assert appealdesk("demo", pg_url).returncode == 0
    archive = tmp_path / "team.appealdesk-backup"
    written = appealdesk("backup", "--db", pg_url, "--out", archive)
    assert written.returncode == 0, written.stderr
    assert "Backup written to" in written.stdout
    with zipfile.ZipFile(archive) as opened:
        assert opened.testzip() is None

    single = tmp_path / "mine.db"
    restored = appealdesk("restore", "--db", single, archive)
    assert restored.returncode == 0, restored.stderr
    assert listing(single) == listing(pg_url)

    postgres_server.create_database("team_again")
    again = postgres_server.url("team_again")
    back = appealdesk("restore", "--db", again, archive)
    assert back.returncode == 0, back.stderr
    assert "(cases: 16," in back.stdout
    assert listing(again) == listing(pg_url)

    team, copy = open_workspace(pg_url), open_workspace(again)
    try:
        items = [
            evidence.get_evidence(team, row[0])
            for row in team.rows("SELECT id FROM evidence_items ORDER BY id")
        ]
        assert items
        for item in items:
            data = copy.evidence.read_bytes(item.sha256)
            assert hashlib.sha256(data).hexdigest() == item.sha256
        assert copy.evidence.verify(items[0].sha256)
    finally:
        team.close()
        copy.close()

    refused = appealdesk("restore", "--db", again, archive)
    assert refused.returncode == 1
    assert "holds cases already" in refused.stderr
    postgres_server.drop_database("team_again")


def test_a_file_the_archive_lacks_is_reported_not_passed_over(
    demo_path: Path, pg_url: str, tmp_path: Path
) -> None:
    from appealdesk.store.evidence_store import EvidenceStore, evidence_dir_for

    store = EvidenceStore(evidence_dir_for(demo_path))
    lost = next(iter(store.stored_digests()))
    store.path_for(lost).chmod(0o600)
    store.path_for(lost).unlink()
    archive = tmp_path / "gap.appealdesk-backup"
    assert appealdesk("backup", "--db", demo_path, "--out", archive).returncode == 1
    back = appealdesk("restore", "--db", pg_url, archive)
    assert back.returncode == 0, back.stderr
    assert "Warning: 1 evidence file is missing or damaged" in back.stdout
