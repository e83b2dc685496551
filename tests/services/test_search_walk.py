"""A search for short words walks the list in its order through ``case_words`` (SQLite).

Whatever way the first page is found, it must be the page that gathering every match gives,
and ``case_words`` must hold the words of every case as ``case_search`` does after any edit.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator

import pytest

from appealdesk.domain.enums import CaseStatus, EventKind
from appealdesk.services import case_list, case_snapshots, cases, clients, events
from appealdesk.services.case_rows import CaseQuery
from appealdesk.store.database import Database
from appealdesk.store.search_index import match_expression, short_words

pytestmark = pytest.mark.sqlite_only

BLOCKED = dt.datetime(2026, 10, 1, 9, 0)
NOTICES = [
    "Je account is geschorst wegens spam",
    "Account verbannen: bakkerij Één promotie",
    "Tijdelijke beperking live, geen spam",
    "Uitgesloten van de creatorsfondsen",
]


@pytest.fixture(autouse=True)
def walk_from_the_first_case(monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk is for large lists; these forty cases stand in for them."""
    monkeypatch.setattr(case_list, "WALK_FROM_CASES", 0)


@pytest.fixture
def agency(db: Database) -> Database:
    """Forty cases of two clients, their words spread over every searched field."""
    studio = clients.create_client(db, name="Studio Noord", contact_person="Femke")
    for number in range(40):
        case = cases.create_case(
            db,
            blocked_at=BLOCKED + dt.timedelta(hours=number),
            new_account={"platform": "tiktok", "handle": f"maker{number:02d}"},
            client_id=studio.id if number % 3 == 0 else None,
            notice_text=NOTICES[number % len(NOTICES)],
        )
        assert case.id is not None
        if number % 5 == 0:
            events.add_event(
                db,
                case.id,
                kind=EventKind.APPEAL_FILED,
                occurred_at=BLOCKED + dt.timedelta(hours=number, minutes=30),
                reference=f"REF-{number:05d}",
                summary="bezwaar ingediend via de app",
            )
        if number % 7 == 0:
            cases.change_status(db, case.id, CaseStatus.CLOSED)
    return db


def _every_match(db: Database, query: CaseQuery) -> list[str]:
    """The list without the search, filtered by the phrases of ``case_search``: the reference."""
    expression = match_expression(query.search)
    matching = {
        row[0]
        for row in db.rows("SELECT rowid FROM case_search WHERE case_search MATCH ?", [expression])
    }
    unsearched = CaseQuery(statuses=query.statuses, descending=query.descending)
    return [
        row.case_number
        for row in case_list.list_cases(db, unsearched, limit=1000)
        if row.id in matching
    ]


def _page(db: Database, query: CaseQuery, limit: int) -> list[str]:
    return [row.case_number for row in case_list.list_cases(db, query, limit=limit)]


SEARCHES = ["s", "sp", "spam", "ba", "één", "een", "maker", "maker1", "m", "ref", "00010", "ge"]


@pytest.mark.parametrize("walk_rows", [4, 300])
@pytest.mark.parametrize("descending", [False, True])
def test_the_first_page_is_the_one_every_match_gives(
    agency: Database, monkeypatch: pytest.MonkeyPatch, walk_rows: int, descending: bool
) -> None:
    # With four, the walk looks at a few cases and often has to gather the matches after all.
    monkeypatch.setattr(case_list, "WALK_ROWS", walk_rows)
    for search in SEARCHES:
        assert short_words(search)
        for statuses in (frozenset(), frozenset({CaseStatus.CLOSED})):
            query = CaseQuery(search=search, statuses=statuses, descending=descending)
            expected = _every_match(agency, query)
            for limit in (1, 3, 10, 100):
                assert _page(agency, query, limit) == expected[:limit], (search, limit)


