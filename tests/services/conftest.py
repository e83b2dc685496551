"""The service tests run on both engines: every use case must behave alike on each."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from appealdesk.store.database import Database


@pytest.fixture
def db(engine_db: Database) -> Iterator[Database]:
    yield engine_db
