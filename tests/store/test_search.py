"""The full-text index follows every change, and what users type is never search syntax:
on both engines, SQLite's FTS5 and PostgreSQL's text search."""

import datetime as dt

import pytest

from appealdesk.domain.enums import Channel, EventKind
from appealdesk.services import case_list, case_snapshots, cases, clients, events
from appealdesk.services.case_rows import CaseQuery
from appealdesk.store.database import Database
from appealdesk.store.search_index import match_expression


@pytest.fixture
def db(engine_db: Database) -> Database:
    return engine_db


def found(db: Database, text: str) -> list[str]:
    return [row.case_number for row in case_list.list_cases(db, CaseQuery(search=text))]


@pytest.fixture
def case_id(db: Database) -> int:
    case = cases.create_case(
        db,
        blocked_at=dt.datetime(2026, 11, 2, 8),
        new_account={"platform": "tiktok", "handle": "@zoë.één", "display_name": "Zoë van Dijk"},
        new_client_name="Café Één",
        notice_text="Je account is geblokkeerd wegens intimidatie.",
        created_at=dt.datetime(2026, 11, 2, 9),
    )
    assert case.id is not None
    return case.id


def test_without_diacritics_a_word_still_finds_the_case(db: Database, case_id: int) -> None:
    assert found(db, "een") == ["TT-2026-0001"]
    assert found(db, "cafe") == ["TT-2026-0001"]
    assert found(db, "ZOE") == ["TT-2026-0001"]


def test_case_numbers_notice_text_and_prefixes_are_searchable(db: Database, case_id: int) -> None:
    assert found(db, "TT-2026-0001") == ["TT-2026-0001"]
    assert found(db, "intimid") == ["TT-2026-0001"]
    assert found(db, "geblokkeerd intimidatie") == ["TT-2026-0001"]
    assert found(db, "geblokkeerd spam") == []


def test_reference_numbers_and_summaries_of_events_are_indexed(db: Database, case_id: int) -> None:
    event = events.add_event(
        db,
        case_id,
        kind=EventKind.APPEAL_FILED,
        channel=Channel.EMAIL,
        reference="CS-9931-77",
        summary="Mail aan support",
    )
    assert found(db, "9931") == ["TT-2026-0001"]
    assert found(db, "support") == ["TT-2026-0001"]
    assert event.id is not None
    events.delete_event(db, event.id)
    assert found(db, "9931") == []


def test_renaming_a_client_or_account_updates_the_index(db: Database, case_id: int) -> None:
    detail = cases.get_case(db, case_id)
    assert detail.client.id is not None and detail.account.id is not None
    clients.update_client(db, detail.client.id, name="Bakkerij Zonnestraal")
    assert found(db, "zonnestraal") == ["TT-2026-0001"]
    assert found(db, "cafe") == []
    clients.update_account(db, detail.account.id, display_name="Zoë Bakker")
    assert found(db, "bakker") == ["TT-2026-0001"]


def test_a_deleted_case_leaves_the_index(db: Database, case_id: int) -> None:
    case_snapshots.delete_case(db, case_id)
    assert found(db, "een") == []


@pytest.mark.parametrize(
    "typed",
    ['"', "OR", "AND NOT", "NEAR(", "*", "a:b", "'; DROP TABLE cases; --", "^",
     "zoë & !een", "een | x", "een <-> y", "een:*", "\\'", "%s %%", "?"],
)  # fmt: skip
def test_search_syntax_typed_by_a_user_is_plain_text(
    db: Database, case_id: int, typed: str
) -> None:
    assert found(db, typed) in ([], ["TT-2026-0001"])
    assert cases.count_cases(db) == 1


def test_the_match_expression_quotes_every_piece_typed() -> None:
    assert match_expression("TT-2026-00") == '"TT-2026-00"*'
    assert match_expression('say "NEAR(x" OR *') == '"say"* AND """NEAR(x"""* AND "OR"*'
    assert match_expression("  -- ") is None


def test_words_joined_by_punctuation_match_as_typed(db: Database, case_id: int) -> None:
    assert found(db, "zoë.één") == ["TT-2026-0001"]
    assert found(db, "zoe.ee") == ["TT-2026-0001"]  # the last word as a prefix
    assert found(db, "dijk.zoë") == []  # the words in the order typed
    assert found(db, "van dijk zoe") == ["TT-2026-0001"]
