"""The evidence of a case as a grid of thumbnails that can be put in order by dragging."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from appealdesk.domain.labels import label
from appealdesk.domain.models import EvidenceItem
from appealdesk.i18n import _, format_datetime, format_file_size
from appealdesk.ui.evidence.thumbnails import ThumbnailCache
from appealdesk.ui.widgets.plain_text import tooltip

Index = QModelIndex | QPersistentModelIndex
EVIDENCE_MIME = "application/x-appealdesk-evidence"
EVIDENCE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class EvidenceListModel(QAbstractListModel):
    order_requested = Signal(list)  # evidence ids in the order the user dropped them into
    files_dropped = Signal(list)  # paths of files dropped from outside

    def __init__(self, thumbnails: ThumbnailCache, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[EvidenceItem] = []
        self._thumbnails = thumbnails
        thumbnails.thumbnail_ready.connect(self._thumbnail_ready)

    def set_items(self, items: tuple[EvidenceItem, ...] | list[EvidenceItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[EvidenceItem]:
        return list(self._items)

    def item_at(self, row: int) -> EvidenceItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, evidence_id: int) -> int | None:
        return next((i for i, item in enumerate(self._items) if item.id == evidence_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title or item.original_name
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [label(item.kind), item.original_name, format_file_size(item.size_bytes)]
            if item.captured_at:
                parts.append(format_datetime(item.captured_at, "medium"))
            if item.sensitive:
                parts.append(_("Sensitive: only protected copies leave AppealDesk"))
            return tooltip("\n".join(parts))
        if role == EVIDENCE_ID_ROLE:
            return item.id
        return None

    def _icon(self, item: EvidenceItem) -> QIcon:
        icon = self._thumbnails.icon(
            item.sha256, item.media_type, locked=item.sensitive, blacked_out=item.redactions
        )
        if icon is not None:
            return icon
        style = QApplication.style()
        kind = QStyle.StandardPixmap.SP_FileIcon
        if item.media_type.startswith("image/"):
            kind = QStyle.StandardPixmap.SP_FileDialogContentsView
        return style.standardIcon(kind)

    def _thumbnail_ready(self, sha256: str) -> None:
        for row, item in enumerate(self._items):
            if item.sha256 == sha256:
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    # Dragging ------------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [EVIDENCE_MIME, "text/uri-list"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        ids = [str(self._items[i.row()].id) for i in indexes if i.isValid()]
        data.setData(EVIDENCE_MIME, QByteArray(",".join(ids).encode()))
        return data

    def canDropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return data.hasFormat(EVIDENCE_MIME) or data.hasUrls()

    def dropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if data.hasFormat(EVIDENCE_MIME):
            moved = [
                int(v) for v in bytes(data.data(EVIDENCE_MIME).data()).decode().split(",") if v
            ]
            target = row if row >= 0 else (parent.row() if parent.isValid() else len(self._items))
            self.order_requested.emit(self._new_order(moved, target))
            return False  # the services change the order; the model reloads after them
        paths = [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]
        if paths:
            self.files_dropped.emit(paths)
        return False

    def _new_order(self, moved: list[int], target: int) -> list[int]:
        ids = [item.id for item in self._items if item.id is not None]
        before = [i for i in ids[:target] if i not in moved]
        after = [i for i in ids[target:] if i not in moved]
        return before + [i for i in ids if i in moved] + after


class EvidenceCellDelegate(QStyledItemDelegate):
    """Every cell of the grid alike: the picture centred in a square, two lines of title.

    Without it Qt sizes the cells by the first picture, so the titles of tall screenshots
    had no room left under them.
    """

    def __init__(self, icon: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icon = icon

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        option.decorationSize = QSize(self._icon, self._icon)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        lines = 2 * option.fontMetrics.lineSpacing()
        return QSize(self._icon + 28, self._icon + lines + 12)
