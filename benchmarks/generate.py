"""A deterministic agency database for benchmarks: many clients, accounts, cases and events.

Rows are written in bulk inside one transaction per thousand cases (the services' one
transaction per use case would spend minutes in fsync); the search triggers and the derived
next action are exercised exactly as in the application.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from appealdesk.domain.enums import (
    BlockKind,
    CaseStatus,
    Channel,
    Direction,
    EventKind,
    Platform,
)
from appealdesk.domain.models import Account, Case, Client, Event
from appealdesk.domain.numbering import format_case_number
from appealdesk.domain.taxonomy import taxonomy
from appealdesk.services.derived import refresh_case
from appealdesk.services.workspace import open_workspace

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


def generate(path: Path, cases: int, events_per_case: int = 10, seed: int = 2026) -> None:
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
                    refresh_case(session, case)
    finally:
        db.close()
