"""File → Restore from backup…: the backups of this database, newest first, or another file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from appealdesk.domain.labels import label
from appealdesk.i18n import N_, _, format_datetime, format_file_size, format_number
from appealdesk.services.backups import BackupSummary, list_backups
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.widgets.confirm import confirmed
from appealdesk.ui.widgets.file_dialogs import open_file_name
from appealdesk.ui.widgets.plain_text import plain_label, tooltip

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import DataKey

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (N_("Made on"), N_("Why"), N_("Cases"), N_("Evidence files"), N_("Size"))
_NUMBER_COLUMNS = frozenset({2, 3, 4})


class BackupListModel(QAbstractTableModel):
    def __init__(self, backups: list[BackupSummary], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backups = backups

    def backup_at(self, row: int) -> BackupSummary:
        return self._backups[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._backups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._backups):
            return None
        summary = self._backups[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(summary, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMBER_COLUMNS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(str(summary.backup.path))
        return None

    @staticmethod
    def _text(summary: BackupSummary, column: int) -> str:
        backup = summary.backup
        unreadable = _("unreadable")
        match column:
            case 0:
                return format_datetime(backup.taken_at, "medium")
            case 1:
                return label(backup.reason)
            case 2:
                return unreadable if summary.cases is None else format_number(summary.cases)
            case 3:
                return "" if summary.evidence is None else format_number(summary.evidence)
            case _:
                return format_file_size(backup.size)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._backups:
            last = self.index(len(self._backups) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)


class RestoreDialog(Retranslatable, QDialog):
    """Asks which backup to restore; ``chosen_file()`` after it was accepted."""

    def __init__(
        self, database: Path, parent: QWidget | None = None, *, key: DataKey | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restore_dialog")
        self.database = database
        self._chosen: Path | None = None
        self.intro = plain_label()
        self.intro.setWordWrap(True)
        self.model = BackupListModel(list_backups(database, key), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self._restore_selected())
        self.empty = plain_label()
        self.empty.setVisible(self.model.rowCount() == 0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton()
        self.restore_button.setDefault(True)
        self.other_button = QPushButton()
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self._restore_selected)
        self.other_button.clicked.connect(self._choose_other_file)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update_buttons()
        self.resize(640, 380)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Restore from backup"))
        self.intro.setText(
            _(
                "Choose the backup to put in place of the current database. The current "
                "database is kept as a backup of its own first, so you can always go back to it."
            )
        )
        self.empty.setText(_("There are no backups of this database yet."))
        self.restore_button.setText(_("&Restore"))
        self.other_button.setText(_("&Other file…"))
        self.model.retranslate()

    def chosen_file(self) -> Path | None:
        return self._chosen

    def _selected(self) -> BackupSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backup_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self._selected() is not None)

    def _restore_selected(self) -> None:
        summary = self._selected()
        if summary is not None:
            when = format_datetime(summary.backup.taken_at, "medium")
            self._confirm(summary.backup.path, _("the backup of {when}").format(when=when))

    def _choose_other_file(self) -> None:
        path = open_file_name(
            self,
            _("Choose a backup"),
            self.database.parent,
            _("AppealDesk backups (*.zip *.sqlite3 *.db);;All files (*)"),
        )
        if path is not None:
            self._confirm(path, path.name)

    def _confirm(self, path: Path, what: str) -> None:
        question = _(
            "Replace the current database by {what}? Changes made since then are not in "
            "it; the current database is kept as a backup."
        ).format(what=what)
        if confirmed(self, _("Restore from backup"), question):
            self._chosen = path
            self.accept()


def choose_backup(
    database: Path,
    parent: QWidget,
    chosen: Callable[[Path], None],
    *,
    key: DataKey | None = None,
) -> RestoreDialog:
    """Asks which backup of ``database`` to restore; ``chosen`` gets it once confirmed."""
    dialog = RestoreDialog(database, parent, key=key)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def accepted() -> None:
        if (path := dialog.chosen_file()) is not None:
            chosen(path)

    dialog.accepted.connect(accepted)
    dialog.open()
    return dialog
