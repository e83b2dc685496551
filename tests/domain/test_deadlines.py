import datetime as dt
from dataclasses import replace
from typing import Any

from appealdesk.domain.deadlines import (
    CaseFacts,
    Deadline,
    action_label,
    add_months,
    deadline_rules,
    next_deadline,
    open_deadlines,
)
from appealdesk.domain.enums import BlockKind, CaseStatus, EventKind, Platform
from appealdesk.i18n import translator

BLOCKED = dt.datetime(2026, 3, 2, 9, 0)


def facts(status: CaseStatus, *events: tuple[EventKind, dt.datetime], **extra: Any) -> CaseFacts:
    base = CaseFacts(status, BlockKind.PERMANENT_BAN, Platform.TIKTOK, BLOCKED, list(events))
    return replace(base, **extra)


def first_to_do(case_facts: CaseFacts) -> Deadline:
    found = next_deadline(open_deadlines(case_facts))
    assert found is not None
    return found


def due_of(case_facts: CaseFacts, key: str) -> dt.date | None:
    return next(d.due for d in open_deadlines(case_facts) if d.key == key)


def test_an_answer_is_expected_fourteen_days_after_an_appeal() -> None:
    appeal = (EventKind.APPEAL_FILED, dt.datetime(2026, 3, 3, 20, 15))
    case = facts(CaseStatus.APPEAL_FILED, appeal)
    assert due_of(case, "answer_expected") == dt.date(2026, 3, 17)
    assert first_to_do(case).key == "answer_expected"


def test_the_answer_settles_it_and_a_new_contact_restarts_the_clock() -> None:
    appeal = (EventKind.APPEAL_FILED, dt.datetime(2026, 3, 3))
    rejected = (EventKind.APPEAL_REJECTED, dt.datetime(2026, 3, 10))
    assert "answer_expected" not in {
        d.key for d in open_deadlines(facts(CaseStatus.APPEAL_FILED, appeal, rejected))
    }
    acknowledged = (EventKind.RESPONSE_RECEIVED, dt.datetime(2026, 3, 8))
    case = facts(CaseStatus.AWAITING_RESPONSE, appeal, acknowledged)
    assert due_of(case, "answer_expected") == dt.date(2026, 3, 22)


def test_an_appeal_is_possible_for_six_months_after_the_decision() -> None:
    assert due_of(facts(CaseStatus.NEW), "file_appeal") == dt.date(2026, 9, 2)


def test_the_statement_of_reasons_date_is_the_decision() -> None:
    case = facts(CaseStatus.CHECKING, decided_at=dt.datetime(2026, 1, 31))
    assert due_of(case, "file_appeal") == dt.date(2026, 7, 31)


def test_an_out_of_court_body_decides_within_ninety_days() -> None:
    dispute = (EventKind.OUT_OF_COURT_DISPUTE, dt.datetime(2026, 4, 1, 12))
    assert due_of(facts(CaseStatus.ESCALATED, dispute), "out_of_court_decision") == dt.date(
        2026, 6, 30
    )


def test_a_data_access_request_is_answered_within_a_month() -> None:
    request = (EventKind.DATA_ACCESS_REQUEST, dt.datetime(2026, 1, 31))
    assert due_of(facts(CaseStatus.REJECTED, request), "data_access_answer") == dt.date(2026, 2, 28)
    answered = (EventKind.DATA_ACCESS_RESPONSE, dt.datetime(2026, 2, 10))
    keys = {d.key for d in open_deadlines(facts(CaseStatus.REJECTED, request, answered))}
    assert "data_access_answer" not in keys


def test_tiktok_strikes_expire_after_ninety_days_but_are_never_the_first_thing_to_do() -> None:
    case = facts(CaseStatus.NEW, block_kind=BlockKind.TEMPORARY_SUSPENSION)
    assert due_of(case, "strike_expires") == dt.date(2026, 5, 31)
    assert first_to_do(case).key == "file_appeal"
    other = facts(
        CaseStatus.NEW, block_kind=BlockKind.TEMPORARY_SUSPENSION, platform=Platform.YOUTUBE
    )
    assert "strike_expires" not in {d.key for d in open_deadlines(other)}


def test_the_users_own_follow_up_date_counts_when_it_is_sooner() -> None:
    appeal = (EventKind.APPEAL_FILED, dt.datetime(2026, 3, 3))
    case = facts(CaseStatus.APPEAL_FILED, appeal, follow_up_on=dt.date(2026, 3, 5))
    assert first_to_do(case).due == dt.date(2026, 3, 5)


def test_a_closed_case_has_nothing_left_to_do() -> None:
    assert open_deadlines(facts(CaseStatus.CLOSED)) == []


def test_months_end_on_the_last_day_when_the_day_does_not_exist() -> None:
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)


def test_every_rule_names_its_action_in_both_languages() -> None:
    for rule in deadline_rules():
        assert action_label(rule.key, translator("nl")) == rule.action.nl
        assert action_label(rule.key, translator("en")) == rule.action.en
        assert rule.source
