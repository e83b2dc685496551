"""Trusted time stamps (RFC 3161) over the SHA-256 of each piece of evidence.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence_timestamps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("authority_url", sa.String(), nullable=False),
        sa.Column("response", sa.LargeBinary(), nullable=True),
        sa.Column("stamped_at_utc", sa.DateTime(), nullable=True),
        sa.Column("signature_verified", sa.Boolean(), nullable=False),
        sa.Column("error", sa.String(), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["evidence_id"],
            ["evidence_items.id"],
            name="fk_evidence_timestamps_evidence_id_evidence_items",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_evidence_timestamps"),
        sa.UniqueConstraint(
            "evidence_id", "authority_url", name="uq_evidence_timestamps_evidence_id_authority_url"
        ),
    )


def downgrade() -> None:
    raise NotImplementedError("AppealDesk does not downgrade; restore a backup instead.")
