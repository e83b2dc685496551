"""Printing records as an aligned table, CSV or JSON, and any text safely to a terminal."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from collections.abc import Sequence
from enum import Enum
from typing import Any

from appealdesk.domain.validation import UNSAFE_CHARACTERS

FORMATS = ("table", "csv", "json")
_NAMED_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
# A cell a spreadsheet runs as a formula (OWASP's list), unless it is just a number.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def _escape(character: str) -> str:
    code = ord(character)
    if character in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[character]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: object, *, keep: str = "") -> str:
    """``text`` with every character that a terminal would obey rather than show (ESC, CR,
    LF, BEL, other control characters, bidirectional overrides) written as its escape,
    such as ``\\x1b`` or ``\\u202e``; the characters in ``keep`` (say "\\n") stay."""
    return UNSAFE_CHARACTERS.sub(
        lambda m: m.group() if m.group() in keep else _escape(m.group()), str(text)
    )


def _plain(value: Any) -> Any:
    """JSON-ready values: ISO dates, enum values, nested containers."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return value


def to_json(value: Any) -> str:
    """JSON with non-ASCII text as it is, except the characters of :func:`terminal_safe`:
    ``json.dumps`` escapes C0 controls, and the rest (C1, bidirectional overrides) can only
    stand inside strings, where ``\\uXXXX`` means the same."""
    text = json.dumps(_plain(value), ensure_ascii=False, indent=2)
    return UNSAFE_CHARACTERS.sub(
        lambda m: m.group() if m.group() == "\n" else f"\\u{ord(m.group()):04x}", text
    )


def _width(text: str) -> int:
    """Columns a string takes in a terminal (wide East Asian characters count double)."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return terminal_safe(" ".join(text.split()))


def to_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int = 40) -> str:
    cells = [[_cell(v) for v in row] for row in rows]
    cells = [
        [c if _width(c) <= max_width else c[: max_width - 1] + "…" for c in row] for row in cells
    ]
    widths = [max([_width(h), *(_width(row[i]) for row in cells)]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True)
        ).rstrip()

    out = [line(headers), line(["─" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "\n".join(out)


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell that a spreadsheet shows rather than runs: text that would
    start a formula gets an apostrophe in front (numbers and dates stay as they are), and
    control characters other than tab and line feed are escaped."""
    if value is None:
        return ""
    value = _plain(value)
    if isinstance(value, int | float):
        return value
    text = terminal_safe(value, keep="\t\n")
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def to_csv(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csv_cell(h) for h in headers])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue().rstrip("\n")
