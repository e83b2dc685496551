"""Search: direction isolates and skin-tone modifiers separate words.

SQLite's ``unicode61`` tokenizer uses Unicode tables older than these characters and takes
them for letters, so ``⁨femke⁩`` (a name copied from a chat app) or ``👍🏽geweldig`` made one
word with their neighbours and could not be found. The index is rebuilt with them as
separators; the triggers of 0001 keep filling it as before.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# LRI, RLI, FSI, PDI and the five Fitzpatrick skin-tone modifiers.
SEPARATORS = "\u2066\u2067\u2068\u2069" + "".join(chr(c) for c in range(0x1F3FB, 0x1F400))
_SEARCH_COLUMNS = "case_number, handle, names, notice, notes, contacts"
_SEARCH_ROWS = """
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
"""


def upgrade() -> None:
    op.execute("DROP TABLE case_search")
    op.execute(
        f"CREATE VIRTUAL TABLE case_search USING fts5({_SEARCH_COLUMNS}, "
        f"tokenize = \"unicode61 remove_diacritics 2 separators '{SEPARATORS}'\")"
    )
    op.execute(f"INSERT INTO case_search(rowid, {_SEARCH_COLUMNS}) {_SEARCH_ROWS}")


def downgrade() -> None:
    raise NotImplementedError("AppealDesk does not downgrade; restore a backup instead.")
