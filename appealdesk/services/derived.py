"""What a case shows at a glance, derived from its events inside the same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlmodel import Session, col, select

from appealdesk.domain.deadlines import CaseFacts, Deadline, next_deadline, open_deadlines
from appealdesk.domain.enums import EventKind, Platform
from appealdesk.domain.errors import NotFoundError
from appealdesk.domain.models import Account, Case, Event, StatementOfReasons
from appealdesk.domain.ods_bodies import body_by_id
from appealdesk.domain.recipients import decision_moment
from appealdesk.i18n import _


def case_or_raise(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError(_("This case no longer exists."))
    return case


def decided_at(session: Session, case: Case) -> dt.datetime:
    """The platform's decision: the statement-of-reasons date when known, else the block."""
    applied = session.exec(
        select(col(StatementOfReasons.application_date)).where(
            StatementOfReasons.case_id == case.id
        )
    ).first()
    return decision_moment(case, applied)


def case_deadlines(session: Session, case: Case) -> list[Deadline]:
    events = session.exec(
        select(Event.kind, Event.occurred_at)
        .where(Event.case_id == case.id)
        .order_by(col(Event.occurred_at), col(Event.id))
    ).all()
    account = session.get(Account, case.account_id)
    assert account is not None  # a foreign key guarantees it
    return deadlines_of(case, account.platform, decided_at(session, case), events)


def deadlines_of(
    case: Case,
    platform: Platform,
    decided: dt.datetime,
    events: Iterable[tuple[EventKind | str, dt.datetime]],
) -> list[Deadline]:
    """The open deadlines of ``case`` from what is already loaded: its account's platform,
    the platform's decision (see :func:`~appealdesk.domain.recipients.decision_moment`) and
    its events in date order."""
    facts = CaseFacts(
        status=case.status,
        block_kind=case.block_kind,
        platform=platform,
        decided_at=decided,
        events=[(EventKind(kind), at) for kind, at in events],
        follow_up_on=case.follow_up_on,
        body_filing_months=_filing_months(case.ods_body),
    )
    return open_deadlines(facts)


def _filing_months(body_id: str | None) -> int | None:
    body = body_by_id(body_id) if body_id else None
    return body.max_decision_age_months if body is not None else None


def refresh_case(session: Session, case: Case) -> None:
    """Recomputes the next action, its due date and the last contact of ``case``."""
    session.flush()
    first = next_deadline(case_deadlines(session, case))
    case.next_action = first.key if first else None
    case.next_action_due = first.due if first else None
    case.last_contact_at = session.exec(
        select(Event.occurred_at)
        .where(Event.case_id == case.id, col(Event.channel).is_not(None))
        .order_by(col(Event.occurred_at).desc())
        .limit(1)
    ).first()
    session.add(case)
