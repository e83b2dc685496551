"""The database AppealDesk works in: one SQLite file, or a team's database on PostgreSQL.

Both engines hand out the same things: sessions that are one transaction each
(:meth:`Database.transaction` for changes, :meth:`Database.reading` for consistent reads),
plain rows of one read-only query (:meth:`Database.rows`, the case list's quick path, with
``?`` for parameters on either engine), a number that changes when others commit
(:meth:`Database.data_version`) and the evidence store. Which one a location names is told
by its form: a ``postgresql://`` URL, or a path.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from appealdesk.domain.errors import DatabaseError
from appealdesk.i18n import _

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from appealdesk.store.encryption.keys import DataKey
    from appealdesk.store.evidence_store import EvidenceStore

URL_SCHEMES = ("postgresql://", "postgres://")


def is_database_url(location: str | Path) -> bool:
    """True for a ``postgresql://`` URL (a team's database), False for a path."""
    return isinstance(location, str) and location.lower().startswith(URL_SCHEMES)


class Database(ABC):
    """An open AppealDesk database.

    ``path`` is the database file on SQLite. On PostgreSQL, which keeps no file on this
    machine, it is where this user's local files for that database are anchored (caches,
    work folders); nothing is stored in it.
    """

    engine_name: ClassVar[str]
    shared: ClassVar[bool]  # a team's database, used by several people at once

    path: Path
    read_only: str | None  # why changes cannot be saved (untranslated), or None
    key: DataKey | None  # the data key of an encrypted database, None for a plain one
    evidence: EvidenceStore

    @property
    @abstractmethod
    def location(self) -> str:
        """What the user opened, to show: a path, or a URL without its password."""

    @property
    @abstractmethod
    def title(self) -> str:
        """The database's name for a window title: a file name, or a team database's name."""

    @property
    @abstractmethod
    def engine(self) -> Engine: ...

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Session]:
        """A write transaction: all of it is committed, or none of it."""

    @abstractmethod
    def reading(self) -> AbstractContextManager[Session]:
        """A read transaction: every query in it sees the same committed state."""

    @abstractmethod
    def rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of one read-only query, in a transaction of its own."""

    @abstractmethod
    def data_version(self) -> int:
        """A number that changes whenever another connection committed a change since the
        last call; cheap to poll."""

    def data_version_if_free(self) -> int | None:
        """:meth:`data_version`, or None at once when another thread's query holds the
        connection it is read on: for a poll, which then looks again next time."""
        return self.data_version()

    @abstractmethod
    def close(self) -> None: ...

    def require_writable(self) -> None:
        """Raises the message a user sees when changes cannot be saved at all."""
        if self.read_only is not None:
            raise DatabaseError(
                _("Read-only: changes cannot be saved ({reason}).").format(reason=_(self.read_only))
            )


def open_database(
    location: str | Path,
    *,
    create: bool = True,
    create_folder: bool = False,
    key: DataKey | None = None,
    check: bool = True,
) -> Database:
    """Opens (or creates) the database at ``location`` and brings its schema up to date.

    A path opens a SQLite file (see :func:`~appealdesk.store.sqlite_database.open_sqlite_database`
    for ``create_folder``, ``key`` and ``check``); a ``postgresql://`` URL a team's database, whose
    schema is created when it has none and ``create`` allows it.
    """
    if is_database_url(location):
        if key is not None:
            raise DatabaseError(_("A team database on PostgreSQL is not encrypted by AppealDesk."))
        from appealdesk.store.postgres.database import open_postgres_database

        return open_postgres_database(str(location), create=create)
    from appealdesk.store.sqlite_database import open_sqlite_database

    return open_sqlite_database(
        Path(location), create=create, create_folder=create_folder, key=key, check=check
    )
