"""The window's history says what changed in the user's words, in either language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from appealdesk.domain.enums import Priority
from appealdesk.i18n import set_language
from appealdesk.services import cases, team
from appealdesk.services.workspace import open_workspace
from appealdesk.store.database import Database

pytestmark = pytest.mark.postgres


@pytest.fixture
def db(team_url: str) -> Iterator[Database]:
    database = open_workspace(team_url)
    yield database
    database.close()


def _case_changes(db: Database, case_number: str) -> list[str]:
    """The lines of every change to the case itself."""
    return [
        line
        for entry in team.audit_entries(db, case_number=case_number)
        if (entry.table, entry.action) == ("cases", "update")
        for line in team.describe_values(entry.table, entry.changes).splitlines()
    ]


def test_fields_and_values_are_named_as_the_window_names_them(db: Database) -> None:
    case = cases.create_case(
        db,
        blocked_at=dt.datetime(2026, 11, 2, 8),
        new_account={"platform": "tiktok", "handle": "@log"},
        new_client_name="Klant",
    )
    assert case.id is not None
    cases.update_case(
        db,
        case.id,
        priority=Priority.URGENT,
        follow_up_on=dt.date(2026, 12, 9),
        other_proceedings=False,
        notice_text="#[b] <b>geen opmaak</b>",
    )

    lines = _case_changes(db, case.case_number)
    assert "priority: Normal → Urgent" in lines
    assert "follow-up date: 9 Dec 2026" in lines
    assert "other proceedings: no" in lines
    assert "the platform's notice: #[b] <b>geen opmaak</b>" in lines  # as typed, not markup
    assert not any(line.startswith(("updated_at", "id:")) for line in lines)
    # The next action moved to the follow-up date: named, not the stored key.
    assert any(
        line.startswith("next action: ") and line.endswith("→ Your follow-up date")
        for line in lines
    )

    set_language("nl")
    lines = _case_changes(db, case.case_number)
    assert "prioriteit: Normaal → Dringend" in lines
    assert "herinneringsdatum: 9 dec 2026" in lines
    assert "lopende procedures: nee" in lines


def test_a_value_the_columns_no_longer_know_is_shown_as_stored() -> None:
    changes: dict[str, dict[str, Any]] = {
        "priority": {"old": "normal", "new": "someday"},
        "blocked_at": {"old": "2026-11-02T08:00:00", "new": "not a time"},
        "retired_column": {"old": None, "new": "kept"},
    }
    lines = team.describe_values("cases", changes).splitlines()
    assert "priority: Normal → someday" in lines
    assert "block date: 02/11/2026 08:00 → not a time" in lines
    assert "retired_column: kept" in lines


def test_a_case_moved_to_another_account_says_so_without_row_numbers() -> None:
    changes = {"account_id": {"old": 3, "new": 7}}
    assert team.describe_values("cases", changes) == "account: changed"
    assert team.describe_values("cases", {"account_id": {"old": None, "new": 7}}) == ""
