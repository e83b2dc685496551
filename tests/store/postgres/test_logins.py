"""A member's password: from the keyring when libpq has none, never from anywhere it was shown."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend

from appealdesk.domain.errors import DatabaseError
from appealdesk.services.workspace import open_workspace
from appealdesk.store.postgres import connection
from appealdesk.store.postgres.connection import KEYRING_SERVICE, parse_url, store_password
from tests.postgres import PostgresServer


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    connection._asked.clear()
    yield backend
    connection._asked.clear()
    keyring.set_keyring(previous)


def test_the_keyring_gives_the_password_libpq_does_not_have(
    team_url: str, postgres_server: PostgresServer, memory_keyring: MemoryKeyring
) -> None:
    with postgres_server.admin() as admin:  # type: ignore[attr-defined]
        admin.execute("DROP ROLE IF EXISTS erik")
        admin.execute("CREATE ROLE erik LOGIN SUPERUSER PASSWORD 'erik-secret'")
    url = team_url.replace("appealdesk_admin@", "erik@", 1)
    with pytest.raises(DatabaseError, match="did not accept the login of erik"):
        open_workspace(url, create=False)  # no .pgpass entry, nothing in the keyring

    connection._asked.clear()
    assert store_password(parse_url(url), "erik-secret")
    assert memory_keyring.entries[(KEYRING_SERVICE, f"erik@127.0.0.1:{postgres_server.port}")]
    db = open_workspace(url, create=False)
    try:
        assert db.rows("SELECT session_user") == [("erik",)]
        assert "erik-secret" not in db.location
    finally:
        db.close()
