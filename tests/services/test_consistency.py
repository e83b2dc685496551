"""Facts that contradict each other are said before a dossier is written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from appealdesk.domain.enums import BlockKind, Checklist, ChecklistState, EventKind
from appealdesk.domain.models import Event
from appealdesk.services import appeal_letters, cases, checklists, consistency, events, statements
from appealdesk.store.database import Database
from tests.cli.test_cli import appealdesk

BLOCKED = dt.datetime(2026, 11, 10, 9, 30)
TODAY = dt.date(2026, 12, 1)


def new_case(db: Database, handle: str = "femke.filmt", **values: object) -> int:
    case = cases.create_case(
        db,
        blocked_at=BLOCKED,
        new_account={"handle": handle},
        **values,  # type: ignore[arg-type]
    )
    assert case.id is not None
    return case.id


def codes(db: Database, case_id: int, language: str = "en") -> list[str]:
    detail = cases.get_case(db, case_id)
    return [c.code for c in consistency.contradictions(detail, language, today=TODAY)]


def test_a_consistent_case_says_nothing(db: Database) -> None:
    assert codes(db, new_case(db)) == []


def test_a_restriction_that_ended_yet_the_letter_asks_to_restore(db: Database) -> None:
    case_id = new_case(db, block_kind=BlockKind.TEMPORARY_SUSPENSION)
    statements.update_statement(db, case_id, end_date_account_restriction=dt.date(2026, 11, 16))
    assert codes(db, case_id) == ["restriction_ended"]
    detail = cases.get_case(db, case_id)
    for language, date in (("en", "16 November 2026"), ("nl", "16 november 2026")):
        (found,) = consistency.contradictions(detail, language, today=TODAY)
        assert date in found.text


def test_login_works_yet_the_case_says_banned(db: Database) -> None:
    case_id = new_case(db, block_kind=BlockKind.PERMANENT_BAN)
    checklists.set_item(
        db, case_id, Checklist.BLOCK_SIGNS, "cannot_log_in", state=ChecklistState.NOT_OBSERVED
    )
    assert codes(db, case_id) == ["login_works"]


def test_a_block_in_the_future_and_an_event_before_the_block(db: Database) -> None:
    later = new_case(db)  # a block in the future is refused now, but a database may hold one
    assert "block_in_future" in [
        c.code
        for c in consistency.contradictions(
            cases.get_case(db, later), "en", today=BLOCKED.date() - dt.timedelta(days=1)
        )
    ]
    earlier = new_case(db, "sanne.danst")
    appeal = events.add_event(
        db, earlier, kind=EventKind.APPEAL_FILED, occurred_at=BLOCKED.replace(hour=8)
    )
    assert codes(db, earlier) == []  # the same day: the time of a block is often a guess
    # Refused now, but a database from before that check may hold a step before the block.
    with db.transaction() as session:
        stored = session.get(Event, appeal.id)
        assert stored is not None
        stored.occurred_at = dt.datetime(2026, 11, 1)
        session.add(stored)
    assert codes(db, earlier) == ["event_before_block"]


def test_an_unedited_letter_is_named_until_one_is_saved(db: Database) -> None:
    case_id = new_case(db)
    assert [c.code for c in consistency.before_export(db, case_id, "nl")] == ["letter_not_read"]
    appeal_letters.save_letter(db, case_id, "nl", text="Geacht TikTok-team, …")
    assert consistency.before_export(db, case_id, "nl") == []
    assert [c.code for c in consistency.before_export(db, case_id, "en")] == ["letter_not_read"]


@pytest.mark.subprocess
def test_the_command_line_warns_before_it_writes(db: Database, tmp_path: Path) -> None:
    case_id = new_case(db, block_kind=BlockKind.PERMANENT_BAN)
    checklists.set_item(
        db, case_id, Checklist.BLOCK_SIGNS, "cannot_log_in", state=ChecklistState.NOT_OBSERVED
    )
    number = cases.get_case(db, case_id).case.case_number
    target = tmp_path / "dossier.pdf"
    result = appealdesk("export", number, "--db", db.location, "--lang", "en", "--out", target)
    assert result.returncode == 0, result.stderr
    assert "Warning: The block check says you can still log in" in result.stderr
    assert "Warning: The letter was drafted" in result.stderr
    assert target.is_file()
