"""Opening an AppealDesk database: checks, migrations, engine and evidence store.

Every session handed out is one transaction: :meth:`Database.transaction` for changes
(``BEGIN IMMEDIATE``, committed at the end, rolled back on any error) and
:meth:`Database.reading` for consistent reads. Objects stay usable after the session
closed (``expire_on_commit=False``).

SQLAlchemy takes a third of a second to import, so the engine is made on first use; the
case list, which the window shows first, reads through :meth:`Database.rows` with plain
``sqlite3`` and is on screen before the ORM is loaded.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appealdesk.domain.errors import DamagedDatabaseError, DatabaseError
from appealdesk.i18n import _
from appealdesk.store import migrate
from appealdesk.store.evidence_store import EvidenceStore, evidence_dir_for
from appealdesk.store.files import create_private_file, make_private_dir, restrict_to_owner
from appealdesk.store.pragmas import configure_connection

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

SQLITE_MAGIC = b"SQLite format 3\x00"


class Database:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.evidence = EvidenceStore(evidence_dir_for(path))
        self._engine: Engine | None = None
        self._reader: sqlite3.Connection | None = None
        self._reader_lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from appealdesk.store.engine import create_sqlite_engine

            self._engine = create_sqlite_engine(self.path)
        return self._engine

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write transaction: all of it is committed, or none of it."""
        from sqlalchemy.exc import OperationalError
        from sqlmodel import Session

        from appealdesk.store.engine import WRITE_OPTION

        with Session(self.engine, expire_on_commit=False) as session:
            try:
                session.connection(execution_options={WRITE_OPTION: True})
                yield session
                session.commit()
            except OperationalError as exc:
                session.rollback()
                raise _write_error(self.path, exc) from exc
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def reading(self) -> Iterator[Session]:
        from sqlmodel import Session

        # Closing (not rolling back) ends the transaction and keeps the objects loaded.
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    def rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of one read-only query, in a transaction of its own."""
        with self._reader_lock:
            if self._reader is None:
                self._reader = sqlite3.connect(
                    self.path, check_same_thread=False, isolation_level=None
                )
                configure_connection(self._reader)
                self._reader.execute("PRAGMA query_only = ON")
            return self._reader.execute(sql, parameters).fetchall()

    def close(self) -> None:
        with self._reader_lock:
            if self._reader is not None:
                self._reader.close()
                self._reader = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


def _write_error(path: Path, exc: Any) -> DatabaseError:
    reason = str(exc.orig) if exc.orig is not None else str(exc)
    if "locked" in reason or "busy" in reason:
        return DatabaseError(
            _("The database {path} is busy in another program. Try again in a moment.").format(
                path=path
            )
        )
    if "readonly" in reason or "read-only" in reason:
        return DatabaseError(
            _("The database {path} cannot be written (read-only). Nothing was changed.").format(
                path=path
            )
        )
    if "disk is full" in reason:
        return DatabaseError(_("The disk is full: nothing was changed. Free some space."))
    return DatabaseError(
        _("The database {path} could not be written: {reason}").format(path=path, reason=reason)
    )


def _check_header(path: Path) -> None:
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if header and header != SQLITE_MAGIC:
        raise DamagedDatabaseError(_("{path} is not an AppealDesk database.").format(path=path))


def _inspect(path: Path) -> str | None:
    """Quick integrity check and the stored schema revision, with plain sqlite3."""
    try:
        connection = sqlite3.connect(path)
        try:
            check = connection.execute("PRAGMA quick_check").fetchone()
            if check is None or check[0] != "ok":
                raise DamagedDatabaseError(
                    _("The database {path} is damaged ({detail}).").format(
                        path=path, detail=check[0] if check else "?"
                    )
                )
            revision = migrate.stored_revision(connection)
            if revision is None:
                tables = connection.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                ).fetchone()[0]
                if tables:
                    raise DamagedDatabaseError(
                        _("{path} is an SQLite file, but not an AppealDesk database.").format(
                            path=path
                        )
                    )
            return revision
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise DamagedDatabaseError(
            _("The database {path} cannot be read: {reason}").format(path=path, reason=exc)
        ) from exc


def open_database(path: Path, *, create: bool = True, create_folder: bool = False) -> Database:
    """Opens (or creates) the database at ``path`` and brings its schema up to date."""
    path = Path(path).expanduser().absolute()
    if path.is_dir():
        raise DatabaseError(_("{path} is a folder, not a database file.").format(path=path))
    if not path.exists():
        if not create:
            raise DatabaseError(_("There is no database at {path}.").format(path=path))
        if create_folder:
            make_private_dir(path.parent)
        if not path.parent.is_dir():
            raise DatabaseError(_("The folder {folder} does not exist.").format(folder=path.parent))
        try:
            create_private_file(path)
        except OSError as exc:
            raise DatabaseError(
                _("Cannot create the database {path}: {reason}").format(
                    path=path, reason=exc.strerror or exc
                )
            ) from exc
    try:
        _check_header(path)
    except PermissionError as exc:
        raise DatabaseError(_("No permission to read {path}.").format(path=path)) from exc
    restrict_to_owner(path)
    revision = _inspect(path)
    if migrate.needs_upgrade(revision):
        from sqlalchemy.exc import OperationalError

        try:
            migrate.upgrade(path, revision)
        except OperationalError as exc:
            raise _write_error(path, exc) from exc
    return Database(path)
