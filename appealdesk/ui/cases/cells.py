"""The columns of the case list and the texts of their cells."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum

from appealdesk.domain.labels import client_name, label
from appealdesk.i18n import N_, _, format_date, format_datetime, format_days_left, isolate, ngettext
from appealdesk.services.case_rows import CaseRow, CaseSort
from appealdesk.ui.widgets.plain_text import tooltip


class Column(IntEnum):
    CASE = 0
    CLIENT = 1
    ACCOUNT = 2
    STATUS = 3
    REASON = 4
    BLOCKED_AT = 5
    NEXT_ACTION = 6
    LAST_CONTACT = 7


# (sort key, header) per column, in the order of Column.
COLUMNS: tuple[tuple[CaseSort, str], ...] = (
    (CaseSort.CASE_NUMBER, N_("Case")),
    (CaseSort.CLIENT, N_("Client")),
    (CaseSort.ACCOUNT, N_("Account")),
    (CaseSort.STATUS, N_("Status")),
    (CaseSort.REASON, N_("Reason")),
    (CaseSort.BLOCKED_AT, N_("Blocked")),
    (CaseSort.NEXT_DUE, N_("Next action")),
    (CaseSort.LAST_CONTACT, N_("Last contact")),
)


def cell_text(row: CaseRow, column: int, today: dt.date) -> str:
    """What the list shows of ``row`` in ``column``."""
    if column == Column.CASE:
        return row.case_number
    if column == Column.CLIENT:
        return client_name(row.client_name, row.client_is_default)
    if column == Column.ACCOUNT:
        return f"@{row.handle}"  # the platform is in the case number and the tooltip
    if column == Column.STATUS:
        return label(row.status)
    if column == Column.REASON:
        return row.reason()
    if column == Column.BLOCKED_AT:
        days = row.days_blocked(today)
        return ngettext("{n} day", "{n} days", days).format(n=days)
    if column == Column.NEXT_ACTION:
        return _next_action(row, today, with_date=False)
    return format_date(row.last_contact_at, "medium")


def _next_action(row: CaseRow, today: dt.date, *, with_date: bool) -> str:
    action = row.next_action_text()
    left = row.days_left(today)
    if row.next_action_due is None or left is None:
        return action
    if not with_date:  # the list is narrow; the date is in the tooltip
        return f"{action} · {format_days_left(left)}"
    return f"{action} · {format_date(row.next_action_due, 'medium')} ({format_days_left(left)})"


def cell_tooltip(row: CaseRow, column: int, today: dt.date) -> str | None:
    """The tooltip of ``row``'s cell in ``column`` (plain text), if it has one."""
    if column == Column.BLOCKED_AT:
        return _("Blocked on {date}").format(date=format_datetime(row.blocked_at))
    if column == Column.ACCOUNT:
        account = f"{label(row.platform)} {isolate('@' + row.handle)}"
        name = row.display_name
        return tooltip(f"{account} — {isolate(name)}" if name else account)
    if column == Column.NEXT_ACTION:
        return tooltip(_next_action(row, today, with_date=True)) or None
    if column == Column.REASON:
        return tooltip(cell_text(row, column, today)) or None
    return None
