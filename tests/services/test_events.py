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
