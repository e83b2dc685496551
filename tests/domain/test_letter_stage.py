"""The letter a case needs at its stage."""

from __future__ import annotations

import datetime as dt

import pytest

from appealdesk.domain.enums import CaseStatus, EventKind, LetterKind
from appealdesk.domain.letter_stage import StageFacts, answer_overdue, letter_order, proposed_letter

TODAY = dt.date(2026, 12, 1)
E = EventKind


def _on(day: int, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, 10)


def _facts(
    status: CaseStatus, *events: tuple[EventKind, dt.datetime], **values: object
) -> StageFacts:
    defaults: dict[str, object] = {"statement_recorded": False, "statement_complete": False}
    return StageFacts(status, list(events), **{**defaults, **values})  # type: ignore[arg-type]


@pytest.mark.parametrize("status", [CaseStatus.NEW, CaseStatus.CHECKING])
def test_a_new_case_needs_its_appeal(status: CaseStatus) -> None:
    assert proposed_letter(_facts(status, (E.BLOCKED, _on(20))), TODAY) is LetterKind.APPEAL


def test_an_appeal_unanswered_for_longer_than_the_platform_takes_needs_a_reminder() -> None:
    overdue = _facts(CaseStatus.APPEAL_FILED, (E.APPEAL_FILED, _on(10)))
    assert answer_overdue(overdue, TODAY)
    assert proposed_letter(overdue, TODAY) is LetterKind.REMINDER
    recent = _facts(CaseStatus.APPEAL_FILED, (E.APPEAL_FILED, _on(25)))
    assert not answer_overdue(recent, TODAY)
    assert proposed_letter(recent, TODAY) is LetterKind.STATEMENT_REQUEST


def test_an_answer_settles_the_wait() -> None:
    answered = _facts(
        CaseStatus.AWAITING_RESPONSE, (E.APPEAL_FILED, _on(1)), (E.RESPONSE_RECEIVED, _on(5))
    )
    assert not answer_overdue(answered, TODAY)


def test_a_statement_lacking_elements_is_asked_for_once() -> None:
    facts = _facts(CaseStatus.APPEAL_FILED, (E.APPEAL_FILED, _on(25)), statement_recorded=True)
    assert proposed_letter(facts, TODAY) is LetterKind.STATEMENT_REQUEST
    asked = _facts(
        CaseStatus.APPEAL_FILED,
        (E.APPEAL_FILED, _on(25)),
        statement_recorded=True,
        sent={LetterKind.STATEMENT_REQUEST},
    )
    assert proposed_letter(asked, TODAY) is LetterKind.DATA_ACCESS_REQUEST


@pytest.mark.parametrize("status", [CaseStatus.REJECTED, CaseStatus.PERMANENTLY_LOST])
def test_a_rejection_needs_an_internal_complaint(status: CaseStatus) -> None:
    facts = _facts(status, (E.APPEAL_FILED, _on(1)), (E.APPEAL_REJECTED, _on(5)))
    assert proposed_letter(facts, TODAY) is LetterKind.INTERNAL_COMPLAINT


def test_a_recorded_rejection_counts_whatever_the_status_says() -> None:
    facts = _facts(CaseStatus.APPEAL_FILED, (E.APPEAL_FILED, _on(1)), (E.APPEAL_REJECTED, _on(5)))
    assert proposed_letter(facts, TODAY) is LetterKind.INTERNAL_COMPLAINT


def test_a_rejected_internal_complaint_goes_to_a_body() -> None:
    facts = _facts(
        CaseStatus.REJECTED,
        (E.APPEAL_REJECTED, _on(5)),
        (E.INTERNAL_COMPLAINT, _on(6)),
        (E.APPEAL_REJECTED, _on(20)),
    )
    assert proposed_letter(facts, TODAY) is LetterKind.ODS_COMPLAINT


def test_an_unanswered_internal_complaint_goes_to_a_body_once_overdue() -> None:
    waiting = _facts(CaseStatus.APPEAL_FILED, (E.INTERNAL_COMPLAINT, _on(25)))
    assert proposed_letter(waiting, TODAY) is LetterKind.STATEMENT_REQUEST
    overdue = _facts(CaseStatus.APPEAL_FILED, (E.INTERNAL_COMPLAINT, _on(2)))
    assert proposed_letter(overdue, TODAY) is LetterKind.ODS_COMPLAINT


def test_an_escalated_case_needs_its_complaint_to_the_body() -> None:
    assert proposed_letter(_facts(CaseStatus.ESCALATED), TODAY) is LetterKind.ODS_COMPLAINT


@pytest.mark.parametrize("status", [CaseStatus.RESTORED, CaseStatus.CLOSED])
def test_a_finished_case_can_still_ask_for_its_data(status: CaseStatus) -> None:
    assert proposed_letter(_facts(status), TODAY) is LetterKind.DATA_ACCESS_REQUEST


def test_every_kind_is_offered_the_proposed_first() -> None:
    order = letter_order(LetterKind.ODS_COMPLAINT)
    assert order[0] is LetterKind.ODS_COMPLAINT
    assert sorted(order) == sorted(LetterKind)
    assert LetterKind.DATA_ACCESS_REQUEST in order
