"""A team database's schema: made in an empty database, or brought from an earlier
AppealDesk's to this version's.

Team databases start at the baseline revision (see :mod:`schema`); every migration after it
runs on PostgreSQL as on SQLite (``store/migrations``). PostgreSQL changes its schema inside
a transaction, so the whole upgrade is one: under the write lock, the migrations, then the
audit triggers, change notices and members' rights of any table they added. When anything
fails, nothing changed. Only the owner of the tables may alter them: a member who opens the
database first is asked to let the owner open it once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from appealdesk.domain.errors import DatabaseError
from appealdesk.i18n import N_, _
from appealdesk.store.postgres.connection import PostgresTarget, connect
from appealdesk.store.postgres.roles import MEMBERS, grant_rights, role_exists
from appealdesk.store.postgres.schema import WRITE_LOCK, add_row_triggers, create_schema

if TYPE_CHECKING:
    import psycopg


def stored_revision(connection: psycopg.Connection[Any]) -> str | None:
    row = connection.execute("SELECT to_regclass('alembic_version') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return None
    found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(found[0]) if found else None


def create_team_schema(target: PostgresTarget) -> None:
    """Gives an empty database AppealDesk's tables, unless another member's first start
    was quicker."""
    failed = N_("The tables of AppealDesk could not be created in {url}: {reason}")
    with _schema_transaction(target, failed) as (connection, raw):
        if stored_revision(raw) is None:
            create_schema(connection)


def upgrade_schema(target: PostgresTarget) -> None:
    """Runs the migrations from the stored revision to this version's, or nothing when
    another member's AppealDesk was quicker."""
    from alembic import command
    from alembic.config import Config

    from appealdesk.store import migrate

    failed = N_("The team database {url} could not be upgraded, and is unchanged: {reason}")
    with _schema_transaction(target, failed) as (connection, raw):
        if stored_revision(raw) == migrate.HEAD_REVISION:
            return
        _require_owner(raw, target)
        config = Config()
        config.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        add_row_triggers(raw)
        if role_exists(raw, MEMBERS):  # a team set up with `appealdesk team init`
            grant_rights(raw, target.dbname)


@contextmanager
def _schema_transaction(target: PostgresTarget, failed: str) -> Iterator[tuple[Any, Any]]:
    """One transaction under the write lock, on a connection of its own: the SQLAlchemy
    connection and its psycopg one. ``failed`` says what could not be done ({url}, {reason})
    when the server refuses."""
    from sqlalchemy import create_engine
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.pool import NullPool

    engine = create_engine(
        "postgresql+psycopg://", creator=lambda: connect(target), poolclass=NullPool
    )
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            yield connection, connection.connection.dbapi_connection
    except DBAPIError as exc:
        reason = str(exc.orig or exc).strip().splitlines()[0]
        raise DatabaseError(_(failed).format(url=target.url, reason=reason)) from None
    finally:
        engine.dispose()


def _require_owner(raw: Any, target: PostgresTarget) -> None:
    row = raw.execute(
        "SELECT pg_has_role(relowner, 'MEMBER'), pg_get_userbyid(relowner) "
        "FROM pg_class WHERE oid = 'cases'::regclass"
    ).fetchone()
    if row is None or not row[0]:
        owner = row[1] if row else "?"
        raise DatabaseError(
            _(
                "{url} was made by an earlier AppealDesk and needs an upgrade that only its "
                "owner, {owner}, can make: ask them to open it once with this version. "
                "Nothing was changed."
            ).format(url=target.url, owner=owner)
        )
