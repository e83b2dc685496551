"""The log never holds what evidence or ID documents say, even when SQL fails unexpectedly.

An evidence file named after a passport number, with a title naming its holder, is added to
a database whose evidence table refuses every row (a trigger in a copy, as a damaged or
tampered schema would): the error reaches the command's unexpected-error handler, and the
log file then says what kind of error it was and where, but holds neither the title, nor
the file name, nor anything else the statement carried.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from appealdesk.cli.logs import file_handler
from appealdesk.store.engine import create_sqlite_engine
from tests.cli.test_cli import appealdesk
from tests.images import write_image

TITLE = "ID of Jan de Vries"
FILE_NAME = "paspoort NL1234567.png"
SECRETS = (TITLE, "Jan de Vries", "NL1234567", "paspoort")


def log_path() -> Path:
    """Where the command writes its log (the user log folder of the test's home)."""
    return Path(os.environ["XDG_STATE_HOME"]) / "AppealDesk" / "log" / "appealdesk.log"


def refusing_evidence(database: Path) -> None:
    with sqlite3.connect(database) as raw:
        raw.execute(
            "CREATE TRIGGER refuse_evidence BEFORE INSERT ON evidence_items "
            "BEGIN SELECT RAISE(ABORT, 'no evidence today'); END"
        )
    raw.close()


def assert_private(log: str) -> None:
    for secret in SECRETS:
        assert secret not in log
    assert "[parameters:" not in log


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "cases.db"
    result = appealdesk("demo", path, "--lang", "en")
    assert result.returncode == 0, result.stderr
    return path


@pytest.mark.slow
@pytest.mark.subprocess
def test_an_unexpected_sql_error_logs_its_kind_and_place_but_no_user_data(
    qapp: object, database: Path, tmp_path: Path
) -> None:
    refusing_evidence(database)
    picture = write_image(tmp_path / FILE_NAME)
    result = appealdesk(
        "evidence", "add", "--db", database, "TT-2026-0003", picture, "--kind", "id_document",
        "--title", TITLE,
    )  # fmt: skip
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert "unexpected error: sqlalchemy.exc.IntegrityError SQLITE_CONSTRAINT_TRIGGER" in line
    assert str(log_path()) in line
    assert_private(result.stderr)

    log = log_path().read_text(encoding="utf-8")
    assert_private(log)
    assert "ERROR appealdesk: unexpected error" in log
    assert "sqlite3.IntegrityError SQLITE_CONSTRAINT_TRIGGER" in log
    assert "sqlalchemy.exc.IntegrityError SQLITE_CONSTRAINT_TRIGGER" in log
    assert "evidence_import.py" in log and ", in _commit" in log
    assert "no evidence today" not in log  # the message of an error is never logged
    # Nothing was kept: no row, and no stored file.
    with sqlite3.connect(database) as raw:
        kept = raw.execute("SELECT count(*) FROM evidence_items WHERE title = ?", (TITLE,))
        assert kept.fetchone() == (0,)
    raw.close()


@pytest.mark.slow
@pytest.mark.subprocess
def test_sql_errors_carry_no_values_and_the_log_no_messages(database: Path, tmp_path: Path) -> None:
    """A primary key broken by hand on an engine of the app: the error names the
    statement without its values, and its log entry is the kind and the code locations."""
    engine = create_sqlite_engine(database)
    log = tmp_path / "appealdesk.log"
    handler = file_handler(log)
    logger = logging.getLogger("appealdesk.test")
    logger.addHandler(handler)
    try:
        with engine.begin() as connection:
            insert = text(
                "INSERT INTO clients (id, name, contact_person, email, notes, is_default, "
                "created_at, updated_at) VALUES (:id, :name, '', '', :notes, 0, "
                "'2026-11-21 09:00:00', '2026-11-21 09:00:00')"
            )
            connection.execute(insert, {"id": 1, "name": TITLE, "notes": FILE_NAME})
    except IntegrityError as exc:
        assert "hidden" in str(exc)
        assert_private(str(exc))
        logger.exception("could not save")
    else:
        pytest.fail("the duplicate id was accepted")
    finally:
        logger.removeHandler(handler)
        handler.close()
        engine.dispose()
    written = log.read_text(encoding="utf-8")
    assert_private(written)
    assert "ERROR appealdesk.test: could not save" in written
    assert "sqlalchemy.exc.IntegrityError SQLITE_CONSTRAINT_PRIMARYKEY" in written
    assert "test_log_privacy.py" in written and "UNIQUE constraint failed" not in written
