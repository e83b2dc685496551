"""The escalation path: parties, the statement's remaining fields, letters per kind.

- accounts: the holder's own name and e-mail (``country`` is their country of residence);
- cases: the content concerned, the chosen out-of-court body, other proceedings;
- statements of reasons: decision types per kind, content type, source, date received,
  and whether redress was explained (DSA art. 17(3) (b) and (f));
- appeal letters: one per kind (appeal, reminder, …) and language, with the body written
  to, the short version for the appeal field, and when it was sent;
- workspace: creator or agency, and the agency's name and contact.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_EMPTY = sa.text("''")
_NO_VALUES = sa.text("'[]'")


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.String(), nullable=False, server_default=_EMPTY)


def _choice(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.String(80), nullable=True)


def upgrade() -> None:
    # Added in place: the search triggers name these tables, so they are not rebuilt.
    op.add_column("accounts", _text("holder_name"))
    op.add_column("accounts", _text("holder_email"))
    op.add_column("cases", _text("content_url"))
    op.add_column("cases", sa.Column("ods_body", sa.String(), nullable=True))
    op.add_column("cases", sa.Column("other_proceedings", sa.Boolean(), nullable=True))
    statements = "statements_of_reasons"
    op.add_column(
        statements,
        sa.Column("decision_visibility", sa.JSON(), nullable=False, server_default=_NO_VALUES),
    )
    op.add_column(statements, _choice("decision_monetary"))
    op.add_column(statements, _choice("decision_provision"))
    op.add_column(
        statements, sa.Column("content_type", sa.JSON(), nullable=False, server_default=_NO_VALUES)
    )
    op.add_column(statements, _choice("source_type"))
    op.add_column(statements, sa.Column("received_on", sa.Date(), nullable=True))
    op.add_column(statements, sa.Column("redress_explained", sa.Boolean(), nullable=True))
    with op.batch_alter_table("appeal_letters", recreate="always") as batch:
        batch.add_column(
            sa.Column(
                "kind",
                sa.String(80),
                nullable=False,
                server_default=sa.text("'appeal'"),
            )
        )
        batch.add_column(sa.Column("body_id", sa.String(), nullable=True))
        batch.add_column(_text("short_text"))
        batch.add_column(sa.Column("sent_at", sa.DateTime(), nullable=True))
        batch.drop_constraint("uq_appeal_letters_case_id_language", type_="unique")
        batch.create_unique_constraint(
            "uq_appeal_letters_case_id_kind_language", ["case_id", "kind", "language"]
        )
    op.create_table(
        "workspace",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(80), nullable=False),
        sa.Column("agency_name", sa.String(), nullable=False),
        sa.Column("contact_person", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_workspace"),
    )


def downgrade() -> None:
    raise NotImplementedError("AppealDesk does not downgrade; restore a backup instead.")
