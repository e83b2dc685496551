"""A team database made by an earlier AppealDesk is brought to this version's schema by its
owner's first start, in one transaction; a member is asked to let the owner do it.

This version's schema is the baseline, so the tests give the migrations a later revision of
their own (a table and a column), as the next release of AppealDesk will.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import psycopg
import pytest

from appealdesk.domain.errors import DatabaseError
from appealdesk.services import team
from appealdesk.services.workspace import open_workspace
from appealdesk.store import migrate
from tests.engines import data_version_after, run_outside
from tests.postgres import PostgresServer

NEXT = """
import sqlalchemy as sa
from alembic import op

revision = "NEXT"
down_revision = "HEAD"


def upgrade() -> None:
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE")),
        sa.Column("note", sa.String, nullable=False, server_default=""),
    )
    op.add_column("cases", sa.Column("starred", sa.Boolean, nullable=True))
    BROKEN
"""


CURRENT = migrate.HEAD_REVISION
LATER = f"{int(CURRENT) + 1:04d}"


def later_release(folder: Path, monkeypatch: pytest.MonkeyPatch, *, broken: bool = False) -> None:
    """The migrations of this version and one more, ``LATER``, as the next release brings."""
    shutil.copytree(migrate.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    step = NEXT.replace("BROKEN", 'op.execute("SELECT no_such_function()")' if broken else "")
    step = step.replace('"NEXT"', f'"{LATER}"').replace('"HEAD"', f'"{CURRENT}"')
    (folder / "versions" / f"{LATER}_reminders.py").write_text(step)
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", folder)
    monkeypatch.setattr(migrate, "KNOWN_REVISIONS", (*migrate.KNOWN_REVISIONS, LATER))
    monkeypatch.setattr(migrate, "HEAD_REVISION", LATER)


def member_of(team_url: str, server: PostgresServer) -> str:
    """A member's URL: a login role of its own in the members' group."""
    role = f"m{uuid.uuid4().hex[:10]}"
    team.init_team(team_url, members=[role], viewers=[])
    run_outside_admin(team_url, f"ALTER ROLE {role} PASSWORD '{role}-secret'")
    server.add_password(role, f"{role}-secret")
    return team_url.replace("appealdesk_admin@", f"{role}@", 1)


def run_outside_admin(url: str, statement: str) -> None:
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(statement)


def revision_of(url: str) -> str:
    with psycopg.connect(url) as connection:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    assert row is not None
    return str(row[0])


def test_the_owner_upgrades_and_members_then_work_in_the_new_table_under_the_audit(
    team_url: str, postgres_server: PostgresServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    member_url = member_of(team_url, postgres_server)
    later_release(tmp_path / "migrations", monkeypatch)

    open_workspace(team_url).close()  # the owner's first start with the new release
    assert revision_of(team_url) == LATER

    db = open_workspace(member_url)
    try:
        assert db.read_only is None
        before = db.data_version()
        with psycopg.connect(member_url) as connection:  # as the member, in the new table
            connection.execute("INSERT INTO reminders (note) VALUES ('bel terug')")
        assert data_version_after(db, before) != before  # its notice came
    finally:
        db.close()
    logged = run_outside(
        db, "SELECT member, action, changes -> 'note' FROM audit_log WHERE table_name = 'reminders'"
    )
    member = member_url.split("//")[1].split("@")[0]
    assert logged == [(member, "insert", {"old": None, "new": "bel terug"})]


def test_a_member_first_is_asked_to_let_the_owner_upgrade_and_nothing_changes(
    team_url: str, postgres_server: PostgresServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    member_url = member_of(team_url, postgres_server)
    later_release(tmp_path / "migrations", monkeypatch)
    with pytest.raises(DatabaseError, match="only its owner, appealdesk_admin, can make"):
        open_workspace(member_url)
    assert revision_of(team_url) == CURRENT
    open_workspace(team_url).close()
    open_workspace(member_url).close()  # and after the owner's start, the member's works
    assert revision_of(team_url) == LATER


def test_an_upgrade_that_fails_halfway_leaves_the_database_as_it_was(
    team_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    later_release(tmp_path / "migrations", monkeypatch, broken=True)
    with pytest.raises(DatabaseError, match="could not be upgraded, and is unchanged"):
        open_workspace(team_url)
    assert revision_of(team_url) == CURRENT
    with psycopg.connect(team_url) as connection:
        row = connection.execute("SELECT to_regclass('reminders')").fetchone()
    assert row == (None,)
