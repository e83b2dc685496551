"""The first schema: clients, accounts, cases, statements of reasons, events, evidence,
checklists, platform channels, and the full-text index over cases.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# The search index as this revision defines it (later revisions replace it, never edit it).
_SEARCH_COLUMNS = "case_number, handle, names, notice, notes, contacts"
_SEARCH_ROW = """
SELECT c.id, c.case_number, a.handle,
       a.display_name || ' ' || cl.name || ' ' || cl.contact_person,
       c.notice_text,
       c.user_statement || ' ' || a.notes || ' ' || cl.notes || ' '
           || coalesce((SELECT group_concat(value, ' ') FROM json_each(c.tags)), ''),
       coalesce((SELECT group_concat(e.summary || ' ' || e.reference || ' ' || e.outcome, ' ')
                 FROM events e WHERE e.case_id = c.id), '')
FROM cases c
JOIN accounts a ON a.id = c.account_id
JOIN clients cl ON cl.id = a.client_id
WHERE {where}
"""


def _enum() -> sa.String:
    return sa.String(80)


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "clients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("contact_person", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name="pk_clients"),
    )
    op.create_table(
        "platform_channels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", _enum(), nullable=False),
        sa.Column("channel", _enum(), nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("typical_answer_days", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_platform_channels"),
        sa.UniqueConstraint("platform", "channel", name="uq_platform_channels_platform_channel"),
    )
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("platform", _enum(), nullable=False),
        sa.Column("handle", sa.String(), nullable=False),
        sa.Column("display_name", sa.String(), nullable=False),
        sa.Column("account_email", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("country", sa.String(), nullable=False),
        sa.Column("followers_at_block", sa.Integer(), nullable=True),
        sa.Column("notes", sa.String(), nullable=False),
        *_timestamps(),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name="fk_accounts_client_id_clients", ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_accounts"),
        sa.UniqueConstraint("platform", "handle", name="uq_accounts_platform_handle"),
    )
    op.create_index("ix_accounts_client_id", "accounts", ["client_id"])
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_number", sa.String(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("status", _enum(), nullable=False),
        sa.Column("block_kind", _enum(), nullable=False),
        sa.Column("blocked_at", sa.DateTime(), nullable=False),
        sa.Column("notice_text", sa.String(), nullable=False),
        sa.Column("reason_area", sa.String(), nullable=True),
        sa.Column("reason_policy", sa.String(), nullable=True),
        sa.Column("user_statement", sa.String(), nullable=False),
        sa.Column("desired_outcome", _enum(), nullable=False),
        sa.Column("priority", _enum(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("next_action", sa.String(), nullable=True),
        sa.Column("next_action_due", sa.Date(), nullable=True),
        sa.Column("last_contact_at", sa.DateTime(), nullable=True),
        *_timestamps(),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name="fk_cases_account_id_accounts",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_cases"),
        sa.UniqueConstraint("case_number", name="uq_cases_case_number"),
    )
    for column in ("account_id", "status", "blocked_at", "next_action_due", "last_contact_at"):
        op.create_index(f"ix_cases_{column}", "cases", [column])
    op.create_table(
        "statements_of_reasons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("decision_account", _enum(), nullable=True),
        sa.Column("decision_ground", _enum(), nullable=True),
        sa.Column("category", _enum(), nullable=True),
        sa.Column("automated_detection", _enum(), nullable=True),
        sa.Column("automated_decision", _enum(), nullable=True),
        sa.Column("application_date", sa.Date(), nullable=True),
        sa.Column("territorial_scope", sa.JSON(), nullable=False),
        sa.Column("end_date_account_restriction", sa.Date(), nullable=True),
        sa.Column("decision_facts", sa.String(), nullable=False),
        sa.Column("incompatible_content_ground", sa.String(), nullable=False),
        sa.Column("illegal_content_legal_ground", sa.String(), nullable=False),
        sa.Column("decision_ground_reference_url", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name="fk_statements_of_reasons_case_id_cases",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_statements_of_reasons"),
        sa.UniqueConstraint("case_id", name="uq_statements_of_reasons_case_id"),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("kind", _enum(), nullable=False),
        sa.Column("channel", _enum(), nullable=True),
        sa.Column("direction", _enum(), nullable=True),
        sa.Column("reference", sa.String(), nullable=False),
        sa.Column("summary", sa.String(), nullable=False),
        sa.Column("body", sa.String(), nullable=False),
        sa.Column("outcome", sa.String(), nullable=False),
        *_timestamps(),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name="fk_events_case_id_cases", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    op.create_index("ix_events_case_id_occurred_at", "events", ["case_id", "occurred_at"])
    op.create_table(
        "evidence_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", _enum(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("captured_at", sa.DateTime(), nullable=True),
        sa.Column("original_name", sa.String(), nullable=False),
        sa.Column("media_type", sa.String(), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("sensitive", sa.Boolean(), nullable=False),
        sa.Column("include_in_dossier", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name="fk_evidence_items_case_id_cases", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_evidence_items"),
    )
    op.create_index("ix_evidence_items_case_id_position", "evidence_items", ["case_id", "position"])
    op.create_index("ix_evidence_items_sha256", "evidence_items", ["sha256"])
    op.create_table(
        "checklist_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("checklist", _enum(), nullable=False),
        sa.Column("item_key", sa.String(), nullable=False),
        sa.Column("state", _enum(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name="fk_checklist_items_case_id_cases", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["evidence_id"],
            ["evidence_items.id"],
            name="fk_checklist_items_evidence_id_evidence_items",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_checklist_items"),
        sa.UniqueConstraint(
            "case_id", "checklist", "item_key", name="uq_checklist_items_case_id_checklist_item_key"
        ),
    )
    op.create_index("ix_checklist_items_evidence_id", "checklist_items", ["evidence_id"])
    _create_search_index()


def _reindex(where: str) -> str:
    return (
        "DELETE FROM case_search WHERE rowid IN (SELECT c.id FROM cases c WHERE "
        f"{where});\nINSERT INTO case_search(rowid, {_SEARCH_COLUMNS})"
        + _SEARCH_ROW.format(where=where)
        + ";"
    )


def _create_search_index() -> None:
    op.execute(
        f"CREATE VIRTUAL TABLE case_search USING fts5({_SEARCH_COLUMNS}, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    triggers = {
        "case_search_case_insert": ("AFTER INSERT ON cases", [_reindex("c.id = NEW.id")]),
        "case_search_case_update": (
            "AFTER UPDATE OF case_number, account_id, notice_text, user_statement, tags ON cases",
            [_reindex("c.id = NEW.id")],
        ),
        "case_search_case_delete": (
            "AFTER DELETE ON cases",
            ["DELETE FROM case_search WHERE rowid = OLD.id;"],
        ),
        "case_search_event_insert": ("AFTER INSERT ON events", [_reindex("c.id = NEW.case_id")]),
        "case_search_event_update": (
            "AFTER UPDATE OF case_id, summary, reference, outcome ON events",
            [_reindex("c.id = OLD.case_id"), _reindex("c.id = NEW.case_id")],
        ),
        "case_search_event_delete": ("AFTER DELETE ON events", [_reindex("c.id = OLD.case_id")]),
        "case_search_account_update": (
            "AFTER UPDATE OF handle, display_name, notes, client_id ON accounts",
            [_reindex("c.account_id = NEW.id")],
        ),
        "case_search_client_update": (
            "AFTER UPDATE OF name, contact_person, notes ON clients",
            [_reindex("c.account_id IN (SELECT id FROM accounts WHERE client_id = NEW.id)")],
        ),
    }
    for name, (when, body) in triggers.items():
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN\n" + "\n".join(body) + "\nEND")


def downgrade() -> None:
    raise NotImplementedError("AppealDesk does not downgrade; restore a backup instead.")
