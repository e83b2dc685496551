"""Every change to a case's evidence made from the window: through the services, announced.

Edits, the order and deletions go on the undo stack; a deleted item's file stays in the
evidence store until the window closes, so undo brings it back whole. Imports cannot be
undone (the new items can be deleted); they run off the UI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from appealdesk.i18n import _
from appealdesk.services import evidence, evidence_import
from appealdesk.services.changes import EvidenceChanges
from appealdesk.services.evidence import DeletedEvidence
from appealdesk.services.evidence_import import ImportReport
from appealdesk.store.database import Database
from appealdesk.ui.base.background import BackgroundTask, Progress, StopRequested
from appealdesk.ui.base.signals import DataSignals
from appealdesk.ui.base.undo import ChangeStack, Report
from appealdesk.ui.timestamps.actions import start_timestamps


class EvidenceActions:
    def __init__(self, db: Database, stack: ChangeStack, signals: DataSignals) -> None:
        self.db = db
        self.stack = stack
        self.signals = signals
        self._deleted_files: set[str] = set()  # kept for undo until the window closes

    def _changed(self, case_id: int) -> Any:
        return lambda: self.signals.case_changed.emit(case_id)

    def edit_evidence(
        self,
        case_id: int,
        evidence_id: int,
        before: EvidenceChanges,
        after: EvidenceChanges,
        report: Report | None = None,
    ) -> bool:
        return self.stack.perform(
            _("Edit evidence"),
            lambda: evidence.update_evidence(self.db, evidence_id, **after),
            lambda: evidence.update_evidence(self.db, evidence_id, **before),
            self._changed(case_id),
            report,
        )

    def reorder_evidence(self, case_id: int, before: list[int], after: list[int]) -> bool:
        return self.stack.perform(
            _("Reorder evidence"),
            lambda: evidence.reorder_evidence(self.db, case_id, after),
            lambda: evidence.reorder_evidence(self.db, case_id, before),
            self._changed(case_id),
        )

    def delete_evidence(self, case_id: int, evidence_id: int) -> bool:
        """Deletes an item; undo puts it back with its id and its checklist links."""
        state: dict[str, DeletedEvidence] = {}

        def forward() -> None:
            state["deleted"] = evidence.take_out(self.db, evidence_id)
            self._deleted_files.add(state["deleted"].item.sha256)

        def backward() -> None:
            evidence.put_back(self.db, state["deleted"])

        return self.stack.perform(_("Delete evidence"), forward, backward, self._changed(case_id))

    def tidy_store(self) -> None:
        """When the window closes, and with it the undo of deletions: their files go.

        Those of evidence deleted in this session (unless a row uses them again), and any
        other file no row refers to (of cases deleted earlier) that is not brand new.
        """
        evidence.remove_unreferenced(self.db, sorted(self._deleted_files))
        self._deleted_files.clear()
        evidence.collect_unreferenced(self.db)

    # Imports (cannot be undone) -------------------------------------------------------------

    def start_import(
        self, case_id: int, paths: Sequence[Path], parent: QObject | None = None
    ) -> BackgroundTask:
        """Imports files off the UI thread; ``case_changed`` follows when they are in."""
        db, files = self.db, list(paths)

        def work(progress: Progress, should_stop: StopRequested) -> ImportReport:
            return evidence_import.import_files(
                db, case_id, files, progress=progress, should_stop=should_stop
            )

        return self._start(case_id, work, parent)

    def start_paste(
        self, case_id: int, png: bytes, name: str, parent: QObject | None = None
    ) -> BackgroundTask:
        """A pasted picture (already PNG) becomes evidence, off the UI thread."""
        db = self.db

        def work(_progress: Progress, _stop: StopRequested) -> ImportReport:
            return evidence_import.import_bytes(db, case_id, png, name)

        return self._start(case_id, work, parent)

    def start_time_stamps(
        self,
        case_id: int,
        evidence_ids: Sequence[int],
        urls: Sequence[str],
        parent: QObject | None = None,
    ) -> BackgroundTask:
        """Asks the authorities off the UI thread; ``case_changed`` follows with the answers
        (granted or pending), so the details show them."""
        task = start_timestamps(self.db, case_id, evidence_ids, urls, parent)
        task.succeeded.connect(lambda _report: self.signals.case_changed.emit(case_id))
        return task

    def _start(self, case_id: int, work: Any, parent: QObject | None) -> BackgroundTask:
        task = BackgroundTask(work, parent)
        # Connected first, so every view shows the new items before the importer reports.
        task.succeeded.connect(lambda _report: self.signals.case_changed.emit(case_id))
        task.failed.connect(self.stack.report)
        return task
