"""Full-text search over cases, kept in sync by triggers: SQLite's FTS5, PostgreSQL's own.

The index table and its triggers are created by the migrations (``0001_initial``). One row
per case (``rowid`` = case id) holds the case number, the account handle and names, the
notice text, notes and tags, and the summaries and reference numbers of its events. The
triggers rebuild a case's row in the same transaction as any change to the case, its
events, its account or its client, so the index never lags behind. ``remove_diacritics 2``
lets "een" find "één". On PostgreSQL the same is a ``tsvector`` per case in ``case_search``
(see :mod:`appealdesk.store.postgres.schema`), searched with the same pieces.

``case_words`` (``0009_search_words``) holds the same words on SQLite without their places,
with an index of every word's first one to six letters: whether one case holds a word that
begins with a few letters is one look-up there, which lets the list walk its cases in order
and stop at its first page (see :func:`short_words`).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from typing import Any

TABLE = "case_search"
WORDS_TABLE = "case_words"
WORD_PREFIX_LETTERS = 6  # the longest beginnings of words case_words indexes (0009)
_WORD = re.compile(r"\w", re.UNICODE)
_NOT_TEXT = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
MAX_WORDS = 32
SAMPLE_ROWS = 5000


def match_expression(typed: str) -> str | None:
    """A safe FTS5 query for what a user typed: every piece must appear, the last word as a prefix.

    The typed text is split on spaces only; FTS5 splits each piece into words by the same
    Unicode rules as the index, so whatever the index holds as a word can be found.
    ``TT-2026-00`` becomes the phrase ``"TT-2026-00"*``. Quotes and operators are taken as
    plain text, never as FTS5 syntax. None when there is nothing to search for.
    """
    pieces = [p for p in _NOT_TEXT.sub(" ", typed).split() if _WORD.search(p.replace("_", ""))]
    if not pieces:
        return None
    return " AND ".join('"' + piece.replace('"', '""') + '"*' for piece in pieces[:MAX_WORDS])


def typed_pieces(typed: str) -> list[str] | None:
    """The pieces of what a user typed that can match, for PostgreSQL's search query (which
    splits them into words and quotes them itself); None when there is nothing to search for."""
    pieces = [p for p in _NOT_TEXT.sub(" ", typed).split() if _WORD.search(p.replace("_", ""))]
    return pieces[:MAX_WORDS] or None


# Letters and digits of the Latin alphabets: one word to SQLite's tokenizer whatever it is
# given around them. Other scripts may split otherwise in its older Unicode tables.
_LATIN_WORD = re.compile(r"[0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")


def short_words(typed: str) -> bool:
    """Whether every piece typed is one word of at most six letters (as ``case_words``
    indexes their beginnings): a case is then looked up in one step, never with a phrase."""
    pieces = typed_pieces(typed)
    return pieces is not None and all(
        len(piece) <= WORD_PREFIX_LETTERS and _LATIN_WORD.fullmatch(piece) for piece in pieces
    )


_made_queries: dict[tuple[str, ...], str | None] = {}  # typed pieces: PostgreSQL's query


class SearchSyntax:
    """How one engine's SQL asks for the cases matching a search: ``?`` is the parameter.

    On PostgreSQL the database turns what was typed into its query first (its own
    ``unaccent`` and word rules, see ``appealdesk_search_query``), which then goes into the
    list's queries as a value: the planner sees the words and can tell how many cases they
    match, so a word in most cases walks the list's order and stops at the first page.
    """

    def __init__(self, engine_name: str, rows: Callable[..., list[tuple[Any, ...]]]) -> None:
        self.postgres = engine_name == "postgresql"
        self._rows = rows
        if self.postgres:
            self.matching_ids = f"(SELECT case_id FROM {TABLE} WHERE document @@ ?::tsquery)"
            # Planned without the limit, so the index finds the matches however few there are
            # (with it, the planner would read the cases one by one, hoping for many).
            self.first_matches = (
                f"WITH m AS MATERIALIZED (SELECT case_id FROM {TABLE} "
                "WHERE document @@ ?::tsquery) SELECT case_id FROM m LIMIT ?"
            )
            # Whether the first cases match often enough to tell a search of many at once.
            self.sample_matches = (
                f"SELECT 1 FROM (SELECT document FROM {TABLE} LIMIT {SAMPLE_ROWS}) AS sample "
                "WHERE document @@ ?::tsquery LIMIT ?"
            )
            self.listed_ids = "(SELECT unnest(?::integer[]))"
            self.join = f"{TABLE} AS s JOIN cases AS c ON c.id = s.case_id"
            self.condition = "s.document @@ ?::tsquery"
        else:
            self.matching_ids = f"(SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ?)"
            self.join = f"{TABLE} AS s JOIN cases AS c ON c.id = s.rowid"
            self.condition = f"{TABLE} MATCH ?"
            self.word_probe = (
                f"EXISTS (SELECT 1 FROM {WORDS_TABLE} WHERE {WORDS_TABLE} MATCH ? AND rowid = c.id)"
            )

    def parameter(self, typed: str) -> str | None:
        """The search's parameter; None when nothing can match."""
        if not self.postgres:
            return match_expression(typed)
        pieces = typed_pieces(typed)
        if pieces is None:
            return None
        key = tuple(pieces)
        if key not in _made_queries:
            if len(_made_queries) > 512:
                _made_queries.clear()
            made = self._rows("SELECT appealdesk_search_query(?)::text", [pieces])[0][0]
            _made_queries[key] = made or None
        return _made_queries[key]


def rebuild(connection: sqlite3.Connection) -> None:
    """Makes both indexes of a SQLite database anew from its cases, events, accounts and
    clients, through the database's own triggers, so that no word comes from elsewhere.

    For a database from outside (a restored backup), whose indexes may hold anything: a
    wrong word in ``case_words`` would not only mislead a search but break the next edit of
    its case, since a contentless index forgets a row only when given exactly its words.
    The caller commits."""
    present = {
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN (?, ?)",
            (TABLE, WORDS_TABLE),
        )
    }
    if TABLE not in present:
        return
    if WORDS_TABLE in present:
        connection.execute(f"INSERT INTO {WORDS_TABLE}({WORDS_TABLE}) VALUES ('delete-all')")
    # The index first agrees with the words it keeps, so that deleting its rows cannot fail.
    connection.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")
    connection.execute(f"DELETE FROM {TABLE}")
    # Every revision's update trigger puts the case's row back in each index.
    connection.execute("UPDATE cases SET case_number = case_number")
