"""Creating, reading, changing and deleting cases; each function is one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Unpack

from sqlalchemy import func
from sqlmodel import Session, col, select

from appealdesk.domain import dates, numbering, workflow
from appealdesk.domain.enums import BlockKind, CaseStatus, EventKind
from appealdesk.domain.errors import EditConflictError, NotFoundError, ValidationError
from appealdesk.domain.models import (
    Account,
    Case,
    ChecklistItem,
    Client,
    Event,
    EvidenceItem,
    StatementOfReasons,
    now,
)
from appealdesk.domain.recipients import decision_moment
from appealdesk.domain.taxonomy import check_reason_platform, taxonomy_for
from appealdesk.domain.validation import choice, required_line
from appealdesk.i18n import _
from appealdesk.services import clients
from appealdesk.services.case_fields import clean_case_fields
from appealdesk.services.changes import CaseChanges, CaseFields, NewAccount
from appealdesk.services.derived import case_or_raise, deadlines_of, refresh_case
from appealdesk.services.profile import load_workspace
from appealdesk.services.results import CaseDetail
from appealdesk.store.database import Database


def _next_case_number(session: Session, platform_code_prefix: str) -> int:
    numbers = session.exec(
        select(Case.case_number).where(col(Case.case_number).startswith(platform_code_prefix))
    ).all()
    sequences = [p.sequence for n in numbers if (p := numbering.parse_case_number(n))]
    return max(sequences, default=0) + 1


def create_case(
    db: Database,
    *,
    blocked_at: dt.datetime,
    account_id: int | None = None,
    new_account: NewAccount | None = None,
    client_id: int | None = None,
    new_client_name: str | None = None,
    created_at: dt.datetime | None = None,
    **values: Unpack[CaseFields],
) -> Case:
    """A new case with its number, for an existing account or one made on the spot."""
    fields = clean_case_fields({"blocked_at": blocked_at, **values})
    taxonomy_for(blocked_at.date()).check(fields.get("reason_area"), fields.get("reason_policy"))
    if "desired_outcome" not in fields:
        kind = fields.get("block_kind", BlockKind.TEMPORARY_SUSPENSION)
        fields["desired_outcome"] = workflow.default_outcome(kind)
    created = created_at or now()
    with db.transaction() as session:
        if account_id is not None:
            account = clients.account_or_raise(session, account_id)
        elif new_account is not None:
            if new_client_name:
                client = Client(name=required_line(new_client_name, field=_("Client")))
                session.add(client)
                session.flush()
                client_id = client.id
            account = clients.add_account(session, client_id, **new_account)
        else:
            raise ValidationError(_("Choose the account this case is about."))
        check_reason_platform(account.platform, fields.get("reason_area"))
        prefix = numbering.prefix(account.platform, created.year)
        sequence = _next_case_number(session, prefix)
        assert account.id is not None
        case = Case(
            case_number=numbering.format_case_number(account.platform, created.year, sequence),
            account_id=account.id,
            created_at=created,
            updated_at=created,
            **fields,
        )
        session.add(case)
        session.flush()
        assert case.id is not None
        session.add(Event(case_id=case.id, occurred_at=case.blocked_at, kind=EventKind.BLOCKED))
        refresh_case(session, case)
        return case


def get_case(db: Database, case_id: int) -> CaseDetail:
    with db.reading() as session:
        return load_detail(session, case_or_raise(session, case_id))


def find_case(db: Database, case_number: str) -> CaseDetail:
    with db.reading() as session:
        return load_detail(session, _numbered(session, case_number))


def case_id_of(db: Database, case_number: str) -> int:
    """The id of the case numbered ``case_number`` (as typed: ``tt-2026-1`` will do)."""
    with db.reading() as session:
        case_id = _numbered(session, case_number).id
    assert case_id is not None
    return case_id


def _numbered(session: Session, case_number: str) -> Case:
    typed = required_line(case_number, field=_("Case number"))
    wanted = numbering.normalise_case_number(typed)
    case = session.exec(select(Case).where(Case.case_number == wanted)).first()
    if case is None:
        raise NotFoundError(_("There is no case {number}.").format(number=wanted))
    return case


def load_detail(session: Session, case: Case) -> CaseDetail:
    """Everything the case window shows of ``case``, in as few queries as that takes: the
    deadlines come from the events and statement loaded here, not from queries of their own."""
    assert case.id is not None
    found = session.exec(
        select(Account, Client)
        .join(Client, col(Client.id) == col(Account.client_id))
        .where(Account.id == case.account_id)
    ).first()
    if found is None:
        raise NotFoundError(_("This account no longer exists."))
    account, client = found
    statement = session.exec(
        select(StatementOfReasons).where(StatementOfReasons.case_id == case.id)
    ).first()
    events = tuple(
        session.exec(
            select(Event)
            .where(Event.case_id == case.id)
            .order_by(col(Event.occurred_at), col(Event.id))
        ).all()
    )
    decided = decision_moment(case, statement.application_date if statement else None)
    return CaseDetail(
        workspace=load_workspace(session),
        case=case,
        account=account,
        client=client,
        statement=statement,
        events=events,
        checklist=tuple(
            session.exec(select(ChecklistItem).where(ChecklistItem.case_id == case.id)).all()
        ),
        evidence=tuple(
            session.exec(
                select(EvidenceItem)
                .where(EvidenceItem.case_id == case.id)
                .order_by(col(EvidenceItem.position), col(EvidenceItem.id))
            ).all()
        ),
        deadlines=tuple(
            deadlines_of(case, account.platform, decided, ((e.kind, e.occurred_at) for e in events))
        ),
    )


def update_case(
    db: Database,
    case_id: int,
    *,
    expected: Mapping[str, Any] | None = None,
    **values: Unpack[CaseChanges],
) -> Case:
    """Changes case fields (not the status: see :func:`change_status`).

    ``expected``: the values the user saw before changing them. A field changed meanwhile
    to something else (by another member, or a script) raises :class:`EditConflictError`
    and nothing is saved, instead of overwriting that change unseen.
    """
    fields = clean_case_fields(values)
    with db.transaction() as session:
        case = case_or_raise(session, case_id)
        if expected is not None:
            _refuse_conflicts(db, case, fields, expected)
        area = fields.get("reason_area", case.reason_area)
        policy = fields.get("reason_policy", case.reason_policy)
        if "reason_area" in fields and "reason_policy" not in fields and area != case.reason_area:
            policy = fields["reason_policy"] = None
        if (area, policy) != (case.reason_area, case.reason_policy):
            # A new choice comes from the edition in force on the block date; a stored reason
            # from another edition stays as it was entered.
            day = fields.get("blocked_at", case.blocked_at).date()
            taxonomy_for(day).check(area, policy)
            check_reason_platform(clients.account_or_raise(session, case.account_id).platform, area)
        if "blocked_at" in fields:
            steps = session.exec(select(Event).where(Event.case_id == case.id)).all()
            dates.check_block_after_steps(fields["blocked_at"], steps)
            _move_block_event(session, case, fields["blocked_at"])
        for name, value in fields.items():
            setattr(case, name, value)
        case.updated_at = now()
        refresh_case(session, case)
        return case


def _refuse_conflicts(
    db: Database, case: Case, fields: Mapping[str, Any], expected: Mapping[str, Any]
) -> None:
    conflicting = tuple(
        name
        for name, value in fields.items()
        if name in expected and getattr(case, name) not in (expected[name], value)
    )
    if not conflicting:
        return
    by = None
    if db.shared:  # the audit log says who
        found = db.rows(
            "SELECT member FROM audit_log WHERE table_name = 'cases' AND row_id = ? "
            "AND jsonb_exists(changes, ?) ORDER BY id DESC LIMIT 1",
            [case.id, conflicting[0]],
        )
        by = str(found[0][0]) if found else None
    raise EditConflictError(
        _("This was changed meanwhile by someone else; your change was not saved."),
        conflicting,
        by,
    )


def _move_block_event(session: Session, case: Case, blocked_at: dt.datetime) -> None:
    event = session.exec(
        select(Event).where(
            Event.case_id == case.id,
            Event.kind == EventKind.BLOCKED,
            Event.occurred_at == case.blocked_at,
        )
    ).first()
    if event is not None:
        event.occurred_at = blocked_at
        session.add(event)


def change_status(db: Database, case_id: int, status: CaseStatus | str) -> Case:
    target = choice(CaseStatus, status)
    with db.transaction() as session:
        case = case_or_raise(session, case_id)
        workflow.check_transition(case.status, target)
        case.status = target
        case.updated_at = now()
        refresh_case(session, case)
        return case


def restore_status(db: Database, case_id: int, status: CaseStatus | str) -> Case:
    """Puts back an earlier status (undo). Not a workflow step, so not checked as one."""
    target = choice(CaseStatus, status)
    with db.transaction() as session:
        case = case_or_raise(session, case_id)
        case.status = target
        case.updated_at = now()
        refresh_case(session, case)
        return case


def move_case(db: Database, case_id: int, account_id: int) -> Case:
    """Puts a case under another account (and so possibly another client)."""
    with db.transaction() as session:
        case = case_or_raise(session, case_id)
        clients.account_or_raise(session, account_id)
        case.account_id = account_id
        case.updated_at = now()
        refresh_case(session, case)
        return case


def exists(db: Database, case_id: int) -> bool:
    with db.reading() as session:
        return session.get(Case, case_id) is not None


def count_cases(db: Database) -> int:
    with db.reading() as session:
        return session.exec(select(func.count(col(Case.id)))).one()
