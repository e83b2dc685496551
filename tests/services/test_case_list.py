"""The case list as an agency uses it: filters, order, pages and counts, on the demo data."""

import datetime as dt
from pathlib import Path

import pytest

from appealdesk.domain.enums import CaseStatus, Platform
from appealdesk.services import case_list
from appealdesk.services.case_rows import CaseQuery, CaseSort
from appealdesk.services.demo import create_demo_database
from appealdesk.services.workspace import open_workspace
from appealdesk.store.database import Database
from tests.conftest import ENGINES

TODAY = dt.date.today()


def numbers(db: Database, query: CaseQuery, **kwargs) -> list[str]:
    return [r.case_number for r in case_list.list_cases(db, query, today=TODAY, **kwargs)]


def test_the_demo_covers_every_status(demo_db: Database) -> None:
    counts = case_list.status_counts(demo_db, today=TODAY)
    assert all(counts[status] >= 1 for status in CaseStatus)
    assert sum(counts.values()) == case_list.count_cases(demo_db, CaseQuery(), today=TODAY) >= 12


def test_filter_by_status_platform_and_client(demo_db: Database) -> None:
    rejected = case_list.list_cases(demo_db, CaseQuery(statuses=frozenset({CaseStatus.REJECTED})))
    assert rejected and all(r.status is CaseStatus.REJECTED for r in rejected)
    youtube = case_list.list_cases(demo_db, CaseQuery(platform=Platform.YOUTUBE))
    assert [r.case_number[:2] for r in youtube] == ["YT"]
    client_id = youtube[0].client_id
    mine = case_list.list_cases(demo_db, CaseQuery(client_id=client_id))
    assert {r.client_name for r in mine} == {youtube[0].client_name}


def test_overdue_only_shows_cases_past_their_due_date(demo_db: Database) -> None:
    overdue = case_list.list_cases(demo_db, CaseQuery(overdue_only=True), today=TODAY)
    assert overdue
    assert all(r.is_overdue(TODAY) and r.status is not CaseStatus.CLOSED for r in overdue)


def test_sorting_by_due_date_puts_undated_cases_last_both_ways(demo_db: Database) -> None:
    for descending in (False, True):
        rows = case_list.list_cases(
            demo_db, CaseQuery(sort=CaseSort.NEXT_DUE, descending=descending)
        )
        dues = [r.next_action_due for r in rows]
        dated = [d for d in dues if d is not None]
        assert dues[: len(dated)] == sorted(dated, reverse=descending)
        assert all(d is None for d in dues[len(dated) :])


def test_sorting_by_status_follows_the_workflow(demo_db: Database) -> None:
    rows = case_list.list_cases(demo_db, CaseQuery(sort=CaseSort.STATUS))
    order = list(CaseStatus)
    assert [order.index(r.status) for r in rows] == sorted(order.index(r.status) for r in rows)


def test_pages_add_up_to_the_whole_list(demo_db: Database) -> None:
    query = CaseQuery(sort=CaseSort.CLIENT)
    whole = numbers(demo_db, query)
    pages = (
        numbers(demo_db, query, offset=0, limit=5)
        + numbers(demo_db, query, offset=5, limit=5)
        + numbers(demo_db, query, offset=10, limit=50)
    )
    assert pages == whole


def test_counts_per_status_follow_the_other_filters(demo_db: Database) -> None:
    counts = case_list.status_counts(demo_db, CaseQuery(platform=Platform.YOUTUBE))
    assert sum(counts.values()) == 1


@pytest.mark.parametrize("engine", ENGINES)
def test_the_order_as_ids_and_lines_by_id_match_the_pages(
    engine: str, request: pytest.FixtureRequest, tmp_path: Path, qapp: object
) -> None:
    """Where a line far down lies, and the lines of given ids, as the pages list them (the
    demo draws its screenshots with the tests' one QApplication)."""
    location = tmp_path / "demo.db" if engine == "sqlite" else request.getfixturevalue("team_url")
    create_demo_database(location, language="nl")
    db = open_workspace(location)
    try:
        for query in (
            CaseQuery(),
            CaseQuery(sort=CaseSort.CLIENT, descending=True),
            CaseQuery(search="account", sort=CaseSort.NEXT_DUE),
            CaseQuery(statuses=frozenset({CaseStatus.REJECTED, CaseStatus.NEW})),
        ):
            lines = case_list.list_cases(db, query, limit=100, today=TODAY)
            ids = case_list.ordered_ids(db, query, today=TODAY)
            assert ids == [line.id for line in lines] and ids
            picked = [ids[-1], ids[0], *ids[1:3]]
            assert [line.id for line in case_list.rows_by_id(db, picked)] == picked
            assert case_list.rows_by_id(db, picked[:2]) == [lines[-1], lines[0]]
        gone = max(ids) + 1000  # no such case: left out
        assert [line.id for line in case_list.rows_by_id(db, [ids[0], gone])] == [ids[0]]
    finally:
        db.close()
