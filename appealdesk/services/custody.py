"""Writing and reading the custody record of evidence.

An entry is written in the transaction of the change it records (:func:`record` takes that
transaction's session); nothing here changes or deletes an entry, and the database refuses
both (see migration 0007).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from appealdesk.domain.custody import canonical_json, entry_hash, recorded_facts, utc_stamp
from appealdesk.domain.enums import CustodyAction
from appealdesk.domain.models import EvidenceItem
from appealdesk.domain.proof_models import CustodyEntry
from appealdesk.store.database import Database


def facts_of(item: EvidenceItem) -> dict[str, Any]:
    return recorded_facts(
        sha256=item.sha256,
        size=item.size_bytes,
        captured_at=item.captured_at,
        captured_offset=item.captured_offset,
        capture_source=item.capture_source,
        kind=item.kind,
        redactions=item.redactions,
        sensitive=item.sensitive,
        no_blackout_confirmed_at=item.no_blackout_confirmed_at,
    )


def record(
    session: Session,
    item: EvidenceItem,
    action: CustodyAction,
    details: Mapping[str, Any] | None = None,
) -> CustodyEntry:
    """Appends an entry for ``item`` as it is now (its id known: flushed) to its record."""
    assert item.id is not None
    previous = _latest_hashes(session, [item.id]).get(item.id, "")
    return _append(session, item, action, details, previous)


def record_all(
    session: Session,
    items: Sequence[EvidenceItem],
    action: CustodyAction,
    details: Mapping[str, Any] | None = None,
) -> None:
    """An entry for each of ``items`` (their ids known), as :func:`record` writes it, with
    their last hashes found in one query instead of one each."""
    latest = _latest_hashes(session, [item.id for item in items if item.id is not None])
    for item in items:
        assert item.id is not None
        _append(session, item, action, details, latest.get(item.id, ""))


def _append(
    session: Session,
    item: EvidenceItem,
    action: CustodyAction,
    details: Mapping[str, Any] | None,
    previous: str,
) -> CustodyEntry:
    assert item.id is not None
    facts = facts_of(item)
    # Stored as it is hashed: what a JSON round trip gives back.
    shown_details: dict[str, Any] = json.loads(canonical_json(dict(details or {})))
    recorded_at = utc_stamp()
    digest = entry_hash(previous, item.id, recorded_at, action.value, shown_details, facts)
    entry = CustodyEntry(
        evidence_id=item.id,
        case_id=item.case_id,
        recorded_at=recorded_at,
        action=action,
        details=canonical_json(shown_details),
        facts=canonical_json(facts),
        previous_hash=previous,
        entry_hash=digest,
    )
    session.add(entry)
    item.custody_head = digest
    session.add(item)
    return entry


def record_case_removal(session: Session, case_id: int) -> None:
    """A ``removed`` entry for each piece of evidence of a case about to be deleted."""
    items = session.exec(select(EvidenceItem).where(EvidenceItem.case_id == case_id)).all()
    record_all(session, items, CustodyAction.REMOVED)


def record_exports(db: Database, evidence_ids: Collection[int], file_name: str, sha256: str) -> int:
    """An ``exported`` entry for each item still there; returns how many were written."""
    if not evidence_ids:
        return 0
    with db.transaction() as session:
        items = session.exec(
            select(EvidenceItem).where(col(EvidenceItem.id).in_(list(evidence_ids)))
        ).all()
        record_all(session, items, CustodyAction.EXPORTED, {"file": file_name, "sha256": sha256})
        return len(items)


def _latest_hashes(session: Session, evidence_ids: list[int]) -> dict[int, str]:
    """The hash of each item's last entry, in one query."""
    last = (
        select(func.max(CustodyEntry.id))
        .where(col(CustodyEntry.evidence_id).in_(evidence_ids))
        .group_by(col(CustodyEntry.evidence_id))
    )
    rows = session.exec(
        select(CustodyEntry.evidence_id, CustodyEntry.entry_hash).where(
            col(CustodyEntry.id).in_(last)
        )
    ).all()
    return dict(rows)


def custody_records(db: Database, evidence_ids: Collection[int]) -> dict[int, list[CustodyEntry]]:
    """The entries of each item in the order they were written, from its latest ``added``
    on (an id SQLite gave again after a deletion starts a record of its own)."""
    records: dict[int, list[CustodyEntry]] = {i: [] for i in evidence_ids}
    if not records:
        return records
    with db.reading() as session:
        entries = session.exec(
            select(CustodyEntry)
            .where(col(CustodyEntry.evidence_id).in_(list(records)))
            .order_by(col(CustodyEntry.id))
        ).all()
    for entry in entries:
        if entry.action is CustodyAction.ADDED:
            records[entry.evidence_id] = []
        records[entry.evidence_id].append(entry)
    return records


def details_of(entry: CustodyEntry) -> dict[str, Any]:
    value = json.loads(entry.details)
    return value if isinstance(value, dict) else {}
