"""Alembic environment: always run on a connection handed over by ``store.migrate``.

A migration after revision 0008 runs on SQLite and on PostgreSQL (whose team databases
start at 0008, see ``store.postgres.schema``): it asks ``op.get_context().dialect.name``
where the two differ."""

from __future__ import annotations

from alembic import context

from appealdesk.domain import models

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=models.SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
