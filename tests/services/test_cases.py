"""Cases, clients and accounts through the services, on a real database file."""

import datetime as dt

import pytest

from appealdesk.domain.enums import (
    BlockKind,
    CaseStatus,
    Checklist,
    ChecklistState,
    EventKind,
    Platform,
)
from appealdesk.domain.errors import InvalidTransitionError, NotFoundError, ValidationError
from appealdesk.services import (
    case_list,
    case_snapshots,
    cases,
    checklists,
    clients,
    events,
    statements,
)
from appealdesk.services.case_rows import CaseQuery
from appealdesk.services.clients import ClientCasesPolicy
from appealdesk.store.database import Database

BLOCKED = dt.datetime(2026, 11, 2, 8, 30)


def new_case(db: Database, handle: str, platform: str = "tiktok", **values):
    return cases.create_case(
        db,
        blocked_at=BLOCKED,
        new_account={"platform": platform, "handle": handle},
        created_at=dt.datetime(2026, 11, 3, 9),
        **values,
    )


def test_case_numbers_count_per_platform_and_year(db: Database) -> None:
    assert new_case(db, "a").case_number == "TT-2026-0001"
    assert new_case(db, "b").case_number == "TT-2026-0002"
    assert new_case(db, "c", "instagram").case_number == "IG-2026-0001"
    later = cases.create_case(
        db,
        blocked_at=BLOCKED,
        new_account={"platform": "tiktok", "handle": "d"},
        created_at=dt.datetime(2027, 1, 2),
    )
    assert later.case_number == "TT-2027-0001"


def test_a_new_case_starts_its_timeline_with_the_block(db: Database) -> None:
    case = new_case(db, "@Lotte.Bakt", block_kind=BlockKind.PERMANENT_BAN, notice_text="Verbannen.")
    detail = cases.get_case(db, case.id)
    assert detail.case.status is CaseStatus.NEW
    assert detail.account.handle == "lotte.bakt"
    assert [(e.kind, e.occurred_at) for e in detail.events] == [(EventKind.BLOCKED, BLOCKED)]
    assert detail.case.next_action == "file_appeal"
    assert detail.case.next_action_due == dt.date(2027, 5, 2)
    assert detail.client.is_default  # a creator's own accounts


def test_an_agency_creates_a_case_for_a_new_client(db: Database) -> None:
    case = new_case(db, "bakkerij", new_client_name="Bakkerij De Zon")
    assert cases.get_case(db, case.id).client.name == "Bakkerij De Zon"


def test_the_same_account_cannot_be_added_twice(db: Database) -> None:
    new_case(db, "lotte")
    with pytest.raises(ValidationError, match="already in AppealDesk"):
        new_case(db, "@LOTTE")
    assert cases.count_cases(db) == 1  # nothing half-written


def test_an_account_cannot_take_a_handle_that_is_in_use(db: Database) -> None:
    new_case(db, "lotte")
    other = new_case(db, "sanne")
    account_id = cases.get_case(db, other.id).account.id
    assert account_id is not None
    with pytest.raises(ValidationError, match="already in AppealDesk"):
        clients.update_account(db, account_id, handle="@Lotte")
    clients.update_account(db, account_id, handle="sanne", display_name="Sanne")


def test_fields_are_validated_before_anything_is_written(db: Database) -> None:
    case = new_case(db, "lotte")
    with pytest.raises(ValidationError):
        cases.update_case(db, case.id, reason_area="no_such_area")
    with pytest.raises(ValidationError):
        cases.update_case(db, case.id, priority="extreme")
    with pytest.raises(ValidationError):
        cases.update_case(db, case.id, status="closed")  # type: ignore[call-arg]
    assert cases.get_case(db, case.id).case.reason_area is None


def test_changing_the_area_clears_a_sub_policy_that_no_longer_fits(db: Database) -> None:
    case = new_case(
        db, "lotte", reason_area="integrity_authenticity", reason_policy="spam_fake_engagement"
    )
    updated = cases.update_case(db, case.id, reason_area="minor_safety")
    assert (updated.reason_area, updated.reason_policy) == ("minor_safety", None)


def test_text_is_cleaned_of_control_characters(db: Database) -> None:
    case = new_case(db, "lotte", notice_text="Je account\x00 is geblokkeerd\r\n.")
    assert cases.get_case(db, case.id).case.notice_text == "Je account is geblokkeerd\n."


def test_moving_the_block_date_moves_its_timeline_entry_and_deadline(db: Database) -> None:
    case = new_case(db, "lotte")
    cases.update_case(db, case.id, blocked_at=dt.datetime(2026, 10, 1, 12))
    detail = cases.get_case(db, case.id)
    assert detail.events[0].occurred_at == dt.datetime(2026, 10, 1, 12)
    assert detail.case.next_action_due == dt.date(2027, 4, 1)


