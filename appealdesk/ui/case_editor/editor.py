"""The case editor: the header above six tabs. Every edit is saved as soon as it is made."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from appealdesk.domain.enums import EventKind
from appealdesk.domain.errors import NotFoundError
from appealdesk.i18n import _
from appealdesk.services import cases
from appealdesk.store.database import Database
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.base.settings import AppSettings
from appealdesk.ui.case_editor.block_check import BlockCheckSection
from appealdesk.ui.case_editor.header import CaseHeader
from appealdesk.ui.case_editor.history import HistorySection
from appealdesk.ui.case_editor.letter import LetterSection
from appealdesk.ui.case_editor.overview import OverviewSection
from appealdesk.ui.case_editor.section import CaseSection, EditorContext
from appealdesk.ui.case_editor.statement_of_reasons import StatementOfReasonsSection
from appealdesk.ui.case_editor.timeline import TimelineSection
from appealdesk.ui.cases.actions import CaseActions
from appealdesk.ui.evidence.actions import EvidenceActions
from appealdesk.ui.evidence.tab import EvidenceSection
from appealdesk.ui.welcome.page import WelcomePage
from appealdesk.ui.widgets.date_fields import date_field_of
from appealdesk.ui.widgets.fields import CommitLineEdit, CommitTextEdit


class CaseEditor(Retranslatable, QWidget):
    def __init__(
        self,
        db: Database,
        actions: CaseActions,
        evidence_actions: EvidenceActions,
        settings: AppSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("case_editor")
        self.context = EditorContext(db, actions, evidence_actions, settings)
        self.header = CaseHeader(self.context)
        self.overview = OverviewSection(self.context)
        self.statement_of_reasons = StatementOfReasonsSection(self.context)
        self.block_check = BlockCheckSection(self.context)
        self.timeline = TimelineSection(self.context)
        self.evidence = EvidenceSection(self.context)
        self.letter = LetterSection(self.context)
        # A team database's own audit log; a file keeps none.
        self.history = HistorySection(self.context) if db.shared else None
        self.sections: tuple[CaseSection, ...] = (
            self.header,
            self.overview,
            self.statement_of_reasons,
            self.block_check,
            self.timeline,
            self.evidence,
            self.letter,
            *((self.history,) if self.history is not None else ()),
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("case_tabs")
        for section in self.sections[1:]:
            self.tabs.addTab(section, "")

        self.placeholder = WelcomePage()
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(self.header)
        page_layout.addWidget(self.tabs, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.placeholder)
        self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.setAcceptDrops(True)
        self._deleted_elsewhere: str | None = None  # the number of the case that was open
        # Opening a case fills the header and the tab in view; the other tabs follow one per
        # turn of the event loop (or at once when chosen), after the case is on screen.
        self._stale: list[CaseSection] = []
        self._fill_next = QTimer(self, singleShot=True, interval=0)
        self._fill_next.timeout.connect(self._load_next_tab)
        self.tabs.currentChanged.connect(self._tab_chosen)
        actions.signals.case_changed.connect(self._case_changed)
        actions.signals.clients_changed.connect(self.reload)
        self.retranslate_ui()

    @property
    def case_id(self) -> int | None:
        return self.context.case_id

    def record_step(self, kind: EventKind) -> None:
        """Records a quick step (Ctrl+1…) in the timeline of the open case."""
        if self.case_id is not None:
            self.tabs.setCurrentWidget(self.timeline)
            self.timeline.record_step(kind)

    def add_event(self) -> None:
        if self.case_id is not None:
            self.tabs.setCurrentWidget(self.timeline)
            self.timeline.add_event()

    def black_out_evidence(self, evidence_id: int) -> None:
        """Opens the black-out editor for a piece of evidence of the open case."""
        if self.case_id is not None:
            self.tabs.setCurrentWidget(self.evidence)
            self.evidence.select(evidence_id)
            self.evidence.commands.black_out()

    def retranslate_ui(self) -> None:
        titles = (
            _("&Overview"),
            _("Statement of &reasons"),
            _("Really &blocked?"),
            _("&Timeline"),
            _("E&vidence"),
            _("&Appeal letter"),
            _("Histor&y"),
        )
        for index, title in enumerate(titles[: self.tabs.count()]):
            self.tabs.setTabText(index, title)
        if self._deleted_elsewhere is None:
            self.placeholder.set_notice("")
        else:
            gone = _("Case {number} was deleted by another program.").format(
                number=self._deleted_elsewhere
            )
            self.placeholder.set_notice(gone)

    def show_case(self, case_id: int | None) -> None:
        """Shows ``case_id`` (None: no case), after saving what is still being typed."""
        self.commit_pending()
        if case_id is None:
            self.context.detail = None
            self.pages.setCurrentIndex(0)
            return
        self._load(case_id)

    def reload(self) -> None:
        if self.case_id is not None:
            self.show_case(self.case_id)

    def refresh(self) -> None:
        """Shows the open case as it is stored now, after another program changed the
        database. What is being typed stays, to be saved when the user leaves the field."""
        if self.case_id is None:
            return
        number = self.context.detail.case.case_number if self.context.detail else ""
        if not self._load(self.case_id):
            self._deleted_elsewhere = number
            self.retranslate_ui()

    def _load(self, case_id: int) -> bool:
        """Shows the stored case; False (and no case) when it is not there."""
        try:
            self.context.detail = cases.get_case(self.context.db, case_id)
        except NotFoundError:
            self.context.detail = None
            self.pages.setCurrentIndex(0)
            return False
        if self._deleted_elsewhere is not None:
            self._deleted_elsewhere = None
            self.retranslate_ui()
        in_view = self.tabs.currentWidget()
        self._stale = [s for s in self.sections[1:] if s is not in_view]
        for section in self.sections:
            if section not in self._stale:
                section.load(self.context.detail)
        self.pages.setCurrentIndex(1)
        self._fill_next.start()
        return True

    def stop(self) -> None:
        """The window is closing: no import or tab filling goes on against its database."""
        self._fill_next.stop()
        self._stale.clear()
        self.evidence.stop_import()

    @property
    def filling_tabs(self) -> bool:
        """Some tab out of view still shows the case opened before (for a moment)."""
        return bool(self._stale)

    def load_all_tabs(self) -> None:
        """Fills every tab now (what the event loop would do in its next turns)."""
        while self._stale:
            self._load_next_tab()

    def _load_next_tab(self) -> None:
        if self._stale and self.context.detail is not None:
            self._stale.pop(0).load(self.context.detail)
        if self._stale:
            self._fill_next.start()

    def _tab_chosen(self, index: int) -> None:
        section = self.tabs.widget(index)
        if isinstance(section, CaseSection) and section in self._stale and self.context.detail:
            self._stale.remove(section)
            section.load(self.context.detail)

    def commit_pending(self) -> None:
        """Saves a text that is being typed and was not yet committed by leaving it."""
        focused = self.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            return
        date_field = date_field_of(focused)
        if date_field is not None:
            date_field.commit()
        elif isinstance(focused, CommitTextEdit | CommitLineEdit):
            focused.commit()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.case_id is not None and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        """Files dropped anywhere on the case become its evidence."""
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.tabs.setCurrentWidget(self.evidence)
            self.evidence.import_paths(paths)

    def _case_changed(self, case_id: int) -> None:
        if case_id == self.case_id:
            self.reload()
