"""Which letter a case needs now: from its status, its events, the statement and the dates.

The rule proposes; the user can always write any other letter (a data access request fits
every stage).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from appealdesk.domain.enums import CaseStatus, EventKind, LetterKind

# How long a platform gets to answer before a reminder is proposed, unless its profile says.
DEFAULT_ANSWER_DAYS = 14

# What the user sent that asks for an answer, and what counts as one.
_ASKING = frozenset(
    {
        EventKind.APPEAL_FILED,
        EventKind.SUPPORT_CONTACTED,
        EventKind.FOLLOW_UP,
        EventKind.INTERNAL_COMPLAINT,
    }
)
_ANSWERS = frozenset(
    {
        EventKind.RESPONSE_RECEIVED,
        EventKind.APPEAL_REJECTED,
        EventKind.ACCOUNT_RESTORED,
        EventKind.ID_REQUESTED,
    }
)
_DONE = frozenset({CaseStatus.RESTORED, CaseStatus.CLOSED})


@dataclass(frozen=True)
class StageFacts:
    """What the rule looks at. ``events`` are (kind, when), in the order they happened."""

    status: CaseStatus
    events: Sequence[tuple[EventKind, dt.datetime]]
    statement_recorded: bool
    statement_complete: bool  # every art. 17(3) element that applies is given
    sent: Collection[LetterKind] = ()  # letters already marked as sent
    answer_days: int = DEFAULT_ANSWER_DAYS


def _last(events: Sequence[tuple[EventKind, dt.datetime]], kinds: Collection[EventKind]) -> int:
    """The index of the last event of one of ``kinds``, or -1."""
    for index in range(len(events) - 1, -1, -1):
        if events[index][0] in kinds:
            return index
    return -1


def answer_overdue(facts: StageFacts, today: dt.date) -> bool:
    """The user's last request has had no answer for longer than the platform takes."""
    asked = _last(facts.events, _ASKING)
    if asked < 0 or _last(facts.events, _ANSWERS) > asked:
        return False
    asked_on = facts.events[asked][1].date()
    return (today - asked_on).days > facts.answer_days


def proposed_letter(facts: StageFacts, today: dt.date) -> LetterKind:
    """The letter for where the case stands."""
    if facts.status in _DONE:
        return LetterKind.DATA_ACCESS_REQUEST
    events = facts.events
    if facts.status is CaseStatus.ESCALATED:
        return LetterKind.ODS_COMPLAINT
    complaint = _last(events, {EventKind.INTERNAL_COMPLAINT})
    if complaint >= 0:
        answered = _last(events, {EventKind.APPEAL_REJECTED, EventKind.RESPONSE_RECEIVED})
        if answered > complaint or answer_overdue(facts, today):
            return LetterKind.ODS_COMPLAINT  # the complaint was rejected or went unanswered
        return _while_waiting(facts)
    rejected = _last(events, {EventKind.APPEAL_REJECTED}) > _last(events, _ASKING)
    if rejected or facts.status in (CaseStatus.REJECTED, CaseStatus.PERMANENTLY_LOST):
        return LetterKind.INTERNAL_COMPLAINT
    if facts.status in (CaseStatus.NEW, CaseStatus.CHECKING) and not _appealed(facts):
        return LetterKind.APPEAL
    if answer_overdue(facts, today):
        return LetterKind.REMINDER
    return _while_waiting(facts)


def _appealed(facts: StageFacts) -> bool:
    return LetterKind.APPEAL in facts.sent or _last(facts.events, _ASKING) >= 0


def _while_waiting(facts: StageFacts) -> LetterKind:
    """Nothing is overdue: ask for the statement the platform owes, else for the data."""
    if not facts.statement_complete and LetterKind.STATEMENT_REQUEST not in facts.sent:
        return LetterKind.STATEMENT_REQUEST
    return LetterKind.DATA_ACCESS_REQUEST


def letter_order(proposed: LetterKind) -> list[LetterKind]:
    """Every kind, the proposed one first, the others in the order of the escalation path."""
    return [proposed, *(kind for kind in LetterKind if kind is not proposed)]
