"""Text a user (or a pasted e-mail, or a file name) can throw at AppealDesk, and what comes back.

What is stored is the text as typed, except for what cannot sensibly be kept: control
characters (NUL, ESC, …) are left out, line endings become ``\\n``, and a one-line field has
its runs of whitespace made one space. A surrogate code point is not valid text at all: a
split pair is joined into its character and a lone one is left out.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from hypothesis import strategies as st

from appealdesk.domain.validation import MAX_LINE, MAX_TEXT

SQL = [
    "'; DROP TABLE cases; --",
    "' OR '1'='1",
    "Robert'); DELETE FROM clients;--",
    "%",
    "_",
    "%_%",
    '"',
    "\\",
    "`",
    "/*",
    "*/",
    ";",
    "?",
    ":name",
    "$1",
]
FTS = ["NEAR(", "NEAR(a b, 3)", "*", '"', '""', "AND", "OR", "NOT", "^", ":", "(", ")", "{", "}"]
FTS += ["-", "+", "notice_text:", "a*", '"unclosed', "AND OR NOT", "NEAR/2"]
HTML = ["<b>", "</b>", "&amp;", "&lt;", "&#0;", "&nbsp;", "</script>", "<script>alert(1)</script>"]
HTML += ["<br>", "<!--", "-->", "<img src=x onerror=alert(1)>", "<table><tr>", "</p></body>"]
RTL = ["\u200f", "\u200e", "\u202e", "\u202b", "\u202c", "\u2067", "\u2069", "\u061c"]
RTL += ["مرحبا بالعالم", "שלום עולם", "كَتَبَ", "שָׁלוֹם", "עברית123", "١٢٣٤", "ـــ"]
COMBINING = ["e\u0301", "\u0301", "a\u0308\u0308\u0308", "Z\u0351\u0352\u0353\u0354\u0355"]
COMBINING += ["\u064e", "\u05b8", "हिन्दी", "ไทย", "\u0e31"]
EMOJI = [
    "😀",
    "👍🏽",
    "👨\u200d👩\u200d👧\u200d👦",
    "🇳🇱",
    "🇪🇺",
    "🏳️\u200d🌈",
    "❤️",
    "\ufe0f",
    "\u200d",
]
EMOJI += ["𝐀𝐁𝐂", "𓀀", "🀄", "\U0010fffd"]
ODD = ["\x00", "\x07", "\x1b[31m", "\x08", "\r\n", "\r", "\n\n", "\t", "\x7f", "\u2028", "\u2029"]
ODD += ["\x85", "\ufeff", "\ufffe", "\uffff", "\ufffd", "\u00a0", "\u3000", "\u200b", "\u00ad"]
ODD += ["İ", "ß", "ǅ", "ﬁ", "Ω", "K", "  ", " ", "@", "@@", "@handle"]
PIECES = SQL + FTS + HTML + RTL + COMBINING + EMOJI + ODD

# Anything Python can hold as UTF-8 text (no surrogates: they are tested on their own).
any_text = st.text(max_size=40)

# A mix of all of the above, up to several hundred characters: over the one-line limit now
# and then, never near the limit of long texts (see the explicit 100,000 character tests).
hostile_text = st.lists(st.one_of(st.sampled_from(PIECES), any_text), max_size=14).map("".join)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def stored_form(text: str, *, multiline: bool) -> str:
    """What reading ``text`` back gives (for text without surrogate code points)."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text if multiline else " ".join(text.split())


def fits(text: str, *, multiline: bool) -> bool:
    """Whether the stored form is within the field's length limit."""
    return len(stored_form(text, multiline=multiline)) <= (MAX_TEXT if multiline else MAX_LINE)


def long_text(length: int = 100_000) -> str:
    """``length`` characters of the hostile pieces, none of which a field leaves out."""
    kept = [p for p in PIECES if stored_form(p, multiline=True) == p and "\n" not in p]
    text = "".join(_cycle(kept, length))
    return text[:length]


def _cycle(pieces: list[str], length: int) -> Iterator[str]:
    total = 0
    while total < length:
        for piece in pieces:
            yield piece
            total += len(piece)


def row_counts(database: Path) -> dict[str, int]:
    """Rows in every table of the database file, read beside the application's connection."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in tables
        }
    finally:
        connection.close()
