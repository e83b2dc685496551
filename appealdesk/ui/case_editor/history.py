"""The history of a case in a team database: who changed what, from the database's audit log."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QTableView, QVBoxLayout, QWidget

from appealdesk.domain.errors import AppealDeskError
from appealdesk.i18n import _, format_datetime
from appealdesk.services import team
from appealdesk.services.results import CaseDetail
from appealdesk.ui.case_editor.section import CaseSection, EditorContext
from appealdesk.ui.widgets.plain_text import plain_label

Index = QModelIndex | QPersistentModelIndex


class AuditModel(QAbstractTableModel):
    """The entries of one case, newest first: when, who, what, and the values it changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[team.AuditEntry] = []

    def show(self, entries: list[team.AuditEntry]) -> None:
        self.beginResetModel()
        self.entries = list(reversed(entries))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if column == 0:
            return format_datetime(entry.at, "short")
        if column == 1:
            return entry.member
        if column == 2:
            return team.describe_change(entry.table, entry.action)
        if role == Qt.ItemDataRole.ToolTipRole:
            return team.describe_values(entry.table, entry.changes, limit=400)
        return team.describe_values(entry.table, entry.changes, limit=60, most=5)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("When"), _("Who"), _("What"), _("Old → new"))[section]


class HistorySection(CaseSection):
    """Shown for a team database only: a file has no audit log of its own."""

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model = AuditModel(self)
        self.table = QTableView()
        self.table.setObjectName("case_history")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        # Rows as high as their values at the width the columns have now, also after a resize.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.explanation = plain_label(word_wrap=True)
        self.problem = plain_label(word_wrap=True)
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.problem)
        layout.addWidget(self.table, 1)
        self.retranslate_ui()

    def load(self, detail: CaseDetail) -> None:
        try:
            entries = team.audit_entries(self.context.db, case_number=detail.case.case_number)
        except AppealDeskError as exc:
            self.problem.setText(exc.message)
            self.problem.show()
            entries = []
        else:
            self.problem.hide()
        self.model.show(entries)

    def retranslate_ui(self) -> None:
        self.explanation.setText(
            _(
                "Every change to this case, as the team database recorded it: who made it, "
                "when, and the values before and after. No member can change or skip this record."
            )
        )
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
