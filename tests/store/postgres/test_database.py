"""A team database on PostgreSQL: the same schema as SQLite's, and what the database keeps."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from collections.abc import Iterator

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from appealdesk.domain.errors import DatabaseError, NewerDatabaseError
from appealdesk.domain.models import SQLModel
from appealdesk.services import case_list, cases
from appealdesk.services.case_rows import CaseQuery
from appealdesk.services.workspace import open_workspace
from appealdesk.store.database import Database, open_database
from appealdesk.store.migrate import HEAD_REVISION
from appealdesk.store.postgres.database import WRITE_LOCK, PostgresDatabase
from appealdesk.store.postgres.schema import OWN_INDEXES
from tests.engines import data_version_after, run_outside
from tests.postgres import ADMIN, PostgresServer

# Kept by the database itself, beside the models' tables.
OWN_TABLES = {"case_search", "audit_log", "evidence_blobs", "evidence_chunks", "alembic_version"}


@pytest.fixture
def db(team_url: str) -> Iterator[Database]:
    database = open_workspace(team_url)
    yield database
    database.close()


def test_a_new_team_database_gets_exactly_the_tables_the_code_expects(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = [
            d
            for d in compare_metadata(context, SQLModel.metadata)
            if not (d[0] == "remove_table" and d[1].name in OWN_TABLES)
            and not (d[0] == "remove_index" and d[1].table.name in OWN_TABLES)
            and not (d[0] == "remove_index" and d[1].name in OWN_INDEXES)
        ]
    assert differences == []
    assert run_outside(db, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]


def test_an_empty_database_is_set_up_once_and_a_foreign_one_refused(pg_url: str) -> None:
    open_database(pg_url).close()
    open_database(pg_url).close()  # the second opening finds the schema
    with psycopg.connect(pg_url, autocommit=True) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(NewerDatabaseError, match="newer version of AppealDesk"):
        open_database(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as raw:
        raw.execute("DROP TABLE alembic_version")
    with pytest.raises(DatabaseError, match="tables that are not AppealDesk's"):
        open_database(pg_url)


def test_the_address_is_shown_without_its_password(
    team_url: str, postgres_server: PostgresServer
) -> None:
    password = postgres_server.passwords[ADMIN]
    with_password = team_url.replace("@", f":{password}@", 1)
    with pytest.raises(DatabaseError) as raised:
        open_workspace(with_password.rsplit("/", 1)[0] + "/missing_database", create=False)
    assert password not in raised.value.message
    wrong = team_url.replace("@", ":hunter2-secret@", 1)
    with pytest.raises(DatabaseError, match="did not accept the login") as refused:
        open_workspace(wrong, create=False)
    assert "hunter2" not in refused.value.message
    opened = open_workspace(with_password)
    try:
        assert password not in opened.location and password not in opened.title
    finally:
        opened.close()


def test_the_list_queries_can_use_the_search_index_and_join_by_key(db: Database) -> None:
    for handle in ("@een", "@twee"):
        cases.create_case(
            db,
            blocked_at=dt.datetime(2026, 11, 2, 8),
            new_account={"platform": "tiktok", "handle": handle},
            new_client_name="Klant",
        )
    # Two cases are read quicker without an index: the planner is told to use one where it
    # can, which shows whether the queries let it (a function it cannot look into would not).
    name = db.location.rsplit("/", 1)[1]
    run_outside(db, f'ALTER DATABASE "{name}" SET enable_seqscan = off')
    db.close()
    db = open_workspace(db.location)
    try:
        searched = "\n".join(case_list.query_plan(db, CaseQuery(search="twee")))
        counted = "\n".join(case_list.query_plan(db, CaseQuery(search="twee"), counting=True))
        listed = "\n".join(case_list.query_plan(db, CaseQuery()))
    finally:
        db.close()
    assert "Bitmap Index Scan on case_search_document" in searched
    assert "Bitmap Index Scan on case_search_document" in counted
    assert "pk_accounts" in listed and "pk_clients" in listed  # joined by key


@pytest.mark.parametrize("few", [500, 0])
def test_a_search_lists_its_matches_in_order_whether_they_are_few_or_many(
    db: Database, few: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Few matches are fetched first and sorted; many walk the list's order (``few`` = 0
    makes every search one of many)."""
    monkeypatch.setattr(case_list, "FEW_MATCHES", few)
    for handle in ("@zoe.bakt", "@anna.bakt", "@mila.danst"):
        cases.create_case(
            db,
            blocked_at=dt.datetime(2026, 11, 2, 8),
            new_account={"platform": "tiktok", "handle": handle},
            new_client_name="Klant",
        )
    found = case_list.list_cases(db, CaseQuery(search="bakt"))
    assert [row.handle for row in found] == ["zoe.bakt", "anna.bakt"]  # by case number
    plan = "\n".join(case_list.query_plan(db, CaseQuery(search="bakt")))
    assert ("unnest" in plan) == (few > 0)
    assert case_list.list_cases(db, CaseQuery(search="niemand")) == []


