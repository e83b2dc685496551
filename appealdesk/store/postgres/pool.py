"""A few connections kept for reuse by the evidence store: a login with a password costs
about 15 ms, a query on an open connection a tenth of a millisecond."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg


class ConnectionPool:
    def __init__(self, make: Callable[[], psycopg.Connection[Any]], keep: int = 4) -> None:
        self._make = make
        self._keep = keep
        self._idle: list[psycopg.Connection[Any]] = []
        self._lock = threading.Lock()

    def connect(self) -> Borrowed:
        """A connection used as psycopg's own: ``with`` commits (or rolls back on an error)
        and gives it back, and so does ``close()``."""
        with self._lock:
            conn = self._idle.pop() if self._idle else None
        return Borrowed(self, conn if conn is not None else self._make())

    def give_back(self, conn: psycopg.Connection[Any]) -> None:
        from psycopg.pq import TransactionStatus

        try:
            if not conn.closed and conn.info.transaction_status != TransactionStatus.IDLE:
                conn.rollback()
            if not conn.closed:
                conn.autocommit = False
        except Exception:  # broken: it is not kept
            with contextlib.suppress(Exception):
                conn.close()
            return
        with self._lock:
            if not conn.closed and len(self._idle) < self._keep:
                self._idle.append(conn)
                return
        conn.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            with contextlib.suppress(Exception):
                conn.close()


class Borrowed:
    def __init__(self, pool: ConnectionPool, conn: psycopg.Connection[Any]) -> None:
        self._pool = pool
        self._conn: psycopg.Connection[Any] | None = conn

    @property
    def conn(self) -> psycopg.Connection[Any]:
        if self._conn is None:
            raise RuntimeError("the connection was given back")
        return self._conn

    def __getattr__(self, name: str) -> Any:
        return getattr(self.conn, name)

    @property
    def autocommit(self) -> bool:
        return self.conn.autocommit

    @autocommit.setter
    def autocommit(self, value: bool) -> None:
        self.conn.autocommit = value

    @property
    def closed(self) -> bool:
        return self._conn is None or self._conn.closed

    def __enter__(self) -> Borrowed:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if not self.closed:
                if kind is None:
                    self.conn.commit()
                else:
                    self.conn.rollback()
        finally:
            self.close()

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            self._pool.give_back(conn)
