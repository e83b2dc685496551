"""The platform's statement of reasons (DSA art. 17), field by field."""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from appealdesk.domain.enums import (
    AutomatedDecision,
    AutomatedDetection,
    ContentType,
    DecisionAccount,
    DecisionGround,
    DecisionMonetary,
    DecisionProvision,
    DecisionSource,
    DecisionVisibility,
    StatementCategory,
)
from appealdesk.domain.labels import label
from appealdesk.domain.models import StatementOfReasons
from appealdesk.domain.statement_check import ELEMENTS, check_statement
from appealdesk.domain.taxonomy import find_reason, has_guidelines
from appealdesk.i18n import _
from appealdesk.services.changes import StatementChanges, StatementField
from appealdesk.services.results import CaseDetail
from appealdesk.ui.case_editor.section import CaseSection, EditorContext
from appealdesk.ui.widgets.choice_set import ChoiceSet
from appealdesk.ui.widgets.date_fields import DateField
from appealdesk.ui.widgets.fields import ChoiceCombo, CommitLineEdit, CommitTextEdit, enum_combo
from appealdesk.ui.widgets.forms import set_form_labels
from appealdesk.ui.widgets.plain_text import plain_label


def _not_stated() -> str:
    return _("— not stated —")


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


class StatementOfReasonsSection(CaseSection):
    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.intro = plain_label()
        self.intro.setWordWrap(True)
        self.fields: dict[StatementField, Any] = {
            "decision_account": enum_combo(DecisionAccount, label, none_text=_not_stated),
            "decision_provision": enum_combo(DecisionProvision, label, none_text=_not_stated),
            "decision_monetary": enum_combo(DecisionMonetary, label, none_text=_not_stated),
            "decision_visibility": ChoiceSet(list(DecisionVisibility), label),
            "content_type": ChoiceSet(list(ContentType), label),
            "source_type": enum_combo(DecisionSource, label, none_text=_not_stated),
            "decision_ground": enum_combo(DecisionGround, label, none_text=_not_stated),
            "category": enum_combo(StatementCategory, label, none_text=_not_stated),
            "automated_detection": enum_combo(AutomatedDetection, label, none_text=_not_stated),
            "automated_decision": enum_combo(AutomatedDecision, label, none_text=_not_stated),
            "application_date": DateField(optional=True),
            "end_date_account_restriction": DateField(optional=True),
            "received_on": DateField(optional=True),
            "territorial_scope": CommitLineEdit(),
            "incompatible_content_ground": CommitLineEdit(),
            "illegal_content_legal_ground": CommitLineEdit(),
            "decision_ground_reference_url": CommitLineEdit(),
            "decision_facts": CommitTextEdit(),
            "redress_explained": ChoiceCombo([True, False], _yes_no, none_text=_not_stated),
        }
        self.fields["decision_facts"].setMinimumHeight(110)
        self.suggestion = plain_label()
        self.suggestion.setWordWrap(True)
        self.use_suggestion = QPushButton()
        self.use_suggestion.clicked.connect(self._apply_suggestion)

        self.form = QFormLayout()
        for name, widget in self.fields.items():
            widget.setObjectName(f"sor_{name}")
            widget.committed.connect(lambda value, name=name: self._commit(name, value))
            self.form.addRow(plain_label(), widget)
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.intro)
        column.addLayout(self.form)
        column.addWidget(self.suggestion)
        suggestion_row = QHBoxLayout()
        suggestion_row.addWidget(self.use_suggestion)
        suggestion_row.addStretch(1)
        column.addLayout(suggestion_row)
        column.addWidget(self._check_box())
        column.addStretch(1)
        self.set_scrolling_content(content)
        self.retranslate_ui()

    def _check_box(self) -> QGroupBox:
        """The art. 17(3) check: one line per element, its explanation beside it."""
        self.check_box = QGroupBox()
        grid = QGridLayout(self.check_box)
        self.check_lines: dict[str, QLabel] = {}
        self.check_texts: dict[str, QLabel] = {}
        for row, element in enumerate(ELEMENTS):
            line, text = plain_label(), plain_label(word_wrap=True)
            line.setObjectName(f"sor_check_{element}")
            text.setObjectName(f"sor_check_{element}_text")
            grid.addWidget(line, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, row, 1, Qt.AlignmentFlag.AlignTop)
            self.check_lines[element], self.check_texts[element] = line, text
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(16)
        return self.check_box

    def _show_check(self, statement: StatementOfReasons | None) -> None:
        for index, check in enumerate(check_statement(statement)):
            self.check_lines[check.element].setText(check.line())
            # Without a statement all six share one explanation: it is shown once.
            shown = statement is not None or index == 0
            self.check_texts[check.element].setText(check.text if shown else "")

    def _labels(self) -> dict[str, str]:
        return {
            "decision_account": _("&Decision on the account:"),
            "decision_provision": _("Decision on the service:"),
            "decision_monetary": _("Decision on payments:"),
            "decision_visibility": _("Decision on content:"),
            "content_type": _("Type of content:"),
            "source_type": _("What led to it:"),
            "decision_ground": _("&Ground:"),
            "category": _("&Category:"),
            "automated_detection": _("Detected &automatically:"),
            "automated_decision": _("Decided a&utomatically:"),
            "application_date": _("Decision &date:"),
            "end_date_account_restriction": _("Restriction &ends:"),
            "received_on": _("Statement received on:"),
            "territorial_scope": _("&Where it applies:"),
            "incompatible_content_ground": _("&Terms concerned:"),
            "illegal_content_legal_ground": _("&Legal ground:"),
            "decision_ground_reference_url": _("Reference &URL:"),
            "decision_facts": _("&Statement text:"),
            "redress_explained": _("Explains how to contest it:"),
        }

    def retranslate_ui(self) -> None:
        self.intro.setText(
            _(
                "Under the Digital Services Act (article 17) the platform must explain its "
                "decision. Copy what its statement of reasons says; leave unknown fields empty."
            )
        )
        labels = self._labels()
        set_form_labels(self.form, {row: labels[name] for row, name in enumerate(self.fields)})
        for widget in self.fields.values():
            if isinstance(widget, ChoiceCombo | DateField | ChoiceSet):
                widget.retranslate()
        self.fields["territorial_scope"].setPlaceholderText(_("Country codes, such as NL, BE"))
        self.use_suggestion.setText(_("Use the suggested category"))
        self.check_box.setTitle(_("Checked against DSA article 17(3)"))
        self._show_suggestion()
        self._show_check(self.context.detail.statement if self.context.detail else None)

    def load(self, detail: CaseDetail) -> None:
        statement = detail.statement or StatementOfReasons(case_id=detail.case.id or 0)
        same_case = self.same_case_again(detail)
        for name, widget in self.fields.items():
            value = getattr(statement, name)
            if name == "territorial_scope":
                value = ", ".join(value)
            if isinstance(widget, DateField):
                widget.set_value(value, keep_typed=same_case)
            else:
                widget.set_value(value)
        self._show_suggestion()
        self._show_check(detail.statement)

    def _suggested(self) -> StatementCategory | None:
        detail = self.context.detail
        if detail is None:
            return None
        case = detail.case
        if not has_guidelines(detail.account.platform):
            return None
        categories = find_reason(
            case.blocked_at.date(), case.reason_area, case.reason_policy
        ).dsa_categories
        return categories[0] if categories else None

    def _show_suggestion(self) -> None:
        suggested = self._suggested()
        current = self.context.detail.statement if self.context.detail else None
        show = suggested is not None and (current is None or current.category is None)
        self.suggestion.setVisible(show)
        self.use_suggestion.setVisible(show)
        if suggested is not None:
            self.suggestion.setText(
                _("From the reason you chose, the category is probably “{category}”.").format(
                    category=label(suggested)
                )
            )

    def _apply_suggestion(self) -> None:
        suggested = self._suggested()
        if suggested is not None:
            self._commit("category", suggested)

    def _commit(self, name: StatementField, value: Any) -> None:
        detail = self.context.detail
        if detail is None or detail.case.id is None:
            return
        current = detail.statement or StatementOfReasons(case_id=detail.case.id)
        before = getattr(current, name)
        if name == "territorial_scope":
            value = [code.strip().upper() for code in str(value).replace(",", " ").split()]
        if before != value:
            text = _("Edit the statement of reasons")
            # One field, named by the form row it came from: a StatementField, so a key.
            old, new = cast(StatementChanges, {name: before}), cast(StatementChanges, {name: value})
            widget = self.fields[name]
            report = widget.refuse if isinstance(widget, DateField) else None
            self.context.actions.edit_statement(detail.case.id, old, new, text, report)
