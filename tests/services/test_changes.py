"""The change sets name what the services take at run time, and what undo puts back."""

import datetime as dt
from typing import Any, get_args

import pytest
from sqlmodel import SQLModel

from appealdesk.domain.models import (
    Account,
    AppealLetter,
    Case,
    ChecklistItem,
    Client,
    Event,
    EvidenceItem,
    PlatformChannel,
    StatementOfReasons,
)
from appealdesk.services import case_fields, cases, clients, events, evidence, statements
from appealdesk.services.changes import (
    AccountChanges,
    CaseChanges,
    CaseFields,
    ChannelChanges,
    ChecklistChanges,
    ClientChanges,
    EventChanges,
    EvidenceChanges,
    EvidenceField,
    LetterChanges,
    StatementChanges,
    StatementField,
    current_values,
)
from appealdesk.services.evidence_import import import_bytes
from appealdesk.store.database import Database
from tests.images import encoded, picture


def _keys(changes: Any) -> set[str]:
    return set(changes.__required_keys__ | changes.__optional_keys__)


@pytest.mark.parametrize(
    ("changes", "table"),
    [
        (CaseChanges, Case),
        (ClientChanges, Client),
        (AccountChanges, Account),
        (EventChanges, Event),
        (EvidenceChanges, EvidenceItem),
        (StatementChanges, StatementOfReasons),
        (LetterChanges, AppealLetter),
        (ChecklistChanges, ChecklistItem),
        (ChannelChanges, PlatformChannel),
    ],
)
def test_every_key_is_a_column_of_its_table(changes: Any, table: type[SQLModel]) -> None:
    assert _keys(changes) <= set(table.model_fields)


def test_the_keys_are_the_fields_the_services_check() -> None:
    assert _keys(CaseChanges) == set(case_fields.CASE_FIELDS)
    assert _keys(CaseFields) == set(case_fields.CASE_FIELDS) - {"blocked_at"}
    assert _keys(StatementChanges) == set(statements.STATEMENT_FIELDS)
    assert set(events.EVENT_TEXT_FIELDS) <= _keys(EventChanges)


def test_the_field_names_of_forms_are_keys() -> None:
    assert set(get_args(StatementField)) == _keys(StatementChanges)
    assert set(get_args(EvidenceField)) <= _keys(EvidenceChanges)


def _all(changes: Any) -> Any:
    return dict.fromkeys(_keys(changes))


def test_what_undo_puts_back_is_taken_for_every_field(db: Database, qapp: object) -> None:
    case = cases.create_case(
        db, blocked_at=dt.datetime(2026, 11, 2, 8, 30), new_account={"handle": "lotte"}
    )
    assert case.id is not None
    cases.update_case(db, case.id, **current_values(case, _all(CaseChanges)))

    detail = cases.get_case(db, case.id)
    event = detail.events[0]
    assert event.id is not None
    events.update_event(db, event.id, **current_values(event, _all(EventChanges)))

    statement = StatementOfReasons(case_id=case.id)
    statements.update_statement(db, case.id, **current_values(statement, _all(StatementChanges)))

    account, client = detail.account, detail.client
    assert account.id is not None and client.id is not None
    clients.update_account(db, account.id, **current_values(account, _all(AccountChanges)))
    clients.update_client(db, client.id, **current_values(client, _all(ClientChanges)))

    item = import_bytes(db, case.id, encoded(picture()), "shot.png").added[0]
    assert item.id is not None
    evidence.update_evidence(db, item.id, **current_values(item, _all(EvidenceChanges)))
