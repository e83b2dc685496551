"""Bringing a team database made by an earlier AppealDesk to this version's schema.

Team databases start at the baseline revision (see :mod:`schema`); every migration after it
runs on PostgreSQL as on SQLite (``store/migrations``). PostgreSQL changes its schema inside
a transaction, so the whole upgrade is one: under the write lock, the migrations, then the
audit triggers, change notices and members' rights of any table they added. When anything
fails, nothing changed. Only the owner of the tables may alter them: a member who opens the
database first is asked to let the owner open it once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from appealdesk.domain.errors import DatabaseError
from appealdesk.i18n import _
from appealdesk.store.postgres.connection import PostgresTarget, connect
from appealdesk.store.postgres.roles import MEMBERS, grant_rights, role_exists
from appealdesk.store.postgres.schema import WRITE_LOCK, add_row_triggers

if TYPE_CHECKING:
    import psycopg


def stored_revision(connection: psycopg.Connection[Any]) -> str | None:
    row = connection.execute("SELECT to_regclass('alembic_version') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return None
    found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(found[0]) if found else None


def upgrade_schema(target: PostgresTarget) -> None:
    """Runs the migrations from the stored revision to this version's, or nothing when
    another member's AppealDesk was quicker."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.pool import NullPool

    from appealdesk.store import migrate

    engine = create_engine(
        "postgresql+psycopg://", creator=lambda: connect(target), poolclass=NullPool
    )
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            raw: Any = connection.connection.dbapi_connection
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
    except DBAPIError as exc:
        reason = str(exc.orig or exc).strip().splitlines()[0]
        raise DatabaseError(
            _("The team database {url} could not be upgraded, and is unchanged: {reason}").format(
                url=target.url, reason=reason
            )
        ) from None
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
