"""Deleting a case so that it can be put back: the undo of a deletion within a session.

The evidence files of a deleted case stay in the evidence store until the next collection,
so putting the case back restores its evidence too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from sqlmodel import Session, select

from appealdesk.domain.enums import CustodyAction
from appealdesk.domain.errors import ValidationError
from appealdesk.domain.models import (
    Account,
    AppealLetter,
    Case,
    ChecklistItem,
    Event,
    EvidenceItem,
    StatementOfReasons,
)
from appealdesk.domain.proof_models import EvidenceTimestamp
from appealdesk.i18n import _
from appealdesk.services.custody import record, record_case_removal
from appealdesk.services.derived import case_or_raise
from appealdesk.services.evidence import time_stamps_in
from appealdesk.store.database import Database


@dataclass(frozen=True)
class CaseSnapshot:
    """Every row of a case, as it was just before it was deleted."""

    case: Case
    statement: StatementOfReasons | None
    events: tuple[Event, ...]
    evidence: tuple[EvidenceItem, ...]
    checklist: tuple[ChecklistItem, ...]
    letters: tuple[AppealLetter, ...] = ()
    timestamps: tuple[EvidenceTimestamp, ...] = ()  # the trusted time stamps of its evidence


Row = TypeVar(
    "Row",
    Case,
    StatementOfReasons,
    Event,
    EvidenceItem,
    ChecklistItem,
    AppealLetter,
    EvidenceTimestamp,
)


OfCase = TypeVar("OfCase", Event, EvidenceItem, ChecklistItem, AppealLetter)


def _rows(session: Session, table: type[OfCase], case_id: int) -> tuple[OfCase, ...]:
    return tuple(session.exec(select(table).where(table.case_id == case_id)).all())


def delete_case(db: Database, case_id: int) -> CaseSnapshot:
    """Deletes a case with its events, checklists and evidence rows; returns what it was."""
    with db.transaction() as session:
        case = case_or_raise(session, case_id)
        evidence = _rows(session, EvidenceItem, case_id)
        snapshot = CaseSnapshot(
            case=case,
            statement=session.exec(
                select(StatementOfReasons).where(StatementOfReasons.case_id == case_id)
            ).first(),
            events=_rows(session, Event, case_id),
            evidence=evidence,
            checklist=_rows(session, ChecklistItem, case_id),
            letters=_rows(session, AppealLetter, case_id),
            timestamps=time_stamps_in(session, [e.id for e in evidence if e.id is not None]),
        )
        record_case_removal(session, case_id)
        session.delete(case)
        return _detached(snapshot)


def _detached(snapshot: CaseSnapshot) -> CaseSnapshot:
    """Copies of the rows, so that restoring inserts new objects with the old ids."""

    def copy(row: Row) -> Row:
        return type(row)(**row.model_dump())

    return CaseSnapshot(
        case=copy(snapshot.case),
        statement=copy(snapshot.statement) if snapshot.statement else None,
        events=tuple(copy(e) for e in snapshot.events),
        evidence=tuple(copy(e) for e in snapshot.evidence),
        checklist=tuple(copy(c) for c in snapshot.checklist),
        letters=tuple(copy(letter) for letter in snapshot.letters),
        timestamps=tuple(copy(stamp) for stamp in snapshot.timestamps),
    )


def restore_case(db: Database, snapshot: CaseSnapshot) -> Case:
    """Puts a deleted case back exactly as it was, with the same ids and case number."""
    with db.transaction() as session:
        if session.get(Account, snapshot.case.account_id) is None:
            raise ValidationError(_("The account of this case was deleted; it cannot come back."))
        copy = _detached(snapshot)
        session.add(copy.case)
        session.flush()
        # Evidence whose file was removed meanwhile (deleted elsewhere) cannot come back.
        evidence = [e for e in copy.evidence if db.evidence.exists(e.sha256)]
        kept = {e.id for e in evidence}
        for item in copy.checklist:
            if item.evidence_id is not None and item.evidence_id not in kept:
                item.evidence_id = None
        for row in (copy.statement, *copy.events, *evidence, *copy.letters):
            if row is not None:
                session.add(row)
        session.flush()
        for restored in evidence:
            record(session, restored, CustodyAction.RESTORED)
        session.add_all(copy.checklist)
        session.add_all(t for t in copy.timestamps if t.evidence_id in kept)
        return copy.case
