"""Asking for the passphrase or the recovery key of an encrypted database.

A wrong answer is said inside the dialog and what was typed stays, so a long passphrase
with one typing error can be mended rather than typed again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from appealdesk.domain.errors import AppealDeskError
from appealdesk.i18n import _
from appealdesk.store.encryption import keyring_entry
from appealdesk.store.encryption.unlock import KeyUnavailableError, Unlocked, unlock
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.widgets.dialog_parts import ErrorLine, ok_cancel
from appealdesk.ui.widgets.plain_text import bold_label, plain_label


class UnlockDialog(Retranslatable, QDialog):
    """``unlocked`` holds the key once the dialog is accepted."""

    def __init__(
        self, database: Path, reason: KeyUnavailableError, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unlock_database")
        self.database = database
        self.reason = reason
        self.unlocked: Unlocked | None = None
        self.heading = bold_label(word_wrap=True)
        self.explanation = plain_label(word_wrap=True)
        self.explanation.setObjectName("unlock_explanation")
        self.use_passphrase = QRadioButton()
        self.use_recovery = QRadioButton()
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.use_passphrase)
        self.choice.addButton(self.use_recovery)
        self.secret = QLineEdit()
        self.secret.setObjectName("unlock_secret")
        self.secret_label = plain_label()
        self.secret_label.setBuddy(self.secret)
        self.show_secret = QCheckBox()
        self.remember = QCheckBox()
        self.remember.setObjectName("unlock_remember")
        self.remember.setChecked(keyring_entry.enabled())
        self.error = ErrorLine()

        choices = QHBoxLayout()
        choices.addWidget(self.use_passphrase)
        choices.addWidget(self.use_recovery)
        choices.addStretch(1)
        form = QFormLayout()
        form.addRow(self.secret_label, self.secret)
        form.addRow("", self.show_secret)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addLayout(choices)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, self.try_key))

        if reason.key_file_missing:
            self.use_passphrase.setEnabled(False)
            self.use_recovery.setChecked(True)
        else:
            self.use_passphrase.setChecked(True)
        self.choice.buttonToggled.connect(lambda _button, _on: self._mode_changed())
        self.show_secret.toggled.connect(lambda _on: self._mode_changed())
        self.secret.textEdited.connect(lambda _text: self.error.clear_error())
        self.setMinimumWidth(520)
        self.retranslate_ui()
        self._mode_changed()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Open encrypted database"))
        self.heading.setText(_("{name} is encrypted").format(name=self.database.name))
        if self.reason.keyring_lost:
            self.explanation.setText(
                _(
                    "The keyring of this computer no longer holds the key of this database, "
                    "for example after a new keyring or a reinstall. Nothing is lost: enter the "
                    "passphrase or the recovery key, and AppealDesk stores the key again."
                )
            )
        elif self.reason.key_file_missing:
            self.explanation.setText(
                _(
                    "Its key file ({name}) is missing, so only the recovery key can open it. "
                    "That is the key of eleven groups you printed or stored when the database "
                    "was encrypted."
                ).format(name=self.database.stem + ".key")
            )
        else:
            self.explanation.setText(
                _("Enter the passphrase, or the recovery key if you no longer know it.")
            )
        self.use_passphrase.setText(_("&Passphrase"))
        self.use_recovery.setText(_("&Recovery key"))
        self.show_secret.setText(_("&Show what I type"))
        self.remember.setText(_("Re&member on this computer (in the system keyring)"))
        self.remember.setToolTip(
            _(
                "The key is stored in the keyring of your user account, so AppealDesk opens "
                "this database without asking. Anyone who can log in as you can then open it."
            )
        )
        self._mode_changed()

    def _mode_changed(self) -> None:
        recovery = self.use_recovery.isChecked()
        self.secret_label.setText(_("Recovery &key:") if recovery else _("Pass&phrase:"))
        self.secret.setPlaceholderText("XXXXX-XXXXX-XXXXX-…" if recovery else "")
        hidden = not (recovery or self.show_secret.isChecked())
        self.secret.setEchoMode(
            QLineEdit.EchoMode.Password if hidden else QLineEdit.EchoMode.Normal
        )
        self.show_secret.setVisible(not recovery)
        self.secret.setFocus()

    def try_key(self) -> None:
        text = self.secret.text()
        if not text.strip():
            self.error.show_error(
                _("Enter the recovery key.")
                if self.use_recovery.isChecked()
                else _("Enter the passphrase.")
            )
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # the key derivation
        try:
            if self.use_recovery.isChecked():
                self.unlocked = unlock(
                    self.database,
                    recovery_key=text,
                    use_environment=False,
                    remember=self.remember.isChecked(),
                )
            else:
                self.unlocked = unlock(
                    self.database,
                    passphrase=text,
                    use_environment=False,
                    remember=self.remember.isChecked(),
                )
        except AppealDeskError as exc:
            self.error.show_error(exc.message)
            self.secret.selectAll()
            self.secret.setFocus()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.accept()


def ask_for_key(
    database: Path, reason: KeyUnavailableError, parent: QWidget | None = None
) -> Unlocked | None:
    """The key as the user gives it, or None when they cancel."""
    dialog = UnlockDialog(database, reason, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.unlocked
    finally:
        dialog.deleteLater()
