"""Full-text search over cases, kept in sync by triggers: SQLite's FTS5, PostgreSQL's own.

The index table and its triggers are created by the migrations (``0001_initial``). One row
per case (``rowid`` = case id) holds the case number, the account handle and names, the
notice text, notes and tags, and the summaries and reference numbers of its events. The
triggers rebuild a case's row in the same transaction as any change to the case, its
events, its account or its client, so the index never lags behind. ``remove_diacritics 2``
lets "een" find "één". On PostgreSQL the same is a ``tsvector`` per case in ``case_search``
(see :mod:`appealdesk.store.postgres.schema`), searched with the same pieces.
"""

from __future__ import annotations

import re

TABLE = "case_search"
_WORD = re.compile(r"\w", re.UNICODE)
_NOT_TEXT = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
MAX_WORDS = 32


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


class SearchSyntax:
    """How one engine's SQL asks for the cases matching a search: ``?`` is the parameter."""

    def __init__(self, engine_name: str) -> None:
        self.postgres = engine_name == "postgresql"
        if self.postgres:
            self.matching_ids = (
                f"(SELECT case_id FROM {TABLE} WHERE document @@ appealdesk_search_query(?))"
            )
            self.join = f"{TABLE} AS s JOIN cases AS c ON c.id = s.case_id"
            self.condition = "s.document @@ appealdesk_search_query(?)"
        else:
            self.matching_ids = f"(SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ?)"
            self.join = f"{TABLE} AS s JOIN cases AS c ON c.id = s.rowid"
            self.condition = f"{TABLE} MATCH ?"

    def parameter(self, typed: str) -> str | list[str] | None:
        """The search's parameter; None when nothing can match."""
        return typed_pieces(typed) if self.postgres else match_expression(typed)
