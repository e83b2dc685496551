"""The checklists of a case. Rows exist only for items someone changed; the rest are at
their initial state, so ten thousand cases do not carry a quarter of a million idle rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Unpack

from sqlmodel import Session, select

from appealdesk.domain import checklists as rules
from appealdesk.domain.enums import Checklist, ChecklistState
from appealdesk.domain.errors import NotFoundError, ValidationError
from appealdesk.domain.labels import label
from appealdesk.domain.models import Case, ChecklistItem, Event, EvidenceItem, now
from appealdesk.domain.step_progress import StepProgress, StepProof, step_progress
from appealdesk.domain.validation import clean_text
from appealdesk.i18n import _
from appealdesk.services.changes import ChecklistChanges
from appealdesk.services.derived import case_or_raise
from appealdesk.services.results import CaseDetail
from appealdesk.store.database import Database


@dataclass(frozen=True)
class ChecklistEntry:
    checklist: Checklist
    key: str
    state: ChecklistState
    evidence_id: int | None = None
    note: str = ""
    proof: StepProof | None = None  # an unblock step the case's data shows done


def entries(
    case: Case, stored: tuple[ChecklistItem, ...] | list[ChecklistItem], checklist: Checklist
) -> list[ChecklistEntry]:
    """Every item of ``checklist`` in its order, with the stored state where there is one."""
    by_key = {item.item_key: item for item in stored if item.checklist == checklist}
    result = []
    for key in rules.item_keys(checklist):
        item = by_key.get(key)
        if item is None:
            state = rules.initial_state(checklist, key, case.reason_policy)
            result.append(ChecklistEntry(checklist, key, state))
        else:
            result.append(ChecklistEntry(checklist, key, item.state, item.evidence_id, item.note))
    return result


def shown_entries(detail: CaseDetail, checklist: Checklist) -> list[ChecklistEntry]:
    """As :func:`entries`, with the unblock steps as shown: what the timeline, the evidence,
    the notice and the five signs show done is done (see :mod:`domain.step_progress`)."""
    stored = entries(detail.case, detail.checklist, checklist)
    if checklist is not Checklist.NEXT_STEPS:
        return stored
    return _with_progress(stored, detail.steps)


def _with_progress(
    stored: list[ChecklistEntry], steps: tuple[StepProgress, ...]
) -> list[ChecklistEntry]:
    by_key = {step.key: step for step in steps}
    return [replace(e, state=by_key[e.key].state, proof=by_key[e.key].proof) for e in stored]


def get_checklist(db: Database, case_id: int, checklist: Checklist) -> list[ChecklistEntry]:
    """Every item of ``checklist`` of the case as shown (see :func:`shown_entries`)."""
    with db.reading() as session:
        case = case_or_raise(session, case_id)
        stored = list(session.exec(select(ChecklistItem).where(ChecklistItem.case_id == case_id)))
        listed = entries(case, stored, checklist)
        if checklist is not Checklist.NEXT_STEPS:
            return listed
        events = list(session.exec(select(Event).where(Event.case_id == case_id)))
        evidence = list(session.exec(select(EvidenceItem).where(EvidenceItem.case_id == case_id)))
        return _with_progress(listed, step_progress(case, events, evidence, stored))


def set_item(
    db: Database, case_id: int, checklist: Checklist, key: str, **values: Unpack[ChecklistChanges]
) -> ChecklistEntry:
    """Changes the state, linked evidence or note of one checklist item."""
    if key not in rules.item_keys(checklist):
        raise ValidationError(_("Unknown checklist item: {key}").format(key=key))
    with db.transaction() as session:
        case = case_or_raise(session, case_id)
        item = _stored_item(session, case, checklist, key)
        given: Mapping[str, Any] = values  # checked name by name: it may be what a user typed
        for name, value in given.items():
            if name == "state":
                state = ChecklistState(value)
                if not rules.is_allowed(checklist, state):
                    raise ValidationError(
                        _("“{state}” does not apply to this checklist.").format(state=label(state))
                    )
                item.state = state
            elif name == "evidence_id":
                item.evidence_id = _evidence_of_case(session, case, value)
            elif name == "note":
                item.note = clean_text(value, field=_("Note"))
            else:
                raise ValidationError(_("Unknown checklist field: {name}").format(name=name))
        item.updated_at = now()
        session.add(item)
        return ChecklistEntry(checklist, key, item.state, item.evidence_id, item.note)


def _stored_item(session: Session, case: Case, checklist: Checklist, key: str) -> ChecklistItem:
    item = session.exec(
        select(ChecklistItem).where(
            ChecklistItem.case_id == case.id,
            ChecklistItem.checklist == checklist,
            ChecklistItem.item_key == key,
        )
    ).first()
    if item is None:
        assert case.id is not None
        item = ChecklistItem(
            case_id=case.id,
            checklist=checklist,
            item_key=key,
            state=rules.initial_state(checklist, key, case.reason_policy),
        )
    return item


def _evidence_of_case(session: Session, case: Case, evidence_id: Any) -> int | None:
    if evidence_id is None:
        return None
    evidence = session.get(EvidenceItem, int(evidence_id))
    if evidence is None or evidence.case_id != case.id:
        raise NotFoundError(_("That evidence does not belong to this case."))
    return evidence.id
