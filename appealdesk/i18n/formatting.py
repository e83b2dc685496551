"""Dates, times and numbers as people of the chosen language write them (via babel).

Babel is loaded on the first date or number, not at start-up: the window shows before.
"""

from __future__ import annotations

import datetime as dt
from types import ModuleType

from appealdesk.i18n.language import Translator, translator


def _babel_dates() -> ModuleType:
    from babel import dates

    return dates


def _babel_numbers() -> ModuleType:
    from babel import numbers

    return numbers


def _locale(language: str | None) -> str:
    return translator(language).babel_locale


def format_date(value: dt.date | None, style: str = "long", language: str | None = None) -> str:
    """``21 november 2026`` / ``21 November 2026``; empty for no date."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return _babel_dates().format_date(value, format=style, locale=_locale(language))


def format_time(value: dt.time | dt.datetime | None, language: str | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.time()
    return _babel_dates().format_time(value, format="short", locale=_locale(language))


def format_datetime(
    value: dt.datetime | None, style: str = "long", language: str | None = None
) -> str:
    """Date and wall-clock time, ``21 november 2026 14:30``. Times are stored as local time."""
    if value is None:
        return ""
    return f"{format_date(value, style, language)} {format_time(value, language)}"


def format_number(value: float, language: str | None = None) -> str:
    return _babel_numbers().format_decimal(value, locale=_locale(language))


def format_file_size(size: int, language: str | None = None) -> str:
    """``2,4 MB`` / ``2.4 MB``: decimal units, one decimal from kB on."""
    if size < 1000:
        return f"{format_number(size, language)} {translator(language).gettext('bytes')}"
    amount = float(size)
    unit = "kB"
    for unit in ("kB", "MB", "GB"):  # noqa: B007 - the last unit reached is the one to show
        amount /= 1000
        if amount < 1000:
            break
    pattern = "#,##0.0"
    return f"{_babel_numbers().format_decimal(amount, pattern, locale=_locale(language))} {unit}"


def format_days_left(days: int, tr: Translator | None = None) -> str:
    """How far away a due date is, in words: ``in 3 days``, ``today``, ``2 days overdue``."""
    tr = tr or translator()
    if days == 0:
        return tr.gettext("due today")
    if days > 0:
        return tr.ngettext("in {n} day", "in {n} days", days).format(n=days)
    late = -days
    return tr.ngettext("{n} day overdue", "{n} days overdue", late).format(n=late)
