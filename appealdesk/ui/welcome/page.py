"""Beside the list when no case is open: who keeps the database (asked once), whether it is
really a block (the five signs), and the way to a new case.

The answers of the block check are not stored: they help decide whether to open a case, and
the case's own block check keeps the signs once it exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from appealdesk.domain.enums import WorkspaceRole
from appealdesk.i18n import _
from appealdesk.services.first_run import FirstRunState, first_run_state
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.widgets.plain_text import bold_label, plain_label

if TYPE_CHECKING:  # the client actions load the ORM, the store its migrations: after start-up
    from appealdesk.store.database import Database
    from appealdesk.ui.clients.actions import ClientActions


class WelcomeCommands(Protocol):
    """What the page asks the window to do."""

    @property
    def client_actions(self) -> ClientActions: ...
    def new_case(self) -> object: ...
    def edit_profile(self) -> object: ...


class WelcomePage(Retranslatable, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome_page")
        self.commands: WelcomeCommands | None = None
        self.db: Database | None = None
        self.state = FirstRunState(None, 0)
        self.notice = plain_label(word_wrap=True)  # e.g. the open case was deleted elsewhere
        self.notice.setObjectName("welcome_notice")
        self.title = bold_label(word_wrap=True)
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.5)
        self.title.setFont(title_font)
        self.lead = plain_label(word_wrap=True)

        self.role_box = QGroupBox()
        self.role_text = plain_label(word_wrap=True)
        self.creator_button = QPushButton()
        self.agency_button = QPushButton()
        self.creator_button.clicked.connect(lambda: self._choose_role(WorkspaceRole.CREATOR))
        self.agency_button.clicked.connect(lambda: self._choose_role(WorkspaceRole.AGENCY))
        role_buttons = QHBoxLayout()
        role_buttons.addWidget(self.creator_button)
        role_buttons.addWidget(self.agency_button)
        role_buttons.addStretch(1)
        role_layout = QVBoxLayout(self.role_box)
        role_layout.addWidget(self.role_text)
        role_layout.addLayout(role_buttons)

        self.signs_box = QGroupBox()
        self.signs_intro = plain_label(word_wrap=True)
        self.signs: dict[str, QCheckBox] = {}  # made when first shown (see _make_signs)
        self.verdict = bold_label(word_wrap=True)
        self.verdict.setObjectName("welcome_verdict")
        self._signs_layout = QVBoxLayout(self.signs_box)
        self._signs_layout.addWidget(self.signs_intro)
        self._signs_layout.addWidget(self.verdict)

        self.new_case_button = QPushButton()
        self.new_case_button.setObjectName("welcome_new_case")
        self.new_case_button.setDefault(True)
        self.new_case_button.setMinimumHeight(self.new_case_button.sizeHint().height() * 3 // 2)
        self.new_case_button.clicked.connect(self._new_case)
        action_row = QHBoxLayout()
        action_row.addWidget(self.new_case_button)
        action_row.addStretch(1)

        column = QVBoxLayout(self)
        column.setContentsMargins(24, 24, 24, 24)
        column.setSpacing(14)
        for widget in (self.notice, self.title, self.lead, self.role_box, self.signs_box):
            column.addWidget(widget)
        column.addLayout(action_row)
        column.addStretch(1)
        self.notice.hide()
        self.retranslate_ui()
        self._show_state()

    def attach(self, db: Database, commands: WelcomeCommands) -> None:
        self.db, self.commands = db, commands
        if self.isVisible():  # else its showEvent asks
            self.refresh()

    def refresh(self) -> None:
        """Asks the database again (a case may have been added or removed meanwhile)."""
        if self.db is not None:
            self.state = first_run_state(self.db)
        self._show_state()

    def set_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def notice_text(self) -> str:
        return self.notice.text() if self.notice.isVisible() else ""

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        self.refresh()
        super().showEvent(event)

    def _show_state(self) -> None:
        attached = self.db is not None  # before a database is open, nothing is asked
        first_case = attached and self.state.cases == 0
        if first_case and not self.signs:
            self._make_signs()
        self.role_box.setVisible(attached and self.state.role is None)
        self.signs_box.setVisible(first_case)
        self._retranslate_state()

    def _make_signs(self) -> None:
        """The five signs, read from the reference data only when there is no case yet (a
        database with cases starts without them)."""
        from appealdesk.domain.reference import block_signs

        for sign in block_signs():
            box = QCheckBox(sign.title.text())
            box.setObjectName(f"sign_{sign.key}")
            box.setToolTip(sign.description.text())
            box.toggled.connect(self._show_verdict)
            self._signs_layout.insertWidget(self._signs_layout.count() - 1, box)
            self.signs[sign.key] = box
        self._show_verdict()

    def _choose_role(self, role: WorkspaceRole) -> None:
        if self.commands is None:
            return
        self.commands.client_actions.save_workspace({"role": role})
        if role is WorkspaceRole.AGENCY:
            self.commands.edit_profile()  # the agency's name and contact person sign letters
        self.refresh()

    def _new_case(self) -> None:
        if self.commands is not None:
            self.commands.new_case()

    def observed(self) -> int:
        return sum(box.isChecked() for box in self.signs.values())

    def _show_verdict(self) -> None:
        count, total = self.observed(), len(self.signs)
        if count == 0:
            self.verdict.setText(
                _(
                    "No sign yet. Try again later, and ask someone else to look at your "
                    "profile: it may be a passing fault."
                )
            )
        else:
            self.verdict.setText(
                _(
                    "{count} of {total} signs: this is most likely a block. Start a case to "
                    "keep track of the notice, your appeal and the deadlines."
                ).format(count=count, total=total)
            )

    def retranslate_ui(self) -> None:
        self.role_box.setTitle(_("Who keeps this database?"))
        self.role_text.setText(
            _(
                "A creator keeps their own accounts; an agency keeps its clients' accounts and "
                "signs letters on their behalf. You can change this later in the File menu."
            )
        )
        self.creator_button.setText(_("I am a creator"))
        self.agency_button.setText(_("We are an agency"))
        self.signs_box.setTitle(_("Is it really a block?"))
        self.signs_intro.setText(_("Tick what you see. One sign or more makes a block likely."))
        if self.signs:
            from appealdesk.domain.reference import block_signs

            for sign in block_signs():
                self.signs[sign.key].setText(sign.title.text())
                self.signs[sign.key].setToolTip(sign.description.text())
        self.new_case_button.setText(_("&New case…"))
        self._show_verdict()
        self._retranslate_state()

    def _retranslate_state(self) -> None:
        if self.state.cases == 0:
            self.title.setText(_("Welcome"))
            self.lead.setText(
                _(
                    "Keep everything about a blocked account in one case: the platform's "
                    "notice, your evidence, every contact and its deadline, and the dossier "
                    "you send."
                )
            )
        else:
            self.title.setText(_("No case is open"))
            self.lead.setText(_("Choose a case in the list, or create a new one with Ctrl+N."))
