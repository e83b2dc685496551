"""How a case moves from one status to the next.

new → checking → appeal filed → awaiting response → rejected → (appeal filed again |
escalated) → restored | permanently lost → closed. A block can also end on its own
(new/checking → restored) or turn out not to be one (new/checking → closed), and support
can still restore an account after a rejection.
"""

from __future__ import annotations

from appealdesk.domain.enums import BlockKind, CaseStatus, DesiredOutcome, EventKind
from appealdesk.domain.errors import InvalidTransitionError
from appealdesk.domain.labels import label
from appealdesk.i18n import _

S = CaseStatus

TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    S.NEW: frozenset({S.CHECKING, S.APPEAL_FILED, S.RESTORED, S.CLOSED}),
    S.CHECKING: frozenset({S.APPEAL_FILED, S.RESTORED, S.CLOSED}),
    S.APPEAL_FILED: frozenset({S.AWAITING_RESPONSE, S.REJECTED, S.RESTORED}),
    S.AWAITING_RESPONSE: frozenset({S.REJECTED, S.RESTORED}),
    S.REJECTED: frozenset({S.APPEAL_FILED, S.ESCALATED, S.RESTORED, S.PERMANENTLY_LOST}),
    S.ESCALATED: frozenset({S.RESTORED, S.PERMANENTLY_LOST}),
    S.RESTORED: frozenset({S.CLOSED}),
    S.PERMANENTLY_LOST: frozenset({S.ESCALATED, S.CLOSED}),
    S.CLOSED: frozenset(),
}

# The status a recorded step moves a case to, when the workflow allows it from where it is.
_STATUS_AFTER_EVENT: dict[EventKind, CaseStatus] = {
    EventKind.BLOCKED: S.CHECKING,
    EventKind.NOTICE_RECEIVED: S.CHECKING,
    EventKind.APPEAL_FILED: S.APPEAL_FILED,
    EventKind.INTERNAL_COMPLAINT: S.APPEAL_FILED,
    EventKind.RESPONSE_RECEIVED: S.AWAITING_RESPONSE,
    EventKind.ID_REQUESTED: S.AWAITING_RESPONSE,
    EventKind.APPEAL_REJECTED: S.REJECTED,
    EventKind.ACCOUNT_RESTORED: S.RESTORED,
    EventKind.OUT_OF_COURT_DISPUTE: S.ESCALATED,
}


def default_outcome(block_kind: BlockKind) -> DesiredOutcome:
    """What a user of a restricted (not blocked) account usually asks for."""
    if block_kind in (BlockKind.FEATURE_RESTRICTION, BlockKind.REDUCED_VISIBILITY):
        return DesiredOutcome.LIFT_RESTRICTION
    return DesiredOutcome.RESTORE_ACCOUNT


def allowed_transitions(current: CaseStatus) -> frozenset[CaseStatus]:
    return TRANSITIONS[current]


def can_transition(current: CaseStatus, target: CaseStatus) -> bool:
    return target == current or target in TRANSITIONS[current]


def check_transition(current: CaseStatus, target: CaseStatus) -> None:
    if not can_transition(current, target):
        allowed = ", ".join(label(s) for s in sorted(TRANSITIONS[current], key=_order))
        message = _("A case that is “{current}” cannot become “{target}”.").format(
            current=label(current), target=label(target)
        )
        if allowed:
            message += " " + _("Possible next: {allowed}.").format(allowed=allowed)
        else:
            message += " " + _("A closed case stays closed.")
        raise InvalidTransitionError(message)


def status_after_event(current: CaseStatus, kind: EventKind) -> CaseStatus:
    """The status after recording ``kind``; unchanged when the step does not apply."""
    target = _STATUS_AFTER_EVENT.get(kind)
    if target is None or target == current or target not in TRANSITIONS[current]:
        return current
    return target


def _order(status: CaseStatus) -> int:
    return list(CaseStatus).index(status)
