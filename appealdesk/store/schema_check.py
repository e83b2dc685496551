"""Whether a database file is exactly an AppealDesk database, whole, with the app's values.

A backup comes from a file the user picked, and whatever it holds runs inside the app once
it is restored: a trigger of its own fires on every write, a missing column breaks every
query. So before a restore the copy must have precisely the tables, indexes, triggers and
views that AppealDesk's migrations create for its revision (compared with a reference
database those migrations build, once per revision and process), pass SQLite's full
``integrity_check`` and ``foreign_key_check``, and hold in every column only values the app
itself writes (see :mod:`appealdesk.domain.stored_values`).
"""

from __future__ import annotations

import re
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from appealdesk.domain.stored_values import column_rules
from appealdesk.i18n import _
from appealdesk.store import driver, migrate
from appealdesk.store.pragmas import connect_read_only
from appealdesk.store.work_folder import work_item

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import DataKey

# type, name, table, SQL with its whitespace normalised ("" for SQLite's own indexes)
SchemaEntry = tuple[str, str, str, str]

_REVISION = re.compile(r"[0-9a-z_]{1,32}")
_references: dict[str, frozenset[SchemaEntry]] = {}
_references_lock = threading.Lock()


class UnacceptableDatabaseError(Exception):
    """Not exactly an AppealDesk database; the message (translated) says why, as a clause."""

    @property
    def reason(self) -> str:
        return str(self.args[0])


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _shown(text: object, limit: int = 80) -> str:
    """A name or a message from the file, on one line and not too long for a message."""
    shown = " ".join(str(text).split())
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def schema_of(connection: sqlite3.Connection) -> frozenset[SchemaEntry]:
    rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return frozenset(
        (str(kind), str(name), str(table), " ".join(str(sql or "").split()))
        for kind, name, table, sql in rows
    )


def reference_schema(database: Path, revision: str) -> frozenset[SchemaEntry]:
    """What the migrations create up to ``revision``, built in the work folder of ``database``."""
    with _references_lock:
        known = _references.get(revision)
        if known is None:
            with work_item(database, "schema") as folder:
                reference = folder / "reference.sqlite3"
                migrate.migrate_to(reference, revision, temp_in_memory=True)
                connection = connect_read_only(reference)
                try:
                    known = schema_of(connection)
                finally:
                    connection.close()
            _references[revision] = known
    return known


def revision_of(path: Path, key: DataKey | None = None) -> str:
    """The schema revision stored in ``path``; raises when it has none that can be one."""
    connection = connect_read_only(path, key)
    try:
        revision = migrate.stored_revision(connection)
    except driver.errors(sqlite3.Error):
        revision = None  # an alembic_version table of another shape
    finally:
        connection.close()
    if not isinstance(revision, str) or not _REVISION.fullmatch(revision):
        raise UnacceptableDatabaseError(_("it is not an AppealDesk database"))
    return revision


def _kind(kind: str, name: str) -> str:
    kinds = {
        "table": _("the table “{name}”"),
        "index": _("the index “{name}”"),
        "trigger": _("the trigger “{name}”"),
        "view": _("the view “{name}”"),
    }
    return kinds.get(kind, _("the schema entry “{name}”")).format(name=_shown(name))


def _compare(actual: frozenset[SchemaEntry], expected: frozenset[SchemaEntry]) -> None:
    expected_names = {(kind, name) for kind, name, _table, _sql in expected}
    for kind, name, _table, _sql in sorted(actual - expected):
        if (kind, name) not in expected_names:
            raise UnacceptableDatabaseError(
                _("it contains {what}, which AppealDesk does not create").format(
                    what=_kind(kind, name)
                )
            )
    for kind, name, _table, _sql in sorted(expected - actual):
        raise UnacceptableDatabaseError(
            _("{what} is missing or not as AppealDesk creates it").format(what=_kind(kind, name))
        )


def _check_whole(connection: sqlite3.Connection) -> None:
    rows = connection.execute("PRAGMA integrity_check(10)").fetchall()
    if [tuple(row) for row in rows] != [("ok",)]:
        problem = rows[0][0] if rows else "?"
        raise UnacceptableDatabaseError(
            _("it is damaged ({problem})").format(problem=_shown(problem, 160))
        )
    broken = connection.execute("PRAGMA foreign_key_check").fetchone()
    if broken is not None:
        raise UnacceptableDatabaseError(
            _("rows of “{table}” refer to rows that are not there").format(table=broken[0])
        )


def _bad_value(table: str, column: str, rowid: object) -> UnacceptableDatabaseError:
    return UnacceptableDatabaseError(
        _("“{table}.{column}” holds a value AppealDesk never writes (row {row})").format(
            table=table, column=column, row=_shown(rowid)
        )
    )


def _check_values(connection: sqlite3.Connection) -> None:
    versions = connection.execute("SELECT count(*) FROM alembic_version").fetchone()[0]
    if versions != 1:
        raise UnacceptableDatabaseError(_("it is not an AppealDesk database"))
    for table, rules in column_rules().items():
        present = {row[1] for row in connection.execute(f"PRAGMA table_info({_quoted(table)})")}
        for column, rule in rules.items():
            if column not in present:
                continue  # an older revision, whose schema was compared as a whole
            t, c = _quoted(table), _quoted(column)
            marks = ", ".join("?" for _type in rule.types)
            row = connection.execute(
                f"SELECT rowid FROM {t} WHERE typeof({c}) NOT IN ({marks}) LIMIT 1",
                sorted(rule.types),
            ).fetchone()
            if row is not None:
                raise _bad_value(table, column, row[0])
            if rule.check is None:
                continue
            for (value,) in connection.execute(f"SELECT DISTINCT {c} FROM {t} WHERE {c} NOTNULL"):
                if not rule.check(value):
                    where = connection.execute(
                        f"SELECT rowid FROM {t} WHERE {c} = ? LIMIT 1", (value,)
                    ).fetchone()
                    raise _bad_value(table, column, where[0] if where else "?")


def check_database(
    path: Path, revision: str, database: Path, *, whole: bool = True, key: DataKey | None = None
) -> None:
    """Raises :class:`UnacceptableDatabaseError` unless ``path`` is exactly what AppealDesk
    makes at ``revision`` (a known one), whole, with only values the app writes.

    ``database`` is the database the check is made for; its work folder holds the reference.
    Without ``whole`` the integrity and references are left to the caller.
    """
    expected = reference_schema(database, revision)
    connection = connect_read_only(path, key)
    try:
        connection.execute("PRAGMA trusted_schema = OFF")
        _compare(schema_of(connection), expected)
        if whole:
            _check_whole(connection)
        _check_values(connection)
    except driver.errors(sqlite3.DatabaseError) as exc:
        raise UnacceptableDatabaseError(
            _("it is damaged ({problem})").format(problem=_shown(exc, 160))
        ) from exc
    finally:
        connection.close()
