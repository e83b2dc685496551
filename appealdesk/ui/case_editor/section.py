"""What every part of the case editor shares: the case on screen and how to change it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from appealdesk.services.changes import CaseChanges, current_values
from appealdesk.services.results import CaseDetail
from appealdesk.store.database import Database
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.base.settings import AppSettings
from appealdesk.ui.base.undo import Report
from appealdesk.ui.cases.actions import CaseActions
from appealdesk.ui.evidence.actions import EvidenceActions


def _ignore(_message: str) -> None:
    return None


@dataclass
class EditorContext:
    db: Database
    actions: CaseActions
    evidence_actions: EvidenceActions
    settings: AppSettings  # what this user's file dialogs remember (their folders)
    detail: CaseDetail | None = None
    inform: Callable[[str], None] = _ignore  # a passing message ("3 files added")

    @property
    def case_id(self) -> int | None:
        return self.detail.case.id if self.detail else None


class CaseSection(Retranslatable, QWidget):
    """A part of the editor. ``load()`` shows a case; edits go through ``context.actions``
    (``context.evidence_actions`` for evidence)."""

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context

    _shown_case_id: int | None = None

    def load(self, detail: CaseDetail) -> None:
        raise NotImplementedError

    def same_case_again(self, detail: CaseDetail) -> bool:
        """True when ``load()`` shows the case it showed last (after a change), not another:
        a date that is not yet a date then stays as typed."""
        same = detail.case.id == self._shown_case_id
        self._shown_case_id = detail.case.id
        return same

    def set_scrolling_content(self, content: QWidget) -> None:
        """Shows ``content`` in a frameless scroll area filling this section."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def edit_case(self, after: CaseChanges, text: str, report: Report | None = None) -> None:
        """Changes the case on screen (``text`` names it for undo), unless nothing changes.
        A refusal goes to ``report`` (the field it came from), else to the message bar."""
        detail = self.context.detail
        if detail is None or detail.case.id is None:
            return
        before = current_values(detail.case, after)
        if before != after:
            self.context.actions.edit_case(detail.case.id, before, after, text, report)
