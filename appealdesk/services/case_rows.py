"""What the case list asks for and gets back; loads without the ORM (see ``case_list``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from appealdesk.domain.enums import CaseStatus, Platform, Priority

if TYPE_CHECKING:
    from appealdesk.i18n import Translator


class CaseSort(StrEnum):
    CASE_NUMBER = "case_number"
    CLIENT = "client"
    ACCOUNT = "account"
    STATUS = "status"
    REASON = "reason"
    BLOCKED_AT = "blocked_at"
    NEXT_DUE = "next_due"
    LAST_CONTACT = "last_contact"
    PRIORITY = "priority"


@dataclass(frozen=True)
class CaseQuery:
    """What the case list shows: search text, filters, order and a page of it."""

    search: str = ""
    statuses: frozenset[CaseStatus] = frozenset()
    platform: Platform | None = None
    client_id: int | None = None
    overdue_only: bool = False
    sort: CaseSort = CaseSort.CASE_NUMBER
    descending: bool = False


@dataclass(frozen=True)
class CaseRow:
    """One line of the case list."""

    id: int
    case_number: str
    status: CaseStatus
    priority: Priority
    platform: Platform
    handle: str
    display_name: str
    client_id: int
    client_name: str
    reason_area: str | None
    reason_policy: str | None
    blocked_at: dt.datetime
    next_action: str | None
    next_action_due: dt.date | None
    last_contact_at: dt.datetime | None
    client_is_default: bool = False  # its name is shown in the UI language (labels.client_name)

    def reason(self, language: str | None = None) -> str:
        from appealdesk.domain.taxonomy import reason_label_on

        return reason_label_on(
            self.blocked_at.date(), self.reason_area, self.reason_policy, language
        )

    def next_action_text(self, tr: Translator | None = None) -> str:
        from appealdesk.domain.deadlines import action_label

        return action_label(self.next_action, tr)

    def days_blocked(self, today: dt.date) -> int:
        return max(0, (today - self.blocked_at.date()).days)

    def days_left(self, today: dt.date) -> int | None:
        return None if self.next_action_due is None else (self.next_action_due - today).days

    def is_overdue(self, today: dt.date) -> bool:
        left = self.days_left(today)
        return left is not None and left < 0


@dataclass(frozen=True)
class CaseListPage:
    """The first page of the list and the counts around it."""

    rows: list[CaseRow]
    matching: int  # cases under the search and all filters
    status_counts: dict[CaseStatus, int]  # under the search and the filters but the status
    all_cases: int


@dataclass(frozen=True)
class ClientChoice:
    """A client as the list's filter offers it."""

    id: int
    name: str
    is_default: bool = False


# What the list's queries select, and the line made of it.
FROM_CASE_ROWS = (
    "FROM cases AS c JOIN accounts AS a ON a.id = c.account_id "
    "JOIN clients AS cl ON cl.id = a.client_id"
)
ROW_COLUMNS = (
    "c.id, c.case_number, c.status, c.priority, a.platform, a.handle, a.display_name, "
    "cl.id, cl.name, c.reason_area, c.reason_policy, c.blocked_at, c.next_action, "
    "c.next_action_due, c.last_contact_at, cl.is_default"
)

# Stored values to members by dictionary: calling the enum is ten times slower, and a reload
# after a change elsewhere converts every line fetched so far.
_STATUSES = {member.value: member for member in CaseStatus}
_PRIORITIES = {member.value: member for member in Priority}
_PLATFORMS = {member.value: member for member in Platform}


def _time(value: str | dt.datetime | None) -> dt.datetime | None:
    """A time as SQLite returns it (text) or PostgreSQL (a datetime)."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(value) if value else None


def _date(value: str | dt.date | None) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value) if value else None


def case_row(values: tuple[Any, ...]) -> CaseRow:
    (id_, number, status, priority, platform, handle, display_name, client_id, name_of_client,
     area, policy, blocked_at, action, due, last_contact, is_default) = values  # fmt: skip
    blocked = _time(blocked_at)
    assert blocked is not None  # NOT NULL in the schema
    return CaseRow(
        id=id_,
        case_number=number,
        status=_STATUSES.get(status) or CaseStatus(status),  # the enum says why it is wrong
        priority=_PRIORITIES.get(priority) or Priority(priority),
        platform=_PLATFORMS.get(platform) or Platform(platform),
        handle=handle,
        display_name=display_name,
        client_id=client_id,
        client_name=name_of_client,
        reason_area=area,
        reason_policy=policy,
        blocked_at=blocked,
        next_action=action,
        next_action_due=_date(due),
        last_contact_at=_time(last_contact),
        client_is_default=bool(is_default),
    )
