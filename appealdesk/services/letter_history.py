"""What the case's timeline tells a letter: which request is still unanswered, what a rejection
answered, whether the account came back and whether a body already has the dispute.

Pure functions of a :class:`CaseDetail`: nothing here reads or writes the database.
"""

from __future__ import annotations

from appealdesk.domain.enums import EventKind
from appealdesk.domain.models import Event
from appealdesk.domain.texts import load_resource
from appealdesk.i18n import check_language, format_date
from appealdesk.services.results import CaseDetail

# What ends a request to the platform: a rejection, or the account coming back.
ANSWERS = frozenset({EventKind.APPEAL_REJECTED, EventKind.ACCOUNT_RESTORED})
# The requests a rejection can answer.
_REVIEWS = frozenset({EventKind.APPEAL_FILED, EventKind.INTERNAL_COMPLAINT})


def _last(detail: CaseDetail, kinds: frozenset[EventKind]) -> Event | None:
    return next((e for e in reversed(detail.events) if e.kind in kinds), None)


def answer_to(detail: CaseDetail, asked: Event) -> Event | None:
    """The first rejection or restoration after ``asked``."""
    index = detail.events.index(asked)
    return next((e for e in detail.events[index + 1 :] if e.kind in ANSWERS), None)


def unanswered(detail: CaseDetail, kinds: frozenset[EventKind]) -> Event | None:
    """The latest request of ``kinds``, unless the platform has answered it since."""
    asked = _last(detail, kinds)
    if asked is None or answer_to(detail, asked) is not None:
        return None
    return asked


def answered(detail: CaseDetail, rejection: Event) -> Event | None:
    """What a rejection answered: the appeal or the internal complaint before it."""
    index = detail.events.index(rejection)
    return next((e for e in reversed(detail.events[:index]) if e.kind in _REVIEWS), None)


def answered_kind(detail: CaseDetail, rejection: Event) -> EventKind | None:
    asked = answered(detail, rejection)
    return asked.kind if asked else None


def rejections(detail: CaseDetail, answered: EventKind) -> list[Event]:
    """The rejections of an appeal (or of an internal complaint), oldest first."""
    return [
        e
        for e in detail.events
        if e.kind is EventKind.APPEAL_REJECTED and answered_kind(detail, e) is answered
    ]


def restored(detail: CaseDetail) -> Event | None:
    return _last(detail, frozenset({EventKind.ACCOUNT_RESTORED}))


def dispute_filed(detail: CaseDetail) -> Event | None:
    """The dispute already put to an out-of-court body, if any."""
    return _last(detail, frozenset({EventKind.OUT_OF_COURT_DISPUTE}))


def request_sentence(detail: CaseDetail, language: str) -> str:
    """What the holder asks the platform for; once the account is back, not to restore it."""
    words = load_resource("appeal_letter.toml")[check_language(language)]
    back = restored(detail)
    if back is not None:
        return str(words["restored"]).format(date=format_date(back.occurred_at, "long", language))
    return str(words["request"][detail.case.desired_outcome.value])
