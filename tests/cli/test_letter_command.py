"""``appealdesk letter``: the stored letter or the draft, on a real database file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from appealdesk.domain.enums import Channel, EventKind, LetterKind
from appealdesk.services import appeal_letters, cases, events
from appealdesk.store.database import Database
from tests.cli.test_cli import appealdesk, assert_one_clear_line


def _rejected_case(db: Database) -> str:
    case = cases.create_case(
        db,
        blocked_at=dt.datetime(2026, 10, 20, 9),
        new_account={"platform": "tiktok", "handle": "lotte.danst", "holder_name": "Lotte"},
        ods_body="appeals_centre_europe",
    )
    assert case.id is not None
    events.add_event(
        db,
        case.id,
        kind=EventKind.APPEAL_FILED,
        channel=Channel.IN_APP_APPEAL,
        occurred_at=dt.datetime(2026, 10, 21, 9),
        reference="TT-APL-1",
        move_status=True,
    )
    events.add_event(
        db, case.id, kind=EventKind.APPEAL_REJECTED, occurred_at=dt.datetime(2026, 10, 28, 9)
    )
    return case.case_number


@pytest.mark.subprocess
def test_without_a_kind_the_proposed_letter_is_drafted_and_named(
    db: Database, tmp_path: Path
) -> None:
    number = _rejected_case(db)
    result = appealdesk("letter", number, "--db", tmp_path / "cases.db", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "Internal complaint" in result.stderr and "draft" in result.stderr
    assert result.stdout.startswith("TikTok Technology Limited")
    assert "article 20" in result.stdout and "TT-APL-1" in result.stdout


@pytest.mark.subprocess
@pytest.mark.parametrize("kind", ["statement-request", "statement_request"])
def test_the_stored_letter_is_printed_and_written_whole(
    db: Database, tmp_path: Path, kind: str
) -> None:
    number = _rejected_case(db)
    case_id = cases.find_case(db, number).case.id
    assert case_id is not None
    appeal_letters.save_letter(
        db, case_id, "nl", LetterKind.STATEMENT_REQUEST, text="Mijn eigen verzoek."
    )
    database = tmp_path / "cases.db"
    printed = appealdesk("letter", number, "--db", database, "--kind", kind, "--lang", "nl")
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.strip() == "Mijn eigen verzoek."
    out = tmp_path / "brief.txt"
    written = appealdesk(
        "letter", number, "--db", database, "--kind", kind, "--lang", "nl", "--out", out
    )
    assert written.returncode == 0, written.stderr
    assert out.read_text(encoding="utf-8") == "Mijn eigen verzoek.\n"
    assert str(out) in written.stdout
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.subprocess
def test_an_ods_complaint_goes_to_the_body_asked_for(db: Database, tmp_path: Path) -> None:
    number = _rejected_case(db)
    database = tmp_path / "cases.db"
    result = appealdesk(
        "letter", number, "--db", database, "--kind", "ods-complaint", "--body", "user_rights"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("User Rights GmbH")


@pytest.mark.subprocess
def test_mistakes_are_one_clear_line(db: Database, tmp_path: Path) -> None:
    number = _rejected_case(db)
    database = tmp_path / "cases.db"
    assert_one_clear_line(appealdesk("letter", number, "--db", database, "--kind", "poem"), "poem")
    assert_one_clear_line(
        appealdesk("letter", number, "--db", database, "--kind", "ods-complaint", "--body", "x"),
        "x",
    )
    assert_one_clear_line(appealdesk("letter", "TT-2099-0001", "--db", database))
    missing = tmp_path / "nowhere" / "letter.txt"
    assert_one_clear_line(appealdesk("letter", number, "--db", database, "--out", missing))
    assert not missing.exists()
