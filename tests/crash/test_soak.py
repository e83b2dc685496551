"""Soak: the window and three other programs on one database for half a minute, with kills.

The window's process (``tests/crash/window_worker.py``) keeps adding events, shows the Add
files dialog on the database's folder and is offered the database's own files as evidence.
Beside it run a script that keeps the database open and writes events, a series of short
programs that each write one event, and ``appealdesk evidence add`` commands one after the
other. Every second or two one of them is killed with SIGKILL and started again. Afterwards
the database passes SQLite's checks and ``appealdesk check``, and every change any of them
acknowledged is there.

``APPEALDESK_SOAK_SECONDS`` sets the length (30), ``APPEALDESK_SOAK_SEED`` replays a run.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pytest

from tests.images import write_image

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX only"),
    pytest.mark.serial,
]

REPO = Path(__file__).resolve().parents[2]
SECONDS = float(os.environ.get("APPEALDESK_SOAK_SECONDS", "30"))


@dataclass
class Runner:
    """One long-running program, started again whenever it was killed; ``{start}`` in its
    command becomes the number of the start, so every start writes references of its own."""

    name: str
    command: list[str]
    log_folder: Path
    started: int = 0
    process: subprocess.Popen[bytes] | None = None
    logs: list[Path] = field(default_factory=list)
    _out: IO[bytes] | None = None

    def start(self) -> None:
        self.started += 1
        log = self.log_folder / f"{self.name}-{self.started}.log"
        self.logs.append(log)
        self._out = log.open("wb")
        command = [part.replace("{start}", str(self.started)) for part in self.command]
        self.process = subprocess.Popen(
            command, stdout=self._out, stderr=subprocess.STDOUT, cwd=REPO
        )

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
        if self._out is not None:
            self._out.close()

    def acknowledged(self) -> list[str]:
        lines = [line for log in self.logs for line in log.read_text().splitlines()]
        return [line.split()[1] for line in lines if line.startswith("ok ")]


class EvidenceCommands(threading.Thread):
    """``appealdesk evidence add`` again and again; some of them are killed."""

    def __init__(self, database: Path, pictures: Path, case_number: str, stop: float) -> None:
        super().__init__(daemon=True)
        self.database, self.pictures, self.case_number = database, pictures, case_number
        self.stop_at = stop
        self.current: subprocess.Popen[str] | None = None
        self.added: list[str] = []
        self.killed = 0
        self.lock = threading.Lock()

    def run(self) -> None:
        n = 0
        while time.monotonic() < self.stop_at:
            n += 1
            picture = write_image(self.pictures / f"cli-{n}.png", text=f"cli {n}")
            command = [sys.executable, "-m", "appealdesk", "evidence", "add"]
            command += ["--db", str(self.database), self.case_number, str(picture)]
            with self.lock:
                self.current = subprocess.Popen(
                    command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO
                )
            out, _err = self.current.communicate(timeout=120)
            if self.current.returncode == 0 and f"added: {picture.name}" in out:
                self.added.append(picture.name)

    def kill_current(self) -> bool:
        with self.lock:
            if self.current is None or self.current.poll() is not None:
                return False
            self.current.send_signal(signal.SIGKILL)
            self.killed += 1
            return True


@pytest.mark.slow
@pytest.mark.subprocess
def test_window_and_three_writers_with_random_kills_lose_nothing(
    demo_path: Path, tmp_path: Path
) -> None:
    seed = int(os.environ.get("APPEALDESK_SOAK_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    logs = tmp_path / "logs"
    logs.mkdir()
    python = sys.executable
    runners = [
        Runner(
            "window", [python, "-m", "tests.crash.window_worker", str(demo_path), "{start}"], logs
        ),
        Runner(
            "script",
            [python, "-m", "tests.crash.event_writer", str(demo_path), "600", "S{start}", "open"],
            logs,
        ),
        Runner(
            "commands",
            [
                python,
                "-m",
                "tests.crash.event_writer",
                str(demo_path),
                "600",
                "C{start}",
                "per-write",
            ],
            logs,
        ),
    ]
    for runner in runners:
        runner.start()
    pictures = tmp_path / "pictures"
    pictures.mkdir()
    deadline = time.monotonic() + SECONDS
    cli = EvidenceCommands(demo_path, pictures, "TT-2026-0002", deadline)
    cli.start()
    kills: Counter[str] = Counter()
    try:
        while time.monotonic() < deadline:
            time.sleep(rng.uniform(0.8, 2.5))
            # The window is killed less often: it takes longest to start again.
            victim = rng.choices([*runners, "cli"], weights=[1, 2, 2, 2])[0]
            if victim == "cli":
                kills["cli"] += cli.kill_current()
                continue
            assert isinstance(victim, Runner)
            victim.kill()
            kills[victim.name] += 1
            victim.start()
    finally:
        cli.join(timeout=180)
        for runner in runners:
            runner.kill()

    summary = f"seed {seed}, kills {dict(kills)}"
    acknowledged = {r: runner.name for runner in runners for r in runner.acknowledged()}
    assert any(name == "window" for name in acknowledged.values()), summary
    with closing(sqlite3.connect(demo_path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)], summary
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == [], summary
        references = Counter(r for (r,) in connection.execute("SELECT reference FROM events") if r)
        names = {n for (n,) in connection.execute("SELECT original_name FROM evidence_items")}
    lost = sorted(r for r in acknowledged if references[r] != 1)
    assert not lost, f"{len(lost)} of {len(acknowledged)} acknowledged events lost ({summary})"
    assert set(cli.added) <= names, summary
    checked = subprocess.run(
        [python, "-m", "appealdesk", "check", "--db", str(demo_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    per_program = Counter(acknowledged.values())
    print(f"soak: {dict(per_program)} events, {len(cli.added)} evidence commands, {summary}")
