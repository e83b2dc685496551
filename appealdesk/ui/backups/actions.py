"""Backups from the window: the daily one after start-up, and File → Back up now."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Signal

from appealdesk.i18n import _, format_number, format_time, ngettext
from appealdesk.services import backups
from appealdesk.store.backup.folder import BackupResult
from appealdesk.store.database import Database
from appealdesk.ui.base.background import BackgroundTask, Work


def describe(result: BackupResult) -> str:
    text = _("Backup made at {time}.").format(time=format_time(result.backup.taken_at))
    if result.evidence_copied:
        text += " " + ngettext(
            "{count} new evidence file copied.",
            "{count} new evidence files copied.",
            result.evidence_copied,
        ).format(count=format_number(result.evidence_copied))
    if result.evidence_missing:
        text += " " + ngettext(
            "{count} evidence file was missing or damaged and is not in it.",
            "{count} evidence files were missing or damaged and are not in it.",
            len(result.evidence_missing),
        ).format(count=format_number(len(result.evidence_missing)))
    return text


class BackupActions(QObject):
    """Runs backups on the thread pool; at most one at a time."""

    backup_started = Signal()
    backup_finished = Signal(str)  # what to tell the user
    backup_failed = Signal(str)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.task: BackgroundTask | None = None

    @property
    def running(self) -> bool:
        return self.task is not None

    def back_up_now(self) -> None:
        self._start(lambda progress, _stop: backups.back_up(self.db, progress=progress))

    def daily_backup(self, now: dt.datetime | None = None) -> None:
        """Makes today's backup if there is none yet; quiet unless it fails."""
        self._start(lambda _progress, _stop: backups.daily_backup(self.db, now=now), quiet=True)

    def _start(self, work: Work, *, quiet: bool = False) -> None:
        if self.task is not None:
            return
        task = BackgroundTask(work, self)
        task.succeeded.connect(lambda result: self._succeeded(result, quiet))
        task.failed.connect(self._failed)
        task.ended.connect(self._ended)
        self.task = task
        if not quiet:
            self.backup_started.emit()
        task.start()

    def _succeeded(self, result: BackupResult | None, quiet: bool) -> None:
        if result is not None and (not quiet or result.evidence_missing):
            self.backup_finished.emit(describe(result))

    def _failed(self, message: str) -> None:
        self.backup_failed.emit(_("The backup failed: {reason}").format(reason=message))

    def _ended(self) -> None:
        self.task = None

    def wait(self, timeout: float = 30) -> None:
        """Lets a running backup finish (before the database is closed)."""
        if self.task is not None:
            self.task.wait(timeout)
