"""Dates and times as people type them in the chosen language, read back into values.

The words and the order come from babel's data for the language, so every language reads the
forms its own formatting writes:

- the language's numeric form, with ``-``, ``/``, ``.`` or spaces between day, month and
  year, in the language's order: ``30-11-2026``, ``30/11/2026`` (nl and en_GB: day first);
- month names, full or abbreviated, with or without a dot, or the first three letters or more
  of a full name: ``30 nov 2026``, ``30 november 2026``, ``30-nov.-2026``; a weekday may come
  first (``maandag 30 november 2026``) and must fit the date;
- ISO 8601 in every language: ``2026-11-30``, ``2026-11-30 10:00``, ``2026-11-30T10:00``.

A time may follow: ``10:00``, ``10.00``, ``9:05:30``, and ``10:00 pm`` in languages that have
am and pm. Without a time a date and time is at midnight.

A year of two digits is a year of this century (``30-11-26`` is 30 November 2026): no date in
AppealDesk lies before 2000, and people write ``26`` for the current year, never for 1926.
Without a year the date is in the current year (``30 nov``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

from appealdesk.i18n.formatting import _babel_dates, _locale
from appealdesk.i18n.language import N_, translator

# Wide enough that day and month cannot be mistaken for one another in an example.
EXAMPLE = dt.datetime(2026, 11, 30, 10, 0)

_TIME = re.compile(r"[\s,]+([0-9]{1,2})[:.]([0-9]{2})(?:[:.]([0-9]{2}))?(?:\s*([^\W\d_]\S*))?$")
_PART = re.compile(r"[0-9]+|[^\W\d_]+")  # other digits than 0-9 are no date
_SEPARATORS = " \t-/.,"
_ISO_T = re.compile(r"(?<=[0-9])t(?=[0-9])")


class DateTextError(ValueError):
    """Why a text is not a date, said to the user in the language asked, with an example."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def date_example(with_time: bool = False, language: str | None = None) -> str:
    """The language's numeric form of a date (and time): ``30-11-2026 10:00``."""
    dates, locale = _babel_dates(), _locale(language)
    example = dates.format_date(EXAMPLE.date(), format="short", locale=locale)
    if with_time:
        example += " " + dates.format_time(EXAMPLE.time(), format="short", locale=locale)
    return example


def parse_date(
    text: str, language: str | None = None, today: dt.date | None = None
) -> dt.date | None:
    """The date in ``text``; None when it is empty. A time is refused: the field wants a date."""
    reader = _Reader(language, with_time=False, today=today)
    found = reader.read(text)
    return None if found is None else found.date()


def parse_datetime(
    text: str, language: str | None = None, today: dt.date | None = None
) -> dt.datetime | None:
    """The date and time in ``text`` (midnight when no time is given); None when it is empty."""
    return _Reader(language, with_time=True, today=today).read(text)


def _fold(word: str) -> str:
    return word.casefold().replace(".", "").strip()


@dataclass(frozen=True)
class _Words:
    months: dict[str, int]
    weekdays: dict[str, int]
    am: frozenset[str]
    pm: frozenset[str]
    day_before_month: bool  # in the numeric form
    day_before_year: bool  # with a month name


def _unambiguous(found: dict[str, set[int]]) -> dict[str, int]:
    return {word: next(iter(numbers)) for word, numbers in found.items() if len(numbers) == 1}


def _names(table: Any) -> list[tuple[int, str]]:
    """Every full and abbreviated name of babel's ``months`` or ``days``."""
    return [
        (number, name)
        for context in ("format", "stand-alone")
        for width in ("wide", "abbreviated")
        for number, name in table[context][width].items()
    ]


@cache
def _words(locale_name: str) -> _Words:
    from babel import Locale

    locale = Locale.parse(locale_name)
    months: dict[str, set[int]] = defaultdict(set)
    prefixes: dict[str, set[int]] = defaultdict(set)
    for number, name in _names(locale.months):
        months[_fold(name)].add(number)
    for number, name in locale.months["format"]["wide"].items():
        folded = _fold(name)
        for end in range(3, len(folded)):
            prefixes[folded[:end]].add(number)
    month_words = _unambiguous(prefixes) | _unambiguous(months)  # a full name wins
    weekdays: dict[str, set[int]] = defaultdict(set)
    for number, name in _names(locale.days):
        weekdays[_fold(name)].add(number)
    periods = [locale.day_periods["format"].get(width, {}) for width in ("abbreviated", "wide")]
    short = locale.date_formats["short"].pattern
    medium = locale.date_formats["medium"].pattern
    return _Words(
        months=month_words,
        weekdays={w: n for w, n in _unambiguous(weekdays).items() if w not in month_words},
        am=frozenset(_fold(p["am"]) for p in periods if "am" in p),
        pm=frozenset(_fold(p["pm"]) for p in periods if "pm" in p),
        day_before_month=short.find("d") < short.find("M"),
        day_before_year=medium.find("d") < medium.find("y"),
    )


NOT_A_DATE = N_("“{text}” is not a date.")
NOT_A_TIME = N_("“{time}” is not a time of day.")


