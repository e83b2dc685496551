"""Search: a second index of the same words, for walking the list in its order.

``case_search`` answers a word in almost every case by gathering every match before the
list's first page (about 13 ms at 100,000 cases). ``case_words`` holds the same words of the
same columns, without positions (``detail=none``) or a copy of the text (``content=''``),
and an index of every word's first one to six letters (``prefix``): whether one case holds a
word that begins so is one look-up there, so the list walks its cases in order and stops at
its first page. Phrases (``TT-2026``) still need the positions of ``case_search``. At
100,000 cases it takes about 22 MB.

The triggers of 0001 are made again to fill both: a contentless index forgets a row only
when it is given the row's words, which ``case_search`` still holds until it is rebuilt.
On PostgreSQL, whose search is its own (``store.postgres.schema``), nothing changes.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_COLUMNS = "case_number, handle, names, notice, notes, contacts"
# LRI, RLI, FSI, PDI and the five Fitzpatrick skin-tone modifiers, as 0004.
_SEPARATORS = "\u2066\u2067\u2068\u2069" + "".join(chr(c) for c in range(0x1F3FB, 0x1F400))
_ROW = """
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
_TRIGGERS = {
    "case_search_case_insert": ("AFTER INSERT ON cases", ["c.id = NEW.id"]),
    "case_search_case_update": (
        "AFTER UPDATE OF case_number, account_id, notice_text, user_statement, tags ON cases",
        ["c.id = NEW.id"],
    ),
    "case_search_event_insert": ("AFTER INSERT ON events", ["c.id = NEW.case_id"]),
    "case_search_event_update": (
        "AFTER UPDATE OF case_id, summary, reference, outcome ON events",
        ["c.id = OLD.case_id", "c.id = NEW.case_id"],
    ),
    "case_search_event_delete": ("AFTER DELETE ON events", ["c.id = OLD.case_id"]),
    "case_search_account_update": (
        "AFTER UPDATE OF handle, display_name, notes, client_id ON accounts",
        ["c.account_id = NEW.id"],
    ),
    "case_search_client_update": (
        "AFTER UPDATE OF name, contact_person, notes ON clients",
        ["c.account_id IN (SELECT id FROM accounts WHERE client_id = NEW.id)"],
    ),
}


def _forget(rows: str) -> str:
    """Removes ``rows`` (a condition on ``rowid``) from both indexes, ``case_words`` first:
    it is given the words it holds, which ``case_search`` still has."""
    return (
        f"INSERT INTO case_words(case_words, rowid, {_COLUMNS}) "
        f"SELECT 'delete', rowid, {_COLUMNS} FROM case_search WHERE {rows};\n"
        f"DELETE FROM case_search WHERE {rows};"
    )


def _reindex(where: str) -> str:
    rows = f"rowid IN (SELECT c.id FROM cases c WHERE {where})"
    return (
        _forget(rows)
        + f"\nINSERT INTO case_search(rowid, {_COLUMNS})"
        + _ROW.format(where=where)
        + f";\nINSERT INTO case_words(rowid, {_COLUMNS}) "
        f"SELECT rowid, {_COLUMNS} FROM case_search WHERE {rows};"
    )


def upgrade() -> None:
    if op.get_context().dialect.name != "sqlite":
        return
    op.execute(
        f"CREATE VIRTUAL TABLE case_words USING fts5({_COLUMNS}, content = '', "
        "detail = none, prefix = '1 2 3 4 5 6', "
        f"tokenize = \"unicode61 remove_diacritics 2 separators '{_SEPARATORS}'\")"
    )
    op.execute(
        f"INSERT INTO case_words(rowid, {_COLUMNS}) SELECT rowid, {_COLUMNS} FROM case_search"
    )
    for name, (when, conditions) in _TRIGGERS.items():
        op.execute(f"DROP TRIGGER {name}")
        body = "\n".join(_reindex(where) for where in conditions)
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN\n{body}\nEND")
    op.execute("DROP TRIGGER case_search_case_delete")
    op.execute(
        "CREATE TRIGGER case_search_case_delete AFTER DELETE ON cases BEGIN\n"
        + _forget("rowid = OLD.id")
        + "\nEND"
    )


def downgrade() -> None:
    raise NotImplementedError("AppealDesk does not downgrade; restore a backup instead.")
