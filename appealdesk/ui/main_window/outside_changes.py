"""Looking now and then whether another program changed the database the window shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from appealdesk.ui.base.signals import DataSignals

if TYPE_CHECKING:  # loaded with the database, after the window shows
    from appealdesk.services.outside_changes import OutsideChanges
    from appealdesk.store.database import Database

# One PRAGMA on a local file each time: unnoticeable, and soon enough for a script's change.
POLL_MS = 1500


class OutsideChangesPoll(QObject):
    """Emits ``signals.database_changed_elsewhere`` after another program committed."""

    def __init__(self, signals: DataSignals, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.signals = signals
        self._changes: OutsideChanges | None = None
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self.poll)

    def attach(self, db: Database) -> None:
        from appealdesk.services.outside_changes import OutsideChanges

        self.stop()
        self._changes = OutsideChanges(db)
        self._timer.start()

    def track_own_commits(self) -> None:
        """From now on the window's own commits cause no refresh."""
        if self._changes is not None:
            self._changes.track_own_commits()

    def poll(self) -> None:
        if self._changes is not None and self._changes.changed_elsewhere():
            self.signals.database_changed_elsewhere.emit()

    def stop(self) -> None:
        self._timer.stop()
        if self._changes is not None:
            self._changes.close()
            self._changes = None
