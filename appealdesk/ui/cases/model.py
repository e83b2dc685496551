"""The case list as a Qt model, fed by the services one page at a time.

Sorting, filtering and search happen in SQL (``services.case_list``); the lines are read
when the view shows them (see ``lines``), so a hundred thousand cases load as quickly as
ten. The service's module is loaded with the first rows: the window is shown before the
database is open, and needs none of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
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
from appealdesk.i18n import _
from appealdesk.services.case_rows import CaseQuery, CaseRow
from appealdesk.ui.base.palette import overdue_colour
from appealdesk.ui.cases.cells import COLUMNS, Column, cell_text, cell_tooltip
from appealdesk.ui.cases.counting import Counts, StatusCounter, count_now
from appealdesk.ui.cases.lines import CaseLines

if TYPE_CHECKING:
    from appealdesk.store.database import Database

Index = QModelIndex | QPersistentModelIndex
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


NEXT_ACTION_COLUMN = Column.NEXT_ACTION
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_OTHER_ROLES = frozenset({_TOOLTIP, _FOREGROUND, Qt.ItemDataRole.FontRole.value, int(CASE_ID_ROLE)})


class CaseTableModel(QAbstractTableModel):
    PAGE_SIZE = 64  # a screenful and more: 3.3 ms a keystroke at 100,000 cases, 5.2 for 100
    OFFSET_ROWS = 512  # lines from here on are read by the ids of the list's order

    query_changed = Signal(CaseQuery)
    total_changed = Signal(int)
    counts_changed = Signal()  # the counts per status are known for the current query

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._db: Database | None = None
        self._query = CaseQuery()
        self._today = dt.date.today()
        self._lines = self._new_lines()
        self._reload_due = False  # a reload is on its way after a block came back short
        self._shown: dict[int, list[str | None]] = {}  # row → the texts of its cells
        self._total = 0
        self.total_known = True  # False from a full first page until the counts come
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
        self._lines = self._new_lines()
        rows = case_list.list_cases(self._db, self._query, limit=self.PAGE_SIZE, today=self._today)
        if self._all_counted_for is not self._db:  # else counted again with the counts
            self.all_cases = case_list.count_cases(self._db, CaseQuery(), today=self._today)
            self._all_counted_for = self._db
        self.beginResetModel()
        self._lines.start(rows)
        self._shown.clear()
        # A full page may have more behind it: how many is known with the counts.
        self._total = len(rows)
        self.total_known = len(rows) < self.PAGE_SIZE
        self.endResetModel()
        self.total_changed.emit(self._total)
        self._counter.forget()  # a count still running is of the list as it was
        self._counting.start()

    def _new_lines(self) -> CaseLines:
        """No line read yet, for the database, search and day as they are now."""
        return CaseLines(self.PAGE_SIZE, self.OFFSET_ROWS, self._db, self._query, self._today)

    def reload(self) -> None:
        """The list again, as it is stored now (another program changed it). When the first
        page and the number of cases are the same, only the changed lines are repainted and
        those further down are read again when shown, so the view keeps its selection and
        scroll position."""
        if self._db is None:
            return
        from appealdesk.services import case_list

        if self._today != dt.date.today():
            self._today = self._lines.today = dt.date.today()
            self._shown.clear()  # the days since the block and those left changed
        page = case_list.load_page(self._db, self._query, limit=self.PAGE_SIZE, today=self._today)
        self._counter.forget()
        self.status_counts = page.status_counts
        self.all_cases = page.all_cases
        self.total_known = True
        self.counts_changed.emit()
        lines, first = self._lines, len(page.rows)
        placed = len(lines) > first  # the lines below the first page have their places
        if (
            lines.short
            or not lines.starts_with(page.rows)
            or (placed and len(lines) != page.matching)
        ):
            self.beginResetModel()
            lines.start(page.rows, page.matching if placed else None)
            self._shown.clear()
            self._total = page.matching
            self.endResetModel()
        else:
            self._total = page.matching
            for number, row in enumerate(page.rows):
                if lines.loaded(number) != row:
                    self.update_row(number, row)
            if placed:
                lines.forget_from(first)
                for number in [n for n in self._shown if n >= first]:
                    del self._shown[number]
                last = self.index(len(lines) - 1, len(COLUMNS) - 1)
                self.dataChanged.emit(self.index(first, 0), last)
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
        return not parent.isValid() and (not self.total_known or len(self._lines) < self._total)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        """Scrolled past the first page (or asked for a case below it): every matching case
        gets its line, read when it is shown. Not done as soon as the counts come, as the
        view would lay out and paint the list again after each keystroke."""
        if parent.isValid():
            return
        if not self.total_known:
            self.refresh_counts()
        self._make_room()

    def _make_room(self) -> None:
        first = len(self._lines)
        if self._total > first:
            self.beginInsertRows(QModelIndex(), first, self._total - 1)
            self._lines.make_room(self._total)
            self.endInsertRows()

    @property
    def lines_read(self) -> int:
        """How many lines of the list have been read from the database."""
        return self._lines.read

    def _line(self, number: int) -> CaseRow | None:
        line = self._lines.line(number)
        if self._lines.short and not self._reload_due:  # cases went meanwhile: read anew
            self._reload_due = True
            QTimer.singleShot(0, self, self._reload_after_short)
        return line

    def _reload_after_short(self) -> None:
        self._reload_due = False
        self.reload()

    def update_row(self, row: int, case: CaseRow | None) -> None:
        """Replaces one line after its case changed (it keeps its place until a reload)."""
        if case is None or not 0 <= row < len(self._lines):
            return
        self._lines.put(row, case)
        self._shown.pop(row, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def row_of_case(self, case_id: int, start: int = 0) -> int | None:
        return self._lines.position(case_id, start)

    def case_at(self, row: int) -> CaseRow | None:
        return self._line(row)

    # Qt model -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._lines)

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
            if shown is None:  # a line gets its texts once it is read
                if self._line(number) is None:
                    return None
                shown = self._shown[number] = [None] * len(COLUMNS)
            column = index.column()
            text = shown[column]
            if text is None:
                line = self._lines.loaded(number)
                if line is None:
                    return None
                text = shown[column] = cell_text(line, column, self._today)
            return text
        if role not in _OTHER_ROLES:
            return None
        row = self._line(number)
        if row is None:
            return None
        column = index.column()
        if role == _TOOLTIP:
            return cell_tooltip(row, column, self._today)
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
        if len(self._lines):
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._lines) - 1, len(COLUMNS) - 1)
            )
