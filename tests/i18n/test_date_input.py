"""Dates typed as people write them, read in the language of the window."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from appealdesk.i18n import format_date, format_datetime
from appealdesk.i18n.date_input import DateTextError, date_example, parse_date, parse_datetime
from tests.properties import examples

TODAY = dt.date(2026, 12, 1)
EXPECTED = dt.datetime(2026, 11, 30, 10, 0)
MIDNIGHT = dt.datetime(2026, 11, 30)


def read(text: str, language: str) -> dt.datetime | None:
    return parse_datetime(text, language, today=TODAY)


def refusal(text: str, language: str, *, with_time: bool = True) -> str:
    with pytest.raises(DateTextError) as refused:
        if with_time:
            parse_datetime(text, language, today=TODAY)
        else:
            parse_date(text, language, today=TODAY)
    return refused.value.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30 nov 2026 10:00", EXPECTED),
        ("30 nov. 2026 10:00", EXPECTED),
        ("30-11-2026 10:00", EXPECTED),
        ("30-11-2026 10.00", EXPECTED),
        ("30/11/2026 10:00", EXPECTED),
        ("30.11.2026, 10:00", EXPECTED),
        ("30 november 2026 10:00", EXPECTED),
        ("30 NOVEMBER 2026  10:00", EXPECTED),
        ("maandag 30 november 2026 10:00", EXPECTED),
        ("ma 30 nov 2026 10:00", EXPECTED),
        ("30-11-2026", MIDNIGHT),
        ("30/11/2026", MIDNIGHT),
        ("30 november 2026", MIDNIGHT),
        ("30 novem 2026", MIDNIGHT),  # the first letters of a name
        ("3 mrt 2026", dt.datetime(2026, 3, 3)),  # babel's abbreviation, not a prefix of maart
        ("1 mei 2026 9:05", dt.datetime(2026, 5, 1, 9, 5)),
        ("  30 nov 2026  ", MIDNIGHT),
    ],
)
def test_the_dutch_forms(text: str, expected: dt.datetime) -> None:
    assert read(text, "nl") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30 Nov 2026 10:00", EXPECTED),
        ("30 November 2026 10:00", EXPECTED),
        ("30 November 2026", MIDNIGHT),
        ("30/11/2026 10:00", EXPECTED),  # en_GB: the day first
        ("30/11/2026", MIDNIGHT),
        ("Monday, 30 November 2026", MIDNIGHT),
        ("30 Nov 2026 10:00 am", EXPECTED),
        ("30 Nov 2026 10:00 pm", dt.datetime(2026, 11, 30, 22, 0)),
        ("30 Nov 2026 12:15 am", dt.datetime(2026, 11, 30, 0, 15)),
        ("3 Sept 2026", dt.datetime(2026, 9, 3)),  # babel's en_GB abbreviation
        ("3 Sep 2026", dt.datetime(2026, 9, 3)),
        ("November 30, 2026", MIDNIGHT),
    ],
)
def test_the_english_forms(text: str, expected: dt.datetime) -> None:
    assert read(text, "en") == expected


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    "text", ["2026-11-30 10:00", "2026-11-30T10:00", "2026-11-30T10:00:00", "2026/11/30 10:00"]
)
def test_iso_dates_in_every_language(text: str, language: str) -> None:
    assert read(text, language) == EXPECTED


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("month", range(1, 13))
def test_what_the_application_writes_reads_back(language: str, month: int) -> None:
    value = dt.datetime(2026, month, 28, 14, 45)
    for style in ("short", "medium", "long"):
        assert read(format_datetime(value, style, language), language) == value
        day = parse_date(format_date(value, style, language), language, today=TODAY)
        assert day == value.date()


def test_a_year_of_two_digits_is_in_this_century_and_none_is_this_year() -> None:
    assert read("30-11-26", "nl") == MIDNIGHT
    assert read("30/11/99 10:00", "en") == dt.datetime(2099, 11, 30, 10, 0)
    assert read("30 nov", "nl") == MIDNIGHT  # the year of TODAY
    assert read("30-11", "nl") == MIDNIGHT
    assert read("30 Nov 10:00", "en") == EXPECTED


def test_nothing_typed_is_no_date() -> None:
    assert read("", "nl") is None
    assert read("   ", "en") is None
    assert parse_date("", "nl") is None


def test_a_date_field_takes_no_time() -> None:
    assert parse_date("30 nov 2026", "nl") == dt.date(2026, 11, 30)
    assert refusal("30/11/2026 10:00", "en", with_time=False) == (
        "Type only a date here, such as 30/11/2026."
    )
    assert "30-11-2026." in refusal("30-11-2026 10:00", "nl", with_time=False)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("31-11-2026", "31 november 2026"),
        ("30 nvember 2026", "nvember"),
        ("dinsdag 30 november 2026", "maandag"),
        ("30-13-2026", "13"),
    ],
)
def test_in_dutch_the_message_names_the_dutch_dates_and_the_dutch_form(
    text: str, named: str
) -> None:
    message = refusal(text, "nl")
    assert named in message
    assert message.endswith(" 30-11-2026 10:00.")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("tomorrow", "“tomorrow” is not a date."),
        ("30 Novembre 2026", "“novembre” is not a month."),
        ("29/02/2027", "There is no 29 February 2027."),
        ("30 Nov 2026 10:61", "“10:61” is not a time of day."),
        ("30 Nov 2026 13:00 pm", "“13:00 pm” is not a time of day."),
        ("30/11/2026 10", "“30/11/2026 10” is not a date."),
        ("30 11 2026 11", "“30 11 2026 11” is not a date."),
        ("Tuesday 30 November 2026", "30 November 2026 is a Monday, not a Tuesday."),
        ("٣٠/١١/٢٠٢٦", "is not a date."),
        ("10:00", "“10:00” is not a date."),
    ],
)
def test_what_is_wrong_is_said_in_english(text: str, said: str) -> None:
    message = refusal(text, "en")
    assert message.startswith(said) or said in message
    assert message.endswith("Type a date such as 30/11/2026 10:00.")


def test_the_example_is_the_languages_numeric_form() -> None:
    assert date_example(True, "nl") == "30-11-2026 10:00"
    assert date_example(False, "en") == "30/11/2026"


@examples(2)
@given(st.text(max_size=40))
def test_any_text_is_a_date_or_says_why_not(text: str) -> None:
    for language in ("nl", "en"):
        try:
            value = parse_datetime(text, language, today=TODAY)
        except DateTextError as refused:
            assert refused.message.strip()
        else:
            assert value is None or isinstance(value, dt.datetime)
