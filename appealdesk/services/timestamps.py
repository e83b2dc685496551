"""Trusted time stamps of evidence: asked for, kept, and asked for again when they failed.

The authorities are asked outside any transaction (a slow one never holds the database);
each answer, a token or why there is none, is stored in a transaction of its own. A failed
request leaves a pending row that the next request for the item, or :func:`retry_pending`,
tries again. Nothing here ever undoes or blocks an import.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlmodel import col, select

from appealdesk.domain.errors import AppealDeskError
from appealdesk.domain.models import EvidenceItem, now
from appealdesk.domain.proof_models import EvidenceTimestamp
from appealdesk.i18n import _, ngettext
from appealdesk.services.originals import read_original
from appealdesk.services.tsa_addresses import TIMEOUT_SECONDS, Token
from appealdesk.store.database import Database

log = logging.getLogger(__name__)

StopRequested = Callable[[], bool]


@dataclass
class TimestampReport:
    granted: int = 0
    already: int = 0  # items that had a token from that authority before
    failures: list[str] = field(default_factory=list)  # one sentence each, for the user

    @property
    def pending(self) -> int:
        return len(self.failures)


def timestamps_of(db: Database, evidence_ids: Sequence[int]) -> dict[int, list[EvidenceTimestamp]]:
    """The rows (granted and pending) of each item, oldest request first."""
    found: dict[int, list[EvidenceTimestamp]] = {i: [] for i in evidence_ids}
    if not evidence_ids:
        return found
    with db.reading() as session:
        rows = session.exec(
            select(EvidenceTimestamp)
            .where(col(EvidenceTimestamp.evidence_id).in_(list(evidence_ids)))
            .order_by(col(EvidenceTimestamp.requested_at), col(EvidenceTimestamp.id))
        ).all()
    for row in rows:
        found[row.evidence_id].append(row)
    return found


def add_timestamps(
    db: Database,
    evidence_ids: Sequence[int],
    urls: Sequence[str],
    *,
    timeout: float = TIMEOUT_SECONDS,
    should_stop: StopRequested | None = None,
) -> TimestampReport:
    """Asks every authority in ``urls`` for a token for each item that has none from it yet."""
    report = TimestampReport()
    known = timestamps_of(db, evidence_ids)
    with db.reading() as session:
        items = session.exec(
            select(EvidenceItem).where(col(EvidenceItem.id).in_(list(evidence_ids)))
        ).all()
    for item in items:
        assert item.id is not None
        granted = {row.authority_url for row in known[item.id] if row.response is not None}
        for url in urls:
            if should_stop is not None and should_stop():
                return report
            if url in granted:
                report.already += 1
                continue
            _ask(db, item, url, timeout, report)
    return report


def retry_pending(
    db: Database,
    *,
    case_id: int | None = None,
    urls: Sequence[str] | None = None,
    except_ids: Sequence[int] = (),
    timeout: float = TIMEOUT_SECONDS,
    should_stop: StopRequested | None = None,
) -> TimestampReport:
    """Asks again for every pending time stamp (of one case, or of all; only from ``urls``
    when given: an authority the user no longer lists is not contacted)."""
    report = TimestampReport()
    with db.reading() as session:
        query = (
            select(EvidenceTimestamp, EvidenceItem)
            .join(EvidenceItem, col(EvidenceItem.id) == col(EvidenceTimestamp.evidence_id))
            .where(col(EvidenceTimestamp.response).is_(None))
            .order_by(col(EvidenceTimestamp.id))
        )
        if case_id is not None:
            query = query.where(EvidenceItem.case_id == case_id)
        if urls is not None:
            query = query.where(col(EvidenceTimestamp.authority_url).in_(list(urls)))
        if except_ids:
            query = query.where(col(EvidenceTimestamp.evidence_id).not_in(list(except_ids)))
        pending = session.exec(query).all()
    for row, item in pending:
        if should_stop is not None and should_stop():
            break
        _ask(db, item, row.authority_url, timeout, report)
    return report


def _ask(
    db: Database, item: EvidenceItem, url: str, timeout: float, report: TimestampReport
) -> None:
    from appealdesk.services.tsa_client import request_token  # only once a stamp is asked for

    token: Token | None = None
    error = ""
    try:
        token = request_token(url, read_original(db, item), item.sha256, timeout)
    except AppealDeskError as exc:
        error = exc.message
        log.warning("time stamp request failed: %s", type(exc.__cause__ or exc).__name__)
    if not _store(db, item, url, token, "" if token else error):
        return  # the item was deleted meanwhile: nothing to report about it
    if token is not None:
        report.granted += 1
    else:
        name = item.title or item.original_name
        report.failures.append(
            _("No time stamp for “{name}” yet: {error}").format(name=name, error=error)
        )


def _store(db: Database, item: EvidenceItem, url: str, token: Token | None, error: str) -> bool:
    with db.transaction() as session:
        if session.get(EvidenceItem, item.id) is None:
            return False
        row = session.exec(
            select(EvidenceTimestamp).where(
                EvidenceTimestamp.evidence_id == item.id, EvidenceTimestamp.authority_url == url
            )
        ).first()
        if row is None:
            assert item.id is not None
            row = EvidenceTimestamp(evidence_id=item.id, authority_url=url)
        elif row.response is not None:
            return True  # granted by a request that ran beside this one; keep that token
        row.requested_at = now()
        if token is None:
            row.error = error
        else:
            row.response = token.response
            row.stamped_at_utc = token.stamped_at_utc
            row.signature_verified = token.signature_verified
            row.error = ""
        session.add(row)
        return True


def describe(report: TimestampReport) -> str:
    """One or two sentences for the message bar or the terminal."""
    parts = []
    if report.granted:
        parts.append(
            ngettext(
                "Received {count} time stamp.", "Received {count} time stamps.", report.granted
            ).format(count=report.granted)
        )
    if report.pending:
        parts.append(
            ngettext(
                "{count} time stamp is still pending; it is asked for again next time.",
                "{count} time stamps are still pending; they are asked for again next time.",
                report.pending,
            ).format(count=report.pending)
        )
    return " ".join(parts) or _("Every piece of evidence already has its time stamps.")
