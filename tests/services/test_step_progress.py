"""The unblock steps follow what the case's timeline, evidence, notice and signs show."""

from __future__ import annotations

import datetime as dt

import pytest

from appealdesk.domain.enums import (
    Channel,
    Checklist,
    ChecklistState,
    Direction,
    EventKind,
    EvidenceKind,
)
from appealdesk.domain.step_progress import ShownBy
from appealdesk.i18n import set_language
from appealdesk.services import cases, checklists, events
from appealdesk.services.checklists import ChecklistEntry
from appealdesk.services.evidence_import import import_bytes
from appealdesk.store.database import Database
from tests.images import encoded, picture

St = ChecklistState
BLOCKED = dt.datetime(2026, 11, 2, 8, 30)


@pytest.fixture
def case_id(db: Database) -> int:
    case = cases.create_case(db, blocked_at=BLOCKED, new_account={"handle": "lotte"})
    assert case.id is not None
    return case.id


def steps(db: Database, case_id: int) -> dict[str, ChecklistEntry]:
    return {e.key: e for e in checklists.get_checklist(db, case_id, Checklist.NEXT_STEPS)}


def done(db: Database, case_id: int) -> set[str]:
    return {key for key, entry in steps(db, case_id).items() if entry.state is St.DONE}


def record(
    db: Database,
    case_id: int,
    kind: EventKind,
    channel: Channel | None = None,
    direction: Direction | None = Direction.OUTGOING,
    day: int = 3,
) -> None:
    events.add_event(
        db,
        case_id,
        kind=kind,
        channel=channel,
        direction=direction,
        occurred_at=dt.datetime(2026, 11, day, 10),
    )


def test_a_new_case_has_no_step_done(db: Database, case_id: int) -> None:
    assert done(db, case_id) == set()  # the "blocked" event the case starts with shows nothing


def test_an_appeal_in_the_app_ticks_the_appeal_step_with_its_date(
    db: Database, case_id: int
) -> None:
    record(db, case_id, EventKind.APPEAL_FILED, Channel.IN_APP_APPEAL, day=5)
    entry = steps(db, case_id)["appeal_in_app"]
    assert entry.state is St.DONE
    assert entry.proof is not None
    assert (entry.proof.shown_by, entry.proof.on) == (ShownBy.TIMELINE, dt.date(2026, 11, 5))
    assert entry.proof.text() == "Recorded on the timeline on 5 November 2026."
    set_language("nl")
    assert "5 november 2026" in entry.proof.text()  # the date as Dutch readers write it


def test_an_appeal_elsewhere_is_no_appeal_in_the_app(db: Database, case_id: int) -> None:
    record(db, case_id, EventKind.APPEAL_FILED, Channel.EMAIL)
    record(db, case_id, EventKind.APPEAL_FILED, None, day=4)
    shown = done(db, case_id)
    assert "appeal_in_app" not in shown
    assert "contact_support_email" in shown  # an appeal mailed to support is mailing support
    assert "appeal_again" in shown  # two appeals, whatever the channel


@pytest.mark.parametrize(
    ("channel", "step"),
    [
        (Channel.SUPPORT_FORM, "contact_support_form"),
        (Channel.EMAIL, "contact_support_email"),
        (Channel.PHONE, "call_support"),
    ],
)
def test_a_contact_with_support_ticks_the_step_of_its_channel(
    db: Database, case_id: int, channel: Channel, step: str
) -> None:
    record(db, case_id, EventKind.SUPPORT_CONTACTED, channel)
    assert done(db, case_id) == {step}


def test_an_answer_from_support_is_no_contact_the_user_made(db: Database, case_id: int) -> None:
    record(db, case_id, EventKind.SUPPORT_CONTACTED, Channel.PHONE, Direction.INCOMING)
    record(db, case_id, EventKind.RESPONSE_RECEIVED, Channel.EMAIL, Direction.INCOMING)
    record(db, case_id, EventKind.APPEAL_REJECTED, Channel.EMAIL, Direction.INCOMING)
    assert done(db, case_id) == set()


def test_a_reminder_by_email_is_mailing_support(db: Database, case_id: int) -> None:
    record(db, case_id, EventKind.FOLLOW_UP, Channel.EMAIL)
    assert done(db, case_id) == {"contact_support_email"}


