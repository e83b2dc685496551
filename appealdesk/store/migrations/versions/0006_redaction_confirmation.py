"""Evidence: when the user confirmed that a sensitive image has nothing to black out.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Added in place: the search triggers name this table, so it is not rebuilt.
    op.add_column(
        "evidence_items", sa.Column("no_blackout_confirmed_at", sa.DateTime(), nullable=True)
    )


def downgrade() -> None:
    raise NotImplementedError("AppealDesk does not downgrade; restore a backup instead.")
