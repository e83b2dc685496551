"""Black-out rectangles on evidence images (protected ID copies).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Runs with foreign keys off inside one transaction (see store.migrate).
    with op.batch_alter_table("evidence_items") as batch:
        batch.add_column(
            sa.Column("redactions", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )


def downgrade() -> None:
    raise NotImplementedError("AppealDesk does not downgrade; restore a backup instead.")