def test_the_pages_after_the_first_continue_it(agency: Database) -> None:
    query = CaseQuery(search="spam")
    whole = _page(agency, query, 1000)
    pages = [row.case_number for row in case_list.list_cases(agency, query, limit=7)]
    offset = 7
    while len(pages) < len(whole):
        pages += [
            row.case_number for row in case_list.list_cases(agency, query, offset=offset, limit=7)
        ]
        offset += 7
    assert pages == whole and len(whole) == 20


@pytest.mark.parametrize(
    "typed", ["bakkerij", "TT-2026", "maker01 bakkerij", "spam_", "Ωmega", "e\u0301"]
)
def test_long_words_phrases_and_other_scripts_gather_their_matches(typed: str) -> None:
    assert not short_words(typed)


def test_a_short_word_walks_the_case_numbers_and_looks_each_case_up(agency: Database) -> None:
    plan = " | ".join(case_list.query_plan(agency, CaseQuery(search="spam")))
    assert "c USING INDEX sqlite_autoindex_cases_1" in plan
    assert "SCAN case_words VIRTUAL TABLE" in plan
    assert "case_search" not in plan and "TEMP B-TREE" not in plan


def _words(db: Database) -> Iterator[str]:
    """Every word the index holds, and its beginnings of one to six letters."""
    connection = sqlite3.connect(db.path)
    try:
        connection.execute(
            "CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, case_search, row)"
        )
        terms = [row[0] for row in connection.execute("SELECT term FROM temp.terms")]
    finally:
        connection.close()
    seen: set[str] = set()
    for term in terms:
        for length in range(1, min(len(term), 6) + 1):
            if term[:length] not in seen:
                seen.add(term[:length])
                yield term[:length]


def _assert_both_indexes_agree(db: Database) -> None:
    for word in _words(db):
        expression = f'"{word}"*'
        phrases = db.rows("SELECT rowid FROM case_search WHERE case_search MATCH ?", [expression])
        words = db.rows("SELECT rowid FROM case_words WHERE case_words MATCH ?", [expression])
        assert sorted(words) == sorted(phrases), word
    connection = sqlite3.connect(db.path)
    try:
        connection.execute("INSERT INTO case_words(case_words) VALUES ('integrity-check')")
    finally:
        connection.close()


def _found(db: Database, typed: str) -> list[str]:
    return _page(db, CaseQuery(search=typed), 100)


def test_the_words_follow_every_edit(agency: Database) -> None:
    db = agency
    _assert_both_indexes_agree(db)
    first = cases.find_case(db, "TT-2026-0001")
    case_id = first.case.id
    assert case_id is not None and first.case.account_id is not None

    cases.update_case(db, case_id, notice_text="Verwijderd om auteursrecht")
    assert "TT-2026-0001" in _found(db, "auteur")
    assert "TT-2026-0001" not in _found(db, "spam")

    clients.update_account(db, first.case.account_id, handle="zonnebloem")
    assert _found(db, "zonneb") == ["TT-2026-0001"]
    assert _found(db, "maker00") == []

    studio = next(s.client for s in clients.list_clients(db) if s.client.name == "Studio Noord")
    assert studio.id is not None
    clients.update_client(db, studio.id, name="Atelier Zuid")
    assert len(_found(db, "atelie")) == 14 and _found(db, "noord") == []

    event = events.add_event(db, case_id, summary="gebeld met kwibus", reference="TK-88")
    assert _found(db, "kwibus") == ["TT-2026-0001"]
    assert event.id is not None
    events.delete_event(db, event.id)
    assert _found(db, "kwibus") == []

    gone = cases.find_case(db, "TT-2026-0002").case.id
    assert gone is not None
    case_snapshots.delete_case(db, gone)
    assert "TT-2026-0002" not in _found(db, "maker")
    _assert_both_indexes_agree(db)


def test_a_small_list_gathers_the_matches_of_short_words_too(
    agency: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(case_list, "WALK_FROM_CASES", 41)  # gathering is quicker there
    plan = " | ".join(case_list.query_plan(agency, CaseQuery(search="spam")))
    assert "case_search" in plan and "case_words" not in plan
    query = CaseQuery(search="spam")
    assert _page(agency, query, 100) == _every_match(agency, query)
