"""The evidence store's connections are reused, and a broken one is never handed out again."""

from __future__ import annotations

import psycopg

from appealdesk.store.postgres.pool import ConnectionPool


def test_connections_are_reused_and_broken_ones_dropped(pg_url: str) -> None:
    made: list[psycopg.Connection[object]] = []

    def make() -> psycopg.Connection[object]:
        made.append(psycopg.connect(pg_url))
        return made[-1]

    pool = ConnectionPool(make, keep=2)
    for _ in range(20):
        with pool.connect() as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
    assert len(made) == 1

    with pool.connect() as conn:
        conn.execute("CREATE TABLE kept (n integer)")
    try:
        with pool.connect() as conn:
            conn.execute("INSERT INTO kept VALUES (1)")
            raise ValueError("the caller fails")
    except ValueError:
        pass
    with pool.connect() as conn:
        assert conn.execute("SELECT count(*) FROM kept").fetchone() == (0,)  # rolled back

    borrowed = pool.connect()
    borrowed.conn.close()  # as a dropped connection is
    borrowed.close()
    with pool.connect() as conn:
        assert not conn.closed
        assert conn.execute("SELECT 1").fetchone() == (1,)
    pool.close()
    assert all(conn.closed for conn in made)
