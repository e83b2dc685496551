"""Timeline and contacts: every event in order, the common steps in one click, the deadlines."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from appealdesk.domain.enums import EventKind
from appealdesk.domain.models import Event
from appealdesk.i18n import _, format_date, format_days_left
from appealdesk.services.changes import EventChanges, changed_values
from appealdesk.services.results import CaseDetail
from appealdesk.ui.case_editor.event_dialog import EventDialog
from appealdesk.ui.case_editor.event_model import EventTableModel
from appealdesk.ui.case_editor.quick_steps import QUICK_STEPS
from appealdesk.ui.case_editor.section import CaseSection, EditorContext
from appealdesk.ui.widgets.confirm import confirmed
from appealdesk.ui.widgets.plain_text import plain_label


# The common steps, each a button: (event kind, button text).
class TimelineSection(CaseSection):
    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.quick_label = plain_label()
        self.quick_buttons: dict[EventKind, QPushButton] = {}
        quick_row = QHBoxLayout()
        quick_row.addWidget(self.quick_label)
        for kind, _text in QUICK_STEPS:
            button = QPushButton()
            button.setObjectName(f"quick_{kind.value}")
            button.clicked.connect(lambda _checked=False, kind=kind: self.record_step(kind))
            quick_row.addWidget(button)
            self.quick_buttons[kind] = button
        quick_row.addStretch(1)

        self.model = EventTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("event_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())

        self.add_button = QPushButton()
        self.edit_button = QPushButton()
        self.delete_button = QPushButton()
        self.add_button.clicked.connect(self.add_event)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.deadlines_title = plain_label()
        self.deadlines = plain_label(word_wrap=True)
        self.deadlines.setObjectName("deadline_list")
        self.deadlines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addLayout(quick_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.deadlines_title)
        layout.addWidget(self.deadlines)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.retranslate_ui()
        self._update_buttons()

    def retranslate_ui(self) -> None:
        self.quick_label.setText(_("Record:"))
        for kind, text in QUICK_STEPS:
            self.quick_buttons[kind].setText(_(text))
        self.add_button.setText(_("&Add event…"))
        self.edit_button.setText(_("&Edit…"))
        self.delete_button.setText(_("&Delete"))
        title_font = self.deadlines_title.font()
        title_font.setBold(True)
        self.deadlines_title.setFont(title_font)
        self.deadlines_title.setText(_("Deadlines and follow-up dates"))
        self.model.retranslate()
        self.table.resizeColumnsToContents()  # "Account blocked" / "Account geblokkeerd"
        if self.context.detail is not None:
            self._show_deadlines(self.context.detail)

    def load(self, detail: CaseDetail) -> None:
        selected = self.selected_event()
        self.model.set_events(detail.events)
        if selected is not None and selected.id is not None:
            row = self.model.row_of(selected.id)
            if row is not None:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        self._show_deadlines(detail)
        self._update_buttons()

    def _show_deadlines(self, detail: CaseDetail) -> None:
        today = dt.date.today()
        lines = []
        for deadline in detail.deadlines:
            line = deadline.action()
            left = deadline.days_left(today)
            if deadline.due is not None and left is not None:
                line += f": {format_date(deadline.due)} ({format_days_left(left)})"
            lines.append(f"• {line}")
        self.deadlines.setText("\n".join(lines) or _("No open deadlines."))

    def selected_event(self) -> Event | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.event_at(rows[0].row()) if rows else None

    def _update_buttons(self, *_args: Any) -> None:
        has_case = self.context.case_id is not None
        has_event = self.selected_event() is not None
        for button in (*self.quick_buttons.values(), self.add_button):
            button.setEnabled(has_case)
        self.edit_button.setEnabled(has_event)
        self.delete_button.setEnabled(has_event)

    # Actions ---------------------------------------------------------------------------------

    def make_event_dialog(self, **kwargs: Any) -> EventDialog:
        """The dialog for a new or changed event (tests drive it without exec())."""
        return EventDialog(parent=self, **kwargs)

    def record_step(self, kind: EventKind) -> EventDialog | None:
        """A quick step: the event, with the status moved and the follow-up dates set."""
        case_id = self.context.case_id
        if case_id is None:
            return None

        def submit(values: EventChanges, report: Any) -> bool:
            return self.context.actions.add_event(case_id, values, move_status=True, report=report)

        dialog = self.make_event_dialog(submit=submit, kind=kind)
        dialog.open()
        return dialog

    def add_event(self) -> EventDialog | None:
        case_id = self.context.case_id
        if case_id is None:
            return None

        def submit(values: EventChanges, report: Any) -> bool:
            return self.context.actions.add_event(case_id, values, report=report)

        dialog = self.make_event_dialog(submit=submit)
        dialog.open()
        return dialog

    def edit_selected(self) -> EventDialog | None:
        event = self.selected_event()
        if event is None:
            return None

        def submit(values: EventChanges, report: Any) -> bool:
            changed = changed_values(event, values)
            return not changed or self.context.actions.edit_event(event, changed, report)

        dialog = self.make_event_dialog(submit=submit, event=event)
        dialog.open()
        return dialog

    def delete_selected(self) -> None:
        event = self.selected_event()
        if event is None:
            return
        question = _("Delete this event from the timeline? You can undo this.")
        if confirmed(self, _("Delete event"), question):
            self.context.actions.delete_event(event)
