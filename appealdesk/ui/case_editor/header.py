"""The top of the case editor: which case, its status, and the next action that stands out."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QGridLayout, QWidget

from appealdesk.domain import workflow
from appealdesk.domain.deadlines import action_label
from appealdesk.domain.enums import CaseStatus
from appealdesk.domain.labels import client_name, label
from appealdesk.i18n import _, format_date, format_days_left, isolate
from appealdesk.services.results import CaseDetail
from appealdesk.ui.base.palette import banner_style
from appealdesk.ui.case_editor.section import CaseSection, EditorContext
from appealdesk.ui.widgets.fields import ChoiceCombo
from appealdesk.ui.widgets.plain_text import bold_label, plain_label


class CaseHeader(CaseSection):
    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.title = plain_label()
        self.title.setObjectName("case_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = plain_label()
        self.subtitle.setObjectName("case_subtitle")
        self.status_label = plain_label()
        self.status = ChoiceCombo(list(CaseStatus), label)
        self.status.setObjectName("case_status")
        self.status_label.setBuddy(self.status)
        self.status.committed.connect(self._status_chosen)
        self.next_action = bold_label(word_wrap=True)
        self.next_action.setObjectName("next_action")
        self.next_action.setContentsMargins(8, 6, 8, 6)

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title, 0, 0)
        layout.addWidget(self.status_label, 0, 1)
        layout.addWidget(self.status, 0, 2)
        layout.addWidget(self.subtitle, 1, 0, 1, 3)
        layout.addWidget(self.next_action, 2, 0, 1, 3)
        layout.setColumnStretch(0, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.status_label.setText(_("&Status:"))
        self.status.retranslate()
        if self.context.detail is not None:
            self.load(self.context.detail)

    def load(self, detail: CaseDetail) -> None:
        case, account = detail.case, detail.account
        self.title.setText(case.case_number)
        client = client_name(detail.client.name, detail.client.is_default)
        self.subtitle.setText(
            f"{isolate('@' + account.handle)} · {label(account.platform)} · {isolate(client)} · "
            + _("blocked on {date}").format(date=format_date(case.blocked_at))
        )
        allowed = sorted(workflow.allowed_transitions(case.status), key=list(CaseStatus).index)
        self.status.set_values([case.status, *allowed])
        self.status.set_value(case.status)
        self.status.setToolTip("" if allowed else _("A closed case stays closed."))
        self._show_next_action(detail)

    def _show_next_action(self, detail: CaseDetail) -> None:
        case = detail.case
        today = dt.date.today()
        overdue = False
        if case.next_action is None:
            text = _("Nothing left to do in this case.")
        else:
            action = action_label(case.next_action)
            text = _("Next: {action}").format(action=action)
            if case.next_action_due is not None:
                left = (case.next_action_due - today).days
                overdue = left < 0
                when = _("{date} ({days_left})").format(
                    date=format_date(case.next_action_due), days_left=format_days_left(left)
                )
                text += " · " + when
        self.next_action.setText(text)
        self.next_action.setStyleSheet(banner_style(self.palette(), overdue=overdue))
        self.next_action.setProperty("overdue", overdue)

    def _status_chosen(self, status: CaseStatus) -> None:
        detail = self.context.detail
        if detail is None or detail.case.id is None or status == detail.case.status:
            return
        if not self.context.actions.change_status(detail.case.id, detail.case.status, status):
            self.status.set_value(detail.case.status)
