"""Alembic environment: always run on a connection handed over by ``store.migrate``."""

from __future__ import annotations

from alembic import context

from appealdesk.domain import models

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=models.SQLModel.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
