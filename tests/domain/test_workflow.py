import pytest

from appealdesk.domain import workflow
from appealdesk.domain.enums import CaseStatus as S
from appealdesk.domain.enums import EventKind
from appealdesk.domain.errors import InvalidTransitionError
from appealdesk.i18n import set_language


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (S.NEW, S.CHECKING),
        (S.CHECKING, S.APPEAL_FILED),
        (S.APPEAL_FILED, S.AWAITING_RESPONSE),
        (S.AWAITING_RESPONSE, S.REJECTED),
        (S.REJECTED, S.APPEAL_FILED),
        (S.REJECTED, S.ESCALATED),
        (S.ESCALATED, S.RESTORED),
        (S.ESCALATED, S.PERMANENTLY_LOST),
        (S.RESTORED, S.CLOSED),
        (S.PERMANENTLY_LOST, S.CLOSED),
    ],
)
def test_the_documented_path_is_allowed(start: S, target: S) -> None:
    workflow.check_transition(start, target)


@pytest.mark.parametrize(
    ("start", "target"),
    [(S.NEW, S.REJECTED), (S.CLOSED, S.NEW), (S.RESTORED, S.APPEAL_FILED), (S.NEW, S.ESCALATED)],
)
def test_invalid_transitions_are_refused_with_a_clear_message(start: S, target: S) -> None:
    with pytest.raises(InvalidTransitionError) as refused:
        workflow.check_transition(start, target)
    assert "cannot become" in refused.value.message


def test_the_refusal_is_in_the_user_language() -> None:
    set_language("nl")
    with pytest.raises(InvalidTransitionError) as refused:
        workflow.check_transition(S.CLOSED, S.NEW)
    assert "Gesloten" in refused.value.message
    assert "blijft gesloten" in refused.value.message


def test_every_status_can_reach_closed() -> None:
    for start in S:
        seen, frontier = {start}, [start]
        while frontier:
            for nxt in workflow.allowed_transitions(frontier.pop()):
                if nxt not in seen:
                    seen.add(nxt)
                    frontier.append(nxt)
        assert S.CLOSED in seen


def test_recorded_steps_move_the_status_only_where_the_workflow_allows() -> None:
    assert workflow.status_after_event(S.NEW, EventKind.APPEAL_FILED) is S.APPEAL_FILED
    assert (
        workflow.status_after_event(S.APPEAL_FILED, EventKind.RESPONSE_RECEIVED)
        is S.AWAITING_RESPONSE
    )
    assert workflow.status_after_event(S.AWAITING_RESPONSE, EventKind.APPEAL_REJECTED) is S.REJECTED
    assert workflow.status_after_event(S.REJECTED, EventKind.OUT_OF_COURT_DISPUTE) is S.ESCALATED
    assert workflow.status_after_event(S.CLOSED, EventKind.APPEAL_FILED) is S.CLOSED
    assert workflow.status_after_event(S.NEW, EventKind.NOTE) is S.NEW
