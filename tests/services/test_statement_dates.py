"""Dates of the statement of reasons that cannot be right are refused, and nothing is saved."""

import datetime as dt

import pytest

from appealdesk.domain.errors import ValidationError
from appealdesk.i18n import set_language
from appealdesk.services import cases, statements
from appealdesk.store.database import Database

DECIDED = dt.date(2026, 11, 2)


@pytest.fixture
def case_id(db: Database) -> int:
    case = cases.create_case(
        db, blocked_at=dt.datetime(2026, 11, 2, 8, 30), new_account={"handle": "lotte"}
    )
    assert case.id is not None
    statements.update_statement(db, case.id, application_date=DECIDED)
    return case.id


def _statement(db: Database, case_id: int) -> tuple[dt.date | None, ...]:
    detail = cases.get_case(db, case_id)
    statement = detail.statement
    assert statement is not None
    return (
        statement.application_date,
        statement.received_on,
        statement.end_date_account_restriction,
    )


@pytest.mark.parametrize(
    ("values", "said"),
    [
        (
            {"received_on": dt.date.today() + dt.timedelta(days=3)},
            "“Statement received on” cannot lie in the future",
        ),
        (
            {"application_date": dt.date.today() + dt.timedelta(days=3)},
            "“Decision date” cannot lie in the future",
        ),
        (
            {"end_date_account_restriction": dt.date(1999, 12, 31)},
            "“Restriction ends” before the year 2000 cannot be right: 31 December 1999.",
        ),
        (
            {"received_on": dt.date(2026, 11, 1)},
            "The statement was received on 1 November 2026, before the decision on "
            "2 November 2026. Check both dates.",
        ),
        (
            {"end_date_account_restriction": dt.date(2026, 10, 30)},
            "The restriction cannot end on 30 October 2026, before the decision on "
            "2 November 2026. Check both dates.",
        ),
        (
            # Moving the decision after a receipt already recorded is refused the same way.
            {"received_on": DECIDED, "application_date": dt.date(2026, 11, 5)},
            "The statement was received on 2 November 2026, before the decision on "
            "5 November 2026.",
        ),
    ],
)
def test_impossible_statement_dates_are_refused_and_nothing_changes(
    db: Database, case_id: int, values: dict[str, dt.date], said: str
) -> None:
    before = _statement(db, case_id)
    with pytest.raises(ValidationError) as refused:
        statements.update_statement(db, case_id, **values)  # type: ignore[arg-type]
    assert said in refused.value.message
    assert _statement(db, case_id) == before


def test_a_later_end_of_a_temporary_restriction_and_a_receipt_that_day_are_taken(
    db: Database, case_id: int
) -> None:
    ends = dt.date.today() + dt.timedelta(days=30)  # a temporary block ends in the future
    statements.update_statement(db, case_id, received_on=DECIDED, end_date_account_restriction=ends)
    assert _statement(db, case_id) == (DECIDED, DECIDED, ends)


def test_the_refusal_names_the_field_in_dutch(db: Database, case_id: int) -> None:
    set_language("nl")
    with pytest.raises(ValidationError) as refused:
        statements.update_statement(db, case_id, received_on=dt.date(2026, 10, 1))
    assert "1 oktober 2026" in refused.value.message
    assert "2 november 2026" in refused.value.message
