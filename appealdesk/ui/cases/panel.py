"""The case list with search, filters and the counts per status (the agency's overview)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelection, QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from appealdesk.domain.enums import CaseStatus, Platform
from appealdesk.domain.labels import client_name, label
from appealdesk.i18n import _, format_number
from appealdesk.services.case_rows import CaseQuery
from appealdesk.services.first_run import first_run_state
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.cases.columns import CaseColumns
from appealdesk.ui.cases.model import CASE_ID_ROLE, CaseTableModel
from appealdesk.ui.widgets.fields import ChoiceCombo
from appealdesk.ui.widgets.flow_layout import FlowLayout
from appealdesk.ui.widgets.key_group import ArrowKeyGroup
from appealdesk.ui.widgets.plain_text import plain_label

if TYPE_CHECKING:
    from appealdesk.store.database import Database

SEARCH_DELAY_MS = 150


class CaseListPanel(Retranslatable, QWidget):
    case_selected = Signal(object)  # the case id, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self._reloading = False  # the selection is being put back: no case_selected
        self.search = QLineEdit(clearButtonEnabled=True)
        self.search.setObjectName("search")
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filters)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.search_now)
        # A key filter, not a shortcut: a shortcut would also take Escape from a dialog.
        self.search.installEventFilter(self)

        self.platform = ChoiceCombo(list(Platform), label, none_text=lambda: _("All platforms"))
        self.platform.setObjectName("platform_filter")
        self.client = ChoiceCombo(
            [], lambda c: client_name(c.name, c.is_default), none_text=lambda: _("All clients")
        )
        self.client.setObjectName("client_filter")
        self.overdue = QCheckBox()
        self.overdue.setObjectName("overdue_filter")
        self.platform.committed.connect(self._apply_filters)
        self.client.committed.connect(self._apply_filters)
        self.overdue.toggled.connect(self._apply_filters)
        filters = QHBoxLayout()
        filters.addWidget(self.platform)
        filters.addWidget(self.client, 1)
        filters.addWidget(self.overdue)

        self.all_statuses = QToolButton()
        self.all_statuses.setCheckable(True)
        self.all_statuses.setChecked(True)
        self.all_statuses.setObjectName("status_all")
        self.all_statuses.clicked.connect(self._show_all_statuses)
        self.status_buttons: dict[CaseStatus, QToolButton] = {}
        chips = FlowLayout(spacing=4)
        chips.addWidget(self.all_statuses)
        for status in CaseStatus:
            button = QToolButton()
            button.setCheckable(True)
            button.setObjectName(f"status_{status.value}")
            button.toggled.connect(self._status_toggled)
            self.status_buttons[status] = button
            chips.addWidget(button)
        self.status_keys = ArrowKeyGroup([self.all_statuses, *self.status_buttons.values()], self)
        self.summary = plain_label()
        self.summary.setObjectName("list_summary")
        self.nothing_found = plain_label(word_wrap=True)  # instead of a blank list
        self.nothing_found.setObjectName("nothing_found")
        self.nothing_found.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.nothing_found.hide()

        self.model = CaseTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("case_table")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.columns = CaseColumns(self.table)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._update_counts)
        self.model.counts_changed.connect(self._update_counts)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addLayout(chips)
        layout.addWidget(self.nothing_found)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self.retranslate_ui()

    def attach(self, db: Database) -> None:
        """Lists the cases of ``db``."""
        self.db = db
        self.model.attach(db)
        self.reload_clients()
        self._update_counts()

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(_("Search cases, handles, clients, reference numbers…"))
        self.platform.retranslate()
        self.client.retranslate()
        self.overdue.setText(_("&Overdue only"))
        self.model.retranslate()
        if not self.columns.chosen:
            self.columns.fit_widths()
        self._update_counts()

    # Filters ------------------------------------------------------------------------------

    def reload_clients(self) -> None:
        if self.db is not None:
            from appealdesk.services import case_list  # with the database, not at start

            self.client.set_values(case_list.client_choices(self.db))
            self.columns.follow_role(first_run_state(self.db).role)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.search.text()
        ):
            self.clear_search()
            return True
        return super().eventFilter(watched, event)

    def clear_search(self) -> None:
        """Escape in the search field: everything is listed again."""
        if self.search.text():
            self.search.clear()
            self.search_now()

    def search_now(self) -> None:
        """Searches for what is typed without waiting for the typing to pause (Enter)."""
        self._search_timer.stop()
        self._apply_filters()

    def _chosen_statuses(self) -> frozenset[CaseStatus]:
        return frozenset(s for s, button in self.status_buttons.items() if button.isChecked())

    def _chosen_query(self) -> CaseQuery:
        chosen_client = self.client.value()
        return replace(
            self.model.query,
            search=self.search.text(),
            statuses=self._chosen_statuses(),
            platform=self.platform.value(),
            client_id=chosen_client.id if chosen_client is not None else None,
            overdue_only=self.overdue.isChecked(),
        )

    def _apply_filters(self, *_args: Any) -> None:
        query = self._chosen_query()
        if query != self.model.query:
            self.model.set_query(query)

    def _status_toggled(self, _checked: bool) -> None:
        with QSignalBlocker(self.all_statuses):
            self.all_statuses.setChecked(not self._chosen_statuses())
        self._apply_filters()

    def _show_all_statuses(self) -> None:
        for button in self.status_buttons.values():
            with QSignalBlocker(button):
                button.setChecked(False)
        self.all_statuses.setChecked(True)
        self._apply_filters()

    def _update_counts(self) -> None:
        if self.db is None:  # nothing counted yet: the names alone, until the list is filled
            self.all_statuses.setText(_("All"))
            for status, button in self.status_buttons.items():
                button.setText(label(status))
            self.summary.clear()
            return
        counts = self.model.status_counts
        self.all_statuses.setText(
            _("All {count}").format(count=format_number(sum(counts.values())))
        )
        total = self.model.all_cases
        for status, button in self.status_buttons.items():
            button.setText(f"{label(status)} {format_number(counts[status])}")
        if self.model.total_known:  # else it follows with the counts, a moment later
            self.summary.setText(
                _("{shown} of {total} cases").format(
                    shown=format_number(self.model.total), total=format_number(total)
                )
            )
        if self.model.total:
            self.nothing_found.hide()
            return
        if total:
            self.nothing_found.setText(
                _("No case matches the search and filters. Press Escape to clear the search.")
            )
        else:
            self.nothing_found.setText(_("No cases yet. Create the first one with Ctrl+N."))
        self.nothing_found.show()

    # Selection ------------------------------------------------------------------------------

    def selected_case_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(CASE_ID_ROLE) if rows else None

    def selected_case_number(self) -> str:
        case_id = self.selected_case_id()
        row = self.model.row_of_case(case_id) if case_id is not None else None
        line = self.model.case_at(row) if row is not None else None
        return line.case_number if line is not None else ""

    def select_case(self, case_id: int, *, scroll: bool = True) -> bool:
        row = self.model.row_of_case(case_id)
        if row is None and self.model.canFetchMore():  # below the first page
            self.model.fetchMore()  # every case has its line now, read when it is shown
            row = self.model.row_of_case(case_id)
        if row is None:
            return False
        self.table.selectRow(row)
        if scroll:
            self.table.scrollTo(self.model.index(row, 0))
        return True

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if not self._reloading:
            self.case_selected.emit(self.selected_case_id())

    # Data changes -------------------------------------------------------------------------------

    def case_changed(self, case_id: int) -> None:
        """One case changed: update its line in place and the counts."""
        row = self.model.row_of_case(case_id)
        if row is not None and self.db is not None:
            from appealdesk.services import case_list

            self.model.update_row(row, case_list.get_row(self.db, case_id))
        self.model.refresh_counts()
        self._update_counts()

    def reload(self) -> None:
        """Shows the cases as they are stored now, after another program changed them: with
        the same search, filters and order, the selected case and the scroll position.
        ``case_selected`` is only emitted when the selected case is no longer listed."""
        keep = self.selected_case_id()
        bars = (self.table.verticalScrollBar(), self.table.horizontalScrollBar())
        positions = [bar.value() for bar in bars]
        self._reloading = True
        try:
            self.reload_clients()  # a client chosen as filter may be gone: "All clients"
            query = self._chosen_query()
            if query != self.model.query:
                self.model.set_query(query)
            else:
                self.model.reload()
            if keep is not None and self.selected_case_id() != keep:
                self.select_case(keep, scroll=False)
        finally:
            self._reloading = False
        for bar, position in zip(bars, positions, strict=True):
            bar.setValue(position)
        self._update_counts()
        if keep is not None and self.selected_case_id() != keep:
            self.case_selected.emit(self.selected_case_id())

    def refresh(self, keep: int | None = None) -> None:
        """Reloads the list (a case came or went), keeping ``keep`` selected when possible."""
        keep = keep if keep is not None else self.selected_case_id()
        with QSignalBlocker(self.table.selectionModel()):
            self.model.refresh()
        if keep is None or not self.select_case(keep):
            self.case_selected.emit(self.selected_case_id())
