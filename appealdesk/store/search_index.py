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