def test_status_changes_follow_the_workflow(db: Database) -> None:
    case = new_case(db, "lotte")
    cases.change_status(db, case.id, CaseStatus.CHECKING)
    with pytest.raises(InvalidTransitionError):
        cases.change_status(db, case.id, CaseStatus.ESCALATED)
    assert cases.get_case(db, case.id).case.status is CaseStatus.CHECKING
    cases.change_status(db, case.id, CaseStatus.CLOSED)
    assert cases.get_case(db, case.id).case.next_action is None


def test_the_statement_of_reasons_moves_the_decision_date(db: Database) -> None:
    case = new_case(db, "lotte")
    statements.update_statement(
        db,
        case.id,
        decision_account="DECISION_ACCOUNT_SUSPENDED",
        category="STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
        territorial_scope="nl, be",
        application_date=dt.date(2026, 10, 30),
        automated_detection="Yes",
    )
    detail = cases.get_case(db, case.id)
    assert detail.statement is not None
    assert detail.statement.territorial_scope == ["NL", "BE"]
    assert detail.case.next_action_due == dt.date(2027, 4, 30)
    with pytest.raises(ValidationError):
        statements.update_statement(db, case.id, territorial_scope=["US"])


def test_an_opened_case_shows_the_deadlines_its_events_and_statement_give(db: Database) -> None:
    """The case window's deadlines are worked out from what it loaded, and must be the same
    as those the list's next action comes from."""
    from appealdesk.services.derived import case_deadlines

    case = new_case(db, "lotte")
    statements.update_statement(db, case.id, application_date=dt.date(2026, 10, 30))
    events.add_event(
        db, case.id, kind=EventKind.APPEAL_FILED, occurred_at=BLOCKED + dt.timedelta(days=1)
    )
    detail = cases.get_case(db, case.id)
    with db.reading() as session:
        stored = session.get(type(detail.case), case.id)
        assert stored is not None
        expected = case_deadlines(session, stored)
    assert detail.deadlines == tuple(expected)
    assert detail.deadlines  # an appeal filed leaves something to wait for
    assert detail.case.next_action == expected[0].key


def test_the_statement_takes_the_fields_of_the_transparency_database(db: Database) -> None:
    case = new_case(db, "lotte")
    statements.update_statement(
        db,
        case.id,
        decision_visibility=["DECISION_VISIBILITY_CONTENT_REMOVED"] * 2,
        decision_monetary="DECISION_MONETARY_SUSPENSION",
        decision_provision="DECISION_PROVISION_TOTAL_SUSPENSION",
        content_type=["CONTENT_TYPE_VIDEO", "CONTENT_TYPE_TEXT"],
        source_type="SOURCE_VOLUNTARY",
        received_on=dt.date(2026, 11, 10),
        redress_explained=False,
    )
    statement = cases.get_case(db, case.id).statement
    assert statement is not None
    assert statement.decision_visibility == ["DECISION_VISIBILITY_CONTENT_REMOVED"]
    assert statement.content_type == ["CONTENT_TYPE_TEXT", "CONTENT_TYPE_VIDEO"]  # enum order
    assert (statement.received_on, statement.redress_explained) == (dt.date(2026, 11, 10), False)
    for wrong in (
        {"decision_visibility": ["REMOVED"]},
        {"source_type": "rumour"},
        {"redress_explained": "yes"},
    ):
        with pytest.raises(ValidationError):
            statements.update_statement(db, case.id, **wrong)


def test_checklists_start_at_their_initial_state_and_remember_changes(db: Database) -> None:
    case = new_case(db, "lotte", reason_area="minor_safety", reason_policy="minimum_age")
    id_items = {
        e.key: e.state for e in checklists.get_checklist(db, case.id, Checklist.ID_DOCUMENTS)
    }
    assert id_items["proof_of_age"] is ChecklistState.NEEDED
    assert id_items["id_front"] is ChecklistState.NOT_NEEDED
    checklists.set_item(db, case.id, Checklist.BLOCK_SIGNS, "cannot_log_in", state="observed")
    signs = checklists.get_checklist(db, case.id, Checklist.BLOCK_SIGNS)
    assert signs[0].state is ChecklistState.OBSERVED
    with pytest.raises(ValidationError):
        checklists.set_item(db, case.id, Checklist.BLOCK_SIGNS, "cannot_log_in", state="sent")


