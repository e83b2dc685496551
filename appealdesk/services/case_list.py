"""The case list: search, filters, sorting and paging, all done by SQLite."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, false, func
from sqlmodel import col, select

from appealdesk.domain.enums import CaseStatus, Priority
from appealdesk.domain.models import Account, Case, Client
from appealdesk.services.views import CaseQuery, CaseRow, CaseSort
from appealdesk.store.database import Database
from appealdesk.store.search_index import case_matches

_STATUS_ORDER = case(
    {status.value: index for index, status in enumerate(CaseStatus)}, value=col(Case.status)
)
_PRIORITY_ORDER = case(
    {priority.value: index for index, priority in enumerate(Priority)}, value=col(Case.priority)
)

_SORT_KEYS: dict[CaseSort, list[Any]] = {
    CaseSort.CASE_NUMBER: [col(Case.case_number)],
    CaseSort.CLIENT: [func.lower(Client.name), col(Case.case_number)],
    CaseSort.ACCOUNT: [col(Account.platform), col(Account.handle), col(Case.case_number)],
    CaseSort.STATUS: [_STATUS_ORDER, col(Case.case_number)],
    CaseSort.REASON: [col(Case.reason_area), col(Case.reason_policy), col(Case.case_number)],
    CaseSort.BLOCKED_AT: [col(Case.blocked_at), col(Case.case_number)],
    CaseSort.NEXT_DUE: [col(Case.next_action_due), col(Case.case_number)],
    CaseSort.LAST_CONTACT: [col(Case.last_contact_at), col(Case.case_number)],
    CaseSort.PRIORITY: [_PRIORITY_ORDER, col(Case.case_number)],
}
# Cases without a date sort after dated ones in either direction.
_NULLS_LAST = {CaseSort.NEXT_DUE: Case.next_action_due, CaseSort.LAST_CONTACT: Case.last_contact_at}

_ROW_COLUMNS = (
    col(Case.id),
    col(Case.case_number),
    col(Case.status),
    col(Case.priority),
    col(Account.platform),
    col(Account.handle),
    col(Account.display_name),
    col(Client.id),
    col(Client.name),
    col(Case.reason_area),
    col(Case.reason_policy),
    col(Case.blocked_at),
    col(Case.next_action),
    col(Case.next_action_due),
    col(Case.last_contact_at),
)


def _conditions(
    query: CaseQuery, today: dt.date, *, with_status: bool = True
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if with_status and query.statuses:
        conditions.append(col(Case.status).in_([s.value for s in query.statuses]))
    if query.platform is not None:
        conditions.append(col(Account.platform) == query.platform)
    if query.client_id is not None:
        conditions.append(col(Client.id) == query.client_id)
    if query.overdue_only:
        conditions.append(
            and_(col(Case.next_action_due) < today, col(Case.status) != CaseStatus.CLOSED)
        )
    if query.search.strip():
        matches = case_matches(col(Case.id), query.search)
        if matches is None:  # only punctuation: nothing can match
            conditions.append(false())
        else:
            conditions.append(matches)
    return conditions


def _joined(*columns: Any) -> Select[Any]:
    return (
        select(*columns)
        .select_from(Case)
        .join(Account, col(Account.id) == col(Case.account_id))
        .join(Client, col(Client.id) == col(Account.client_id))
    )


def list_cases(
    db: Database,
    query: CaseQuery,
    *,
    offset: int = 0,
    limit: int = 200,
    today: dt.date | None = None,
) -> list[CaseRow]:
    """One page of the case list in the order asked for."""
    statement = _joined(*_ROW_COLUMNS).where(*_conditions(query, today or dt.date.today()))
    order: list[Any] = []
    if query.sort in _NULLS_LAST:
        order.append(col(_NULLS_LAST[query.sort]).is_(None))
    for key in _SORT_KEYS[query.sort]:
        order.append(key.desc() if query.descending else key)
    statement = statement.order_by(*order).offset(offset).limit(limit)
    with db.reading() as session:
        return [CaseRow(*row) for row in session.execute(statement).all()]


def count_cases(db: Database, query: CaseQuery, *, today: dt.date | None = None) -> int:
    statement = _joined(func.count(col(Case.id))).where(
        *_conditions(query, today or dt.date.today())
    )
    with db.reading() as session:
        return int(session.execute(statement).scalar_one())


def status_counts(
    db: Database, query: CaseQuery | None = None, *, today: dt.date | None = None
) -> dict[CaseStatus, int]:
    """How many cases each status has under the other filters (the agency's overview)."""
    conditions = _conditions(query or CaseQuery(), today or dt.date.today(), with_status=False)
    statement = (
        _joined(col(Case.status), func.count(col(Case.id)))
        .where(*conditions)
        .group_by(col(Case.status))
    )
    with db.reading() as session:
        counts = {status: 0 for status in CaseStatus}
        for status, number in session.execute(statement).all():
            counts[CaseStatus(status)] = number
        return counts


def get_row(db: Database, case_id: int) -> CaseRow | None:
    """The list line of one case, to refresh it after an edit without reloading the list."""
    statement = _joined(*_ROW_COLUMNS).where(col(Case.id) == case_id)
    with db.reading() as session:
        row = session.execute(statement).first()
        return CaseRow(*row) if row else None
