"""Full-text search over cases (SQLite FTS5), kept in sync by triggers.

The index table and its triggers are created by the migrations (``0001_initial``). One row
per case (``rowid`` = case id) holds the case number, the account handle and names, the
notice text, notes and tags, and the summaries and reference numbers of its events. The
triggers rebuild a case's row in the same transaction as any change to the case, its
events, its account or its client, so the index never lags behind. ``remove_diacritics 2``
lets "een" find "één".
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, Integer, column, text
from sqlalchemy.sql.selectable import TextualSelect

TABLE = "case_search"
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 32


def match_expression(typed: str) -> str | None:
    """A safe FTS5 query for what a user typed: every word must appear, as a prefix.

    ``TT-2026-00`` becomes ``"tt"* AND "2026"* AND "00"*``. Quotes and operators are taken
    as plain text, never as FTS5 syntax. None when there is nothing to search for.
    """
    words = _WORD.findall(typed.replace("_", " ").lower())
    if not words:
        return None
    return " AND ".join(f'"{word}"*' for word in words[:MAX_WORDS])


def matching_case_ids(expression: str) -> TextualSelect:
    """The ids of the cases matching an expression made by :func:`match_expression`."""
    query = text(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH :match")
    return query.bindparams(match=expression).columns(column("rowid", Integer))


def case_matches(case_id_column: Any, typed: str) -> ColumnElement[bool] | None:
    """``case_id_column IN (matching ids)``, or None when there is nothing to search for."""
    expression = match_expression(typed)
    if expression is None:
        return None
    return case_id_column.in_(matching_case_ids(expression))
