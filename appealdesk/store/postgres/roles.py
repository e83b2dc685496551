"""The two group roles of a team database and their rights on its tables.

Members (``appealdesk_members``) read and change cases; viewers (``appealdesk_viewers``) only
read. Each person logs in with a role of their own that is put in one of the groups. The
rights are given table by table, so they are given again after a schema upgrade adds one.
"""

from __future__ import annotations

from typing import Any

MEMBERS = "appealdesk_members"
VIEWERS = "appealdesk_viewers"
# Kept by the database itself (the triggers, running as their owner) or by Alembic.
_WRITABLE_EXCEPT = ("alembic_version", "audit_log", "case_search")


def role_exists(connection: Any, name: str) -> bool:
    return (
        connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name]).fetchone()
        is not None
    )


def grant_rights(connection: Any, dbname: str) -> None:
    """Creates the groups when missing and gives them their rights on every table now there
    (a psycopg connection of the owner, in its transaction)."""
    from psycopg import sql

    for group in (MEMBERS, VIEWERS):
        if not role_exists(connection, group):
            connection.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(group)))
        connection.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
            sql.Identifier(dbname), sql.Identifier(group)))  # fmt: skip
        connection.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(
            sql.Identifier(group)))  # fmt: skip
        connection.execute(sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA public TO {}").format(
            sql.Identifier(group)))  # fmt: skip
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
        if row[0] not in _WRITABLE_EXCEPT
    ]
    members = sql.Identifier(MEMBERS)
    for table in tables:
        connection.execute(sql.SQL("GRANT INSERT, UPDATE, DELETE ON {} TO {}").format(
            sql.Identifier(table), members))  # fmt: skip
    # The search index is kept by triggers running as the member who changes a case.
    connection.execute(sql.SQL("GRANT INSERT, UPDATE, DELETE ON case_search TO {}").format(
        members))  # fmt: skip
    connection.execute(sql.SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {}").format(
        members))  # fmt: skip
    connection.execute("REVOKE ALL ON audit_log FROM PUBLIC")
    connection.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
