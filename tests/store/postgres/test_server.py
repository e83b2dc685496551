"""The test server itself: a real PostgreSQL on 127.0.0.1 that asks for passwords."""

from __future__ import annotations

import psycopg
import pytest

from tests.postgres import PostgresServer


def test_the_server_answers_with_the_password_from_the_pgpass_file(pg_url: str) -> None:
    with psycopg.connect(pg_url) as connection:
        assert connection.execute("SELECT current_database()").fetchone() is not None
        assert connection.info.host == "127.0.0.1"


def test_a_role_without_a_password_is_refused(
    postgres_server: PostgresServer, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    with pytest.raises(psycopg.OperationalError, match="password"):
        psycopg.connect(pg_url, connect_timeout=5)
