"""Who the dossier is for, in the export dialog: the platform, a body (which one), a lawyer."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from appealdesk.domain.models import Case
from appealdesk.domain.ods_bodies import body_by_id, ods_bodies
from appealdesk.domain.recipients import RECIPIENT_NAMES, Recipient
from appealdesk.export.content import DossierFormat, ExportOptions
from appealdesk.i18n import _
from appealdesk.ui.widgets.fields import ChoiceCombo

EXTENSIONS = {DossierFormat.PDF: ".pdf", DossierFormat.BUNDLE: ".zip"}


def dossier_file_name(case_number: str, options: ExportOptions) -> str:
    """``TT-2026-0004-ods-nl.pdf``: the case, who it is for and its language."""
    recipient, language = options.recipient.value, options.language
    return f"{case_number}-{recipient}-{language}{EXTENSIONS[options.format]}"


def default_path(folder: Path, case_number: str, options: ExportOptions) -> Path:
    """The name made for ``options``, in ``folder`` (see ``ui.base.folders``)."""
    return folder / dossier_file_name(case_number, options)


def renamed(current: Path, case_number: str, options: ExportOptions) -> Path:
    """The path with the name made for ``options`` when the name is one made before (the
    user's own name is kept), and the format's extension."""
    made = re.fullmatch(
        re.escape(case_number) + r"(-(platform|ods|lawyer))?-[a-z]{2}", current.stem
    )
    if made:
        return current.with_name(dossier_file_name(case_number, options))
    return current.with_suffix(EXTENSIONS[options.format])


class RecipientChooser(QWidget):
    """The recipient, and for a body which one (the case's chosen body to begin with)."""

    recipient_changed = Signal()

    def __init__(self, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recipient = ChoiceCombo(list(Recipient), lambda r: _(RECIPIENT_NAMES[r]))
        self.recipient.setObjectName("export_recipient")
        self.body = ChoiceCombo([b.id for b in ods_bodies()], _body_name)
        self.body.setObjectName("export_body")
        self.body.set_value(case.ods_body)
        self.body.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.recipient)
        layout.addWidget(self.body, 1)
        self.setFocusProxy(self.recipient)
        self.recipient.committed.connect(self._chosen)
        self.body.committed.connect(lambda _value: self.recipient_changed.emit())

    def _chosen(self, recipient: Recipient) -> None:
        self.body.setVisible(recipient is Recipient.ODS)
        self.recipient_changed.emit()

    def choose(self, recipient: Recipient, body_id: str | None = None) -> None:
        self.recipient.set_value(recipient)
        if body_id is not None:
            self.body.set_value(body_id)
        self._chosen(recipient)

    def value(self) -> tuple[Recipient, str | None]:
        recipient: Recipient = self.recipient.value()
        return recipient, self.body.value() if recipient is Recipient.ODS else None

    def retranslate(self) -> None:
        self.recipient.retranslate()
        self.body.retranslate()


def _body_name(body_id: str) -> str:
    body = body_by_id(body_id)
    return body.name if body is not None else body_id
