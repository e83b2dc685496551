"""The records that prove a piece of evidence: its custody record and its trusted time stamps.

Both only grow: a custody entry is never changed or deleted, and a time stamp is the
authority's answer as it came.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, Index, LargeBinary, UniqueConstraint
from sqlmodel import Field

from appealdesk.domain.enums import CustodyAction
from appealdesk.domain.models import Table, _enum, _fk, _time


class EvidenceTimestamp(Table, table=True):
    """An RFC 3161 time stamp over the SHA-256 of an item's original, from one authority.

    Until the authority has answered (it was down, it refused) the row is pending: no
    response, and ``error`` says what went wrong the last time it was asked.
    """

    __tablename__ = "evidence_timestamps"
    __table_args__ = (UniqueConstraint("evidence_id", "authority_url"),)

    id: int | None = Field(default=None, primary_key=True)
    evidence_id: int = _fk("evidence_items.id", ondelete="CASCADE", index=False)
    authority_url: str
    # The TimeStampResp as DER, as ``openssl ts -reply`` writes it; None while pending.
    response: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    stamped_at_utc: dt.datetime | None = _time(nullable=True)  # the token's own time, in UTC
    signature_verified: bool = False  # its signature checked against a trusted root
    error: str = ""
    requested_at: dt.datetime = _time(stamp=True)


class CustodyEntry(Table, table=True):
    """One step in the custody record of a piece of evidence; never changed or deleted.

    Kept when the item goes (a ``removed`` entry ends it), so the ids are plain numbers, not
    references. ``details`` and ``facts`` are canonical JSON, hashed as they are stored (see
    :mod:`appealdesk.domain.custody`).
    """

    __tablename__ = "custody_entries"
    __table_args__ = (Index("ix_custody_entries_evidence_id_id", "evidence_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    evidence_id: int
    case_id: int
    recorded_at: str  # UTC, ISO 8601 with a Z: hashed as written
    action: CustodyAction = _enum(CustodyAction)
    details: str = "{}"
    facts: str = "{}"
    previous_hash: str = ""  # "" for the first entry of an item
    entry_hash: str = Field(min_length=64, max_length=64)
