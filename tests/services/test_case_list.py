"""The case list as an agency uses it: filters, order, pages and counts, on the demo data."""

import datetime as dt

from appealdesk.domain.enums import CaseStatus, Platform
from appealdesk.services import case_list
from appealdesk.services.case_rows import CaseQuery, CaseSort
from appealdesk.store.database import Database

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
