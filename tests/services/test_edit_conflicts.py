"""Two people editing one case: a change made meanwhile is never overwritten unseen."""

from __future__ import annotations

import datetime as dt

import pytest

from appealdesk.domain.enums import Priority
from appealdesk.domain.errors import EditConflictError
from appealdesk.services import cases
from appealdesk.services.workspace import open_workspace
from appealdesk.store.database import Database


@pytest.fixture
def case_id(db: Database) -> int:
    case = cases.create_case(
        db,
        blocked_at=dt.datetime(2026, 11, 2, 8),
        new_account={"platform": "tiktok", "handle": "@samen"},
        new_client_name="Klant",
        notice_text="Zoals de app het meldde",
    )
    assert case.id is not None
    return case.id


def test_a_field_changed_meanwhile_is_not_overwritten(db: Database, case_id: int) -> None:
    seen = {"notice_text": "Zoals de app het meldde"}
    other = open_workspace(db.location)  # the other member, or a script
    try:
        cases.update_case(other, case_id, notice_text="Aangevuld door een collega")
    finally:
        other.close()
    with pytest.raises(EditConflictError) as raised:
        cases.update_case(db, case_id, expected=seen, notice_text="Mijn versie")
    assert raised.value.fields == ("notice_text",)
    if db.shared:  # the audit log tells who
        assert raised.value.by == "appealdesk_admin"
    assert cases.get_case(db, case_id).case.notice_text == "Aangevuld door een collega"


def test_other_fields_and_the_same_new_value_are_no_conflict(db: Database, case_id: int) -> None:
    seen = {"notice_text": "Zoals de app het meldde", "priority": Priority.NORMAL}
    cases.update_case(db, case_id, priority=Priority.HIGH)  # another field, elsewhere
    cases.update_case(db, case_id, expected={"notice_text": seen["notice_text"]},
                      notice_text="Zelfde tekst")  # fmt: skip
    cases.update_case(db, case_id, expected=seen, notice_text="Zelfde tekst")
    detail = cases.get_case(db, case_id).case
    assert (detail.notice_text, detail.priority) == ("Zelfde tekst", Priority.HIGH)
