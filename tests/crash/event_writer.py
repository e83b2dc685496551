"""Adds timeline events through the services until its time is up or it is killed.

    python -m tests.crash.event_writer DB_PATH SECONDS PREFIX open|per-write

``open`` keeps the database open the whole time, as a long-running script does;
``per-write`` opens and closes it for every event, as a series of short commands does.
Each event gets the reference ``PREFIX-n``; ``ok PREFIX-n`` is printed once the call returned
(so it committed), ``refused PREFIX-n`` when it was refused with a message.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from appealdesk.domain.errors import AppealDeskError
from appealdesk.services import events
from appealdesk.services.workspace import open_workspace
from appealdesk.store.database import Database


def main(argv: list[str]) -> None:
    path, seconds, prefix, mode = Path(argv[1]), float(argv[2]), argv[3], argv[4]
    deadline = time.monotonic() + seconds
    kept: Database | None = open_workspace(path) if mode == "open" else None
    case_ids: list[int] = []
    n = 0
    while time.monotonic() < deadline:
        n += 1
        reference = f"{prefix}-{n}"
        db = kept or open_workspace(path)
        try:
            if not case_ids:
                case_ids = [row[0] for row in db.rows("SELECT id FROM cases ORDER BY id")]
            events.add_event(db, case_ids[n % len(case_ids)], kind="note", reference=reference)
        except AppealDeskError:
            print("refused", reference, flush=True)
        else:
            print("ok", reference, flush=True)
        finally:
            if kept is None:
                db.close()
        time.sleep(0.01)
    if kept is not None:
        kept.close()


if __name__ == "__main__":
    main(sys.argv)
