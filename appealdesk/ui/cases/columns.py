"""Which columns of the case list show, and how wide: chosen from the header's menu, kept.

At the window's default size the list shows what an agency works from (the case, the client,
the account, the status, the days blocked and the next action); the reason and the last
contact are a right click on the header away. A creator keeps one client of their own, so
the client column starts hidden for them. The columns as the window closes (which, their
order, their widths) are kept for the next run.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QByteArray, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

from appealdesk.domain.enums import CaseStatus, WorkspaceRole
from appealdesk.domain.labels import label
from appealdesk.i18n import _, format_date, ngettext
from appealdesk.ui.cases.cells import COLUMNS, Column

HIDDEN_AT_FIRST = frozenset({Column.REASON, Column.LAST_CONTACT})
ALWAYS_SHOWN = Column.CASE  # a list without case numbers cannot be told apart
_PADDING = 20  # the header's margins and its sort arrow
# Names and reasons vary too much to measure; the next action takes what is left.
_FIXED_WIDTHS = {Column.CLIENT: 125, Column.ACCOUNT: 145, Column.REASON: 200}


class CaseColumns:
    """The case table's columns: the user's choice, the defaults, the natural widths."""

    def __init__(self, table: QTableView) -> None:
        self.table = table
        self.header: QHeaderView = table.horizontalHeader()
        self.chosen = False  # the user arranged the columns, now or in an earlier run
        self.header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.header.customContextMenuRequested.connect(self._show_menu)
        self.header.setSectionsMovable(True)
        self.header.setStretchLastSection(False)
        # The next action takes the room left, so it is never pushed out of sight.
        self.header.setSectionResizeMode(Column.NEXT_ACTION, QHeaderView.ResizeMode.Stretch)
        self._role: WorkspaceRole | None = None
        self.apply_defaults()

    def is_shown(self, column: Column) -> bool:
        return not self.header.isSectionHidden(column)

    def set_shown(self, column: Column, shown: bool) -> None:
        """The user shows or hides a column (the case number always stays)."""
        if column is ALWAYS_SHOWN:
            return
        self.header.setSectionHidden(column, not shown)
        if shown:
            self.fit_width(column)
        self.chosen = True

    def apply_defaults(self) -> None:
        for column in Column:
            hidden = column in HIDDEN_AT_FIRST or (
                column is Column.CLIENT and self._role is WorkspaceRole.CREATOR
            )
            self.header.setSectionHidden(column, hidden)
        self.fit_widths()

    def follow_role(self, role: WorkspaceRole | None) -> None:
        """Who keeps the database is known (or changed): the defaults follow it until the user
        has chosen columns."""
        self._role = role
        if not self.chosen:
            self.apply_defaults()

    def reset(self) -> None:
        """Back to the defaults, in the original order."""
        for visual, column in enumerate(Column):
            self.header.moveSection(self.header.visualIndex(column), visual)
        self.chosen = False
        self.apply_defaults()

    def restore(self, state: QByteArray | None) -> None:
        if state is not None and self.header.restoreState(state):
            self.chosen = True
            self.header.setSectionHidden(ALWAYS_SHOWN, False)

    def save(self) -> QByteArray:
        return self.header.saveState()

    def fit_widths(self) -> None:
        """Widths from the words of the current language, so nothing is clipped at first."""
        for column in Column:
            if self.is_shown(column):
                self.fit_width(column)

    def fit_width(self, column: Column) -> None:
        """One column's width, measured when it shows (a date is measured only then: the
        calendar data is not loaded for a hidden column before the window appears)."""
        metrics = self.table.fontMetrics()
        header = _(COLUMNS[column][1])

        def fits(*texts: str) -> int:
            return max(metrics.horizontalAdvance(text) for text in (header, *texts)) + _PADDING

        if column is Column.CASE:
            width = fits("TT-2026-0000")
        elif column is Column.STATUS:
            width = fits(*(label(status) for status in CaseStatus))
        elif column is Column.BLOCKED_AT:
            width = fits(ngettext("{n} day", "{n} days", 888).format(n=888))
        elif column is Column.LAST_CONTACT:
            width = fits(format_date(dt.date(2026, 9, 30), "medium"))
        else:
            width = _FIXED_WIDTHS.get(column, 0)
        if width:
            self.table.setColumnWidth(column, width)

    def _show_menu(self, position: QPoint) -> None:
        self.menu().exec(self.header.mapToGlobal(position))

    def menu(self) -> QMenu:
        """Checkable entries, one per column in the order shown, and a way back."""
        menu = QMenu(self.table)
        for visual in range(self.header.count()):
            column = Column(self.header.logicalIndex(visual))
            action = QAction(_(COLUMNS[column][1]), menu)
            action.setCheckable(True)
            action.setChecked(self.is_shown(column))
            action.setEnabled(column is not ALWAYS_SHOWN)
            action.toggled.connect(lambda shown, c=column: self.set_shown(c, shown))
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(_("Default columns"), self.reset)
        return menu
