"""An evidence file that is there but cannot be read: named by check and by backup.

As root a ``chmod 000`` stops nobody, so for root the command runs without the two
capabilities that let root read any file (``setpriv`` drops CAP_DAC_OVERRIDE and
CAP_DAC_READ_SEARCH); the file then cannot be read exactly as it cannot for a user who
does not own it. Something that is not a file in the file's place (a folder, a named pipe)
needs no privileges at all.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from appealdesk.domain.enums import BackupReason
from appealdesk.services import backups
from appealdesk.services.workspace import open_workspace
from appealdesk.store.evidence_store import evidence_dir_for
from appealdesk.store.work_folder import work_folder_path
from tests.cli.test_cli import assert_one_clear_line

NO_READ_ANYWHERE = "-dac_override,-dac_read_search"


def _evidence(database: Path) -> tuple[Path, str, str]:
    """The stored file of one evidence item, its original name and its case."""
    with sqlite3.connect(database) as raw:
        sha256, name, case = raw.execute(
            "SELECT e.sha256, e.original_name, c.case_number FROM evidence_items AS e "
            "JOIN cases AS c ON c.id = e.case_id ORDER BY c.case_number LIMIT 1"
        ).fetchone()
    return evidence_dir_for(database) / sha256[:2] / sha256, name, case


def _unprivileged() -> list[str]:
    """The prefix that runs a command without root's right to read every file."""
    if sys.platform == "win32":
        pytest.skip("file permissions work differently on Windows")
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root reads any file, and setpriv (to drop that right) is missing")
    prefix = [setpriv, f"--inh-caps={NO_READ_ANYWHERE}", f"--bounding-set={NO_READ_ANYWHERE}"]
    probe = subprocess.run([*prefix, "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"setpriv cannot drop capabilities here: {probe.stderr.strip()}")
    return prefix


def _run(prefix: list[str], *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "appealdesk", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "LANG": "C.UTF-8"},
    )


def _no_permission(stored: Path) -> None:
    stored.chmod(0o000)


def _a_folder(stored: Path) -> None:
    stored.chmod(0o600)
    stored.unlink()
    stored.mkdir()


def _a_named_pipe(stored: Path) -> None:
    stored.chmod(0o600)
    stored.unlink()
    os.mkfifo(stored)


CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "no permission": (_no_permission, "no permission to read it"),
    "a folder in its place": (_a_folder, "it is not a regular file"),
    "a named pipe in its place": (_a_named_pipe, "it is not a regular file"),
}


@pytest.fixture(params=list(CASES))
def unreadable(request: pytest.FixtureRequest, demo_path: Path) -> tuple[list[str], str]:
    make, reason = CASES[request.param]
    if sys.platform == "win32":
        pytest.skip("file permissions and named pipes work differently on Windows")
    prefix = _unprivileged() if make is _no_permission else []
    make(_evidence(demo_path)[0])
    return prefix, reason


@pytest.mark.slow
@pytest.mark.subprocess
def test_check_names_the_unreadable_file_and_its_case(
    demo_path: Path, unreadable: tuple[list[str], str]
) -> None:
    prefix, reason = unreadable
    stored, name, case = _evidence(demo_path)
    result = _run(prefix, "check", "--db", demo_path)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and result.stderr == ""
    assert f"cannot be read ({reason}): {name} of {case} ({stored})" in result.stdout
    assert "Problems found." in result.stdout


@pytest.mark.slow
@pytest.mark.subprocess
def test_backup_names_the_unreadable_file_and_leaves_no_partial_backup(
    demo_path: Path, unreadable: tuple[list[str], str]
) -> None:
    prefix, reason = unreadable
    stored, name, case = _evidence(demo_path)
    out = demo_path.parent / "safe"
    out.mkdir()
    result = _run(prefix, "backup", "--db", demo_path, "--out", out / "backup.zip")
    assert_one_clear_line(result, f"{name} of {case} cannot be read ({reason})", str(stored))
    assert "The backup was not written." in result.stderr
    assert list(out.iterdir()) == []
    assert list(work_folder_path(demo_path).iterdir()) == []


def test_an_automatic_backup_keeps_going_without_the_unreadable_file(demo_path: Path) -> None:
    stored, _name, _case = _evidence(demo_path)
    _a_named_pipe(stored)
    db = open_workspace(demo_path)
    try:
        result = backups.back_up(db, BackupReason.MANUAL)
    finally:
        db.close()
    assert result.evidence_missing == (stored.name,)
    assert result.backup.path.is_file()
