"""The database behind the window: one window per database, recovery, restores.

The host takes the instance lock, opens the database (offering the newest good backup
when it is damaged; a large file is checked while its cases are already shown), shows the
main window, starts the daily backup once the window is up, and swaps the whole window when
the user restores a backup.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog

from appealdesk.domain.errors import AppealDeskError, DamagedDatabaseError
from appealdesk.i18n import _, format_number, ngettext
from appealdesk.store.database import is_database_url
from appealdesk.store.database_file import database_file_status
from appealdesk.store.files import make_private_dir
from appealdesk.store.instance_lock import InstanceLock, SharedDatabase
from appealdesk.ui.backups.recovery import (
    CHECK_BESIDE_FROM_BYTES,
    AskToRecover,
    IntegrityCheck,
    ask_to_recover,
    backup_to_restore,
    checked_beside,
)
from appealdesk.ui.base.background import BackgroundTask
from appealdesk.ui.main_window.window import MainWindow
from appealdesk.ui.widgets.confirm import tell

if TYPE_CHECKING:
    from appealdesk.services.encryption import ConversionResult
    from appealdesk.services.integrity import Damage
    from appealdesk.services.restore import RestoreResult
    from appealdesk.store.database import Database
    from appealdesk.store.encryption.keys import DataKey
    from appealdesk.ui.base.settings import AppSettings

log = logging.getLogger(__name__)

MODAL_RETRY_MS = 500


class WindowHost(QObject):
    window_opened = Signal(MainWindow)
    # A RestoreResult: its module loads the ORM, which the window does not need before a restore.
    restore_finished = Signal(object)
    restore_failed = Signal(str)

    def __init__(
        self,
        path: Path | str | None,
        settings: AppSettings,
        *,
        ask: AskToRecover = ask_to_recover,
        daily_backup_delay_ms: int = 3000,
        check_beside_from_bytes: int = CHECK_BESIDE_FROM_BYTES,
    ) -> None:
        super().__init__()
        self.default_location = path is None
        # A team database on PostgreSQL: no file, no key, no lock (every member has it open).
        self.url = path if isinstance(path, str) and is_database_url(path) else None
        if path is None:
            from appealdesk.services.workspace import default_database_path

            path = default_database_path()
        self.path = Path(path).expanduser().absolute() if self.url is None else Path()
        self.settings = settings
        self.ask = ask
        self.daily_backup_delay_ms = daily_backup_delay_ms
        self.check_beside_from_bytes = check_beside_from_bytes
        self.check: IntegrityCheck | None = None  # of a large file, beside the window's work
        self.lock: InstanceLock | SharedDatabase = (
            InstanceLock(self.path) if self.url is None else SharedDatabase()
        )
        self.db: Database | None = None
        self.key: DataKey | None = None  # of an encrypted database, once the user gave it
        self.window: MainWindow | None = None
        self.restore_task: BackgroundTask | None = None

    def start(self) -> bool:
        """Shows the window, then opens the database into it; False (after telling why)
        when it cannot be opened."""
        try:
            if self.default_location:
                make_private_dir(self.path.parent)
            if self.url is None:
                database_file_status(self.path)  # before a lock file is made beside a device
            self.lock.acquire()
        except AppealDeskError as exc:
            tell(None, _("AppealDesk cannot open the database"), exc.message)
            return False
        window = MainWindow(None, self.settings, path=self.path if self.url is None else None)
        self._connect(window)
        window.show()
        QApplication.processEvents()  # the first frame, before the database is checked
        self.window = window
        self.window_opened.emit(window)
        try:
            self.db = self._open()
        except AppealDeskError as exc:
            tell(window, _("AppealDesk cannot open the database"), exc.message)
            self.db = None
        if self.db is None:
            window.close()
            self.window = None
            self.lock.release()
            return False
        window.attach(self.db)
        if self.check is not None:
            self.check.start()
        if self.db.read_only is not None or self.db.shared:
            return True  # no daily backup: none beside a read-only file, pg_dump for a team
        QTimer.singleShot(self.daily_backup_delay_ms, self._daily_backup)
        return True

    def _open(self) -> Database | None:
        from appealdesk.services import workspace
        from appealdesk.ui.encryption.unlocking import UnlockCancelledError, key_for_window

        if self.url is not None:
            return workspace.open_workspace(self.url)
        try:
            self.key = key_for_window(self.path, self.window)
        except UnlockCancelledError:
            return None
        beside = checked_beside(self.path, self.check_beside_from_bytes)
        try:
            db = workspace.open_workspace(self.path, key=self.key, check=not beside)
        except DamagedDatabaseError as exc:
            from appealdesk.services import restore

            backup = restore.newest_good_backup(self.path, self.key)
            if backup is None or not self.ask(exc.message, backup):
                if backup is None:
                    raise
                return None
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                restore.restore(self.path, backup.path, key=self.key)
            finally:
                QGuiApplication.restoreOverrideCursor()
            return workspace.open_workspace(self.path, key=self.key)
        if beside:
            self.check = IntegrityCheck(db, self)
            self.check.damage_found.connect(self._damage_found)
        return db

    def _damage_found(self, damage: Damage) -> None:
        """The check beside the work found the open database damaged: as at start, the
        newest good backup is offered in its place; without one, or declined, the window
        closes and the file stays as it is."""
        self.check = None
        if self.window is None or self.restore_task is not None:
            return
        if QApplication.activeModalWidget() is not None:  # the user's dialog is finished first
            QTimer.singleShot(MODAL_RETRY_MS, self, lambda: self._damage_found(damage))
            return
        backup = backup_to_restore(self.window, damage, self.ask)
        if backup is not None:
            self.restore_from(backup)
        else:
            self.window.close()

    def _stop_check(self) -> None:
        if self.check is not None:
            self.check.stop()
            self.check = None

    def _show_window(self) -> MainWindow:
        assert self.db is not None
        window = MainWindow(self.db, self.settings)
        self._connect(window)
        window.show()
        self.window = window
        self.window_opened.emit(window)
        return window

    def _connect(self, window: MainWindow) -> None:
        window.restore_requested.connect(self.restore_from)
        window.menus.encrypt.triggered.connect(lambda _checked=False: self.encrypt_database())

    def _daily_backup(self) -> None:
        if self.window is not None and self.restore_task is None:
            self.window.backup_actions.daily_backup()

    def restore_from(self, source: Path) -> None:
        """Closes the window and its database, restores ``source`` and opens a new window."""
        from appealdesk.services import restore

        key = self.key
        self._while_closed(
            _("Restore from backup"),
            _("Restoring the backup…"),
            lambda: restore.restore(self.path, source, key=key),
            self._restored,
            self._restore_failed,
        )

    def encrypt_database(self) -> None:
        """Asks for a passphrase, closes the window, encrypts the database in place, opens
        it again and shows the recovery key once."""
        if self.window is None or self.key is not None or self.restore_task is not None:
            return
        from appealdesk.services.encryption import encrypt_database
        from appealdesk.ui.encryption.secrets_dialogs import PassphraseDialog

        asked = PassphraseDialog(self.path, self.window)
        if asked.exec() != QDialog.DialogCode.Accepted:
            return
        passphrase = asked.passphrase
        self._while_closed(
            _("Encrypt database"),
            _("Encrypting the database and its evidence…"),
            lambda: encrypt_database(self.path, passphrase, lock_held=True),
            self._encrypted,
            self._encrypt_failed,
        )

    def _while_closed(
        self,
        title: str,
        text: str,
        work: Callable[[], object],
        succeeded: Callable[[Any], None],
        failed: Callable[[str], None],
    ) -> None:
        """Runs ``work`` in the background with the window and its database closed."""
        if self.window is None or self.db is None or self.restore_task is not None:
            return
        self._stop_check()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.setQuitOnLastWindowClosed(False)
        old = self.window
        old.close()
        old.deleteLater()
        self.window = None
        self.db.close()
        self.db = None
        progress = QProgressDialog(text, "", 0, 0)
        progress.setCancelButton(None)
        progress.setWindowTitle(title)
        progress.setMinimumDuration(0)
        progress.show()
        task = BackgroundTask(lambda _progress, _stop: work(), self)
        task.succeeded.connect(succeeded)
        task.failed.connect(failed)
        task.ended.connect(progress.close)
        task.ended.connect(lambda: app.setQuitOnLastWindowClosed(True))
        self.restore_task = task
        task.start()

    def _encrypted(self, result: ConversionResult) -> None:
        from appealdesk.store.encryption.unlock import remember_key
        from appealdesk.ui.encryption.secrets_dialogs import RecoveryKeyDialog

        self.key = result.key
        remembered = remember_key(self.path, result.key)
        window = self._reopen()
        if window is None:
            return
        RecoveryKeyDialog(result.key.recovery_text(), self.path, window).exec()
        text = _("The database and its evidence are encrypted.")
        if result.plain_backups_removed:
            text += " " + ngettext(
                "{count} unencrypted backup was removed; a new, encrypted one was made.",
                "{count} unencrypted backups were removed; a new, encrypted one was made.",
                result.plain_backups_removed,
            ).format(count=format_number(result.plain_backups_removed))
        if not remembered:
            text += " " + _(
                "This computer has no keyring AppealDesk can use, so the passphrase is asked "
                "at every start."
            )
        window.message_bar.show_info(text, seconds=30)

    def _encrypt_failed(self, message: str) -> None:
        window = self._reopen()
        if window is not None:
            window.message_bar.show_error(
                _("The database was not encrypted: {reason}").format(reason=message)
            )

    def _reopen(self) -> MainWindow | None:
        self.restore_task = None
        from appealdesk.services import workspace

        try:
            self.db = workspace.open_workspace(self.url or self.path, key=self.key)
            return self._show_window()
        except Exception as exc:  # whatever it was, no process without a window keeps the lock
            if isinstance(exc, AppealDeskError):
                message = exc.message
            else:
                log.exception("the database could not be opened again")
                message = _("Something went wrong: {error}").format(error=exc)
            tell(None, _("AppealDesk cannot open the database"), message)
            if self.db is not None:
                self.db.close()
                self.db = None
            self.lock.release()
            QApplication.quit()
            return None

    def _restored(self, result: RestoreResult) -> None:
        window = self._reopen()
        if window is None:
            return
        text = _("The backup is restored.")
        if result.kept_aside is not None:
            text += " " + _("The database as it was is kept as {name}.").format(
                name=result.kept_aside.name
            )
        if result.evidence_missing:
            text += " " + ngettext(
                "{count} evidence file of the backup is missing.",
                "{count} evidence files of the backup are missing.",
                len(result.evidence_missing),
            ).format(count=format_number(len(result.evidence_missing)))
        window.message_bar.show_info(text, seconds=20)
        self.restore_finished.emit(result)

    def _restore_failed(self, message: str) -> None:
        window = self._reopen()
        if window is None:
            return
        window.message_bar.show_error(
            _("The backup was not restored: {reason}").format(reason=message)
        )
        self.restore_failed.emit(message)

    def shutdown(self) -> None:
        self._stop_check()
        if self.restore_task is not None:
            self.restore_task.wait()
        if self.window is not None:
            self.window.backup_actions.wait()
        if self.db is not None:
            self.db.close()
            self.db = None
        self.lock.release()
