"""The timeline of one case as a Qt table model, oldest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from appealdesk.domain.enums import Direction
from appealdesk.domain.labels import label
from appealdesk.domain.models import Event
from appealdesk.i18n import N_, _, format_datetime
from appealdesk.ui.widgets.plain_text import tooltip

Index = QModelIndex | QPersistentModelIndex

HEADERS = (N_("When"), N_("What"), N_("Channel"), N_("Reference"), N_("Summary"))
SUMMARY_COLUMN = 4
_ARROWS = {Direction.OUTGOING: "↗ ", Direction.INCOMING: "↘ "}


class EventTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._events: list[Event] = []

    def set_events(self, events: tuple[Event, ...] | list[Event]) -> None:
        self.beginResetModel()
        self._events = list(events)
        self.endResetModel()

    def event_at(self, row: int) -> Event | None:
        return self._events[row] if 0 <= row < len(self._events) else None

    def row_of(self, event_id: int) -> int | None:
        return next((i for i, e in enumerate(self._events) if e.id == event_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(HEADERS):
            return _(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        event = self.event_at(index.row()) if index.isValid() else None
        if event is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(event, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(event, index.column())
        return None

    def _tooltip(self, event: Event, column: int) -> str | None:
        if column == 2 and event.direction is not None:
            return label(event.direction)
        if column == SUMMARY_COLUMN:
            parts = [event.body, _("Outcome: {outcome}").format(outcome=event.outcome)]
            return tooltip("\n\n".join(p for p in parts[: 2 if event.outcome else 1] if p)) or None
        return None

    def _display(self, event: Event, column: int) -> str:
        if column == 0:
            return format_datetime(event.occurred_at, "medium")
        if column == 1:
            return label(event.kind)
        if column == 2:
            arrow = _ARROWS.get(event.direction, "") if event.direction else ""
            return arrow + label(event.channel) if event.channel else arrow.strip()
        if column == 3:
            return event.reference
        return event.summary

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        if self._events:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._events) - 1, len(HEADERS) - 1)
            )
