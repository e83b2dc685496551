"""The same agency on a team database: PostgreSQL started for the run, the cases loaded in.

The server is the tests' own (``initdb`` on 127.0.0.1 in a temporary folder, password
logins). The generated database file is copied in with its evidence: rows in bulk with the
triggers held back, then the search index built in one statement, as a migration of an
agency's existing file would, then vacuumed; the audit log starts empty.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks import interactive


@contextlib.contextmanager
def team_database(database: Path, folder: Path) -> Iterator[tuple[str, float]]:
    """A running server holding the cases of ``database``: its URL, and the seconds the
    load took."""
    from tests.postgres import running_server

    with running_server(folder / "pgpass") as server:
        os.environ["PGPASSFILE"] = str(server.passfile)
        server.create_database("agency")
        url = server.url("agency")
        start = time.perf_counter()
        _load(database, url)
        yield url, time.perf_counter() - start


def _load(database: Path, url: str) -> None:
    from sqlalchemy import text

    from appealdesk.services.team_backup import replace_rows
    from appealdesk.services.workspace import open_workspace
    from appealdesk.store.evidence_store import EvidenceStore, evidence_dir_for

    source, team = open_workspace(database), open_workspace(url)
    try:
        with source.reading() as reading, team.engine.begin() as connection:
            connection.execute(text("SET session_replication_role = replica"))  # no triggers
            replace_rows(reading.connection(), connection)
            connection.execute(text("SET session_replication_role = DEFAULT"))
            connection.execute(text("SELECT appealdesk_index_case(id) FROM cases"))
            files = EvidenceStore(evidence_dir_for(database))
            digests = sorted(files.stored_digests())
            raw: Any = connection.connection.dbapi_connection
            with raw.cursor().copy("COPY evidence_blobs (id, sha256, size) FROM STDIN") as blobs:
                for number, sha256 in enumerate(digests, start=1):
                    blobs.write_row((number, sha256, files.path_for(sha256).stat().st_size))
            with raw.cursor().copy("COPY evidence_chunks (blob_id, n, data) FROM STDIN") as chunks:
                for number, sha256 in enumerate(digests, start=1):
                    data = files.path_for(sha256).read_bytes()
                    assert hashlib.sha256(data).hexdigest() == sha256
                    chunks.write_row((number, 0, data))
            connection.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence('evidence_blobs', 'id'), "
                    "(SELECT max(id) FROM evidence_blobs))"
                )
            )
        # As autovacuum does a minute after such a load: the visibility map lets the list's
        # order be read from its index alone (store.postgres.schema.ORDER_INDEXES_SQL).
        with team.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as after:
            after.execute(text("VACUUM (ANALYZE)"))
    finally:
        source.close()
        team.close()


def window_ms(url: str, folder: Path) -> tuple[float, float, float, float]:
    """Median search keystroke, opening a case, longest stall while typing a search and the
    list's last case selected and opened, in milliseconds, in a window on ``url``."""
    from appealdesk.services.workspace import open_workspace
    from appealdesk.ui.base.settings import AppSettings
    from appealdesk.ui.main_window.window import MainWindow

    db = open_workspace(url)
    window = MainWindow(db, AppSettings(folder / "team.ini"))
    keystrokes, openings = interactive.searching_and_opening(window)
    typing = [interactive.typing_stall_ms(window, [*interactive.SEARCHES, ""]) for _run in range(3)]
    last_cases = [interactive.last_case_ms(window) for _run in range(3)]
    window.close()
    db.close()
    return (
        statistics.median(keystrokes),
        statistics.median(openings),
        statistics.median(typing),
        statistics.median(last_cases),
    )
