"""The case list as a Qt model, fed by the services one page at a time.

Sorting, filtering and search happen in SQL (``services.case_list``); the view asks for more
rows as the user scrolls (``canFetchMore``/``fetchMore``), so ten thousand cases load as
quickly as ten. The service's module is loaded with the first rows: the window is shown
before the database is open, and needs none of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from appealdesk.domain.enums import CaseStatus
from appealdesk.domain.labels import client_name, label
from appealdesk.i18n import N_, _, format_date, format_datetime, format_days_left, isolate, ngettext
from appealdesk.services.case_rows import CaseQuery, CaseRow, CaseSort
from appealdesk.ui.base.palette import overdue_colour
from appealdesk.ui.cases.counting import Counts, StatusCounter, count_now
from appealdesk.ui.widgets.plain_text import tooltip

if TYPE_CHECKING:
    from appealdesk.store.database import Database

Index = QModelIndex | QPersistentModelIndex
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


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
NEXT_ACTION_COLUMN = Column.NEXT_ACTION
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_OTHER_ROLES = frozenset({_TOOLTIP, _FOREGROUND, Qt.ItemDataRole.FontRole.value, int(CASE_ID_ROLE)})


class CaseTableModel(QAbstractTableModel):
    PAGE_SIZE = 64  # a screenful and more: 3.3 ms a keystroke at 100,000 cases, 5.2 for 100

    query_changed = Signal(CaseQuery)
    total_changed = Signal(int)
    counts_changed = Signal()  # the counts per status are known for the current query

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._db: Database | None = None
        self._query = CaseQuery()
        self._rows: list[CaseRow] = []
        self._shown: dict[int, list[str | None]] = {}  # row → the texts of its cells
        self._total = 0
        self.total_known = True  # False from a full first page until the counts come
        self._today = dt.date.today()
        self.status_counts: dict[CaseStatus, int] = dict.fromkeys(CaseStatus, 0)
        self.all_cases = 0
        self._all_counted_for: Database | None = None  # all_cases is that database's count
        # The counts per status follow the list: a keystroke shows its matches first, and
        # the status buttons count them a moment later, off the window's thread.
        self._counting = QTimer(self, singleShot=True, interval=0)
        self._counting.timeout.connect(self._count_in_background)
        self._counter = StatusCounter(self)
        self._counter.counted.connect(self._take_counts)

    # Loading ------------------------------------------------------------------------------

    @property
    def query(self) -> CaseQuery:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    def set_query(self, query: CaseQuery) -> None:
        self._query = query
        self.refresh()
        self.query_changed.emit(query)

    def attach(self, db: Database) -> None:
        self._db = db
        self.refresh()

    def refresh(self) -> None:
        """Reloads from the database (after an edit elsewhere, or the date changed)."""
        if self._db is None:
            return
        from appealdesk.services import case_list

        self._today = dt.date.today()
        rows = case_list.list_cases(self._db, self._query, limit=self.PAGE_SIZE, today=self._today)
        if self._all_counted_for is not self._db:  # else counted again with the counts
            self.all_cases = case_list.count_cases(self._db, CaseQuery(), today=self._today)
            self._all_counted_for = self._db
        self.beginResetModel()
        self._rows = rows
        self._shown.clear()
        # A full page may have more behind it: how many is known with the counts.
        self._total = len(rows)
        self.total_known = len(rows) < self.PAGE_SIZE
        self.endResetModel()
        self.total_changed.emit(self._total)
        self._counter.forget()  # a count still running is of the list as it was
        self._counting.start()

    def reload(self) -> None:
        """The rows loaded so far again, as they are stored now (another program changed
        them). When the same cases are listed in the same order only the changed lines are
        repainted, so the view keeps its selection and scroll position."""
        if self._db is None:
            return
        from appealdesk.services import case_list

        if self._today != dt.date.today():
            self._today = dt.date.today()
            self._shown.clear()  # the days since the block and those left changed
        limit = max(self.PAGE_SIZE, len(self._rows))
        page = case_list.load_page(self._db, self._query, limit=limit, today=self._today)
        self._counter.forget()
        self.status_counts = page.status_counts
        self.all_cases = page.all_cases
        self.total_known = True
        self.counts_changed.emit()
        if [row.id for row in page.rows] != [row.id for row in self._rows]:
            self.beginResetModel()
            self._rows = page.rows
            self._shown.clear()
            self._total = page.matching
            self.endResetModel()
        else:
            self._total = page.matching
            for number, (old, new) in enumerate(zip(self._rows, page.rows, strict=True)):
                if old != new:
                    self.update_row(number, new)
        self.total_changed.emit(self._total)

    @property
    def counts_due(self) -> bool:
        """The counts per status are still to come."""
        return self._counting.isActive() or self._counter.busy

    def stop(self) -> None:
        """The window is closing: the counts still to come are not asked for any more."""
        self._counting.stop()
        self._counter.stop()

    def refresh_counts(self) -> None:
        """The counts again, at once (after one case changed: its line is updated on its own)."""
        if self._db is None:
            return
        self._counting.stop()
        self._counter.forget()
        self._take_counts(count_now(self._db, self._query, self._today))

    def _count_in_background(self) -> None:
        if self._db is not None:
            self._counter.count(self._db, self._query, self._today)

    def _take_counts(self, counts: Counts) -> None:
        self.status_counts = counts.per_status
        self.all_cases = counts.all_cases
        if not self.total_known:
            chosen = self._query.statuses or frozenset(CaseStatus)
            self._total = sum(self.status_counts[status] for status in chosen)
            self.total_known = True
            self.total_changed.emit(self._total)
        self.counts_changed.emit()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and (not self.total_known or len(self._rows) < self._total)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if not parent.isValid():
            self.fetch_rows(self.PAGE_SIZE)

    def fetch_rows(self, count: int) -> None:
        """The next ``count`` rows of the list, in one query."""
        if self._db is None:
            return
        if not self.total_known:  # asked for more before the counts came: count now
            self.refresh_counts()
            if len(self._rows) >= self._total:
                return
        from appealdesk.services import case_list

        page = case_list.list_cases(
            self._db, self._query, offset=len(self._rows), limit=count, today=self._today
        )
        if not page:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def update_row(self, row: int, case: CaseRow | None) -> None:
        """Replaces one line after its case changed (it keeps its place until a reload)."""
        if case is None or not 0 <= row < len(self._rows):
            return
        self._rows[row] = case
        self._shown.pop(row, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def row_of_case(self, case_id: int, start: int = 0) -> int | None:
        rows = self._rows
        return next((i for i in range(start, len(rows)) if rows[i].id == case_id), None)

    def case_at(self, row: int) -> CaseRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # Qt model -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Asked for every role of every visible cell at each repaint: the texts of a line are
        # made once, and the roles the list never uses are answered first.
        number = index.row()
        if role == _DISPLAY:
            shown = self._shown.get(number)
            if shown is None:
                if not 0 <= number < len(self._rows):
                    return None
                shown = self._shown[number] = [None] * len(COLUMNS)
            column = index.column()
            text = shown[column]
            if text is None:
                text = shown[column] = self._display(self._rows[number], column)
            return text
        if role not in _OTHER_ROLES or not 0 <= number < len(self._rows):
            return None
        row = self._rows[number]
        column = index.column()
        if role == _TOOLTIP:
            return self._tooltip(row, column)
        if role == CASE_ID_ROLE:
            return row.id
        if column == NEXT_ACTION_COLUMN and row.is_overdue(self._today):
            if role == _FOREGROUND:
                app = QApplication.instance()
                palette = app.palette() if isinstance(app, QApplication) else QPalette()
                return overdue_colour(palette)
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _display(self, row: CaseRow, column: int) -> str:
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
            days = row.days_blocked(self._today)
            return ngettext("{n} day", "{n} days", days).format(n=days)
        if column == Column.NEXT_ACTION:
            return self._next_action(row, with_date=False)
        return format_date(row.last_contact_at, "medium")

    def _next_action(self, row: CaseRow, *, with_date: bool) -> str:
        action = row.next_action_text()
        left = row.days_left(self._today)
        if row.next_action_due is None or left is None:
            return action
        if not with_date:  # the list is narrow; the date is in the tooltip
            return f"{action} · {format_days_left(left)}"
        return f"{action} · {format_date(row.next_action_due, 'medium')} ({format_days_left(left)})"

    def _tooltip(self, row: CaseRow, column: int) -> str | None:
        if column == Column.BLOCKED_AT:
            return _("Blocked on {date}").format(date=format_datetime(row.blocked_at))
        if column == Column.ACCOUNT:
            account = f"{label(row.platform)} {isolate('@' + row.handle)}"
            name = row.display_name
            return tooltip(f"{account} — {isolate(name)}" if name else account)
        if column == Column.NEXT_ACTION:
            return tooltip(self._next_action(row, with_date=True)) or None
        if column == Column.REASON:
            return tooltip(self._display(row, column)) or None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        query = self._query
        if query.sort == COLUMNS[column][0] and query.descending == descending:
            return
        self.set_query(replace(query, sort=COLUMNS[column][0], descending=descending))

    def retranslate(self) -> None:
        """Headers and cells are texts of the UI language: ask the views to fetch them again."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self._shown.clear()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            )