@pytest.mark.parametrize(
    ("kind", "step"),
    [
        (EventKind.INTERNAL_COMPLAINT, "internal_complaint"),
        (EventKind.OUT_OF_COURT_DISPUTE, "out_of_court_body"),
        (EventKind.DATA_ACCESS_REQUEST, "data_access_request"),
        (EventKind.ID_SUBMITTED, "send_id_if_asked"),
    ],
)
def test_an_escalation_on_the_timeline_ticks_its_step(
    db: Database, case_id: int, kind: EventKind, step: str
) -> None:
    record(db, case_id, kind, Channel.LETTER)
    assert done(db, case_id) == {step}


def test_one_appeal_is_not_appealing_again(db: Database, case_id: int) -> None:
    record(db, case_id, EventKind.APPEAL_FILED, Channel.IN_APP_APPEAL, day=3)
    assert "appeal_again" not in done(db, case_id)
    record(db, case_id, EventKind.APPEAL_FILED, Channel.IN_APP_APPEAL, day=20)
    proof = steps(db, case_id)["appeal_again"].proof
    assert proof is not None and proof.on == dt.date(2026, 11, 20)  # the second appeal


def test_evidence_ticks_the_evidence_step_but_identity_papers_do_not(
    qapp: object, db: Database, case_id: int
) -> None:
    for colour, name, kind in [
        ("#aa0000", "passport.png", EvidenceKind.ID_DOCUMENT),
        ("#00aa00", "selfie.png", EvidenceKind.SELFIE_WITH_ID),
        ("#0000aa", "mandate.png", EvidenceKind.MANDATE),
    ]:
        added = import_bytes(db, case_id, encoded(picture(colour=colour)), name, kind=kind)
        assert len(added.added) == 1
    assert "add_evidence" not in done(db, case_id)
    notice = encoded(picture(colour="#777777"))
    import_bytes(db, case_id, notice, "notice.png", kind=EvidenceKind.BLOCK_NOTICE)
    entry = steps(db, case_id)["add_evidence"]
    assert entry.state is St.DONE
    assert entry.proof is not None and entry.proof.shown_by is ShownBy.EVIDENCE
    assert entry.proof.text().startswith("Evidence added to the case on ")


def test_the_notice_text_ticks_reading_the_notice(db: Database, case_id: int) -> None:
    cases.update_case(db, case_id, notice_text="   ")
    assert "read_notice" not in done(db, case_id)
    cases.update_case(db, case_id, notice_text="Your account was banned.")
    assert done(db, case_id) == {"read_notice"}


def test_a_verdict_of_the_five_signs_ticks_checking_the_block(db: Database, case_id: int) -> None:
    checklists.set_item(db, case_id, Checklist.BLOCK_SIGNS, "cannot_log_in", state=St.NOT_OBSERVED)
    assert "verify_block" not in done(db, case_id)  # one sign checked is no verdict
    checklists.set_item(db, case_id, Checklist.BLOCK_SIGNS, "profile_hidden", state=St.OBSERVED)
    assert done(db, case_id) == {"verify_block"}


def test_not_applicable_wins_over_the_timeline(db: Database, case_id: int) -> None:
    checklists.set_item(db, case_id, Checklist.NEXT_STEPS, "appeal_in_app", state=St.SKIPPED)
    record(db, case_id, EventKind.APPEAL_FILED, Channel.IN_APP_APPEAL)
    assert steps(db, case_id)["appeal_in_app"].state is St.SKIPPED


def test_the_timeline_wins_over_an_unticked_step_and_a_tick_needs_no_event(
    db: Database, case_id: int
) -> None:
    checklists.set_item(db, case_id, Checklist.NEXT_STEPS, "appeal_in_app", state=St.TODO)
    record(db, case_id, EventKind.APPEAL_FILED, Channel.IN_APP_APPEAL)
    checklists.set_item(db, case_id, Checklist.NEXT_STEPS, "wait_patiently", state=St.DONE)
    shown = steps(db, case_id)
    assert shown["appeal_in_app"].state is St.DONE
    assert shown["wait_patiently"].state is St.DONE and shown["wait_patiently"].proof is None


def test_the_case_detail_and_the_lookup_agree(db: Database, case_id: int) -> None:
    record(db, case_id, EventKind.APPEAL_FILED, Channel.IN_APP_APPEAL)
    detail = cases.get_case(db, case_id)
    assert checklists.shown_entries(detail, Checklist.NEXT_STEPS) == list(
        steps(db, case_id).values()
    )
    assert {s.key for s in detail.steps if s.follows_data} == {"appeal_in_app"}
