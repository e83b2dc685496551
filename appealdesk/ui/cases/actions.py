"""Every change to a case made from the window: through the services, undoable, announced.

Its evidence has its own actions (``ui.evidence.actions``), clients and accounts theirs
(``ui.clients.actions``).
"""

from __future__ import annotations

from typing import Any

from appealdesk.domain.enums import CaseStatus, Checklist, ChecklistState, EventKind, LetterKind
from appealdesk.domain.errors import EditConflictError
from appealdesk.domain.labels import label
from appealdesk.domain.models import Event
from appealdesk.i18n import _
from appealdesk.services import (
    appeal_letters,
    case_snapshots,
    cases,
    checklists,
    events,
    statements,
)
from appealdesk.services.case_snapshots import CaseSnapshot
from appealdesk.services.changes import (
    CaseChanges,
    EventChanges,
    LetterChanges,
    NewCase,
    StatementChanges,
    current_values,
)
from appealdesk.store.database import Database
from appealdesk.ui.base.signals import DataSignals
from appealdesk.ui.base.undo import ChangeStack, Report
from appealdesk.ui.cases.conflicts import ask_to_overwrite


class CaseActions:
    def __init__(self, db: Database, stack: ChangeStack, signals: DataSignals) -> None:
        self.db = db
        self.stack = stack
        self.signals = signals
        self.ask_to_overwrite = ask_to_overwrite

    def _changed(self, case_id: int) -> Any:
        return lambda: self.signals.case_changed.emit(case_id)

    # Fields ---------------------------------------------------------------------------------

    def edit_case(
        self,
        case_id: int,
        before: CaseChanges,
        after: CaseChanges,
        text: str,
        report: Report | None = None,
    ) -> bool:
        """``report`` hears why a change was refused (the field it came from), if given.

        When someone else changed one of the fields meanwhile, the user is asked whether to
        save theirs over it; keeping the other change shows it and saves nothing."""

        def forward() -> None:
            try:
                cases.update_case(self.db, case_id, expected=before, **after)
            except EditConflictError as conflict:
                self.signals.case_changed.emit(case_id)  # the other change on screen
                if not self.ask_to_overwrite(conflict, text):
                    raise
                cases.update_case(self.db, case_id, **after)

        return self.stack.perform(
            text,
            forward,
            lambda: cases.update_case(self.db, case_id, **before),
            self._changed(case_id),
            report,
        )

    def edit_statement(
        self,
        case_id: int,
        before: StatementChanges,
        after: StatementChanges,
        text: str,
        report: Report | None = None,
    ) -> bool:
        return self.stack.perform(
            text,
            lambda: statements.update_statement(self.db, case_id, **after),
            lambda: statements.update_statement(self.db, case_id, **before),
            self._changed(case_id),
            report,
        )

    def change_status(self, case_id: int, before: CaseStatus, after: CaseStatus) -> bool:
        return self.stack.perform(
            _("Change status"),
            lambda: cases.change_status(self.db, case_id, after),
            lambda: cases.restore_status(self.db, case_id, before),
            self._changed(case_id),
        )

    def set_checklist(
        self,
        case_id: int,
        checklist: Checklist,
        key: str,
        before: ChecklistState,
        after: ChecklistState,
    ) -> bool:
        return self.stack.perform(
            _("Change checklist"),
            lambda: checklists.set_item(self.db, case_id, checklist, key, state=after),
            lambda: checklists.set_item(self.db, case_id, checklist, key, state=before),
            self._changed(case_id),
        )

    def move_case(self, case_id: int, before: int, after: int) -> bool:
        return self.stack.perform(
            _("Move to another account"),
            lambda: cases.move_case(self.db, case_id, after),
            lambda: cases.move_case(self.db, case_id, before),
            self._changed(case_id),
        )

    def save_letter(
        self,
        case_id: int,
        language: str,
        before: LetterChanges,
        after: LetterChanges,
        kind: LetterKind = LetterKind.APPEAL,
    ) -> bool:
        """Keeps the letter of ``kind`` in ``language``: ``text``, ``grounds``, ``exception``
        (and the short version and the body, where it has them)."""

        def notify() -> None:
            # Before case_changed, so an undo shows the letter it changed even when the other
            # language is on screen.
            self.signals.letter_changed.emit(case_id, language)
            self.signals.case_changed.emit(case_id)

        return self.stack.perform(
            _("Edit the letter"),
            lambda: appeal_letters.save_letter(self.db, case_id, language, kind, **after),
            lambda: appeal_letters.save_letter(self.db, case_id, language, kind, **before),
            notify,
        )

    def link_checklist_evidence(
        self,
        case_id: int,
        checklist: Checklist,
        key: str,
        before: tuple[ChecklistState, int | None],
        after: tuple[ChecklistState, int | None],
    ) -> bool:
        """Links a checklist item to its evidence, together with its state."""

        def apply(values: tuple[ChecklistState, int | None]) -> None:
            state, evidence_id = values
            checklists.set_item(
                self.db, case_id, checklist, key, state=state, evidence_id=evidence_id
            )

        return self.stack.perform(
            _("Change checklist"),
            lambda: apply(after),
            lambda: apply(before),
            self._changed(case_id),
        )

    # Events ---------------------------------------------------------------------------------

    def add_event(
        self,
        case_id: int,
        fields: EventChanges,
        *,
        move_status: bool = False,
        report: Report | None = None,
    ) -> bool:
        """Records an event; with ``move_status`` the case follows it, and undo puts it back."""
        added: dict[str, Any] = {}

        def forward() -> None:
            added["status"] = cases.get_case(self.db, case_id).case.status
            added["event"] = events.add_event(self.db, case_id, move_status=move_status, **fields)

        def backward() -> None:
            events.delete_event(self.db, added["event"].id)
            if move_status:
                cases.restore_status(self.db, case_id, added["status"])

        kind = EventKind(fields.get("kind", EventKind.NOTE))
        text = _("Record “{step}”").format(step=label(kind))
        return self.stack.perform(text, forward, backward, self._changed(case_id), report)

    def edit_event(self, event: Event, after: EventChanges, report: Report | None = None) -> bool:
        assert event.id is not None
        event_id = event.id
        before = current_values(event, after)
        return self.stack.perform(
            _("Edit event"),
            lambda: events.update_event(self.db, event_id, **after),
            lambda: events.update_event(self.db, event_id, **before),
            self._changed(event.case_id),
            report,
        )

    def delete_event(self, event: Event) -> bool:
        state = {"event": event}

        def forward() -> None:
            assert state["event"].id is not None
            events.delete_event(self.db, state["event"].id)

        def backward() -> None:
            state["event"] = events.restore_event(self.db, state["event"])

        return self.stack.perform(
            _("Delete event"), forward, backward, self._changed(event.case_id)
        )

    # Whole cases ------------------------------------------------------------------------------

    def create_case(self, values: NewCase, report: Report | None = None) -> int | None:
        """Creates a case; undo deletes it, redo brings the very same case back."""
        state: dict[str, Any] = {}

        def forward() -> None:
            snapshot: CaseSnapshot | None = state.get("snapshot")
            if snapshot is None:
                state["id"] = cases.create_case(self.db, **values).id
            else:
                case_snapshots.restore_case(self.db, snapshot)

        def backward() -> None:
            state["snapshot"] = case_snapshots.delete_case(self.db, state["id"])

        def notify() -> None:
            self._announce(state["id"])

        done = self.stack.perform(_("New case"), forward, backward, notify, report)
        return state["id"] if done else None

    def delete_case(self, case_id: int) -> bool:
        state: dict[str, Any] = {}

        def forward() -> None:
            state["snapshot"] = case_snapshots.delete_case(self.db, case_id)

        def backward() -> None:
            case_snapshots.restore_case(self.db, state["snapshot"])

        return self.stack.perform(
            _("Delete case"), forward, backward, lambda: self._announce(case_id)
        )

    def _announce(self, case_id: int) -> None:
        """After a case came or went (by a change, its undo or its redo)."""
        if cases.exists(self.db, case_id):
            self.signals.case_created.emit(case_id)
        else:
            self.signals.case_deleted.emit(case_id)
