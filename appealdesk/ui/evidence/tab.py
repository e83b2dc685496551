"""The evidence of a case: thumbnails, details, importing, protecting, the ID checklist."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QListView,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from appealdesk.domain.models import EvidenceItem
from appealdesk.domain.provenance import shown_capture
from appealdesk.i18n import _
from appealdesk.media.image_io import encode_image
from appealdesk.services.changes import EvidenceChanges, EvidenceField, current_values
from appealdesk.services.evidence_import import ImportReport
from appealdesk.services.results import CaseDetail
from appealdesk.services.timestamps import timestamps_of
from appealdesk.ui.base.background import BackgroundTask
from appealdesk.ui.base.settings import FolderUse
from appealdesk.ui.case_editor.id_checklist import IdChecklistSection
from appealdesk.ui.case_editor.section import CaseSection, EditorContext
from appealdesk.ui.evidence.commands import EvidenceCommands
from appealdesk.ui.evidence.details import EvidenceDetails
from appealdesk.ui.evidence.import_report import describe_import
from appealdesk.ui.evidence.model import EvidenceCellDelegate, EvidenceListModel
from appealdesk.ui.evidence.thumbnails import ThumbnailCache
from appealdesk.ui.widgets.flow_layout import FlowLayout
from appealdesk.ui.widgets.plain_text import plain_label

ICON = 132


class _TallFormArea(QScrollArea):
    """A form scrolled up and down, never sideways: it is as wide as the form needs, and as
    short as the window is, so a long form does not make the window taller."""

    def __init__(self, form: QWidget) -> None:
        super().__init__()
        self.form = form
        self.setObjectName("evidence_details_scroll")
        self.setWidget(form)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        wanted = self.form.minimumSizeHint()
        return QSize(wanted.width() + self.verticalScrollBar().sizeHint().width(), 120)


class EvidenceSection(CaseSection):
    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.thumbnails = ThumbnailCache(context.db, self)
        self.model = EvidenceListModel(self.thumbnails, self)
        self.grid = QListView()
        self.grid.setObjectName("evidence_grid")
        self.grid.setModel(self.model)
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setIconSize(QSize(ICON, ICON))
        self.grid.setItemDelegate(EvidenceCellDelegate(ICON, self.grid))
        self.grid.setGridSize(QSize(ICON + 36, ICON + 56))
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setWordWrap(True)
        self.grid.setUniformItemSizes(True)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.grid.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.grid.setMovement(QListView.Movement.Snap)
        self.grid.setAcceptDrops(True)
        self.grid.setDropIndicatorShown(True)
        self.grid.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.order_requested.connect(self._reorder)
        self.model.files_dropped.connect(self.import_paths)

        self.details = EvidenceDetails()
        self.details.field_committed.connect(self._detail_committed)
        self.commands = EvidenceCommands(self, context, self.selected_item, self.import_paths)
        self.grid.doubleClicked.connect(lambda _i: self.commands.view())
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.commands.choose_files)
        self.paste_button = QPushButton()
        self.paste_button.clicked.connect(self.paste)
        self.action_buttons: dict[str, QPushButton] = {}
        buttons = FlowLayout()  # onto a second line when the case is narrow, never cut off
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.paste_button)
        for name, slot in self.commands.item_actions().items():
            button = QPushButton()
            button.setObjectName(f"evidence_{name}")
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.action_buttons[name] = button

        self.progress = QProgressBar()
        self.progress_label = plain_label()
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel_import)
        self.progress_row = QWidget()
        progress_layout = QHBoxLayout(self.progress_row)
        progress_layout.setContentsMargins(0, 0, 0, 0)
        progress_layout.addWidget(self.progress_label)
        progress_layout.addWidget(self.progress, 1)
        progress_layout.addWidget(self.cancel_button)
        self.progress_row.hide()
        self.task: BackgroundTask | None = None

        self.id_checklist = IdChecklistSection(context)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.grid)
        top.addWidget(_TallFormArea(self.details))
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        top.setSizes([600, 400])
        self.empty_hint = plain_label(word_wrap=True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.empty_hint)
        layout.addWidget(top, 1)
        layout.addWidget(self.progress_row)
        layout.addWidget(self.id_checklist)

        paste = QShortcut(QKeySequence(QKeySequence.StandardKey.Paste), self)
        paste.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        paste.activated.connect(self.paste)
        self.retranslate_ui()
        self._update_buttons()

    def retranslate_ui(self) -> None:
        self.add_button.setText(_("&Add files…"))
        self.paste_button.setText(_("&Paste screenshot"))
        self.paste_button.setToolTip(_("Paste an image from the clipboard (Ctrl+V)"))
        for name, text in self.commands.action_texts().items():
            self.action_buttons[name].setText(text)
        self.cancel_button.setText(_("Cancel"))
        self.empty_hint.setText(
            _(
                "No evidence yet. Add screenshots and documents, drop files here, or paste a "
                "screenshot with Ctrl+V."
            )
        )

    # Showing ------------------------------------------------------------------------------

    def load(self, detail: CaseDetail) -> None:
        selected = self.selected_item()
        self.model.set_items(detail.evidence)
        self.empty_hint.setVisible(not detail.evidence)
        if selected is not None and selected.id is not None:
            self.select(selected.id)
        else:
            self.details.show_item(None)
        self.id_checklist.load(detail)
        self._update_buttons()

    def selected_item(self) -> EvidenceItem | None:
        rows = self.grid.selectionModel().selectedRows()
        return self.model.item_at(rows[0].row()) if rows else None

    def select(self, evidence_id: int) -> None:
        row = self.model.row_of(evidence_id)
        if row is not None:
            self.grid.setCurrentIndex(self.model.index(row))
        self._show_selected()

    def _selection_changed(self, *_args: Any) -> None:
        self._show_selected()
        self._update_buttons()

    def _show_selected(self) -> None:
        item = self.selected_item()
        self.details.show_item(item)
        if item is not None and item.id is not None:
            self.details.show_time_stamps(timestamps_of(self.context.db, [item.id])[item.id])

    def _update_buttons(self) -> None:
        item = self.selected_item()
        busy = self.task is not None
        self.add_button.setEnabled(self.context.case_id is not None and not busy)
        self.paste_button.setEnabled(self.context.case_id is not None and not busy)
        for name, button in self.action_buttons.items():
            button.setEnabled(self.commands.applies(name, item))

    # Changes ------------------------------------------------------------------------------

    def _detail_committed(self, name: EvidenceField, value: Any) -> None:
        item = self.details.item
        case_id = self.context.case_id
        if item is None or item.id is None or case_id is None:
            return
        after = cast(EvidenceChanges, {name: value})  # one detail, named by its form row
        before = current_values(item, after)
        if name == "kind":  # the new kind may make it sensitive; undo must undo that too
            before["sensitive"] = item.sensitive
        if name == "captured_at":  # undo puts back the time in its zone, and its origin
            before["captured_at"] = shown_capture(item.captured_at, item.captured_offset)
            before["capture_source"] = item.capture_source
        self.context.evidence_actions.edit_evidence(case_id, item.id, before, after)

    def _reorder(self, order: list[int]) -> None:
        case_id = self.context.case_id
        before = [item.id for item in self.model.items() if item.id is not None]
        if case_id is not None and order != before:
            self.context.evidence_actions.reorder_evidence(case_id, before, order)

    # Importing ------------------------------------------------------------------------------

    def import_paths(self, paths: list[Path]) -> BackgroundTask | None:
        """Imports files off the UI thread, with progress and a cancel button."""
        case_id = self.context.case_id
        if case_id is None or not paths or self.task is not None:
            return None
        task = self.context.evidence_actions.start_import(case_id, paths, self)
        task.succeeded.connect(lambda report: self._remember_folder(paths, report))
        return self._run(case_id, task, len(paths))

    def _remember_folder(self, paths: list[Path], report: ImportReport) -> None:
        """Add files starts where these files came from next time, once one is in the case
        (chosen, dropped or pasted: each is a folder the user keeps evidence in)."""
        if report.added and not report.cancelled:
            self.context.settings.remember_folder(FolderUse.EVIDENCE, paths[0].absolute().parent)

    def paste(self) -> BackgroundTask | None:
        """A screenshot copied to the clipboard (or copied files) becomes evidence."""
        data = QGuiApplication.clipboard().mimeData()
        case_id = self.context.case_id
        if case_id is None or data is None:
            return None
        if data.hasUrls():
            return self.import_paths(
                [Path(u.toLocalFile()) for u in data.urls() if u.isLocalFile()]
            )
        image = QGuiApplication.clipboard().image()
        if image.isNull():
            self.context.actions.stack.report(_("The clipboard holds no image to paste."))
            return None
        png = encode_image(image, b"png")
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        name = _("screenshot-{stamp}").format(stamp=stamp) + ".png"
        task = self.context.evidence_actions.start_paste(case_id, png, name, self)
        return self._run(case_id, task, 1)

    def _run(self, case_id: int, task: BackgroundTask, count: int) -> BackgroundTask:
        task.progressed.connect(self._progressed)
        task.succeeded.connect(lambda report: self._imported(case_id, report))
        task.ended.connect(self._import_ended)
        self.task = task
        self.progress.setRange(0, count)
        self.progress.setValue(0)
        self.progress_label.setText(_("Importing…"))
        self.progress_row.show()
        self._update_buttons()
        task.start()
        return task

    def stop_import(self) -> None:
        """Cancels a running import and waits for it (the window is closing)."""
        if self.task is not None:
            self.task.cancel()
            self.task.wait(30)

    def cancel_import(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.progress_label.setText(_("Cancelling…"))

    def _progressed(self, done: int, total: int, name: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        if name:
            self.progress_label.setText(_("Importing {name}…").format(name=name))

    def _imported(self, case_id: int, report: ImportReport) -> None:
        text, problem = describe_import(report)
        (self.context.actions.stack.report if problem else self.context.inform)(text)
        if report.added and report.added[-1].id is not None and self.context.case_id == case_id:
            self.select(report.added[-1].id)

    def _import_ended(self) -> None:
        self.task = None
        self.progress_row.hide()
        self._update_buttons()
