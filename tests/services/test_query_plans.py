"""The case list's queries use the indexes, so ten thousand cases list as fast as ten."""

from __future__ import annotations

import pytest

from appealdesk.domain.enums import CaseStatus, Platform
from appealdesk.services import case_list
from appealdesk.services.case_rows import CaseQuery, CaseSort
from appealdesk.store.database import Database


def _plan(db: Database, query: CaseQuery, *, counting: bool = False) -> str:
    return " | ".join(case_list.query_plan(db, query, counting=counting))


def test_the_first_page_is_read_in_case_number_order_without_sorting(demo_db: Database) -> None:
    plan = _plan(demo_db, CaseQuery())
    assert "SCAN c USING INDEX sqlite_autoindex_cases_1" in plan
    assert "TEMP B-TREE" not in plan


def test_search_goes_through_the_full_text_index_and_stops_at_the_first_page(
    demo_db: Database,
) -> None:
    plan = _plan(demo_db, CaseQuery(search="bakkerij"))
    assert "SCAN case_search VIRTUAL TABLE INDEX" in plan
    assert "SCAN c USING INDEX sqlite_autoindex_cases_1" in plan
    assert "TEMP B-TREE" not in plan  # the cases in order, each checked against the matches
    counting = _plan(demo_db, CaseQuery(search="bakkerij"), counting=True)
    assert "SCAN s VIRTUAL TABLE INDEX" in counting  # the full-text index, joined
    assert "SEARCH c USING INTEGER PRIMARY KEY" in counting


@pytest.mark.parametrize(
    ("query", "index"),
    [
        (CaseQuery(statuses=frozenset({CaseStatus.REJECTED})), "ix_cases_status"),
        (CaseQuery(client_id=1), "ix_accounts_client_id"),
        (CaseQuery(platform=Platform.YOUTUBE), "ix_cases_account_id"),
        (CaseQuery(sort=CaseSort.BLOCKED_AT, descending=True), "ix_cases_blocked_at"),
    ],
)
def test_filters_and_sorting_use_their_index(
    demo_db: Database, query: CaseQuery, index: str
) -> None:
    assert index in _plan(demo_db, query)


def test_the_counts_per_status_read_only_the_status_index(demo_db: Database) -> None:
    plan = _plan(demo_db, CaseQuery(), counting=True)
    assert "USING COVERING INDEX ix_cases_status" in plan
    assert "accounts" not in plan and "clients" not in plan


@pytest.mark.parametrize("sort", list(CaseSort))
def test_accounts_and_clients_are_joined_by_key_never_scanned(
    demo_db: Database, sort: CaseSort
) -> None:
    plan = _plan(demo_db, CaseQuery(sort=sort, search="tiktok"))
    assert "SCAN a" not in plan and "SCAN cl" not in plan
