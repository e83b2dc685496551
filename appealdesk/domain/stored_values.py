"""What each column of the tables holds when the app itself wrote it.

A database from elsewhere (a backup being restored) is only taken for the app's own when
every value fits: the right SQLite type, an enum value the app knows, a date that exists, a
SHA-256 of 64 lower-case hex digits. The rules follow from the table definitions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial

from sqlalchemy import JSON, Boolean, Column, Date, DateTime, Integer, String
from sqlalchemy import Enum as SAEnum
from sqlalchemy.types import TypeDecorator

from appealdesk.domain import models
from appealdesk.domain.validation import (
    is_sha256,
    is_stored_choice,
    is_stored_date,
    is_stored_datetime,
    is_stored_list,
)


@dataclass(frozen=True)
class ColumnRule:
    types: frozenset[str]  # what SQLite's typeof() may say
    check: Callable[[object], bool] | None = None  # for the values that are not NULL


def _is_flag(value: object) -> bool:
    return value in (0, 1)


def _rule(column: Column[object]) -> ColumnRule:
    kind = "text"
    column_type = column.type
    if isinstance(column_type, TypeDecorator):  # sqlmodel's AutoString
        column_type = column_type.impl_instance
    check_value: Callable[[object], bool] | None
    if isinstance(column_type, SAEnum) and column_type.enum_class is not None:
        check_value = partial(is_stored_choice, column_type.enum_class)
    elif isinstance(column_type, DateTime):
        check_value = is_stored_datetime
    elif isinstance(column_type, Date):
        check_value = is_stored_date
    elif isinstance(column_type, JSON):
        check_value = is_stored_list
    elif isinstance(column_type, Boolean):
        kind, check_value = "integer", _is_flag
    elif isinstance(column_type, Integer):
        kind, check_value = "integer", None
    elif isinstance(column_type, String):
        check_value = is_sha256 if column.name == "sha256" else None
    else:
        kind, check_value = "", None
    types = {kind} if kind else {"integer", "real", "text", "blob"}
    if column.nullable:
        types.add("null")
    return ColumnRule(frozenset(types), check_value)


@cache
def column_rules() -> dict[str, dict[str, ColumnRule]]:
    """Table name → column name → its rule, for every table of the current schema."""
    return {
        table.name: {column.name: _rule(column) for column in table.columns}
        for table in models.SQLModel.metadata.sorted_tables
    }
