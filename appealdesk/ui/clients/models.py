"""Clients and their accounts as Qt table models, fed by ``services.clients``, and their view."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from appealdesk.domain.labels import client_name, label
from appealdesk.domain.models import Account, Client
from appealdesk.i18n import N_, _, format_number
from appealdesk.services import clients
from appealdesk.services.results import ClientSummary
from appealdesk.store.database import Database
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.widgets.plain_text import tooltip

Index = QModelIndex | QPersistentModelIndex
CLIENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ACCOUNT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

CLIENT_COLUMNS = (
    N_("Name"),
    N_("Contact person"),
    N_("Email address"),
    N_("Accounts"),
    N_("Cases"),
    N_("Open cases"),
)
CLIENT_NAME_COLUMN = 0
CLIENT_NUMBER_COLUMNS = frozenset({3, 4, 5})

ACCOUNT_COLUMNS = (
    N_("Platform"),
    N_("Handle"),
    N_("Display name"),
    N_("Account email"),
    N_("Phone number"),
    N_("Followers at block"),
)
ACCOUNT_FOLLOWERS_COLUMN = 5

EDIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2)
MAX_COLUMN_WIDTH = 320
MIN_COLUMN_WIDTH = 48
COLUMN_PADDING = 16


class _TableModel(QAbstractTableModel):
    """What both tables share: fixed, translated columns over a list of rows."""

    COLUMNS: tuple[str, ...] = ()

    def _row_count(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._row_count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _(self.COLUMNS[section])  # the tip tells a narrowed header in full
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(section)
        return None

    def _alignment(self, column: int) -> Qt.AlignmentFlag:
        return _LEFT

    def _valid(self, index: Index) -> bool:
        return index.isValid() and 0 <= index.row() < self._row_count()

    def retranslate(self) -> None:
        """Headers and cells are texts of the UI language: ask the views to fetch them again."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._row_count():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self._row_count() - 1, len(self.COLUMNS) - 1)
            )


class ClientTableModel(_TableModel):
    """Every client with its numbers of accounts, cases and open cases (default client first)."""

    COLUMNS = CLIENT_COLUMNS

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._rows: list[ClientSummary] = []
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = clients.list_clients(self._db)
        self.endResetModel()

    def _row_count(self) -> int:
        return len(self._rows)

    def summary_at(self, row: int) -> ClientSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def client_at(self, row: int) -> Client | None:
        summary = self.summary_at(row)
        return summary.client if summary else None

    def row_of(self, client_id: int) -> int | None:
        return next((i for i, s in enumerate(self._rows) if s.client.id == client_id), None)

    def clients(self) -> list[Client]:
        return [summary.client for summary in self._rows]

    def _alignment(self, column: int) -> Qt.AlignmentFlag:
        return _RIGHT if column in CLIENT_NUMBER_COLUMNS else _LEFT

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        summary = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(summary, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        if role == CLIENT_ID_ROLE:
            return summary.client.id
        if column == CLIENT_NAME_COLUMN and role == Qt.ItemDataRole.ToolTipRole:
            if summary.client.is_default:
                return _("Your own accounts. This client cannot be deleted.")
            return tooltip(summary.client.notes) or None
        is_default = summary.client.is_default
        if column == CLIENT_NAME_COLUMN and role == Qt.ItemDataRole.FontRole and is_default:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _display(self, summary: ClientSummary, column: int) -> str:
        client = summary.client
        if column == 0:
            return client_name(client.name, client.is_default)
        if column == 1:
            return client.contact_person
        if column == 2:
            return client.email
        if column == 3:
            return format_number(summary.accounts)
        if column == 4:
            return format_number(summary.cases)
        return format_number(summary.open_cases)


class AccountTableModel(_TableModel):
    """The accounts of one client (or of every client when it is set to None)."""

    COLUMNS = ACCOUNT_COLUMNS

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._client_id: int | None = None
        self._rows: list[tuple[Account, Client]] = []

    @property
    def client_id(self) -> int | None:
        return self._client_id

    def set_client(self, client_id: int | None) -> None:
        self._client_id = client_id
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = clients.list_accounts(self._db, self._client_id)
        self.endResetModel()

    def _row_count(self) -> int:
        return len(self._rows)

    def account_at(self, row: int) -> Account | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def row_of(self, account_id: int) -> int | None:
        return next((i for i, (a, _c) in enumerate(self._rows) if a.id == account_id), None)

    def _alignment(self, column: int) -> Qt.AlignmentFlag:
        return _RIGHT if column == ACCOUNT_FOLLOWERS_COLUMN else _LEFT

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        account = self._rows[index.row()][0]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(account, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        if role == ACCOUNT_ID_ROLE:
            return account.id
        if role == Qt.ItemDataRole.ToolTipRole and column == 1 and account.notes:
            return tooltip(account.notes)
        return None

    def _display(self, account: Account, column: int) -> str:
        if column == 0:
            return label(account.platform)
        if column == 1:
            return f"@{account.handle}"
        if column == 2:
            return account.display_name
        if column == 3:
            return account.account_email
        if column == 4:
            return account.phone
        followers = account.followers_at_block
        return "" if followers is None else format_number(followers)


def fit_widths(wanted: list[int], available: int) -> list[int]:
    """Narrows the widest columns just enough for all of them to fit in ``available``."""
    if available <= 0 or sum(wanted) <= available:
        return wanted
    rest = available
    for i, width in enumerate(sorted(wanted)):
        share = rest // (len(wanted) - i)
        if width > share:
            return [min(w, max(share, MIN_COLUMN_WIDTH)) for w in wanted]
        rest -= width
    return wanted


class ItemTable(Retranslatable, QTableView):
    """A read-only table of records: one row selected; Enter or F2 edits, Delete deletes.

    Columns are as wide as their texts, narrowed where the table is too small for them.
    """

    edit_requested = Signal()
    delete_requested = Signal()

    def __init__(self, model: _TableModel, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setModel(model)
        self._model = model
        self._wanted: list[int] = []
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.horizontalHeader().setStretchLastSection(True)
        rows = self.verticalHeader()
        rows.hide()
        rows.setMinimumSectionSize(self.fontMetrics().height() + 4)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)

    def fit_columns(self) -> None:
        header = self.horizontalHeader()
        self.resizeColumnsToContents()
        self._wanted = [
            min(header.sectionSize(column) + COLUMN_PADDING, MAX_COLUMN_WIDTH)
            for column in range(header.count())
        ]
        self._apply_widths()

    def _apply_widths(self) -> None:
        header = self.horizontalHeader()
        for column, width in enumerate(fit_widths(self._wanted, self.viewport().width())):
            header.resizeSection(column, width)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._wanted:
            self._apply_widths()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and event.key() in EDIT_KEYS:
            self.edit_requested.emit()
        elif plain and event.key() == Qt.Key.Key_Delete:
            self.delete_requested.emit()
        else:
            super().keyPressEvent(event)

    def retranslate_ui(self) -> None:
        self._model.retranslate()
        self.fit_columns()
