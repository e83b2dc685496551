"""The log says which upgrades, backups, restores and refused imports happened, and nothing
about whose they were: no names, no file names, no paths of the user's files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from appealdesk.store import migrate
from appealdesk.store.evidence_store import evidence_dir_for
from tests.cli.test_cli import appealdesk
from tests.cli.test_log_privacy import log_path
from tests.fixtures import make_schema_fixtures as schema_fixtures
from tests.images import write_image

SECRET_NAME = "paspoort Jan de Vries NX4F07K92"
SECRETS = ("Jan de Vries", "NX4F07K92", "paspoort")


def _log() -> str:
    return log_path().read_text(encoding="utf-8")


def assert_private(log: str, tmp_path: Path) -> None:
    for secret in SECRETS:
        assert secret not in log
    assert str(tmp_path) not in log


@pytest.fixture
def old_database(tmp_path: Path) -> Path:
    fixture = schema_fixtures.fixture_path("0003")
    path = tmp_path / "cases.db"
    shutil.copyfile(fixture, path)
    shutil.copytree(evidence_dir_for(fixture), evidence_dir_for(path))
    return path


@pytest.mark.slow
@pytest.mark.subprocess
def test_an_upgrade_logs_its_revisions_and_its_backup(old_database: Path, tmp_path: Path) -> None:
    result = appealdesk("cases", "--db", old_database, "--lang", "en")
    assert result.returncode == 0, result.stderr
    log = _log()
    assert "backup made (upgrade): " in log
    assert f"schema upgrade from revision 0003 to {migrate.HEAD_REVISION}" in log
    assert f"schema upgraded to revision {migrate.HEAD_REVISION}" in log
    assert_private(log, tmp_path)


@pytest.mark.slow
@pytest.mark.subprocess
def test_backups_and_restores_are_logged_with_counts_and_refusals_by_kind(
    qapp: object, tmp_path: Path
) -> None:
    database = tmp_path / "cases.db"
    assert appealdesk("demo", database, "--lang", "en").returncode == 0
    archive = tmp_path / f"{SECRET_NAME}.zip"
    result = appealdesk("backup", "--db", database, "--out", archive)
    assert result.returncode == 0, result.stderr
    assert "backup file written: " in _log()
    assert "evidence files, 0 missing" in _log()

    result = appealdesk("restore", "--db", database, archive)
    assert result.returncode == 0, result.stderr
    log = _log()
    assert "restore accepted (archive): " in log
    assert "previous database kept aside" in log

    not_a_backup = tmp_path / f"{SECRET_NAME}.db"
    not_a_backup.write_text(f"{SECRET_NAME} is not a database", encoding="utf-8")
    assert appealdesk("restore", "--db", database, not_a_backup).returncode == 1
    assert "WARNING appealdesk.services.restore: restore refused: not-a-database" in _log()
    assert appealdesk("restore", "--db", database, tmp_path / "gone.zip").returncode == 1
    assert "restore refused: no-such-file" in _log()
    assert_private(_log(), tmp_path)


@pytest.mark.slow
@pytest.mark.subprocess
def test_refused_evidence_is_logged_as_counts_and_kinds(qapp: object, tmp_path: Path) -> None:
    database = tmp_path / "cases.db"
    assert appealdesk("demo", database, "--lang", "en").returncode == 0
    empty = tmp_path / f"{SECRET_NAME}.png"
    empty.write_bytes(b"")
    text = tmp_path / f"{SECRET_NAME}.jpg"
    text.write_text(SECRET_NAME, encoding="utf-8")
    good = write_image(tmp_path / f"{SECRET_NAME} ok.png")
    result = appealdesk("evidence", "add", "--db", database, "TT-2026-0003", empty, text, good)
    assert result.returncode == 1
    assert SECRET_NAME in result.stderr  # the user is told which files
    log = _log()
    assert "evidence import refused 2 of 3 files: empty 1, not-image-or-pdf 1" in log
    assert_private(log, tmp_path)