def test_a_deleted_case_comes_back_exactly_as_it_was(db: Database) -> None:
    case = new_case(db, "lotte", notice_text="Geblokkeerd.")
    events.add_event(db, case.id, kind=EventKind.APPEAL_FILED, reference="APL-7", move_status=True)
    statements.update_statement(db, case.id, decision_facts="Spam.")
    checklists.set_item(db, case.id, Checklist.BLOCK_SIGNS, "cannot_log_in", state="observed")
    before = cases.get_case(db, case.id)
    snapshot = case_snapshots.delete_case(db, case.id)
    with pytest.raises(NotFoundError):
        cases.get_case(db, case.id)
    assert cases.count_cases(db) == 0
    case_snapshots.restore_case(db, snapshot)
    after = cases.get_case(db, case.id)
    assert after.case.model_dump() == before.case.model_dump()
    assert [e.model_dump() for e in after.events] == [e.model_dump() for e in before.events]
    assert after.statement is not None and after.statement.decision_facts == "Spam."
    assert [c.model_dump() for c in after.checklist] == [c.model_dump() for c in before.checklist]
    assert [r.case_number for r in case_list.list_cases(db, CaseQuery(search="APL-7"))] == [
        "TT-2026-0001"
    ]


def test_a_client_with_cases_is_not_deleted_unless_the_user_says_what_happens(db: Database) -> None:
    zon = clients.create_client(db, name="Bakkerij De Zon").id
    maan = clients.create_client(db, name="Studio Maan").id
    assert zon is not None and maan is not None
    case = new_case(db, "zon", client_id=zon)
    with pytest.raises(ValidationError, match="still has accounts"):
        clients.delete_client(db, zon)
    clients.delete_client(db, zon, ClientCasesPolicy.MOVE, move_to=maan)
    assert cases.get_case(db, case.id).client.name == "Studio Maan"
    clients.delete_client(db, maan, ClientCasesPolicy.DELETE)
    assert cases.count_cases(db) == 0
    assert [s.client.name for s in clients.list_clients(db)] == []


def test_client_summaries_count_accounts_and_open_cases(db: Database) -> None:
    zon = clients.create_client(db, name="Bakkerij De Zon")
    new_case(db, "zon1", client_id=zon.id)
    closed = new_case(db, "zon2", client_id=zon.id)
    cases.change_status(db, closed.id, CaseStatus.CLOSED)
    summary = next(s for s in clients.list_clients(db) if s.client.id == zon.id)
    assert (summary.accounts, summary.cases, summary.open_cases) == (2, 2, 1)


def test_objects_stay_usable_after_their_transaction(db: Database) -> None:
    case = new_case(db, "lotte")
    detail = cases.get_case(db, case.id)
    db.close()
    assert detail.case.case_number == "TT-2026-0001"
    assert detail.account.platform is Platform.TIKTOK
    assert detail.events[0].kind is EventKind.BLOCKED


@pytest.mark.parametrize(
    ("blocked_at", "said"),
    [
        (dt.datetime.now() + dt.timedelta(days=365), "cannot lie in the future"),
        (dt.datetime(1900, 1, 1, 12, 0), "before the year 2000"),
    ],
)
def test_a_block_date_that_cannot_be_true_is_refused_and_nothing_changes(
    db: Database, blocked_at: dt.datetime, said: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        cases.create_case(db, blocked_at=blocked_at, new_account={"handle": "femke.filmt"})
    assert said in refused.value.message
    assert cases.count_cases(db) == 0
    case = cases.create_case(
        db, blocked_at=dt.datetime(2026, 11, 10, 9, 30), new_account={"handle": "femke.filmt"}
    )
    assert case.id is not None
    with pytest.raises(ValidationError):
        cases.update_case(db, case.id, blocked_at=blocked_at)
    assert cases.get_case(db, case.id).case.blocked_at == dt.datetime(2026, 11, 10, 9, 30)


def test_the_block_cannot_move_past_a_step_of_its_timeline(db: Database) -> None:
    case = cases.create_case(db, blocked_at=BLOCKED, new_account={"handle": "femke.filmt"})
    assert case.id is not None
    events.add_event(db, case.id, kind=EventKind.APPEAL_FILED, occurred_at=dt.datetime(2026, 11, 5))
    with pytest.raises(ValidationError) as refused:
        cases.update_case(db, case.id, blocked_at=dt.datetime(2026, 11, 8, 9))
    assert refused.value.message == (
        "The block cannot be on 8 November 2026: the timeline has “Appeal filed” on "
        "5 November 2026, before it. Check both dates."
    )
    assert cases.get_case(db, case.id).case.blocked_at == BLOCKED
    # The same day as the step is no contradiction, and the block's own event moves along.
    cases.update_case(db, case.id, blocked_at=dt.datetime(2026, 11, 5, 18))
    detail = cases.get_case(db, case.id)
    assert detail.case.blocked_at == dt.datetime(2026, 11, 5, 18)
    assert [e.occurred_at for e in detail.events if e.kind is EventKind.BLOCKED] == [
        dt.datetime(2026, 11, 5, 18)
    ]
