"""Overview of a case: account and client, the block, the reason, and the user's side."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from appealdesk.domain.enums import BlockKind, DesiredOutcome, Platform, Priority
from appealdesk.domain.labels import client_name, label
from appealdesk.i18n import _, format_number, isolate
from appealdesk.services.results import CaseDetail
from appealdesk.ui.case_editor.reason_picker import ReasonPicker
from appealdesk.ui.case_editor.section import CaseSection, EditorContext
from appealdesk.ui.widgets.date_fields import DateField, DateTimeField
from appealdesk.ui.widgets.fields import ChoiceCombo, CommitLineEdit, CommitTextEdit, enum_combo
from appealdesk.ui.widgets.forms import set_form_labels
from appealdesk.ui.widgets.plain_text import bold_label, plain_label


def _proceedings_text(pending: bool) -> str:
    return _("Yes, before a court or another body") if pending else _("None")


class OverviewSection(CaseSection):
    edit_account_requested = Signal(int)
    move_account_requested = Signal(int, int)  # the case, the account it is about now

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.account_head = bold_label(word_wrap=True)
        self.account_head.setObjectName("account_head")
        self.account_label = plain_label()
        self.account_label.setObjectName("account_summary")
        self.account_label.setWordWrap(True)
        self.edit_account_button = QPushButton()
        self.move_account_button = QPushButton()
        self.edit_account_button.clicked.connect(self._edit_account)
        self.move_account_button.clicked.connect(self._move_account)

        self.block_kind = enum_combo(BlockKind, label)
        self.blocked_at = DateTimeField()
        self.blocked_at.setObjectName("blocked_at")
        self.notice = CommitTextEdit()
        self.notice.setObjectName("notice_text")
        self.reason = ReasonPicker()
        self.content_url = CommitLineEdit()
        self.content_url.setObjectName("content_url")
        self.own_account = CommitTextEdit()
        self.own_account.setObjectName("user_statement")
        self.outcome = enum_combo(DesiredOutcome, label)
        self.priority = enum_combo(Priority, label)
        self.tags = CommitLineEdit()
        self.tags.setObjectName("tags")
        self.follow_up = DateField(optional=True)
        self.follow_up.setObjectName("follow_up_on")
        self.other_proceedings = ChoiceCombo(
            [False, True], _proceedings_text, none_text=lambda: _("— not stated —")
        )
        self.other_proceedings.setObjectName("other_proceedings")
        self.other_proceedings.may_shrink()
        for text_box in (self.notice, self.own_account):
            text_box.setMinimumHeight(80)
            text_box.setMaximumHeight(150)

        self.block_kind.committed.connect(
            lambda v: self.edit_case({"block_kind": v}, _("Change block kind"))
        )
        self.blocked_at.committed.connect(
            lambda v: self.edit_case(
                {"blocked_at": v}, _("Change block date"), self.blocked_at.refuse
            )
        )
        self.notice.committed.connect(
            lambda v: self.edit_case({"notice_text": v}, _("Edit notice text"))
        )
        self.reason.reason_committed.connect(self._reason_changed)
        self.content_url.committed.connect(
            lambda v: self.edit_case({"content_url": v}, _("Change content address"))
        )
        self.other_proceedings.committed.connect(
            lambda v: self.edit_case({"other_proceedings": v}, _("Change other proceedings"))
        )
        self.own_account.committed.connect(
            lambda v: self.edit_case({"user_statement": v}, _("Edit your account of events"))
        )
        self.outcome.committed.connect(
            lambda v: self.edit_case({"desired_outcome": v}, _("Change desired outcome"))
        )
        self.priority.committed.connect(
            lambda v: self.edit_case({"priority": v}, _("Change priority"))
        )
        self.tags.committed.connect(self._tags_changed)
        self.follow_up.committed.connect(
            lambda v: self.edit_case(
                {"follow_up_on": v}, _("Change follow-up date"), self.follow_up.refuse
            )
        )
        self._build_layout()
        self.retranslate_ui()

    def _build_layout(self) -> None:
        self.account_box = QGroupBox()
        account_buttons = QHBoxLayout()
        account_buttons.addWidget(self.edit_account_button)
        account_buttons.addWidget(self.move_account_button)
        account_buttons.addStretch(1)
        account_layout = QVBoxLayout(self.account_box)
        summary = QVBoxLayout()
        summary.setSpacing(0)
        summary.addWidget(self.account_head)
        summary.addWidget(self.account_label)
        account_layout.addLayout(summary)
        account_layout.addLayout(account_buttons)

        self.block_box = QGroupBox()
        self.block_form = QFormLayout(self.block_box)
        self.block_form.addRow(plain_label(), self.block_kind)
        self.block_form.addRow(plain_label(), self.blocked_at)
        self.block_form.addRow(plain_label(), self.notice)
        self.block_form.addRow(plain_label(), self.reason)
        self.block_form.addRow(plain_label(), self.content_url)

        self.side_box = QGroupBox()
        self.side_form = QFormLayout(self.side_box)
        self.side_form.addRow(plain_label(), self.own_account)
        self.side_form.addRow(plain_label(), self.outcome)
        self.side_form.addRow(plain_label(), self.priority)
        self.side_form.addRow(plain_label(), self.tags)
        self.side_form.addRow(plain_label(), self.follow_up)
        self.side_form.addRow(plain_label(), self.other_proceedings)

        content = QWidget()
        column = QVBoxLayout(content)
        for box in (self.account_box, self.block_box, self.side_box):
            column.addWidget(box)
        column.addStretch(1)
        self.set_scrolling_content(content)

    def retranslate_ui(self) -> None:
        self.account_box.setTitle(_("Account and client"))
        self.edit_account_button.setText(_("&Edit account…"))
        self.move_account_button.setText(_("Move to another &account…"))
        self.block_box.setTitle(_("The block"))
        self.side_box.setTitle(_("Your side"))
        set_form_labels(
            self.block_form,
            {
                0: _("&Kind:"),
                1: _("&Blocked on:"),
                2: _("&Notice as received:"),
                3: _("&Reason:"),
                4: _("Content or account (&web address):"),
            },
        )
        set_form_labels(
            self.side_form,
            {
                0: _("Your &account of events:"),
                1: _("&Desired outcome:"),
                2: _("&Priority:"),
                3: _("&Tags:"),
                4: _("&Follow up on:"),
                5: _("Other proceedin&gs:"),
            },
        )
        self.notice.setPlaceholderText(
            _("Paste the platform's message exactly as you received it.")
        )
        self.own_account.setPlaceholderText(
            _("What happened, in your own words: what you posted, when, and why it is allowed.")
        )
        self.tags.setPlaceholderText(_("Words separated by commas"))
        self._show_url_example(Platform.TIKTOK)
        self.other_proceedings.setToolTip(
            _("Is this dispute before a court or another body? Out-of-court bodies ask.")
        )
        for combo in (self.block_kind, self.outcome, self.priority, self.other_proceedings):
            combo.retranslate()
        self.blocked_at.retranslate()
        self.follow_up.retranslate()
        if self.context.detail is not None:
            self._show_account(self.context.detail)

    def load(self, detail: CaseDetail) -> None:
        case = detail.case
        same_case = self.same_case_again(detail)
        self._show_account(detail)
        self.block_kind.set_value(case.block_kind)
        self.blocked_at.set_value(case.blocked_at, keep_typed=same_case)
        self.notice.set_value(case.notice_text)
        self.reason.set_reason(
            case.reason_area, case.reason_policy, case.blocked_at.date(), detail.account.platform
        )
        self.own_account.set_value(case.user_statement)
        self.outcome.set_value(case.desired_outcome)
        self.priority.set_value(case.priority)
        self.tags.set_value(", ".join(case.tags))
        self.follow_up.set_value(case.follow_up_on, keep_typed=same_case)
        self.content_url.set_value(case.content_url)
        self.other_proceedings.set_value(case.other_proceedings)

    def _show_url_example(self, platform: Platform) -> None:
        tiktok = platform is Platform.TIKTOK  # another platform's addresses look otherwise
        self.content_url.setPlaceholderText(
            _("https://www.tiktok.com/@name/video/…") if tiktok else _("https://…")
        )

    def _show_account(self, detail: CaseDetail) -> None:
        account = detail.account
        self._show_url_example(account.platform)
        head = f"{isolate('@' + account.handle)} · {label(account.platform)}"
        if account.display_name:
            head += f" — {isolate(account.display_name)}"
        self.account_head.setText(head)
        lines = []
        if account.holder_name:
            lines.append(_("Holder: {name}").format(name=isolate(account.holder_name)))
        if account.followers_at_block is not None:
            followers = format_number(account.followers_at_block)
            lines.append(_("{followers} followers when blocked").format(followers=followers))
        lines.append(
            _("Client: {name}").format(
                name=isolate(client_name(detail.client.name, detail.client.is_default))
            )
        )
        self.account_label.setText("\n".join(lines))

    def _reason_changed(self, area: str | None, policy: str | None) -> None:
        self.edit_case({"reason_area": area, "reason_policy": policy}, _("Change reason"))

    def _tags_changed(self, text: str) -> None:
        tags = [t.strip().lower() for t in text.split(",") if t.strip()]
        self.edit_case({"tags": tags}, _("Change tags"))

    def _edit_account(self) -> None:
        if self.context.detail is not None and self.context.detail.account.id is not None:
            self.edit_account_requested.emit(self.context.detail.account.id)

    def _move_account(self) -> None:
        detail = self.context.detail
        if detail is not None and detail.case.id is not None and detail.account.id is not None:
            self.move_account_requested.emit(detail.case.id, detail.account.id)
