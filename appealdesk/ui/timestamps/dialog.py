"""Where the user lists the time-stamping authorities, and learns what asking them sends."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QPlainTextEdit, QVBoxLayout, QWidget

from appealdesk.domain.errors import ValidationError
from appealdesk.i18n import _
from appealdesk.services.tsa_addresses import clean_urls
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.base.settings import AppSettings
from appealdesk.ui.widgets.dialog_parts import ErrorLine, ok_cancel
from appealdesk.ui.widgets.plain_text import plain_label


class TimestampSettingsDialog(Retranslatable, QDialog):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timestamp_settings")
        self.settings = settings
        self.explanation = plain_label(word_wrap=True)
        self.urls_label = plain_label()
        self.urls = QPlainTextEdit()
        self.urls.setObjectName("timestamp_urls")
        self.urls.setTabChangesFocus(True)
        self.urls.setPlainText("\n".join(settings.timestamp_authorities))
        self.urls_label.setBuddy(self.urls)
        self.error = ErrorLine()
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.urls_label)
        layout.addWidget(self.urls, 1)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, self.save))
        self.setMinimumWidth(520)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Trusted time stamps"))
        self.explanation.setText(
            _(
                "A time-stamping authority (RFC 3161) signs that a file with a given SHA-256 "
                "existed at a given time. When you ask for time stamps, AppealDesk sends each "
                "authority below the SHA-256 of the evidence, and only that: never the file, "
                "its name or anything about the case. The authority does learn that someone "
                "at your internet address asked at that moment.\n\n"
                "Leave the list empty to never contact an authority (the default)."
            )
        )
        self.urls_label.setText(_("&Authorities (one web address per line):"))
        self.urls.setPlaceholderText("https://freetsa.org/tsr")

    def save(self) -> None:
        try:
            urls = clean_urls(self.urls.toPlainText())
        except ValidationError as exc:
            self.error.show_error(exc.message)
            return
        self.settings.timestamp_authorities = urls
        self.accept()


def edit_timestamp_settings(settings: AppSettings, parent: QWidget) -> TimestampSettingsDialog:
    dialog = TimestampSettingsDialog(settings, parent)
    dialog.open()
    return dialog
