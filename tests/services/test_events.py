import datetime as dt

import pytest

from appealdesk.domain.enums import (
    CaseStatus,
    Channel,
    Checklist,
    ChecklistState,
    Direction,
    EventKind,
)
from appealdesk.domain.errors import ValidationError
from appealdesk.domain.models import Event
from appealdesk.i18n import set_language
from appealdesk.services import cases, checklists, events
from appealdesk.store.database import Database

BLOCKED = dt.datetime(2026, 11, 2, 8, 30)


@pytest.fixture
def case_id(db: Database) -> int:
    case = cases.create_case(db, blocked_at=BLOCKED, new_account={"handle": "lotte"})
    assert case.id is not None
    return case.id


def test_filing_an_appeal_moves_the_case_and_sets_the_answer_date(
    db: Database, case_id: int
) -> None:
    events.add_event(
        db,
        case_id,
        move_status=True,
        kind=EventKind.APPEAL_FILED,
        channel=Channel.IN_APP_APPEAL,
        direction=Direction.OUTGOING,
        reference="TT-APL-1",
        occurred_at=dt.datetime(2026, 11, 3, 21),
    )
    case = cases.get_case(db, case_id).case
    assert case.status is CaseStatus.APPEAL_FILED
    assert (case.next_action, case.next_action_due) == ("answer_expected", dt.date(2026, 11, 17))
    assert case.last_contact_at == dt.datetime(2026, 11, 3, 21)


def test_a_plain_event_leaves_the_status_alone(db: Database, case_id: int) -> None:
    events.add_event(db, case_id, kind=EventKind.APPEAL_FILED, occurred_at=dt.datetime(2026, 11, 3))
    assert cases.get_case(db, case_id).case.status is CaseStatus.NEW


def test_the_whole_way_to_a_restored_account(db: Database, case_id: int) -> None:
    steps = [
        (EventKind.APPEAL_FILED, CaseStatus.APPEAL_FILED),
        (EventKind.RESPONSE_RECEIVED, CaseStatus.AWAITING_RESPONSE),
        (EventKind.APPEAL_REJECTED, CaseStatus.REJECTED),
        (EventKind.OUT_OF_COURT_DISPUTE, CaseStatus.ESCALATED),
        (EventKind.ACCOUNT_RESTORED, CaseStatus.RESTORED),
    ]
    for day, (kind, status) in enumerate(steps, start=3):
        events.add_event(
            db, case_id, move_status=True, kind=kind, occurred_at=dt.datetime(2026, 11, day)
        )
        assert cases.get_case(db, case_id).case.status is status
    cases.change_status(db, case_id, CaseStatus.CLOSED)


def test_an_id_request_marks_the_id_items_as_needed(db: Database, case_id: int) -> None:
    events.add_event(db, case_id, kind=EventKind.ID_REQUESTED, channel=Channel.EMAIL)
    states = {e.key: e.state for e in checklists.get_checklist(db, case_id, Checklist.ID_DOCUMENTS)}
    assert states["id_front"] is ChecklistState.NEEDED
    assert states["selfie_with_id"] is ChecklistState.NEEDED
    assert states["id_back"] is ChecklistState.NOT_NEEDED


def test_editing_and_deleting_events_keeps_the_next_action_right(
    db: Database, case_id: int
) -> None:
    appeal = events.add_event(
        db,
        case_id,
        move_status=True,
        kind=EventKind.APPEAL_FILED,
        occurred_at=dt.datetime(2026, 11, 3),
    )
    assert appeal.id is not None
    events.update_event(db, appeal.id, occurred_at=dt.datetime(2026, 11, 10))
    assert cases.get_case(db, case_id).case.next_action_due == dt.date(2026, 11, 24)
    removed = events.delete_event(db, appeal.id)
    assert cases.get_case(db, case_id).case.next_action_due != dt.date(2026, 11, 24)
    events.restore_event(db, removed)
    assert cases.get_case(db, case_id).case.next_action_due == dt.date(2026, 11, 24)


