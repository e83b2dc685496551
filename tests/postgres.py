"""A real PostgreSQL server for the tests: ``initdb`` and ``pg_ctl`` from the system's packages.

The server listens on 127.0.0.1 only, on a free port, with its data, socket and log in a
temporary folder. PostgreSQL refuses to run as root, so under root (CI) the folder belongs to
the ``postgres`` user that Debian's package creates and the server runs as that user. Every
login over TCP needs a password (``scram-sha-256``), which the tests find in a ``.pgpass``
file of their own, as a member's workstation would.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ADMIN = "appealdesk_admin"
_BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def server_binaries() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, or None when PostgreSQL is not installed."""
    for folder in _BIN_DIRS:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_ctl") else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    folder: Path
    port: int
    passfile: Path
    passwords: dict[str, str] = field(default_factory=dict)

    def url(self, database: str, user: str = ADMIN) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def add_password(self, role: str, password: str) -> None:
        """Lets the tests log in as ``role`` (libpq reads the password from the .pgpass file)."""
        self.passwords[role] = password
        lines = [f"127.0.0.1:{self.port}:*:{name}:{word}" for name, word in self.passwords.items()]
        self.passfile.write_text("\n".join(lines) + "\n")
        self.passfile.chmod(0o600)

    def admin(self, database: str = "postgres") -> object:
        """An autocommit connection as the administrator."""
        import psycopg

        return psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            dbname=database,
            user=ADMIN,
            password=self.passwords[ADMIN],
            autocommit=True,
        )

    def create_database(self, name: str, template: str = "template1") -> None:
        with self.admin() as connection:  # type: ignore[attr-defined]
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')

    def drop_database(self, name: str) -> None:
        with self.admin() as connection:  # type: ignore[attr-defined]
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextlib.contextmanager
def running_server(passfile: Path) -> Iterator[PostgresServer]:
    """Starts a new server (``initdb`` takes about a second) and stops it afterwards."""
    binaries = server_binaries()
    if binaries is None:
        raise RuntimeError("PostgreSQL's initdb and pg_ctl are not installed")
    folder = Path(tempfile.mkdtemp(prefix="appealdesk-pg-"))
    data, run = folder / "data", folder / "run"
    run.mkdir()
    password = secrets.token_urlsafe(16)
    pwfile = folder / "pwfile"
    pwfile.write_text(password + "\n")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(run, "postgres")
        shutil.chown(pwfile, "postgres")
    port = _free_port()
    subprocess.run(
        _as_server_user([str(binaries / "initdb"), "-D", str(data), "-U", ADMIN,
                         f"--pwfile={pwfile}", "--auth-local=trust",
                         "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"]),
        check=True, capture_output=True,
    )  # fmt: skip
    pwfile.unlink()
    options = (
        f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={run} "
        "-c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=200"
    )
    subprocess.run(
        _as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"),
                         "-o", options, "-w", "-t", "60", "start"]),
        check=True, capture_output=True,
    )  # fmt: skip
    server = PostgresServer(folder, port, passfile)
    server.add_password(ADMIN, password)
    try:
        yield server
    finally:
        subprocess.run(
            _as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate",
                             "-w", "stop"]),
            capture_output=True,
        )  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)
