"""Evidence of a case: its details, order, black-out areas, and deletion."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Unpack

from sqlmodel import Session, col, select

from appealdesk.domain.custody import json_value
from appealdesk.domain.enums import CaptureSource, CustodyAction, EvidenceKind, EvidenceSource
from appealdesk.domain.errors import NotFoundError, ValidationError
from appealdesk.domain.evidence_rules import clean_redactions, is_sensitive_kind
from appealdesk.domain.models import ChecklistItem, EvidenceItem
from appealdesk.domain.proof_models import EvidenceTimestamp
from appealdesk.domain.provenance import stored_capture, web_address
from appealdesk.domain.validation import choice, clean_text, optional_choice
from appealdesk.i18n import _
from appealdesk.services.changes import EvidenceChanges
from appealdesk.services.custody import record
from appealdesk.services.derived import case_or_raise
from appealdesk.store.database import Database


def list_evidence(db: Database, case_id: int) -> list[EvidenceItem]:
    with db.reading() as session:
        case_or_raise(session, case_id)
        return list(
            session.exec(
                select(EvidenceItem)
                .where(EvidenceItem.case_id == case_id)
                .order_by(col(EvidenceItem.position), col(EvidenceItem.id))
            ).all()
        )


def get_evidence(db: Database, evidence_id: int) -> EvidenceItem:
    with db.reading() as session:
        return _item(session, evidence_id)


def _item(session: Session, evidence_id: int) -> EvidenceItem:
    item = session.get(EvidenceItem, evidence_id)
    if item is None:
        raise NotFoundError(_("This evidence no longer exists."))
    return item


def _fields(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        if name == "title":
            cleaned[name] = clean_text(value, field=_("Title"), multiline=False)
        elif name == "note":
            cleaned[name] = clean_text(value, field=_("Note"))
        elif name == "kind":
            cleaned[name] = choice(EvidenceKind, value)
        elif name in ("captured_at", "no_blackout_confirmed_at"):
            if value is not None and not isinstance(value, dt.datetime):
                raise ValidationError(_("A date and time is needed."))
            # Aware: stored in UTC with its offset; naive: a time of an unknown zone.
            cleaned[name], cleaned["captured_offset"] = (
                stored_capture(value) if value else (None, None)
            )
            cleaned.setdefault("capture_source", CaptureSource.ENTERED if value else None)
        elif name == "capture_source":
            cleaned[name] = optional_choice(CaptureSource, value)
        elif name == "source":
            cleaned[name] = optional_choice(EvidenceSource, value)
        elif name == "source_url":
            cleaned[name] = web_address(clean_text(value, field=_("Address"), multiline=False))
        elif name == "device":
            cleaned[name] = clean_text(value, field=_("Device or app"), multiline=False)
        elif name in ("sensitive", "include_in_dossier"):
            cleaned[name] = bool(value)
        elif name == "redactions":
            cleaned[name] = clean_redactions(value)
        else:
            raise ValidationError(_("Unknown evidence field: {name}").format(name=name))
    return cleaned


def update_evidence(
    db: Database, evidence_id: int, **values: Unpack[EvidenceChanges]
) -> EvidenceItem:
    """Changes details; an identity document becomes sensitive unless said otherwise.

    Black-out areas replace the confirmation that there is nothing to black out."""
    fields = _fields(values)
    if "kind" in fields and "sensitive" not in fields and is_sensitive_kind(fields["kind"]):
        fields["sensitive"] = True
    with db.transaction() as session:
        item = _item(session, evidence_id)
        changed = {
            name: getattr(item, name)
            for name, value in fields.items()
            if getattr(item, name) != value
        }
        for name, value in fields.items():
            setattr(item, name, value)
        if item.redactions:
            item.no_blackout_confirmed_at = None
        session.add(item)
        if "redactions" in changed:
            areas = {"old": len(changed.pop("redactions")), "new": len(item.redactions)}
            record(session, item, CustodyAction.REDACTIONS_CHANGED, {"areas": areas})
        if changed:
            record(session, item, CustodyAction.DETAILS_CHANGED, _changes(changed, item))
        return item


# What the user wrote stays out of the custody record, which outlives the item: deleted
# evidence leaves no trace of what it said. The record names these fields, not their values.
_TEXT_FIELDS = frozenset({"title", "note", "source_url", "device"})


def _changes(old: Mapping[str, Any], item: EvidenceItem) -> dict[str, Any]:
    return {
        "fields": sorted(old),
        "values": {
            name: {"old": json_value(value), "new": json_value(getattr(item, name))}
            for name, value in old.items()
            if name not in _TEXT_FIELDS
        },
    }


def reorder_evidence(db: Database, case_id: int, ordered_ids: Sequence[int]) -> list[EvidenceItem]:
    """Puts the evidence of a case in the given order (all of its ids, each once)."""
    with db.transaction() as session:
        case_or_raise(session, case_id)
        items: dict[int, EvidenceItem] = {}
        for item in session.exec(select(EvidenceItem).where(EvidenceItem.case_id == case_id)):
            assert item.id is not None
            items[item.id] = item
        if sorted(ordered_ids) != sorted(items):
            raise ValidationError(_("The new order must list every piece of evidence once."))
        for position, evidence_id in enumerate(ordered_ids):
            items[evidence_id].position = position
            session.add(items[evidence_id])
        return [items[i] for i in ordered_ids]


@dataclass(frozen=True)
class DeletedEvidence:
    """An evidence row as it was just before it was deleted, and the checklist items it proved."""

    item: EvidenceItem
    checklist_ids: tuple[int, ...]
    timestamps: tuple[EvidenceTimestamp, ...] = ()


def time_stamps_in(session: Session, evidence_ids: list[int]) -> tuple[EvidenceTimestamp, ...]:
    """The time stamps of evidence rows: they go with the rows, and come back with them."""
    query = select(EvidenceTimestamp).where(col(EvidenceTimestamp.evidence_id).in_(evidence_ids))
    return tuple(session.exec(query).all())


def delete_evidence(db: Database, evidence_id: int) -> None:
    """Deletes the row, and the stored file when no other row refers to it any more."""
    deleted = take_out(db, evidence_id)
    remove_unreferenced(db, [deleted.item.sha256])


def take_out(db: Database, evidence_id: int) -> DeletedEvidence:
    """Deletes the row but keeps its stored file, so that :func:`put_back` can undo it.

    The file goes with the next :func:`collect_unreferenced` (when the window closes).
    """
    with db.transaction() as session:
        item = _item(session, evidence_id)
        linked = list(
            session.exec(select(ChecklistItem).where(ChecklistItem.evidence_id == evidence_id))
        )
        for checklist_item in linked:
            checklist_item.evidence_id = None
            session.add(checklist_item)
        record(session, item, CustodyAction.REMOVED)
        deleted = DeletedEvidence(
            EvidenceItem(**item.model_dump()),
            tuple(c.id for c in linked if c.id is not None),
            tuple(
                EvidenceTimestamp(**t.model_dump()) for t in time_stamps_in(session, [evidence_id])
            ),
        )
        session.delete(item)
        return deleted


def put_back(db: Database, deleted: DeletedEvidence) -> EvidenceItem:
    """Restores a row taken out by :func:`take_out`, with its id and its checklist links."""
    with db.transaction() as session:
        case_or_raise(session, deleted.item.case_id)
        if not db.evidence.exists(deleted.item.sha256):
            raise ValidationError(_("The file of this evidence was removed; it cannot come back."))
        item = EvidenceItem(**deleted.item.model_dump())
        session.add(item)
        session.flush()
        record(session, item, CustodyAction.RESTORED)
        for checklist_id in deleted.checklist_ids:
            checklist_item = session.get(ChecklistItem, checklist_id)
            if checklist_item is not None and checklist_item.evidence_id is None:
                checklist_item.evidence_id = item.id
                session.add(checklist_item)
        session.add_all(EvidenceTimestamp(**t.model_dump()) for t in deleted.timestamps)
        return item


def remove_unreferenced(db: Database, digests: Sequence[str]) -> None:
    """Removes the stored files of ``digests`` that no row refers to.

    It runs in a write transaction of its own, after the rows went: an import of the same
    bytes cannot commit in between (it checks its files under the same lock), and a crash
    at any moment leaves at worst a file nobody needs, never a row without its file.
    """
    if not digests:
        return
    with db.transaction() as session:
        referenced = set(
            session.exec(
                select(EvidenceItem.sha256).where(col(EvidenceItem.sha256).in_(list(digests)))
            ).all()
        )
        for sha256 in digests:
            if sha256 not in referenced:
                db.evidence.remove(sha256)


def collect_unreferenced(db: Database) -> int:
    """Removes stored files no row refers to (e.g. of cases deleted earlier)."""
    with db.reading() as session:
        referenced = set(session.exec(select(EvidenceItem.sha256)).all())
    return db.evidence.collect(referenced)
