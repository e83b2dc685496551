"""Adding or editing one event of the timeline. Refused input keeps the dialog open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from appealdesk.domain.enums import Channel, Direction, EventKind
from appealdesk.domain.labels import label
from appealdesk.domain.models import Event, now
from appealdesk.i18n import _
from appealdesk.services.changes import EventChanges
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.widgets.date_fields import DateTimeField
from appealdesk.ui.widgets.dialog_parts import ErrorLine, ok_cancel
from appealdesk.ui.widgets.fields import ChoiceCombo, enum_combo
from appealdesk.ui.widgets.forms import set_form_labels
from appealdesk.ui.widgets.plain_text import plain_label

# Where a step usually happens, to spare the user two choices.
USUAL_CHANNEL: dict[EventKind, tuple[Channel | None, Direction | None]] = {
    EventKind.APPEAL_FILED: (Channel.IN_APP_APPEAL, Direction.OUTGOING),
    EventKind.RESPONSE_RECEIVED: (Channel.EMAIL, Direction.INCOMING),
    EventKind.APPEAL_REJECTED: (Channel.EMAIL, Direction.INCOMING),
    EventKind.ACCOUNT_RESTORED: (Channel.IN_APP_APPEAL, Direction.INCOMING),
    EventKind.ID_REQUESTED: (Channel.EMAIL, Direction.INCOMING),
    EventKind.ID_SUBMITTED: (Channel.EMAIL, Direction.OUTGOING),
    EventKind.SUPPORT_CONTACTED: (Channel.SUPPORT_FORM, Direction.OUTGOING),
    EventKind.FOLLOW_UP: (Channel.EMAIL, Direction.OUTGOING),
    EventKind.INTERNAL_COMPLAINT: (Channel.SUPPORT_FORM, Direction.OUTGOING),
    EventKind.OUT_OF_COURT_DISPUTE: (Channel.OUT_OF_COURT_BODY, Direction.OUTGOING),
    EventKind.DATA_ACCESS_REQUEST: (Channel.EMAIL, Direction.OUTGOING),
    EventKind.DATA_ACCESS_RESPONSE: (Channel.EMAIL, Direction.INCOMING),
}

Submit = Callable[[EventChanges, Callable[[str], None]], bool]


def _none() -> str:
    return _("— none —")


class EventDialog(Retranslatable, QDialog):
    """``submit(values, report)`` stores the event; on False the dialog stays open."""

    def __init__(
        self,
        submit: Submit,
        *,
        event: Event | None = None,
        kind: EventKind | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("event_dialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._submit = submit
        self._editing = event is not None
        self._fixed_kind = kind
        self.kind = enum_combo(EventKind, label)
        self.occurred_at = DateTimeField()
        self.occurred_at.setObjectName("event_occurred_at")
        self.channel = enum_combo(Channel, label, none_text=_none)
        self.direction = enum_combo(Direction, label, none_text=_none)
        self.reference = QLineEdit()
        self.reference.setObjectName("event_reference")
        self.summary = QLineEdit()
        self.summary.setObjectName("event_summary")
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)
        self.outcome = QPlainTextEdit()
        self.outcome.setTabChangesFocus(True)
        self.outcome.setMaximumHeight(70)
        self.error = ErrorLine()
        self.buttons = ok_cancel(self, self._save)
        self.kind.currentIndexChanged.connect(self._kind_changed)

        self.form = QFormLayout()
        for widget in (
            self.kind,
            self.occurred_at,
            self.channel,
            self.direction,
            self.reference,
            self.summary,
            self.body,
            self.outcome,
        ):
            self.form.addRow(plain_label(), widget)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._fill(event, kind)
        self.resize(560, 520)
        self.retranslate_ui()

    def _fill(self, event: Event | None, kind: EventKind | None) -> None:
        if event is not None:
            self.kind.set_value(event.kind)
            self.occurred_at.set_value(event.occurred_at)
            self.channel.set_value(event.channel)
            self.direction.set_value(event.direction)
            self.reference.setText(event.reference)
            self.summary.setText(event.summary)
            self.body.setPlainText(event.body)
            self.outcome.setPlainText(event.outcome)
            return
        self.kind.set_value(kind or EventKind.NOTE)
        self.kind.setEnabled(kind is None)
        self.occurred_at.set_value(now())
        self._kind_changed()
        if kind is not None:  # a quick step: what and when are known, the reference is not
            self.reference.setFocus()

    def _kind_changed(self, *_args: object) -> None:
        if self._editing:
            return
        channel, direction = USUAL_CHANNEL.get(self.kind.value(), (None, None))
        self.channel.set_value(channel)
        self.direction.set_value(direction)

    def retranslate_ui(self) -> None:
        if self._editing:
            self.setWindowTitle(_("Edit event"))
        elif self._fixed_kind is not None:
            self.setWindowTitle(_("Record: {step}").format(step=label(self._fixed_kind)))
        else:
            self.setWindowTitle(_("New event"))
        texts = (
            _("&What:"),
            _("&When:"),
            _("&Channel:"),
            _("&Direction:"),
            _("&Reference number:"),
            _("&Summary:"),
            _("Full &text:"),
            _("&Outcome:"),
        )
        set_form_labels(self.form, dict(enumerate(texts)))
        for combo in (self.kind, self.channel, self.direction):
            assert isinstance(combo, ChoiceCombo)
            combo.retranslate()
        self.occurred_at.retranslate()
        self.reference.setPlaceholderText(_("Ticket or reference number from the platform"))
        self.summary.setPlaceholderText(_("In one line: what happened"))
        self.body.setPlaceholderText(_("The full message, as sent or received"))

    def values(self) -> EventChanges:
        return {
            "kind": self.kind.value(),
            "occurred_at": self.occurred_at.value(),
            "channel": self.channel.value(),
            "direction": self.direction.value(),
            "reference": self.reference.text(),
            "summary": self.summary.text(),
            "body": self.body.toPlainText(),
            "outcome": self.outcome.toPlainText(),
        }

    def _save(self) -> None:
        if not self.occurred_at.check():  # the field says what is wrong with it
            self.error.clear_error()
            self.occurred_at.setFocus()
            return
        if self._submit(self.values(), self._show_error):
            self.accept()

    def _show_error(self, message: str) -> None:
        self.error.show_error(message)
