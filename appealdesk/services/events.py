"""The timeline of a case: contacts, decisions and notes, and the common steps in one go."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Unpack

from sqlmodel import Session, col, select

from appealdesk.domain import dates, workflow
from appealdesk.domain.checklists import ID_CHECK_ITEMS
from appealdesk.domain.enums import (
    Channel,
    Checklist,
    ChecklistState,
    Direction,
    EventKind,
)
from appealdesk.domain.errors import NotFoundError, ValidationError
from appealdesk.domain.models import Case, ChecklistItem, Event, now
from appealdesk.domain.validation import choice, clean_text, optional_choice
from appealdesk.i18n import N_, _
from appealdesk.services.changes import EventChanges
from appealdesk.services.derived import case_or_raise, refresh_case
from appealdesk.store.database import Database

# Text fields of an event: (label, multi-line).
EVENT_TEXT_FIELDS = {
    "reference": (N_("Reference number"), False),
    "summary": (N_("Summary"), False),
    "body": (N_("Full text"), True),
    "outcome": (N_("Outcome"), True),
}


def _clean_event_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        if name in EVENT_TEXT_FIELDS:
            field, multiline = EVENT_TEXT_FIELDS[name]
            cleaned[name] = clean_text(value, field=_(field), multiline=multiline)
        elif name == "occurred_at":
            if not isinstance(value, dt.datetime):
                raise ValidationError(_("An event needs a date and time."))
            cleaned[name] = value.replace(microsecond=0, tzinfo=None)
        elif name in ("kind", "channel", "direction"):
            if name == "kind":
                cleaned[name] = choice(EventKind, value)
            else:
                cleaned[name] = optional_choice(Channel if name == "channel" else Direction, value)
        else:
            raise ValidationError(_("Unknown event field: {name}").format(name=name))
    return cleaned


def add_event(
    db: Database, case_id: int, *, move_status: bool = False, **values: Unpack[EventChanges]
) -> Event:
    """Adds an event; with ``move_status`` the case follows it (appeal filed → …)."""
    fields = _clean_event_fields({"occurred_at": now(), **values})
    with db.transaction() as session:
        case = case_or_raise(session, case_id)
        kind = fields.get("kind", EventKind.NOTE)
        dates.check_event_date(kind, fields["occurred_at"], case.blocked_at, now())
        event = _insert_event(session, case, fields)
        if move_status:
            case.status = workflow.status_after_event(case.status, event.kind)
        _apply_side_effects(session, case, event)
        case.updated_at = now()
        refresh_case(session, case)
        return event


def _insert_event(session: Session, case: Case, fields: dict[str, Any]) -> Event:
    assert case.id is not None
    event = Event(case_id=case.id, **fields)
    session.add(event)
    session.flush()
    return event


def _apply_side_effects(session: Session, case: Case, event: Event) -> None:
    """An ID request puts the usual ID items on the case's checklist as needed."""
    if event.kind is not EventKind.ID_REQUESTED:
        return
    for key in ID_CHECK_ITEMS:
        item = session.exec(
            select(ChecklistItem).where(
                ChecklistItem.case_id == case.id,
                ChecklistItem.checklist == Checklist.ID_DOCUMENTS,
                ChecklistItem.item_key == key,
            )
        ).first()
        if item is None:
            assert case.id is not None
            item = ChecklistItem(case_id=case.id, checklist=Checklist.ID_DOCUMENTS, item_key=key)
        elif item.state is not ChecklistState.NOT_NEEDED:
            continue
        item.state = ChecklistState.NEEDED
        item.updated_at = now()
        session.add(item)


def update_event(db: Database, event_id: int, **values: Unpack[EventChanges]) -> Event:
    fields = _clean_event_fields(values)
    with db.transaction() as session:
        event = _event(session, event_id)
        case = case_or_raise(session, event.case_id)
        kind, occurred_at = fields.get("kind", event.kind), fields.get("occurred_at")
        # A date stored before these checks existed stays editable as long as it is kept.
        if (kind, occurred_at or event.occurred_at) != (event.kind, event.occurred_at):
            dates.check_event_date(kind, occurred_at or event.occurred_at, case.blocked_at, now())
        for name, value in fields.items():
            setattr(event, name, value)
        event.updated_at = now()
        session.add(event)
        refresh_case(session, case)
        return event


def delete_event(db: Database, event_id: int) -> Event:
    """Deletes an event and returns it as it was, so the caller can offer undo."""
    with db.transaction() as session:
        event = _event(session, event_id)
        case = case_or_raise(session, event.case_id)
        session.delete(event)
        refresh_case(session, case)
        return event


def restore_event(db: Database, event: Event) -> Event:
    """Puts back an event returned by :func:`delete_event` (undo)."""
    with db.transaction() as session:
        case = case_or_raise(session, event.case_id)
        fields = event.model_dump(exclude={"id"})
        restored = Event(**fields)
        session.add(restored)
        refresh_case(session, case)
        return restored


def list_events(db: Database, case_id: int) -> list[Event]:
    with db.reading() as session:
        case_or_raise(session, case_id)
        return list(
            session.exec(
                select(Event)
                .where(Event.case_id == case_id)
                .order_by(col(Event.occurred_at), col(Event.id))
            ).all()
        )


def _event(session: Session, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFoundError(_("This event no longer exists."))
    return event