def test_bad_event_input_is_refused(db: Database, case_id: int) -> None:
    with pytest.raises(ValidationError):
        events.add_event(db, case_id, kind="party")
    with pytest.raises(ValidationError):
        events.add_event(db, case_id, kind=EventKind.NOTE, occurred_at="yesterday")  # type: ignore[arg-type]
    assert len(events.list_events(db, case_id)) == 1


def test_a_step_before_the_block_is_refused_with_both_dates(db: Database, case_id: int) -> None:
    with pytest.raises(ValidationError) as refused:
        events.add_event(
            db, case_id, kind=EventKind.APPEAL_FILED, occurred_at=dt.datetime(2026, 11, 1, 12)
        )
    assert refused.value.message == (
        "“Appeal filed” on 1 November 2026 lies before the block on 2 November 2026. "
        "Check both dates: the block comes first."
    )
    assert [e.kind for e in events.list_events(db, case_id)] == [EventKind.BLOCKED]
    # Earlier on the day of the block is taken: the time of a block is often a guess.
    events.add_event(db, case_id, kind=EventKind.APPEAL_FILED, occurred_at=BLOCKED.replace(hour=7))


def test_the_refusal_is_said_in_the_language_of_the_window(db: Database, case_id: int) -> None:
    set_language("nl")
    with pytest.raises(ValidationError) as refused:
        events.add_event(db, case_id, kind=EventKind.NOTE, occurred_at=dt.datetime(2026, 10, 30))
    assert "30 oktober 2026" in refused.value.message
    assert "2 november 2026" in refused.value.message


@pytest.mark.parametrize(
    ("occurred_at", "said"),
    [
        (dt.datetime.now() + dt.timedelta(days=3), "cannot lie in the future"),
        (dt.datetime(1999, 12, 31, 23, 0), "before the year 2000"),
    ],
)
def test_a_step_in_the_future_or_before_2000_is_refused_with_its_date(
    db: Database, case_id: int, occurred_at: dt.datetime, said: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        events.add_event(db, case_id, kind=EventKind.RESPONSE_RECEIVED, occurred_at=occurred_at)
    assert said in refused.value.message
    assert str(occurred_at.year) in refused.value.message
    assert len(events.list_events(db, case_id)) == 1


def test_a_step_within_a_day_from_now_is_taken(db: Database, case_id: int) -> None:
    soon = dt.datetime.now() + dt.timedelta(hours=20)  # the platform's time zone may be ahead
    events.add_event(db, case_id, kind=EventKind.RESPONSE_RECEIVED, occurred_at=soon)


def test_an_edit_that_moves_a_step_before_the_block_is_refused(db: Database, case_id: int) -> None:
    appeal = events.add_event(
        db, case_id, kind=EventKind.APPEAL_FILED, occurred_at=dt.datetime(2026, 11, 3)
    )
    assert appeal.id is not None
    with pytest.raises(ValidationError):
        events.update_event(db, appeal.id, occurred_at=dt.datetime(2026, 10, 3))
    with pytest.raises(ValidationError):  # a note may not sit before the block either
        events.update_event(db, appeal.id, kind=EventKind.NOTE, occurred_at=dt.datetime(2026, 1, 3))
    stored = events.list_events(db, case_id)[-1]
    assert (stored.kind, stored.occurred_at) == (EventKind.APPEAL_FILED, dt.datetime(2026, 11, 3))


def test_a_step_stored_before_the_block_earlier_can_still_be_edited(
    db: Database, case_id: int
) -> None:
    appeal = events.add_event(
        db, case_id, kind=EventKind.APPEAL_FILED, occurred_at=dt.datetime(2026, 11, 3)
    )
    with db.transaction() as session:  # a database from before the check
        stored = session.get(Event, appeal.id)
        assert stored is not None
        stored.occurred_at = dt.datetime(2026, 10, 1)
        session.add(stored)
    assert appeal.id is not None
    events.update_event(
        db, appeal.id, occurred_at=dt.datetime(2026, 10, 1), summary="Bezwaar via de app"
    )
    assert events.list_events(db, case_id)[0].summary == "Bezwaar via de app"