def test_every_change_is_in_the_audit_log_with_old_and_new_values(db: Database) -> None:
    case = cases.create_case(
        db,
        blocked_at=dt.datetime(2026, 11, 2, 8),
        new_account={"platform": "tiktok", "handle": "@log"},
        new_client_name="Klant",
        notice_text="Eerste melding",
    )
    assert case.id is not None
    cases.update_case(db, case.id, notice_text="Tweede melding")
    rows = run_outside(
        db,
        "SELECT member, action, changes -> 'notice_text' FROM audit_log "
        f"WHERE table_name = 'cases' AND case_id = {case.id} ORDER BY id",
    )
    assert rows[0][0] == "appealdesk_admin" and rows[0][1] == "insert"
    assert rows[-1][1:] == ("update", {"old": "Eerste melding", "new": "Tweede melding"})


def test_the_data_version_counts_the_others_commits_not_its_own(db: Database) -> None:
    first = db.data_version()
    cases.create_case(
        db,
        blocked_at=dt.datetime(2026, 11, 2, 8),
        new_account={"platform": "tiktok", "handle": "@mine"},
        new_client_name="Klant",
    )
    assert db.data_version() == first
    run_outside(db, "UPDATE clients SET notes = 'elders gewijzigd'")
    assert data_version_after(db, first) != first


HOLD_THE_WRITE_LOCK = f"""
import sys, psycopg
with psycopg.connect(sys.argv[1]) as connection:
    connection.execute("SELECT pg_advisory_xact_lock({WRITE_LOCK})")
    print("held", flush=True)
    sys.stdin.read()  # until the test lets go
"""


@pytest.mark.subprocess
def test_a_write_that_waits_in_vain_for_the_lock_changes_nothing_and_says_so(
    db: Database,
) -> None:
    case = cases.create_case(
        db,
        blocked_at=dt.datetime(2026, 11, 2, 8),
        new_account={"platform": "tiktok", "handle": "@wacht"},
        new_client_name="Klant",
        notice_text="Zoals het was",
    )
    assert case.id is not None
    member = open_workspace(db.location)  # another member, with less patience than usual
    assert isinstance(member, PostgresDatabase)
    member.write_wait_s = 0.5
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_WRITE_LOCK, db.location],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        started = time.monotonic()
        with pytest.raises(DatabaseError, match="waited in vain: nothing was changed"):
            cases.update_case(member, case.id, notice_text="Nooit opgeslagen")
        assert time.monotonic() - started < 10
    finally:
        holder.communicate("", timeout=30)
    assert cases.find_case(db, case.case_number).case.notice_text == "Zoals het was"
    cases.update_case(member, case.id, notice_text="Na het wachten")  # the lock is free again
    member.close()
    assert cases.find_case(db, case.case_number).case.notice_text == "Na het wachten"


def test_a_query_does_not_wait_for_another_threads_long_one(db: Database) -> None:
    """The window's next page and its poll for others' changes while a work thread counts a
    broad search: each query has a reader connection of its own."""
    import threading

    started = threading.Event()
    slow = threading.Thread(target=lambda: db.rows("SELECT pg_sleep(5)"), daemon=True)
    slow.start()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not started.is_set():
        active = db.rows(
            "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(5)' "
            "AND state = 'active'"
        )
        if active[0][0]:
            started.set()
    assert started.is_set()
    assert db.rows("SELECT 41 + 1") == [(42,)]
    db.data_version()
    assert slow.is_alive()  # both answered while the long query still ran
    slow.join()
    assert db.rows("SELECT 1") == [(1,)]


def test_the_list_order_index_is_made_in_a_new_team_database_and_by_the_upgrade(
    team_url: str,
) -> None:
    def order_indexes() -> list[tuple[str]]:
        with psycopg.connect(team_url) as raw:
            return raw.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'cases' AND indexdef LIKE "
                "'%(case_number) INCLUDE (id)'"
            ).fetchall()

    open_workspace(team_url).close()
    assert order_indexes() == [("cases_in_number_order",)]
    with psycopg.connect(team_url, autocommit=True) as raw:  # as the previous version left it
        raw.execute("DROP INDEX cases_in_number_order")
        raw.execute("UPDATE alembic_version SET version_num = '0009'")
    open_workspace(team_url).close()
    assert order_indexes() == [("cases_in_number_order",)]
    with psycopg.connect(team_url) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD_REVISION,)
