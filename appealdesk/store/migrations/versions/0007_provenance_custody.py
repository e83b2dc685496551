"""Provenance of evidence and its custody record.

- evidence_items: where it comes from (source, a web page's address, the device or app),
  the UTC offset of the capture time and where that time came from, and the hash of the
  newest custody entry;
- custody_entries: the append-only, hash-chained record of each item; the database itself
  refuses to change or delete an entry.

Existing capture times stay as they are, without a zone: it was never recorded. A PDF's came
from the file's modification time (a PDF has no EXIF data); for a picture it is not known
whether it came from its EXIF data or from the file, so it is marked as not recorded. Each
existing item gets a first entry saying its record started with this upgrade.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from appealdesk.domain.custody import canonical_json, entry_hash, recorded_facts, utc_stamp

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_EMPTY = sa.text("''")


def upgrade() -> None:
    # Added in place, as the other columns of evidence_items were.
    op.add_column("evidence_items", sa.Column("captured_offset", sa.Integer(), nullable=True))
    op.add_column("evidence_items", sa.Column("capture_source", sa.String(80), nullable=True))
    op.add_column("evidence_items", sa.Column("source", sa.String(80), nullable=True))
    for name in ("source_url", "device", "custody_head"):
        op.add_column(
            "evidence_items", sa.Column(name, sa.String(), nullable=False, server_default=_EMPTY)
        )
    op.create_table(
        "custody_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.String(), nullable=False),
        sa.Column("action", sa.String(80), nullable=False),
        sa.Column("details", sa.String(), nullable=False),
        sa.Column("facts", sa.String(), nullable=False),
        sa.Column("previous_hash", sa.String(), nullable=False),
        sa.Column("entry_hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_custody_entries"),
    )
    op.create_index("ix_custody_entries_evidence_id_id", "custody_entries", ["evidence_id", "id"])
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER custody_entries_no_{action.lower()} BEFORE {action} "
            "ON custody_entries BEGIN "
            "SELECT RAISE(ABORT, 'custody entries are never changed or deleted'); END"
        )
    op.execute(
        "UPDATE evidence_items SET capture_source = CASE "
        "WHEN media_type = 'application/pdf' THEN 'file_time' ELSE 'unknown' END "
        "WHERE captured_at IS NOT NULL"
    )
    _start_records()


def _start_records() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT id, case_id, sha256, size_bytes, captured_at, captured_offset, "
            "capture_source, kind, redactions, sensitive, no_blackout_confirmed_at "
            "FROM evidence_items ORDER BY id"
        )
    ).all()
    recorded_at = utc_stamp()
    for row in rows:
        facts = recorded_facts(
            sha256=row.sha256,
            size=row.size_bytes,
            captured_at=row.captured_at,
            captured_offset=row.captured_offset,
            capture_source=row.capture_source,
            kind=row.kind,
            redactions=row.redactions,
            sensitive=row.sensitive,
            no_blackout_confirmed_at=row.no_blackout_confirmed_at,
        )
        digest = entry_hash("", row.id, recorded_at, "record_started", {}, facts)
        connection.execute(
            sa.text(
                "INSERT INTO custody_entries (evidence_id, case_id, recorded_at, action, "
                "details, facts, previous_hash, entry_hash) "
                "VALUES (:item, :case, :at, 'record_started', '{}', :facts, '', :digest)"
            ),
            {
                "item": row.id,
                "case": row.case_id,
                "at": recorded_at,
                "facts": canonical_json(facts),
                "digest": digest,
            },
        )
        connection.execute(
            sa.text("UPDATE evidence_items SET custody_head = :digest WHERE id = :item"),
            {"digest": digest, "item": row.id},
        )


def downgrade() -> None:
    raise NotImplementedError("AppealDesk does not downgrade; restore a backup instead.")
