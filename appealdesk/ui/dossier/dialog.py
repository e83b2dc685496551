"""Exporting the appeal dossier (Ctrl+E): language, format, evidence, place; with a preview.

Both the preview and the export run off the UI thread; the export has a progress bar and can
be cancelled, and a failed or cancelled export leaves no file behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from appealdesk.domain.errors import AppealDeskError
from appealdesk.domain.evidence_rules import UnprotectedEvidenceError
from appealdesk.export.content import DossierFormat, ExportOptions, gather
from appealdesk.export.files import check_target
from appealdesk.export.result import ExportResult
from appealdesk.i18n import LANGUAGE_NAMES, SUPPORTED_LANGUAGES, _, current_language
from appealdesk.services import cases
from appealdesk.store.database import Database
from appealdesk.ui.base.background import BackgroundTask, Progress, StopRequested
from appealdesk.ui.base.folders import starting_folder
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.base.settings import AppSettings, FolderUse
from appealdesk.ui.dossier.actions import record_exported
from appealdesk.ui.dossier.evidence_choice import EvidenceChoice
from appealdesk.ui.dossier.exported import ExportedNote
from appealdesk.ui.dossier.plain_note import PlainExportNote
from appealdesk.ui.dossier.preview import PagePreview, page_images
from appealdesk.ui.dossier.process import ExportProcess
from appealdesk.ui.dossier.recipient import RecipientChooser, default_path, renamed
from appealdesk.ui.dossier.unprotected import UnprotectedNote
from appealdesk.ui.dossier.warnings import ContradictionsNote
from appealdesk.ui.widgets.dialog_parts import ErrorLine
from appealdesk.ui.widgets.fields import ChoiceCombo
from appealdesk.ui.widgets.file_dialogs import save_file_name
from appealdesk.ui.widgets.forms import set_form_labels
from appealdesk.ui.widgets.plain_text import plain_label


class ExportDialog(Retranslatable, QDialog):
    export_finished = Signal(ExportResult)
    black_out_requested = Signal(int)  # an evidence id: the dialog closed for its editor

    def __init__(
        self, db: Database, case_id: int, settings: AppSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("export_dialog")
        self.db = db
        self.settings = settings  # remembers the folder of the last export
        self.case_id = case_id
        self.detail = cases.get_case(db, case_id)
        self.task: ExportProcess | None = None
        self.preview_task: BackgroundTask | None = None
        self.exported: ExportResult | None = None

        self.language = ChoiceCombo(list(SUPPORTED_LANGUAGES), LANGUAGE_NAMES.__getitem__)
        self.language.set_value(current_language())
        self.recipient = RecipientChooser(self.detail.case)
        self.pdf = QRadioButton()
        self.bundle = QRadioButton()
        self.pdf.setChecked(True)
        formats = QButtonGroup(self)
        formats.addButton(self.pdf)
        formats.addButton(self.bundle)
        format_row = QHBoxLayout()
        format_row.addWidget(self.pdf)
        format_row.addWidget(self.bundle)
        format_row.addStretch(1)
        self.sensitive = QCheckBox()
        self.evidence = EvidenceChoice(self.detail.evidence)
        self.path = QLineEdit()
        self.path.setObjectName("export_path")
        self.browse = QPushButton()
        path_row = QWidget()  # a widget, not a layout: the label's mnemonic needs a buddy
        path_layout = QHBoxLayout(path_row)
        path_layout.setContentsMargins(0, 0, 0, 0)
        path_layout.addWidget(self.path, 1)
        path_layout.addWidget(self.browse)
        path_row.setFocusProxy(self.path)

        self.form = QFormLayout()
        self.form.addRow(plain_label(), self.recipient)
        self.form.addRow(plain_label(), self.language)
        self.form.addRow(plain_label(), format_row)
        self.form.addRow(plain_label(), self.sensitive)
        self.form.addRow(plain_label(), self.evidence)
        self.form.addRow(plain_label(), path_row)
        self.preview = PagePreview()
        self.warnings = ContradictionsNote()
        self.unprotected = UnprotectedNote()
        self.plain_note = PlainExportNote(db.key is not None)
        self.unprotected.black_out_requested.connect(self._black_out)
        self.preview.setObjectName("export_preview")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.error = ErrorLine()
        self.exported_note = ExportedNote()
        self.exported_note.open_failed.connect(self.error.show_error)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.hide()  # instead of Cancel once a dossier is written
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self._cancel_or_close)
        self.close_button.clicked.connect(self._cancel_or_close)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(self.form)
        left_layout.addWidget(self.unprotected)
        left_layout.addWidget(self.warnings)
        left_layout.addWidget(self.plain_note)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setSizes([420, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        layout.addWidget(self.exported_note)
        layout.addWidget(self.buttons)

        self.language.committed.connect(self._settings_changed)
        self.recipient.recipient_changed.connect(self._settings_changed)
        self.pdf.toggled.connect(self._settings_changed)
        self.sensitive.toggled.connect(self._sensitive_toggled)
        self.path.textChanged.connect(self._path_edited)
        self.evidence.itemChanged.connect(lambda _item: self._settings_changed())
        self.browse.clicked.connect(self.choose_path)
        folder = starting_folder(settings, FolderUse.EXPORT)
        self.path.setText(str(default_path(folder, self.detail.case.case_number, self.options())))
        self.resize(1000, 680)
        self.retranslate_ui()
        self._previewed = False  # typeset once shown, at the preview's own width
        self._closed = False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._previewed:
            self._previewed = True
            QTimer.singleShot(0, self, self.refresh_preview)

    def retranslate_ui(self) -> None:
        number = self.detail.case.case_number
        self.setWindowTitle(_("Export the dossier of {case_number}").format(case_number=number))
        labels = [_("&Recipient:"), _("&Language:"), _("Format:"), ""]
        set_form_labels(self.form, dict(enumerate([*labels, _("E&vidence:"), _("&Save as:")])))
        self.recipient.retranslate()
        self.pdf.setText(_("&PDF"))
        self.bundle.setText(_("&Bundle (ZIP with the PDF, the evidence files and a manifest)"))
        self.sensitive.setText(_("&Include identity documents (as protected copies)"))
        self.browse.setText(_("C&hoose…"))
        self.export_button.setText(_("&Export"))
        self.show_contradictions()
        for part in (self.preview, self.evidence, self.unprotected, self.plain_note):
            part.retranslate()
        self.exported_note.retranslate()

    # Choices ------------------------------------------------------------------------------

    def _sensitive_toggled(self, on: bool) -> None:
        self.evidence.include_sensitive(on)
        self._settings_changed()

    def options(self) -> ExportOptions:
        dossier_format = DossierFormat.PDF if self.pdf.isChecked() else DossierFormat.BUNDLE
        recipient, body_id = self.recipient.value()
        return ExportOptions(
            self.language.value(),
            dossier_format,
            self.sensitive.isChecked(),
            self.evidence.chosen_ids(),
            recipient,
            body_id,
        )

    def _settings_changed(self, *_args: Any) -> None:
        current = Path(self.path.text())
        wanted = renamed(current, self.detail.case.case_number, self.options())
        if wanted != current:
            self.path.setText(str(wanted))
        self.show_contradictions()
        self.refresh_preview()

    def show_contradictions(self) -> None:
        self.warnings.show_for(self.db, self.case_id, self.options())
        self.unprotected.show_for(self.detail, self.options())

    def _black_out(self, evidence_id: int) -> None:
        self.reject()
        self.black_out_requested.emit(evidence_id)

    def choose_path(self) -> None:
        if target := save_file_name(self, _("Save the dossier as"), Path(self.path.text())):
            self.path.setText(str(target))

    # Preview ------------------------------------------------------------------------------

    def refresh_preview(self) -> BackgroundTask | None:
        """Typesets the dossier's pages in the background and shows them (not once closed)."""
        if self._closed:
            return None
        db, case_id, options = self.db, self.case_id, self.options()
        width = self.preview.page_width()

        def work(_progress: Progress, should_stop: StopRequested) -> list[QImage]:
            try:
                content = gather(db, case_id, options)
            except UnprotectedEvidenceError:
                raise AppealDeskError(_("an identity document is not protected yet")) from None
            return page_images(db, content, should_stop, width)

        if self.preview_task is not None:
            self.preview_task.cancel()
        self.preview.show_waiting()
        task = BackgroundTask(work, self)
        task.succeeded.connect(lambda pages, task=task: self._show_preview(task, pages))
        task.failed.connect(lambda message, task=task: self._preview_failed(task, message))
        task.ended.connect(lambda task=task: self._preview_ended(task))
        self.preview_task = task
        task.start()
        return task

    def _show_preview(self, task: BackgroundTask, pages: list[QImage]) -> None:
        if task is self.preview_task:  # not an older preview, with a newer one on its way
            self.preview.show_pages(pages)

    def _preview_failed(self, task: BackgroundTask, message: str) -> None:
        if task is self.preview_task:
            self.preview.show_problem(message)

    def _preview_ended(self, task: BackgroundTask) -> None:
        if task is self.preview_task:
            self.preview_task = None

    # Export -------------------------------------------------------------------------------

    def _target(self) -> Path:
        return Path(self.path.text()).expanduser().absolute()

    def path_problem(self) -> str | None:
        """Why the dossier cannot be saved where the path says (None: it can)."""
        if not self.path.text().strip():
            return _("Choose where to save the dossier.")
        try:
            check_target(self._target())
        except AppealDeskError as exc:
            return exc.message
        return None

    def _path_edited(self, _text: str) -> None:
        """An error on screen goes as soon as the path is one the dossier can be saved at
        (or says what is wrong with the new one): the user need not press Export to see."""
        if self.error.shown_text() and self.task is None:
            problem = self.path_problem()
            if problem is None:
                self.error.clear_error()
            else:
                self.error.show_error(problem)

    def start_export(self) -> ExportProcess | None:
        if self.task is not None:
            return None
        problem = self.path_problem()
        if self.unprotected.items:  # what the export would refuse, said before it starts
            problem = UnprotectedEvidenceError(self.unprotected.items).message
        if problem is not None:
            self.error.show_error(problem)
            return None
        target = self._target()
        self.error.clear_error()
        self.exported_note.hide()
        task = ExportProcess(self.db, self.case_id, self.options(), target, self)
        task.progressed.connect(
            lambda done, total, _text: self.progress.setValue(done * 1000 // max(1, total))
        )
        task.succeeded.connect(self._exported)
        task.failed.connect(self.error.show_error)
        task.ended.connect(self._export_ended)
        self.task = task
        self.progress.setValue(0)
        self.progress.show()
        self.export_button.setEnabled(False)
        task.start()
        return task

    def _exported(self, result: ExportResult) -> None:
        """The dialog stays, to open the dossier or its folder; the next export starts there."""
        self.exported = result
        problem = record_exported(self.db, result)
        if problem is not None:  # the dossier is written all the same
            self.error.show_error(problem)
        self.settings.remember_folder(FolderUse.EXPORT, result.path.parent)
        self.exported_note.show_for(result.path, result.replaced_characters)
        self.cancel_button.hide()
        self.close_button.show()
        self.exported_note.open_button.setFocus()
        self.export_finished.emit(result)

    def _export_ended(self) -> None:
        self.task = None
        self.progress.hide()
        self.export_button.setEnabled(True)

    def reject(self) -> None:
        """Escape or the close button stop a running export; otherwise they close."""
        if self.task is not None:
            self.task.cancel()
        else:
            super().reject()

    def done(self, result: int) -> None:
        if self.task is not None and self.task.running:  # the window is closing meanwhile
            self.task.cancel()
            self.task.wait(30)
        self._closed = True  # a preview still due does not start
        if self.preview_task is not None:  # answers within a second; its result is dropped
            self.preview_task.cancel()
            self.preview_task.wait(5)
        super().done(result)

    def _cancel_or_close(self) -> None:
        if self.task is not None:
            self.task.cancel()
        else:
            self.reject()
