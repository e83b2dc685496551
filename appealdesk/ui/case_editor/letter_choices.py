"""Parts of the letter tab: which letter (the proposed one first), the body an out-of-court
complaint goes to, and the appeal's short version with its live character count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from appealdesk.domain.enums import LetterKind
from appealdesk.domain.labels import label
from appealdesk.domain.letter_stage import letter_order
from appealdesk.domain.models import AppealLetter
from appealdesk.domain.ods_bodies import body_by_id, ods_bodies
from appealdesk.domain.ods_eligibility import Eligibility
from appealdesk.domain.reference import AppealField
from appealdesk.domain.taxonomy import find_exception, has_guidelines, taxonomy_for
from appealdesk.i18n import _, format_date, format_number, ngettext
from appealdesk.services import ods
from appealdesk.services.changes import LetterChanges
from appealdesk.services.ods import BodyForCase
from appealdesk.services.results import CaseDetail
from appealdesk.store.database import Database
from appealdesk.ui.widgets.fields import ChoiceCombo, CommitTextEdit
from appealdesk.ui.widgets.plain_text import plain_label

# What is stored per letter, as CaseActions.save_letter takes it: text, grounds, exception,
# short version and body (here always all five).
LetterState = LetterChanges


def exception_name(day: dt.date | None, key: str) -> str:
    exception = find_exception(day, key)
    return exception.name.text() if exception else key


def offered_exceptions(detail: CaseDetail, stored: Iterable[AppealLetter]) -> list[str]:
    """The exceptions of the edition in force on the block date, and any chosen earlier from
    another edition (it stays as it was saved); none for another platform than the one whose
    guidelines are here."""
    if not has_guidelines(detail.account.platform):
        return []
    keys = [e.key for e in taxonomy_for(detail.case.blocked_at.date()).exceptions]
    for letter in stored:
        if letter.exception and letter.exception not in keys:
            keys.append(letter.exception)
    return keys


def letter_state(letter: AppealLetter | None) -> LetterState:
    if letter is None:
        return {"text": "", "grounds": [], "exception": None, "short_text": "", "body_id": None}
    return {
        "text": letter.text,
        "grounds": list(letter.grounds),
        "exception": letter.exception,
        "short_text": letter.short_text,
        "body_id": letter.body_id,
    }


def _body_name(body_id: str) -> str:
    body = body_by_id(body_id)
    return body.name if body is not None else body_id


class LetterChoices(QWidget):
    """The kind of letter and, for a complaint to an out-of-court body, the body."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proposed = LetterKind.APPEAL
        self.kind_label = plain_label()
        self.kind = ChoiceCombo(letter_order(self.proposed), self._kind_name)
        self.kind.setObjectName("letter_kind")
        # Elided rather than overlapping its neighbours when the editor is narrow.
        shrinking = QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        self.kind.setSizeAdjustPolicy(shrinking)
        self.kind.setMinimumContentsLength(36)  # "Verzoek om een motivering (voorgesteld)"
        self.kind_label.setBuddy(self.kind)
        self.body_label = plain_label()
        self.body = ChoiceCombo(
            [b.id for b in ods_bodies()], _body_name, none_text=lambda: _("Not chosen")
        )
        self.body.setObjectName("letter_body")
        self.body.setSizeAdjustPolicy(shrinking)
        self.body.setMinimumContentsLength(16)
        self.body_label.setBuddy(self.body)
        self.body.committed.connect(lambda _key: self._show_eligibility())
        self.eligibility = plain_label(word_wrap=True)
        self.eligibility.setObjectName("letter_body_eligibility")
        self._bodies: dict[str, Eligibility] = {}
        # The body under the kind (the eligibility goes on a row of the tab, under both).
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.kind_label, 0, 0)
        grid.addWidget(self.kind, 0, 1)
        grid.addWidget(self.body_label, 1, 0)
        grid.addWidget(self.body, 1, 1)
        grid.setColumnStretch(2, 1)

    def _kind_name(self, kind: LetterKind) -> str:
        if kind is self.proposed:
            return _("{kind} (proposed)").format(kind=label(kind))
        return label(kind)

    def propose(self, proposed: LetterKind) -> None:
        """Puts the proposed kind first and marks it, keeping the kind chosen."""
        self.proposed = proposed
        self.kind.set_values(letter_order(proposed))
        self.kind.retranslate()

    def show_kind(self, kind: LetterKind) -> None:
        self.kind.set_value(kind)
        ods = kind is LetterKind.ODS_COMPLAINT
        self.body_label.setVisible(ods)
        self.body.setVisible(ods)
        self.eligibility.setVisible(ods)

    def check_bodies(self, db: Database, case_id: int | None) -> None:
        """Says under the body chosen whether it can take the case (for that letter only)."""
        bodies: Sequence[BodyForCase] = ()
        if case_id is not None and self.kind.value() is LetterKind.ODS_COMPLAINT:
            bodies = ods.bodies_for_case(db, case_id)
        self._bodies = {b.body.id: b.eligibility for b in bodies}
        self._show_eligibility()

    def _show_eligibility(self) -> None:
        body_id = self.body.value()
        found = self._bodies.get(body_id) if body_id else None
        if found is None:
            self.eligibility.setText("")
            return
        name = _body_name(body_id)
        if found.eligible is True:
            verdict = _("{body} can take this dispute.").format(body=name)
        elif found.eligible is False:
            verdict = _("{body} cannot take this dispute:").format(body=name)
        else:
            verdict = _("Whether {body} can take this dispute is not certain:").format(body=name)
        points = [f"• {reason.text()}" for reason in found.open_points()]
        self.eligibility.setText("\n".join([verdict, *points]))

    def retranslate_ui(self) -> None:
        self.kind_label.setText(_("&Letter:"))
        self.body_label.setText(_("Dispute settlement &body:"))
        self.kind.retranslate()
        self.body.retranslate()
        self._show_eligibility()


