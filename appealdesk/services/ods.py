"""The certified out-of-court dispute settlement bodies (DSA art. 21) and whether each can take
a case, from what the case records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from appealdesk.domain.enums import Channel, Direction, EventKind
from appealdesk.domain.models import Event
from appealdesk.domain.ods_bodies import OdsBody, decision_type_for, eu_residence, ods_bodies
from appealdesk.domain.ods_eligibility import Eligibility, OdsFacts, eligibility
from appealdesk.i18n import current_language
from appealdesk.services.cases import load_detail
from appealdesk.services.derived import case_or_raise, decided_at
from appealdesk.services.results import CaseDetail
from appealdesk.store.database import Database


@dataclass(frozen=True)
class BodyForCase:
    body: OdsBody
    eligibility: Eligibility


def _body_decision(event: Event) -> bool:
    """An answer from a body: something it sent, or a dispute event recorded as incoming."""
    incoming = event.direction == Direction.INCOMING
    from_body = event.channel == Channel.OUT_OF_COURT_BODY
    return incoming and (from_body or event.kind == EventKind.OUT_OF_COURT_DISPUTE)


def case_facts(
    detail: CaseDetail, decided: dt.datetime, today: dt.date, language: str | None = None
) -> OdsFacts:
    """What the eligibility rule needs, from a case; the complaint's language is the one
    asked for, else the language AppealDesk is shown in."""
    events: Sequence[Event] = detail.events
    decisions = [e for e in events if _body_decision(e)]
    filed = [
        e for e in events if e.kind == EventKind.OUT_OF_COURT_DISPUTE and not _body_decision(e)
    ]
    pending = bool(filed) and not any(d.occurred_at >= filed[-1].occurred_at for d in decisions)
    statement = detail.statement
    return OdsFacts(
        today=today,
        platform=detail.account.platform.value,
        decision_type=decision_type_for(
            detail.case.block_kind, statement.decision_account if statement else None
        ),
        decided_on=decided.date(),
        eu_residence=eu_residence(detail.account.country),
        language=language or current_language(),
        already_decided=bool(decisions),
        already_decided_on=decisions[-1].occurred_at.date() if decisions else None,
        dispute_filed_on=filed[-1].occurred_at.date() if pending else None,
    )


def bodies_for_case(
    db: Database, case_id: int, today: dt.date | None = None, language: str | None = None
) -> list[BodyForCase]:
    """Every body with whether it can take the case (see :func:`eligibility`)."""
    with db.reading() as session:
        case = case_or_raise(session, case_id)
        detail = load_detail(session, case)
        decided = decided_at(session, case)
    facts = case_facts(detail, decided, today or dt.date.today(), language)
    return [BodyForCase(body, eligibility(body, facts)) for body in ods_bodies()]
