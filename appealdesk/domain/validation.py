"""Cleaning what users type before it is stored: no NUL bytes, sane lengths, one line ending."""

from __future__ import annotations

import datetime as dt
import json
import re
from enum import Enum
from typing import TypeVar

from appealdesk.domain.errors import ValidationError
from appealdesk.i18n import _, format_number

MAX_LINE = 500  # names, handles, reference numbers, titles
MAX_TEXT = 200_000  # notices, statements, letters
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# What makes a terminal, a log or a reader see something other than the text itself: C0 and C1
# control characters (ESC starts terminal commands, CR and LF start fake lines), DEL, the line
# and paragraph separators, and the bidirectional marks, embeddings, overrides and isolates
# that show "gpj.exe" as "exe.jpg".
UNSAFE_CHARACTERS = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)

E = TypeVar("E", bound=Enum)


def _without_surrogates(text: str) -> str:
    """Surrogate code points cannot be stored as UTF-8. A pair that was split into two code
    points (text decoded as UTF-16 piece by piece) is joined into its character; a lone one,
    such as a byte of a file name that was not UTF-8, is left out like a control character."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")


def clean_text(value: object, *, field: str, multiline: bool = True) -> str:
    """The text as it will be stored; raises :class:`ValidationError` when it cannot be."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(_("{field} must be text.").format(field=field))
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", _without_surrogates(text))
    if not multiline:
        text = " ".join(text.split())
    limit = MAX_TEXT if multiline else MAX_LINE
    if len(text) > limit:
        raise ValidationError(
            _("{field} is too long ({length} characters; at most {limit}).").format(
                field=field, length=format_number(len(text)), limit=format_number(limit)
            )
        )
    return text if multiline else text.strip()


def clean_file_name(name: str) -> str:
    """A file name as it is stored and shown: one line, without any of
    :data:`UNSAFE_CHARACTERS` (whitespace among them becomes one space)."""
    text = UNSAFE_CHARACTERS.sub(
        lambda m: " " if m.group().isspace() else "", _without_surrogates(name)
    )
    return " ".join(text.split()) or "\ufffd"


def required_line(value: object, *, field: str) -> str:
    text = clean_text(value, field=field, multiline=False)
    if not text:
        raise ValidationError(_("{field} cannot be empty.").format(field=field))
    return text


def clean_handle(value: object) -> str:
    """Account handles are stored without the leading @ and in lower case."""
    handle = required_line(value, field=_("Handle")).lstrip("@").strip().lower()
    if not handle or any(ch.isspace() for ch in handle):
        raise ValidationError(_("A handle is one word, such as @jouwnaam."))
    return handle


def clean_tags(values: object) -> list[str]:
    if isinstance(values, str):
        values = values.split(",")
    if not isinstance(values, list | tuple | set | frozenset):
        raise ValidationError(_("Tags must be a list of words."))
    tags: list[str] = []
    for raw in values:
        tag = clean_text(raw, field=_("Tag"), multiline=False).lower()
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def choice(enum_cls: type[E], value: object) -> E:
    """``value`` as a member of ``enum_cls``, or a message naming what was not a choice."""
    try:
        return enum_cls(value)
    except ValueError:
        raise ValidationError(_("“{value}” is not a valid choice.").format(value=value)) from None


def optional_choice(enum_cls: type[E], value: object) -> E | None:
    """Like :func:`choice`; nothing chosen (None or "") stays None."""
    return None if value in (None, "") else choice(enum_cls, value)


# What the app writes, as it is stored: the checks a database from elsewhere (a backup being
# restored) must pass before its rows are taken for the app's own.

_SHA256 = re.compile(r"[0-9a-f]{64}")
_STORED_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_STORED_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?")


def is_sha256(value: object) -> bool:
    """64 lower-case hexadecimal digits, as the evidence store names its files."""
    return isinstance(value, str) and _SHA256.fullmatch(value) is not None


def is_stored_choice(enum_cls: type[Enum], value: object) -> bool:
    return isinstance(value, str) and value in {member.value for member in enum_cls}


def is_stored_date(value: object) -> bool:
    if not isinstance(value, str) or not _STORED_DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:  # 2026-02-30
        return False
    return True


def is_stored_datetime(value: object) -> bool:
    if not isinstance(value, str) or not _STORED_DATETIME.fullmatch(value):
        return False
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_stored_list(value: object) -> bool:
    """A JSON array, as the list columns (tags, grounds, black-out areas) hold."""
    if not isinstance(value, str):
        return False
    try:
        return isinstance(json.loads(value), list)
    except (ValueError, RecursionError):
        return False
