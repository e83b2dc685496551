"""A damaged database: the offer of its newest good backup, and the check of a large file that
runs while its window is already in use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from appealdesk.i18n import _, format_datetime
from appealdesk.ui.base.background import BackgroundTask
from appealdesk.ui.widgets.confirm import message_box, tell

if TYPE_CHECKING:
    from appealdesk.services.integrity import Damage
    from appealdesk.store.backup.folder import BackupFile
    from appealdesk.store.database import Database

# Asked when the database is damaged: the reason and the backup on offer; True to restore it.
AskToRecover = Callable[[str, "BackupFile"], bool]

# A file at least this large is checked beside the window's work rather than before it: about
# 70 ms from memory, longer from a cold disk.
CHECK_BESIDE_FROM_BYTES = 32 * 1024 * 1024


def checked_beside(path: Path, from_bytes: int) -> bool:
    """Whether the file at ``path`` is large enough to be checked while its cases are shown."""
    try:
        return path.stat().st_size >= from_bytes
    except OSError:
        return False  # opening it says what is wrong


def backup_to_restore(window: QWidget, damage: Damage, ask: AskToRecover) -> Path | None:
    """The backup the user chose to put in place of the damaged database; None once the
    user knows that the window closes and leaves the file as it is."""
    if damage.backup is not None and ask(damage.error.message, damage.backup):
        return damage.backup.path
    if damage.backup is None:
        closing = _("There is no good backup of it: AppealDesk closes it and leaves it as it is.")
        tell(window, _("The database is damaged"), f"{damage.error.message}\n\n{closing}")
    return None


def ask_to_recover(message: str, backup: BackupFile) -> bool:
    informative = _(
        "AppealDesk can put the newest good backup in its place, made on {when}. The "
        "damaged file is kept beside it under a new name."
    ).format(when=format_datetime(backup.taken_at, "medium"))
    box = message_box(
        None,
        QMessageBox.Icon.Warning,
        _("The database is damaged"),
        message,
        informative,
        QMessageBox.StandardButton.NoButton,
    )
    restore_button = box.addButton(_("Restore the backup"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is restore_button


class IntegrityCheck(QObject):
    """SQLite's quick check of an open database, on a thread of the work pool; says what it
    found only when something is wrong."""

    damage_found = Signal(object)  # a services.integrity.Damage
    ended = Signal()  # after damage_found, or when the file passed (or the check was stopped)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)

        def check(_progress: object, stop: Callable[[], bool]) -> object:
            from appealdesk.services.integrity import damage_found  # on the check's thread

            return damage_found(db, stop)

        self._task = BackgroundTask(check, self)
        self._task.succeeded.connect(self._checked)
        self._task.ended.connect(self.ended)
        self._started = False

    def start(self) -> None:
        self._started = True
        self._task.start()

    def stop(self) -> None:
        """Ends the check early and waits until its connection is closed."""
        self._task.cancel()
        if self._started:
            self._task.wait()

    def _checked(self, damage: object) -> None:
        if damage is not None and not self._task.cancelled:
            self.damage_found.emit(damage)
