"""No command writes its output to a name that leads to the database it works on: its -wal
(which the output would replace, and with it the changes not yet in the database file) or a
link to the database (which nobody means as the place for a dossier or a backup)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.cli.test_cli import appealdesk


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
@pytest.mark.subprocess
@pytest.mark.parametrize("link", ["hard", "symbolic"])
@pytest.mark.parametrize("command", ["export", "backup"])
def test_output_leading_to_the_database_is_refused(
    demo_path: Path, tmp_path: Path, link: str, command: str
) -> None:
    out = tmp_path / ("dossier.pdf" if command == "export" else "backup.zip")
    if link == "hard":
        os.link(demo_path, out)
    else:
        out.symlink_to(demo_path)
    before = digest(demo_path)
    if command == "export":
        result = appealdesk("export", "--db", demo_path, "TT-2026-0001", "--out", out)
    else:
        result = appealdesk("backup", "--db", demo_path, "--out", out)
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "database" in result.stderr
    assert digest(demo_path) == before
    assert demo_path.samefile(out)
    with closing(sqlite3.connect(demo_path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.slow
@pytest.mark.subprocess
def test_a_backup_is_never_written_over_the_wal(demo_path: Path) -> None:
    wal = demo_path.with_name(demo_path.name + "-wal")
    result = appealdesk("backup", "--db", demo_path, "--out", wal)
    assert result.returncode == 1
    assert result.stderr.strip() == "appealdesk: A backup cannot replace the database itself."
    with closing(sqlite3.connect(demo_path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
