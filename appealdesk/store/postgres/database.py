"""A team's database on PostgreSQL, with the same sessions, rows and evidence as SQLite's.

Write transactions take one transaction-level advisory lock first, so that writers queue as
they do on SQLite (``BEGIN IMMEDIATE``) and a use case that reads before it writes (the
next case number, a check that a name is free) sees no other writer between the two. Reads
run in ``REPEATABLE READ``: every query of a session sees the same snapshot. There is no
instance lock: every member's window and every command may have the database open at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from appealdesk.domain.errors import DatabaseError, NewerDatabaseError
from appealdesk.i18n import N_, _
from appealdesk.store.database import Database
from appealdesk.store.postgres.connection import (
    APPLICATION_NAME,
    PostgresTarget,
    connect,
    connection_error,
    parse_url,
)
from appealdesk.store.postgres.schema import (
    BASELINE_REVISION,
    CHANGES_CHANNEL,
    WRITE_LOCK,
)
from appealdesk.store.postgres.upgrade import create_team_schema, stored_revision, upgrade_schema

if TYPE_CHECKING:
    import psycopg
    from sqlalchemy import Engine
    from sqlmodel import Session

# How long a write waits for another's lock (a member's long import, or a program that hangs
# while it holds the lock) before it gives up, changing nothing, instead of waiting for ever.
WRITE_WAIT_S = 30.0
# Reader connections kept idle for the next query: the window's and one work thread's.
_IDLE_READERS = 2
_NOT_SAVED = N_("The connection to the team database was lost: nothing was changed.")


def local_folder_for(target: PostgresTarget) -> Path:
    """This user's folder for the local files of one team database (caches, work folders)."""
    from platformdirs import user_cache_path

    digest = hashlib.sha256(target.url.encode()).hexdigest()[:16]
    return user_cache_path("AppealDesk", appauthor=False) / "team" / digest


class PostgresDatabase(Database):
    engine_name = "postgresql"
    shared = True

    def __init__(self, target: PostgresTarget, *, read_only: str | None = None) -> None:
        from appealdesk.store.files import make_private_dir
        from appealdesk.store.postgres.evidence_store import Connect, DatabaseEvidenceStore
        from appealdesk.store.postgres.pool import ConnectionPool

        self.target = target
        folder = local_folder_for(target)
        make_private_dir(folder)
        self.path = folder / "database"
        self.read_only = read_only
        self.key = None
        self._evidence_connections = ConnectionPool(lambda: connect(target))
        self.evidence = DatabaseEvidenceStore(
            cast("Connect", self._evidence_connections.connect), folder / "evidence"
        )
        self._engine: Engine | None = None
        self._reading_bind: Engine | None = None  # the engine's, for snapshots that only read
        # Reader connections of rows() not in use; one is made when none is free.
        self._idle_readers: list[psycopg.Connection[Any]] = []
        self._readers_lock = threading.Lock()
        self._listener: psycopg.Connection[Any] | None = None
        self._listening = threading.Lock()
        self._lock = threading.Lock()  # the engine's making, and closing
        self._closed = False
        self._changes = 0
        self._placeholders: dict[str, str] = {}
        self.write_wait_s = WRITE_WAIT_S  # for connections made from now on

    @property
    def location(self) -> str:
        return self.target.url

    @property
    def title(self) -> str:
        return f"{self.target.dbname} ({self.target.host})"

    @property
    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:
                from sqlalchemy import create_engine

                self._engine = create_engine(
                    "postgresql+psycopg://",
                    creator=self._session_connection,
                    pool_size=4,
                    max_overflow=8,
                    pool_pre_ping=True,
                    hide_parameters=True,  # case texts and file names never go into errors
                )
            return self._engine

    def _session_connection(self) -> psycopg.Connection[Any]:
        connection = connect(self.target)
        # Opening a case runs a dozen small queries; prepared from their second run on, the
        # server plans each once per connection instead of every time.
        connection.prepare_threshold = 1
        connection.execute(f"SET lock_timeout = {int(self.write_wait_s * 1000)}")
        connection.commit()
        return connection

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        from sqlalchemy import text
        from sqlalchemy.exc import DBAPIError
        from sqlmodel import Session

        self.require_writable()
        committing = False
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                session.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": WRITE_LOCK})
                yield session
                committing = True
                session.commit()
            except DBAPIError as exc:
                session.rollback()
                raise _write_error(self.target, exc, committing=committing) from exc
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def reading(self) -> Iterator[Session]:
        from sqlmodel import Session

        if self._reading_bind is None:
            self._reading_bind = self.engine.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
        with Session(self._reading_bind, expire_on_commit=False) as session:
            yield session

    def rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """As on SQLite, ``?`` marks the parameters (the SQL is the app's own, with no ``?``
        or ``%`` inside its literals).

        Each query has a reader connection to itself while it runs: the window's next page
        never waits for the status counts a work thread is making at the same time (about
        0.1 s for a broad search at 100,000 cases)."""
        import psycopg

        statement = self._placeholders.get(sql)
        if statement is None:
            statement = sql.replace("%", "%%").replace("?", "%s")
            self._placeholders[sql] = statement
        for attempt in (1, 2):
            reader = self._take_reader()
            try:
                found = reader.execute(statement, list(parameters)).fetchall()
            except psycopg.OperationalError as exc:
                # The server went away or restarted: the idle readers are as broken.
                self._close(reader)
                self._drop_idle_readers()
                if attempt == 2:
                    raise connection_error(self.target, exc) from None
                continue
            except psycopg.Error:
                self._give_back_reader(reader)  # autocommit: nothing is left open on it
                raise
            except BaseException:  # interrupted mid-query: its state is unknown
                self._close(reader)
                raise
            self._give_back_reader(reader)
            return found
        raise AssertionError("unreachable")

    def _take_reader(self) -> psycopg.Connection[Any]:
        with self._readers_lock:
            while self._idle_readers:
                reader = self._idle_readers.pop()
                if not reader.closed:
                    return reader
        reader = connect(self.target, autocommit=True)
        reader.execute("SET default_transaction_read_only = on")
        # A page of the list is quicker read alone than with the parallel workers a large
        # table tempts the planner to start (20 ms for those).
        reader.execute("SET max_parallel_workers_per_gather = 0")
        return reader

    def _give_back_reader(self, reader: psycopg.Connection[Any]) -> None:
        with self._readers_lock:
            if not self._closed and not reader.closed and len(self._idle_readers) < _IDLE_READERS:
                self._idle_readers.append(reader)
                return
        self._close(reader)

    def _drop_idle_readers(self) -> None:
        with self._readers_lock:
            idle, self._idle_readers = self._idle_readers, []
        for reader in idle:
            self._close(reader)

    def data_version(self) -> int:
        """Counts the change notices of other connections (other members, other processes);
        this process's own commits do not change it."""
        import psycopg

        with self._listening:
            try:
                if self._listener is None or self._listener.closed:
                    self._listener = connect(self.target, autocommit=True)
                    self._listener.execute(f"LISTEN {CHANGES_CHANNEL}")
                    self._changes += 1  # what happened while nobody listened is unknown
                for notice in self._listener.notifies(timeout=0):
                    if notice.payload != APPLICATION_NAME:
                        self._changes += 1
            except psycopg.OperationalError as exc:
                self._close(self._listener)
                self._listener = None
                raise connection_error(self.target, exc) from None
            return self._changes

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._engine is not None:
                self._engine.dispose()
                self._engine = self._reading_bind = None
            self._drop_idle_readers()
            with self._listening:
                self._close(self._listener)
                self._listener = None
            self._evidence_connections.close()

    @staticmethod
    def _close(connection: psycopg.Connection[Any] | None) -> None:
        if connection is not None:
            with contextlib.suppress(Exception):  # already broken: nothing to close
                connection.close()