class ShortVersion(QGroupBox):
    """The appeal in a few sentences for the platform's own appeal field, with its length."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field: AppealField | None = None
        self.text = CommitTextEdit()
        self.text.setObjectName("letter_short_text")
        self.text.setMaximumHeight(110)
        self.text.textChanged.connect(self.show_count)
        self.count = plain_label()
        self.count.setObjectName("letter_short_count")
        self.count.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.count)

    def set_field(self, field: AppealField | None) -> None:
        self.field = field
        self.show_count()

    def show_count(self) -> None:
        length = len(self.text.toPlainText())
        count = format_number(length)
        if self.field is None:
            text = ngettext("{count} character", "{count} characters", length).format(count=count)
        else:
            limit = format_number(self.field.max_length)
            text = ngettext(
                "{count} of {limit} character", "{count} of {limit} characters", length
            ).format(count=count, limit=limit)
            if not self.field.confirmed:
                text += " · " + _("limit reported by third parties, not confirmed")
            if length > self.field.max_length:
                text += " · " + _("too long for the appeal field")
        self.count.setText(text)

    def retranslate_ui(self) -> None:
        self.setTitle(_("Short version for the appeal field in the app"))
        self.text.setAccessibleName(_("Short version"))
        self.show_count()


class SentRow(QWidget):
    """Marking the letter as sent, and when it was."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.button = QPushButton()
        self.button.setObjectName("mark_letter_sent")
        self.label = plain_label()
        self.label.setObjectName("letter_sent")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addWidget(self.label)
        row.addStretch(1)
        self._sent_at: dt.datetime | None = None

    def show_sent(self, letter: AppealLetter | None) -> None:
        self._sent_at = letter.sent_at if letter is not None else None
        when = format_date(self._sent_at, "long") if self._sent_at else ""
        self.label.setText(_("Sent on {date}").format(date=when) if when else "")

    def retranslate_ui(self) -> None:
        when = format_date(self._sent_at, "long") if self._sent_at else ""
        self.label.setText(_("Sent on {date}").format(date=when) if when else "")
        self.button.setText(_("&Mark as sent"))
        self.button.setToolTip(_("Record on the timeline that this letter was sent today"))
