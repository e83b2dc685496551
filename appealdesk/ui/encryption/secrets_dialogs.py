"""Choosing a passphrase, and the recovery key, shown once to be printed or stored."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from appealdesk.i18n import _
from appealdesk.store.encryption.keys import MIN_PASSPHRASE_LENGTH
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.widgets.dialog_parts import ErrorLine, ok_cancel
from appealdesk.ui.widgets.plain_text import bold_label, plain_label


def passphrase_problem(passphrase: str, repeated: str) -> str | None:
    """Why ``passphrase`` cannot be taken, or None."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return _(
            "Use at least {count} characters. A sentence of a few words is easy to remember "
            "and hard to guess."
        ).format(count=MIN_PASSPHRASE_LENGTH)
    if passphrase != repeated:
        return _("The two passphrases differ. Type the same one twice.")
    return None


class PassphraseDialog(Retranslatable, QDialog):
    """A new passphrase, typed twice; ``passphrase`` holds it once accepted."""

    def __init__(self, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("choose_passphrase")
        self.database = database
        self.passphrase = ""
        self.error = ErrorLine()
        self.explanation = plain_label(word_wrap=True)
        self.first = QLineEdit()
        self.first.setObjectName("passphrase_first")
        self.second = QLineEdit()
        self.second.setObjectName("passphrase_second")
        for field in (self.first, self.second):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.textEdited.connect(lambda _text: self.error.clear_error())
        self.first_label = plain_label()
        self.first_label.setBuddy(self.first)
        self.second_label = plain_label()
        self.second_label.setBuddy(self.second)
        form = QFormLayout()
        form.addRow(self.first_label, self.first)
        form.addRow(self.second_label, self.second)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, self.take))
        self.setMinimumWidth(540)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Encrypt database"))
        self.explanation.setText(
            _(
                "AppealDesk encrypts {name}, its evidence, thumbnails and backups with a key "
                "that this passphrase protects. Someone who takes the disk or a backup then "
                "reads nothing of it. It does not protect against malicious software on a "
                "computer where the database is open.\n\n"
                "The key is kept in the keyring of this computer, so you are not asked at every "
                "start. Next you get a recovery key: with it you get back in if you forget the "
                "passphrase."
            ).format(name=self.database.name)
        )
        self.first_label.setText(_("&New passphrase:"))
        self.second_label.setText(_("&Repeat:"))

    def take(self) -> None:
        problem = passphrase_problem(self.first.text(), self.second.text())
        if problem is not None:
            self.error.show_error(problem)
            self.first.setFocus()
            return
        self.passphrase = self.first.text()
        self.accept()


class RecoveryKeyDialog(Retranslatable, QDialog):
    """The recovery key, once. It closes only after the user says it is stored."""

    def __init__(self, recovery_text: str, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recovery_key")
        self.database = database
        self.recovery_text = recovery_text
        self.heading = bold_label(word_wrap=True)
        self.explanation = plain_label(word_wrap=True)
        self.key = QLineEdit(recovery_text)
        self.key.setObjectName("recovery_key_text")
        self.key.setReadOnly(True)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.key.setFont(font)
        self.key.setMinimumWidth(self.key.fontMetrics().horizontalAdvance(recovery_text) + 24)
        self.copy = QPushButton()
        self.copy.clicked.connect(self.copy_key)
        self.save = QPushButton()
        self.save.clicked.connect(self.save_key)
        self.saved = plain_label(word_wrap=True)
        self.saved.setObjectName("recovery_key_saved")
        self.saved.hide()
        self.stored = QCheckBox()
        self.stored.setObjectName("recovery_key_stored")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.done_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.done_button.setEnabled(False)
        self.stored.toggled.connect(self.done_button.setEnabled)
        actions = QHBoxLayout()
        actions.addWidget(self.copy)
        actions.addWidget(self.save)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.key)
        layout.addLayout(actions)
        layout.addWidget(self.saved)
        layout.addWidget(self.stored)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Recovery key"))
        self.heading.setText(_("Write down or save this recovery key now"))
        self.explanation.setText(
            _(
                "It is shown only this once. With it you open {name} when you have forgotten "
                "the passphrase or this computer's keyring lost the key, and it opens every "
                "backup of it. Keep it away from this computer: on paper in a safe place, or "
                "in a password manager. Whoever has it can read the database."
            ).format(name=self.database.name)
        )
        self.copy.setText(_("&Copy"))
        self.save.setText(_("&Save as text file…"))
        self.stored.setText(_("I have &stored the recovery key somewhere safe"))
        self.done_button.setText(_("&Done"))

    def copy_key(self) -> None:
        QGuiApplication.clipboard().setText(self.recovery_text)
        self._say(_("Copied. Paste it where you keep it, then clear the clipboard."))

    def save_key(self) -> None:
        from PySide6.QtCore import QStandardPaths

        from appealdesk.ui.base.folders import existing_folder, standard_folder
        from appealdesk.ui.widgets.file_dialogs import save_file_name

        name = _("AppealDesk recovery key {name}.txt").format(name=self.database.stem)
        documents = standard_folder(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = existing_folder(documents, Path.home()) / name
        target = save_file_name(self, _("Save recovery key"), suggested, _("Text files (*.txt)"))
        if target is None:
            return
        text = _("Recovery key of the AppealDesk database {name}:").format(name=self.database.name)
        try:
            target.write_text(f"{text}\n\n{self.recovery_text}\n", encoding="utf-8")
            written = target.read_text(encoding="utf-8")
        except OSError as exc:
            self._say(_("It could not be saved: {reason}").format(reason=exc.strerror or exc))
            return
        if self.recovery_text in written:
            self._say(_("Saved as {path}.").format(path=target))

    def _say(self, text: str) -> None:
        self.saved.setText(text)
        self.saved.show()

    def reject(self) -> None:
        if self.stored.isChecked():
            super().reject()
