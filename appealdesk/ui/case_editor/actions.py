"""The letter tab's changes that go beyond its text: sending a letter puts it on the timeline.
Undoable, through the case's change stack, and announced like every change to a case."""

from __future__ import annotations

import datetime as dt

from appealdesk.domain.enums import LetterKind
from appealdesk.domain.labels import label
from appealdesk.domain.models import now
from appealdesk.i18n import _
from appealdesk.services import appeal_letters, cases, letters
from appealdesk.ui.cases.actions import CaseActions


class LetterActions:
    def __init__(self, case_actions: CaseActions) -> None:
        self.case_actions = case_actions

    def mark_sent(
        self, case_id: int, kind: LetterKind, language: str, sent_at: dt.datetime | None = None
    ) -> bool:
        """Records the letter as sent today (or at ``sent_at``): an event on the timeline and
        the letter's date of sending, together."""
        db, signals = self.case_actions.db, self.case_actions.signals
        when = sent_at or now()
        stored = appeal_letters.get_letter(db, case_id, language, kind)
        previous = stored.sent_at if stored is not None else None
        status = cases.get_case(db, case_id).case.status.value
        sent: list[int] = []

        def forward() -> None:
            event = letters.mark_sent(db, case_id, kind, language, when)
            assert event.id is not None
            sent.append(event.id)

        def backward() -> None:
            letters.remove_sent_mark(db, sent.pop(), kind, language, previous, status)

        def notify() -> None:
            signals.letter_changed.emit(case_id, language)
            signals.case_changed.emit(case_id)

        text = _("Mark as sent: {kind}").format(kind=label(kind))
        return self.case_actions.stack.perform(text, forward, backward, notify)
