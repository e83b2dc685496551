"""A deterministic agency database for benchmarks: clients, accounts, cases, events, evidence.

Rows are written in bulk inside one transaction per thousand cases (the services' one
transaction per use case would spend minutes in fsync); the search triggers and the derived
next action are exercised exactly as in the application. Every evidence item gets its own
small generated PNG, written straight into the evidence store (no fsync: it is test data).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import struct
import zlib
from pathlib import Path

from appealdesk.domain.enums import (
    BlockKind,
    CaseStatus,
    Channel,
    Direction,
    EventKind,
    EvidenceKind,
    Platform,
)
from appealdesk.domain.models import Account, Case, Client, Event, EvidenceItem
from appealdesk.domain.numbering import format_case_number
from appealdesk.domain.taxonomy import taxonomy
from appealdesk.services.derived import refresh_case
from appealdesk.services.workspace import open_workspace
from appealdesk.store.evidence_store import EvidenceStore

TODAY = dt.date(2026, 11, 21)
WORDS = (
    "bakkerij",
    "studio",
    "dans",
    "koken",
    "reizen",
    "mode",
    "gaming",
    "muziek",
    "sport",
    "tuin",
    "fiets",
    "kunst",
    "film",
    "één",
    "café",
    "zoë",
    "crème",
    "naïef",
)


def tiny_png(rng: random.Random, size: int = 48) -> bytes:
    """A small RGB PNG of coloured bands, different for every call."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    bands = [bytes(rng.randrange(256) for _ in range(3)) for _ in range(6)]
    rows = b"".join(b"\x00" + bands[(y * len(bands)) // size] * size for y in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 6))
        + chunk(b"IEND", b"")
    )


def _store(store: EvidenceStore, data: bytes) -> str:
    sha256 = hashlib.sha256(data).hexdigest()
    target = store.path_for(sha256)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return sha256


def _evidence(
    store: EvidenceStore, rng: random.Random, case: Case, count: int
) -> list[EvidenceItem]:
    items = []
    for position in range(count):
        data = tiny_png(rng)
        assert case.id is not None
        items.append(
            EvidenceItem(
                case_id=case.id,
                kind=rng.choice(list(EvidenceKind)),
                title=f"Screenshot {position + 1} {rng.choice(WORDS)}",
                original_name=f"IMG_{case.id:05d}_{position}.png",
                media_type="image/png",
                size_bytes=len(data),
                width=48,
                height=48,
                sha256=_store(store, data),
                position=position,
                captured_at=case.blocked_at + dt.timedelta(minutes=position + 1),
            )
        )
    return items


def generate(
    path: Path,
    cases: int,
    events_per_case: int = 10,
    evidence_per_case: int = 2,
    seed: int = 2026,
) -> None:
    rng = random.Random(seed)
    db = open_workspace(path)
    areas = taxonomy().areas
    statuses = list(CaseStatus)
    platforms = [Platform.TIKTOK] * 6 + [Platform.INSTAGRAM, Platform.YOUTUBE]
    clients_count = max(3, cases // 100)
    sequence: dict[tuple[Platform, int], int] = {}
    try:
        with db.transaction() as session:
            clients = [
                Client(name=f"Klant {i:04d} {rng.choice(WORDS)}") for i in range(clients_count)
            ]
            session.add_all(clients)
            session.flush()
        for start in range(0, cases, 1000):
            with db.transaction() as session:
                for index in range(start, min(cases, start + 1000)):
                    platform = rng.choice(platforms)
                    client = clients[index % clients_count]
                    assert client.id is not None
                    account = Account(
                        client_id=client.id,
                        platform=platform,
                        handle=f"{rng.choice(WORDS)}.{index:06d}",
                        display_name=f"{rng.choice(WORDS).title()} {index}",
                    )
                    session.add(account)
                    session.flush()
                    blocked = dt.datetime.combine(TODAY, dt.time(9)) - dt.timedelta(
                        days=rng.randint(0, 400)
                    )
                    key = (platform, blocked.year)
                    sequence[key] = sequence.get(key, 0) + 1
                    area = rng.choice(areas)
                    assert account.id is not None
                    case = Case(
                        case_number=format_case_number(platform, blocked.year, sequence[key]),
                        account_id=account.id,
                        status=rng.choice(statuses),
                        block_kind=rng.choice(list(BlockKind)),
                        blocked_at=blocked,
                        notice_text=f"Je account is geblokkeerd: {area.name.nl}.",
                        reason_area=area.key,
                        reason_policy=rng.choice(area.policies).key,
                        user_statement=" ".join(rng.choices(WORDS, k=12)),
                    )
                    session.add(case)
                    session.flush()
                    assert case.id is not None
                    moment = blocked
                    kinds = list(EventKind)
                    for step in range(events_per_case):
                        moment += dt.timedelta(hours=rng.randint(4, 72))
                        session.add(
                            Event(
                                case_id=case.id,
                                occurred_at=moment,
                                kind=EventKind.BLOCKED if step == 0 else rng.choice(kinds),
                                channel=None if step == 0 else rng.choice(list(Channel)),
                                direction=rng.choice(list(Direction)),
                                reference=f"REF-{index:06d}-{step:02d}",
                                summary=" ".join(rng.choices(WORDS, k=5)),
                            )
                        )
                    session.add_all(_evidence(db.evidence, rng, case, evidence_per_case))
                    refresh_case(session, case)
    finally:
        db.close()