class _Reader:
    def __init__(self, language: str | None, *, with_time: bool, today: dt.date | None) -> None:
        self.language = language
        self.locale = _locale(language)
        self.tr = translator(language)
        self.words = _words(self.locale)
        self.with_time = with_time
        self.today = today or dt.date.today()

    def refuse(self, message: str, **values: object) -> DateTextError:
        """``message``, followed by an example of what is expected."""
        example = self.tr.gettext("Type a date such as {example}.").format(
            example=date_example(self.with_time, self.language)
        )
        return DateTextError(f"{self.tr.gettext(message).format(**values)} {example}")

    def read(self, text: str) -> dt.datetime | None:
        typed = " ".join(text.split())
        if not typed:
            return None
        folded = _ISO_T.sub(" ", typed.casefold())
        date_part, time = self._split_time(folded)
        return dt.datetime.combine(self._date(date_part, typed), time)

    def _split_time(self, text: str) -> tuple[str, dt.time]:
        found = _TIME.search(text)
        if found is None or not text[: found.start()].strip(_SEPARATORS):
            return text, dt.time()
        if not self.with_time:
            message = self.tr.gettext("Type only a date here, such as {example}.")
            raise DateTextError(message.format(example=date_example(False, self.language)))
        hour, minute, second = (int(g) if g else 0 for g in found.groups()[:3])
        period = _fold(found.group(4) or "")
        shown = found.group().strip(_SEPARATORS)
        if period and period in self.words.am | self.words.pm and 1 <= hour <= 12:
            hour = hour % 12 + (12 if period in self.words.pm else 0)
        elif period:
            raise self.refuse(NOT_A_TIME, time=shown)
        if hour > 23 or minute > 59 or second > 59:
            raise self.refuse(NOT_A_TIME, time=shown)
        return text[: found.start()], dt.time(hour, minute, second)

    def _date(self, text: str, typed: str) -> dt.date:
        numbers: list[str] = []
        month: int | None = None
        weekday: int | None = None
        unknown: list[str] = []
        end = 0
        for part in _PART.finditer(text):
            if text[end : part.start()].strip(_SEPARATORS):
                raise self.refuse(NOT_A_DATE, text=typed)
            end = part.end()
            word = part.group()
            if word[0] in "0123456789":
                numbers.append(word)
            elif word in self.words.months and month is None:
                month = self.words.months[word]
            elif word in self.words.weekdays and weekday is None and month is None:
                weekday = self.words.weekdays[word]
            else:
                unknown.append(word)
        if text[end:].strip(_SEPARATORS) or (unknown and not numbers):
            raise self.refuse(NOT_A_DATE, text=typed)
        if unknown:
            raise self.refuse(N_("“{word}” is not a month."), word=unknown[0])
        day, month_number, year = self._order(numbers, month, typed)
        value = self._checked(day, month_number, year, typed)
        if weekday is not None and value.weekday() != weekday:
            raise self.refuse(
                N_("{date} is a {weekday}, not a {typed}."),
                date=_babel_dates().format_date(value, "long", locale=self.locale),
                weekday=self._weekday_name(value.weekday()),
                typed=self._weekday_name(weekday),
            )
        return value

    def _weekday_name(self, number: int) -> str:
        from babel import Locale

        return str(Locale.parse(self.locale).days["format"]["wide"][number])

    def _order(self, numbers: list[str], month: int | None, typed: str) -> tuple[str, str, str]:
        """Day, month and year as typed (the year the current one when left out)."""
        this_year = str(self.today.year)
        if month is not None and len(numbers) in (1, 2):
            named = str(month)
            if len(numbers) == 1:
                return numbers[0], named, this_year
            first, second = numbers
            if len(first) == 4 or (len(second) != 4 and not self.words.day_before_year):
                return second, named, first
            return first, named, second
        if month is None and len(numbers) == 3:
            if len(numbers[0]) == 4:  # ISO: year, month, day
                return numbers[2], numbers[1], numbers[0]
            first, second, year = numbers
            return (first, second, year) if self.words.day_before_month else (second, first, year)
        if month is None and len(numbers) == 2:
            first, second = numbers
            if self.words.day_before_month:
                return first, second, this_year
            return second, first, this_year
        raise self.refuse(NOT_A_DATE, text=typed)

    def _checked(self, day: str, month: str, year: str, typed: str) -> dt.date:
        if len(year) not in (2, 4) or len(day) > 2 or len(month) > 2:
            raise self.refuse(NOT_A_DATE, text=typed)
        year_number = int(year) + (2000 if len(year) == 2 else 0)
        month_number, day_number = int(month), int(day)
        if not 1 <= month_number <= 12:
            raise self.refuse(N_("There is no month {month}."), month=month_number)
        if year_number < 1 or not 1 <= day_number <= 31:
            raise self.refuse(NOT_A_DATE, text=typed)
        if day_number > calendar.monthrange(year_number, month_number)[1]:
            first = dt.date(year_number, month_number, 1)
            month_name = _babel_dates().format_skeleton("yMMMM", first, locale=self.locale)
            raise self.refuse(N_("There is no {day} {month}."), day=day_number, month=month_name)
        return dt.date(year_number, month_number, day_number)
