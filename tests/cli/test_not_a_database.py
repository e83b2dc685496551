"""``--db`` on something that is not an AppealDesk database: refused in one line, left alone.

A FIFO would make the first read wait for ever and a device is nobody's database: both are
refused before they are opened. Any other file keeps its permissions unless AppealDesk
created it or found its own schema in it.
"""

from __future__ import annotations

import hashlib
import os
import socket
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.test_cli import appealdesk, assert_one_clear_line

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, sockets and modes")

NOT_A_FILE = "is not an ordinary file"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def commands(database: Path, tmp_path: Path) -> list[list[str | Path]]:
    """Every command that opens the database given with --db."""
    picture = tmp_path / "x.gif"
    picture.write_bytes(b"GIF89a")
    return [
        ["cases", "--db", database],
        ["case", "show", "--db", database, "TT-2026-0001"],
        ["evidence", "add", "--db", database, "TT-2026-0001", picture],
        ["export", "--db", database, "TT-2026-0001", "--out", tmp_path / "out.pdf"],
        ["backup", "--db", database, "--out", tmp_path / "backup.zip"],
        ["restore", "--db", database, tmp_path / "backup.zip"],
        ["check", "--db", database],
    ]


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.db"
    os.mkfifo(path, 0o644)
    return path


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "socket.db"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    path.chmod(0o644)
    yield path
    server.close()


@pytest.mark.slow
@pytest.mark.subprocess
def test_a_fifo_is_refused_at_once_by_every_command(fifo: Path, tmp_path: Path) -> None:
    for command in commands(fifo, tmp_path):
        try:
            result = appealdesk(*command)
        except subprocess.TimeoutExpired:
            pytest.fail(f"{command[0]} waited on the FIFO")
        assert_one_clear_line(result, str(fifo), NOT_A_FILE)
        assert mode(fifo) == 0o644
        assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.db", "x.gif"]


@pytest.mark.slow
@pytest.mark.subprocess
def test_a_socket_and_a_link_to_a_fifo_are_refused(
    unix_socket: Path, fifo: Path, tmp_path: Path
) -> None:
    assert_one_clear_line(appealdesk("cases", "--db", unix_socket), str(unix_socket), NOT_A_FILE)
    assert mode(unix_socket) == 0o644
    link = tmp_path / "link.db"
    link.symlink_to(fifo)
    assert_one_clear_line(appealdesk("cases", "--db", link), str(link), NOT_A_FILE)
    assert mode(fifo) == 0o644


@pytest.mark.slow
@pytest.mark.subprocess
def test_the_null_device_is_refused_and_keeps_its_mode() -> None:
    null = Path(os.devnull)
    before = null.stat().st_mode
    try:
        for command in (["cases"], ["check"], ["case", "show", "TT-2026-0001"]):
            result = appealdesk(*command, "--db", null)
            assert_one_clear_line(result, str(null), NOT_A_FILE)
            assert null.stat().st_mode == before
    finally:
        if null.stat().st_mode != before:  # put the machine right before failing
            null.chmod(stat.S_IMODE(before))


def _file(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    path.chmod(0o644)
    return path


def _other_programs_database(path: Path) -> Path:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE songs (title TEXT)")
        connection.execute("INSERT INTO songs VALUES ('Vlieger')")
    connection.close()
    path.chmod(0o644)
    return path


@pytest.mark.slow
@pytest.mark.subprocess
@pytest.mark.parametrize("kind", ["empty", "text", "sqlite"])
def test_a_file_that_is_not_its_database_keeps_its_mode_and_content(
    tmp_path: Path, kind: str
) -> None:
    path = tmp_path / f"{kind}.db"
    if kind == "sqlite":
        _other_programs_database(path)
    else:
        _file(path, b"" if kind == "empty" else b"shopping list: milk, bread\n")
    content = hashlib.sha256(path.read_bytes()).hexdigest()
    for command in (["cases"], ["check"], ["backup", "--out", tmp_path / "b.zip"]):
        result = appealdesk(*command, "--db", path)
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        assert mode(path) == 0o644, command
        assert hashlib.sha256(path.read_bytes()).hexdigest() == content
    assert_one_clear_line(appealdesk("cases", "--db", path), str(path), "AppealDesk database")


@pytest.mark.slow
@pytest.mark.subprocess
def test_its_own_database_and_a_new_one_are_made_private(tmp_path: Path) -> None:
    created = tmp_path / "new.db"
    assert appealdesk("demo", created).returncode == 0
    assert mode(created) == 0o600
    created.chmod(0o644)
    result = appealdesk("cases", "--db", created)
    assert result.returncode == 0, result.stderr
    assert mode(created) == 0o600