def _write_error(target: PostgresTarget, exc: Any, *, committing: bool) -> DatabaseError:
    import psycopg

    original = getattr(exc, "orig", None)
    if isinstance(original, psycopg.errors.LockNotAvailable):
        return DatabaseError(
            _(
                "Another change to the team database is taking long to finish, so this one "
                "waited in vain: nothing was changed. Try again in a moment."
            )
        )
    lost = getattr(exc, "connection_invalidated", False)
    if lost or isinstance(original, psycopg.OperationalError):
        if committing:
            return DatabaseError(
                _(
                    "The connection to the team database was lost while saving: the change may "
                    "or may not have been saved. Look at the case again before you repeat it."
                )
            )
        return DatabaseError(_(_NOT_SAVED))
    if isinstance(original, psycopg.errors.InsufficientPrivilege):
        return DatabaseError(
            _("Your role on {url} may not make this change: nothing was changed.").format(
                url=target.url
            )
        )
    reason = str(original or exc).strip().splitlines()[0]
    return DatabaseError(
        _("The team database {url} could not be written: {reason}").format(
            url=target.url, reason=reason
        )
    )


def open_postgres_database(url: str, *, create: bool = True) -> PostgresDatabase:
    """Opens the team database at ``url``; an empty one gets the schema when ``create``."""
    target = parse_url(url)
    outdated = False
    with connect(target, autocommit=True) as connection:
        revision = stored_revision(connection)
        if revision is None:
            if _has_tables(connection):
                raise DatabaseError(
                    _("{url} holds tables that are not AppealDesk's.").format(url=target.url)
                )
            if not create:
                raise DatabaseError(_("There is no AppealDesk database at {url}.").format(
                    url=target.url))  # fmt: skip
        else:
            outdated = _check_revision(revision)
        writable = _may_write(connection) if revision is not None else True
    if revision is None:
        create_team_schema(target)
    elif outdated:
        upgrade_schema(target)
    reason = None if writable else N_("your role may only view this database")
    return PostgresDatabase(target, read_only=reason)


def _has_tables(connection: psycopg.Connection[Any]) -> bool:
    row = connection.execute(
        "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
    ).fetchone()
    return bool(row and row[0])


def _may_write(connection: psycopg.Connection[Any]) -> bool:
    row = connection.execute("SELECT has_table_privilege('cases', 'INSERT')").fetchone()
    return bool(row and row[0])


def _check_revision(revision: str) -> bool:
    """Whether the schema needs an upgrade; raises for one this version cannot read."""
    from appealdesk.store import migrate

    known = migrate.KNOWN_REVISIONS  # read now: the tests give the module a later revision
    if revision == migrate.HEAD_REVISION:
        return False
    if revision not in known:
        raise NewerDatabaseError(
            _(
                "This database was written by a newer version of AppealDesk (schema {revision}). "
                "Update AppealDesk to open it."
            ).format(revision=revision)
        )
    if known.index(revision) < known.index(BASELINE_REVISION):
        raise DatabaseError(_("This team database has a schema AppealDesk never wrote."))
    return True
