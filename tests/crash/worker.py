"""Keeps changing an AppealDesk database through the services until it is killed.

    python -m tests.crash.worker DB_PATH SEED      (from the repository root)

The operations are chosen at random from SEED: new cases (with a new account, sometimes for a
new client), edited cases, events with reference numbers, evidence imported from files (small
pictures, and 1–3 MB ones so that a kill can land while a file is being copied), evidence
from bytes (as from the clipboard), evidence shared with another case, and deleted evidence.
Each operation is one service call, so one transaction.

Output is one JSON object per line, flushed at once: ``{"op": "ready"}`` when the database is
open, then per operation a ``start`` line saying what is about to be done and, once the call
returned (so it committed), a ``done`` line with what was committed. Whoever kills this
process knows from them which changes must be in the database, and which one (the last
``start`` without its ``done``) may or may not be.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
import hashlib
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage
from sqlmodel import select

from appealdesk.domain.enums import (
    BlockKind,
    Channel,
    Direction,
    EventKind,
    EvidenceKind,
    Platform,
    Priority,
)
from appealdesk.domain.models import Case, EvidenceItem
from appealdesk.services import cases, events, evidence, evidence_import
from appealdesk.services.demo_images import ensure_gui
from appealdesk.services.evidence_import import ImportReport
from appealdesk.services.workspace import open_workspace
from appealdesk.store.database import Database
from tests.images import encoded, picture

OPERATIONS = ("case", "edit", "event", "import", "import_bytes", "share", "delete")
WEIGHTS = (3, 4, 4, 4, 2, 1, 2)  # deletion weighs more as evidence piles up, see step()
EVENT_KINDS = [kind for kind in EventKind if kind is not EventKind.BLOCKED]
TAGS = ["urgent", "agency", "ban", "appeal", "id", "press", "minor", "repeat"]
WORDS = ["the", "account", "was", "suspended", "after", "a", "review", "of", "baking", "bread"]
BIG_SHARE = 0.35  # of the imported files, this many are 1–3 MB


def jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return list(value)
    return value.value if hasattr(value, "value") else value


class Worker:
    def __init__(self, db: Database, seed: int, scratch: Path) -> None:
        self.db = db
        self.seed = seed
        self.rng = random.Random(seed)
        self.scratch = scratch
        self.seq = 0
        self.files = 0
        with db.reading() as session:
            self.cases: dict[int, str] = {
                case_id: number
                for case_id, number in session.exec(select(Case.id, Case.case_number)).all()
                if case_id is not None
            }
            self.evidence: dict[int, tuple[int, str]] = {
                item_id: (case_id, sha256)
                for item_id, case_id, sha256 in session.exec(
                    select(EvidenceItem.id, EvidenceItem.case_id, EvidenceItem.sha256)
                ).all()
                if item_id is not None
            }

    def emit(self, phase: str, op: str, **details: Any) -> None:
        line = {"phase": phase, "seq": self.seq, "op": op, **details}
        sys.stdout.write(json.dumps(line) + "\n")
        sys.stdout.flush()

    def step(self) -> None:
        self.seq += 1
        weights = [*WEIGHTS[:-1], WEIGHTS[-1] + len(self.evidence) // 25]
        op = self.rng.choices(OPERATIONS, weights)[0] if self.cases else "case"
        if op in ("share", "delete") and not self.evidence:
            op = "import"
        operations: dict[str, Callable[[], None]] = {
            "case": self.create_case,
            "edit": self.edit_case,
            "event": self.add_event,
            "import": self.import_files,
            "import_bytes": self.import_bytes,
            "share": self.share_evidence,
            "delete": self.delete_evidence,
        }
        operations[op]()

    # What the operations are made of ---------------------------------------------------

    def text(self, label: str) -> str:
        lines = [
            " ".join(self.rng.choices(WORDS, k=self.rng.randint(3, 14)))
            for _ in range(self.rng.randint(1, 40))
        ]
        return f"{label} {self.seed}-{self.seq}\n" + "\n".join(lines)

    def moment(self) -> dt.datetime:
        # Before November 2026: a block date in the future is refused.
        return dt.datetime(
            2026,
            self.rng.randint(1, 10),
            self.rng.randint(1, 28),
            self.rng.randint(0, 23),
            self.rng.randint(0, 59),
        )

    def some_case(self) -> tuple[int, str]:
        return self.rng.choice(sorted(self.cases.items()))

    def image_bytes(self) -> tuple[bytes, str]:
        """A picture nobody made before: small and drawn, or 1–3 MB of noise."""
        self.files += 1
        label = f"{self.seed}-{self.seq}-{self.files}"
        if self.rng.random() < BIG_SHARE:
            width = self.rng.randint(500, 1000)
            height = self.rng.randint(1_000_000, 3_000_000) // (3 * width)
            raw = self.rng.randbytes(width * height * 3)
            image = QImage(raw, width, height, width * 3, QImage.Format.Format_RGB888).copy()
            return encoded(image, "PNG", quality=100), f"big-{label}.png"
        fmt = self.rng.choice(["PNG", "JPEG"])
        colour = f"#{self.rng.randrange(1 << 24):06x}"
        image = picture(self.rng.randint(120, 640), self.rng.randint(90, 480), colour, label)
        return encoded(image, fmt), f"shot-{label}.{fmt.lower()}"

    def report_done(self, case_id: int, number: str, report: ImportReport) -> None:
        if report.rejected or report.cancelled:
            raise RuntimeError(f"import refused: {[r.message for r in report.rejected]}")
        for item in report.added:
            assert item.id is not None
            self.evidence[item.id] = (case_id, item.sha256)
        added = [item.sha256 for item in report.added]
        self.emit("done", "import", case_number=number, added=added, duplicates=report.duplicates)

    # The operations --------------------------------------------------------------------

    def create_case(self) -> None:
        rng = self.rng
        intent: dict[str, Any] = {
            "handle": f"w{self.seed}_{self.seq}",
            "platform": rng.choice(list(Platform)).value,
            "client": f"Client {self.seed}-{self.seq}" if rng.random() < 0.3 else None,
            "notice_text": self.text("Notice"),
            "block_kind": rng.choice(list(BlockKind)).value,
            "blocked_at": self.moment().isoformat(),
        }
        self.emit("start", "case", **intent)
        case = cases.create_case(
            self.db,
            blocked_at=dt.datetime.fromisoformat(intent["blocked_at"]),
            new_account={"platform": intent["platform"], "handle": intent["handle"]},
            new_client_name=intent["client"],
            notice_text=intent["notice_text"],
            block_kind=intent["block_kind"],
        )
        assert case.id is not None
        self.cases[case.id] = case.case_number
        self.emit("done", "case", case_number=case.case_number, **intent)

    def edit_case(self) -> None:
        case_id, number = self.some_case()
        makers: dict[str, Callable[[], Any]] = {
            "notice_text": lambda: self.text("Notice"),
            "user_statement": lambda: self.text("Statement"),
            "priority": lambda: self.rng.choice(list(Priority)).value,
            "tags": lambda: self.rng.sample(TAGS, self.rng.randint(0, 4)),
            "blocked_at": lambda: self.moment().isoformat(),
        }
        names = self.rng.sample(sorted(makers), self.rng.randint(1, len(makers)))
        fields = {name: makers[name]() for name in names}
        self.emit("start", "edit", case_number=number, fields=fields)
        values = dict(fields)
        if "blocked_at" in values:
            values["blocked_at"] = dt.datetime.fromisoformat(values["blocked_at"])
        case = cases.update_case(self.db, case_id, **values)
        stored = {name: jsonable(getattr(case, name)) for name in names}
        self.emit("done", "edit", case_number=number, fields=stored)

    def add_event(self) -> None:
        case_id, number = self.some_case()
        rng = self.rng
        intent = {
            "case_number": number,
            "reference": f"REF-{self.seed}-{self.seq}",
            "kind": rng.choice(EVENT_KINDS).value,
            "summary": f"Event {self.seed}-{self.seq}",
        }
        channel = rng.choice([None, *Channel])
        direction = rng.choice([None, *Direction])
        self.emit("start", "event", **intent)
        event = events.add_event(
            self.db,
            case_id,
            move_status=rng.random() < 0.3,
            kind=intent["kind"],
            channel=channel,
            direction=direction,
            reference=intent["reference"],
            summary=intent["summary"],
            body=self.text("Body"),
        )
        self.emit("done", "event", event_id=event.id, **intent)

    def import_files(self) -> None:
        case_id, number = self.some_case()
        paths: list[Path] = []
        files: list[dict[str, Any]] = []
        for _ in range(self.rng.randint(1, 3)):
            data, name = self.image_bytes()
            path = self.scratch / name
            path.write_bytes(data)
            paths.append(path)
            files.append(
                {"name": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            )
        self.emit("start", "import", case_number=number, files=files)
        kind = self.rng.choice([None, *EvidenceKind])
        report = evidence_import.import_files(self.db, case_id, paths, kind=kind)
        self.report_done(case_id, number, report)
        for path in paths:
            path.unlink()

    def import_bytes(self) -> None:
        case_id, number = self.some_case()
        data, name = self.image_bytes()
        self._import_bytes(case_id, number, data, name)

    def share_evidence(self) -> None:
        """The same file again, into some case: stored once, referred to twice."""
        _case_id, sha256 = self.rng.choice(sorted(self.evidence.values()))
        case_id, number = self.some_case()
        data = self.db.evidence.read_bytes(sha256)
        self._import_bytes(case_id, number, data, f"shared-{self.seed}-{self.seq}.png")

    def _import_bytes(self, case_id: int, number: str, data: bytes, name: str) -> None:
        files = [{"name": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}]
        self.emit("start", "import", case_number=number, files=files)
        report = evidence_import.import_bytes(self.db, case_id, data, name)
        self.report_done(case_id, number, report)

    def delete_evidence(self) -> None:
        evidence_id, (case_id, sha256) = self.rng.choice(sorted(self.evidence.items()))
        number = self.cases[case_id]
        self.emit("start", "delete", case_number=number, sha256=sha256, evidence_id=evidence_id)
        evidence.delete_evidence(self.db, evidence_id)
        del self.evidence[evidence_id]
        self.emit("done", "delete", case_number=number, sha256=sha256, evidence_id=evidence_id)


def main(argv: list[str]) -> None:
    db_path, seed = Path(argv[1]), int(argv[2])
    ensure_gui()  # the pictures have text on them, and text needs fonts
    db = open_workspace(db_path)
    scratch = db_path.parent / "scratch" / str(seed)
    scratch.mkdir(parents=True, exist_ok=True)
    worker = Worker(db, seed, scratch)
    sys.stdout.write(json.dumps({"op": "ready", "seed": seed}) + "\n")
    sys.stdout.flush()
    while True:
        worker.step()


if __name__ == "__main__":
    main(sys.argv)
