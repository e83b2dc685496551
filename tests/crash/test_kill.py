"""Crash safety: a process busy changing the database is killed (SIGKILL) at random moments.

Each round starts ``tests/crash/worker.py`` on the same database, lets it work for a random
moment and kills it. Afterwards the database must open again (which recovers the WAL), pass
SQLite's own checks, and hold exactly what the worker reported as committed in this and all
earlier rounds: the one call under way at the kill is there completely or not at all, and
nothing else is there. Every evidence row's file must exist with its hash, and no file under a
content name may be half-written (unfinished copies stay in the store's ``tmp/`` folder).

``APPEALDESK_KILL_ROUNDS`` sets the number of rounds (25), ``APPEALDESK_KILL_SEED`` replays a
run (its seed is printed with the summary).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from appealdesk.domain.enums import EventKind
from appealdesk.domain.models import Account, Case, Client, Event, EvidenceItem
from appealdesk.services import evidence
from appealdesk.services.workspace import open_workspace
from appealdesk.store.database import Database
from appealdesk.store.evidence_store import EvidenceStore, evidence_dir_for, is_sha256

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX only"),
    pytest.mark.serial,
]

REPO = Path(__file__).resolve().parents[2]
ROUNDS = int(os.environ.get("APPEALDESK_KILL_ROUNDS", "25"))
READY_TIMEOUT = 60.0  # seconds for a worker to open the database; it never takes that long
CASE_DEFAULTS: dict[str, Any] = {"user_statement": "", "priority": "normal", "tags": []}

Line = dict[str, Any]
EvidenceKey = tuple[str, str]  # case number, SHA-256


@dataclass
class CaseState:
    handle: str
    platform: str
    client: str | None  # None: the default client (a creator's own accounts)
    fields: dict[str, Any]


@dataclass
class State:
    """The database's content as far as the test looks at it."""

    cases: dict[str, CaseState] = field(default_factory=dict)  # by case number
    events: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # by reference
    evidence: dict[EvidenceKey, tuple[str, int]] = field(default_factory=dict)  # name, size


@dataclass
class Totals:
    committed: Counter[str] = field(default_factory=Counter)
    cut_stored: Counter[str] = field(default_factory=Counter)  # under way at a kill, but in
    cut_lost: Counter[str] = field(default_factory=Counter)  # under way at a kill, not in
    orphans: set[str] = field(default_factory=set)  # whole files no row refers to
    leftovers: set[str] = field(default_factory=set)  # unfinished copies in the staging folder


# The worker's account of what it did ------------------------------------------------------


def run_and_kill(db_path: Path, seed: int, delay: float, logs: Path) -> list[Line]:
    """Runs one worker until it is busy, kills it after ``delay`` seconds, returns its lines."""
    out_path, err_path = logs / f"worker-{seed}.out", logs / f"worker-{seed}.err"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "tests.crash.worker", str(db_path), str(seed)]
    with out_path.open("wb") as out, err_path.open("wb") as err:
        process = subprocess.Popen(command, cwd=REPO, stdout=out, stderr=err, env=env)
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while not is_ready(out_path):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"worker {seed} did not start:\n{err_path.read_text()}")
            time.sleep(0.01)
        time.sleep(delay)
        if process.poll() is not None:
            pytest.fail(f"worker {seed} stopped by itself:\n{err_path.read_text()}")
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL
    *complete, _partial = out_path.read_bytes().split(b"\n")  # a line cut off is not counted
    return [json.loads(line) for line in complete]


def is_ready(out_path: Path) -> bool:
    first, newline, _rest = out_path.read_bytes().partition(b"\n")
    return bool(newline) and json.loads(first).get("op") == "ready"


def new_case_state(start: Line) -> CaseState:
    given = {name: start[name] for name in ("notice_text", "block_kind", "blocked_at")}
    return CaseState(start["handle"], start["platform"], start["client"], CASE_DEFAULTS | given)


def new_evidence(state: State, start: Line) -> dict[EvidenceKey, tuple[str, int]]:
    """The rows an import adds: files not in the case yet, the first of equal ones."""
    new: dict[EvidenceKey, tuple[str, int]] = {}
    for file in start["files"]:
        key = (start["case_number"], file["sha256"])
        if key not in state.evidence and key not in new:
            new[key] = (file["name"], file["size"])
    return new


def apply_committed(state: State, start: Line, done: Line) -> None:
    op = start["op"]
    if op == "case":
        assert done["case_number"] not in state.cases, "a case number was given twice"
        state.cases[done["case_number"]] = new_case_state(start)
    elif op == "edit":
        assert done["fields"] == start["fields"], "the case holds other values than given"
        state.cases[start["case_number"]].fields.update(done["fields"])
    elif op == "event":
        state.events[start["reference"]] = (start["case_number"], start["kind"], start["summary"])
    elif op == "import":
        new = new_evidence(state, start)
        assert sorted(done["added"]) == sorted(sha for _case, sha in new), "import added"
        state.evidence.update(new)
    elif op == "delete":
        del state.evidence[start["case_number"], start["sha256"]]
    else:
        raise AssertionError(f"unknown operation {op}")


def replay(state: State, lines: list[Line], totals: Totals) -> Line | None:
    """Applies what was committed; returns the call under way at the kill, if any."""
    assert lines and lines[0]["op"] == "ready"
    pending: Line | None = None
    for line in lines[1:]:
        if line["phase"] == "start":
            assert pending is None, f"call {line['seq']} started before the last one returned"
            pending = line
        else:
            assert pending is not None and (line["seq"], line["op"]) == (
                pending["seq"],
                pending["op"],
            )
            apply_committed(state, pending, line)
            totals.committed[line["op"]] += 1
            pending = None
    return pending


def settle_cut_call(state: State, start: Line, found: State) -> bool:
    """The call the kill cut short is in the database completely (True) or not at all."""
    op = start["op"]
    if op == "case":
        numbers = [n for n, case in found.cases.items() if case.handle == start["handle"]]
        if numbers:
            assert found.cases[numbers[0]] == new_case_state(start), "a new case is incomplete"
            state.cases[numbers[0]] = new_case_state(start)
        return bool(numbers)
    if op == "edit":
        case = state.cases[start["case_number"]]
        after = case.fields | start["fields"]
        stored = found.cases[start["case_number"]].fields
        assert stored in (case.fields, after), "an edit of several fields was stored in part"
        case.fields = dict(stored)
        return stored == after
    if op == "event":
        event = found.events.get(start["reference"])
        if event is not None:
            assert event == (start["case_number"], start["kind"], start["summary"])
            state.events[start["reference"]] = event
        return event is not None
    if op == "import":
        new = new_evidence(state, start)
        present = {key: found.evidence[key] for key in new if key in found.evidence}
        assert present in ({}, new), "an import of several files was stored in part"
        state.evidence.update(present)
        return bool(present)
    key = (start["case_number"], start["sha256"])
    if key in found.evidence:
        return False
    del state.evidence[key]
    return True


# What the database holds --------------------------------------------------------------------


def sqlite_checks(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()


def read_back(db: Database) -> State:
    found = State()
    with db.reading() as session:
        rows = session.exec(
            select(Case, Account, Client)
            .join(Account, col(Case.account_id) == col(Account.id))
            .join(Client, col(Account.client_id) == col(Client.id))
        ).all()
        for case, account, client in rows:
            found.cases[case.case_number] = CaseState(
                account.handle,
                account.platform.value,
                None if client.is_default else client.name,
                {
                    "notice_text": case.notice_text,
                    "block_kind": case.block_kind.value,
                    "blocked_at": case.blocked_at.isoformat(),
                    "user_statement": case.user_statement,
                    "priority": case.priority.value,
                    "tags": list(case.tags),
                },
            )
        for event, number in session.exec(select(Event, Case.case_number).join(Case)).all():
            if event.reference:
                assert event.reference not in found.events, f"{event.reference} twice"
                found.events[event.reference] = (number, event.kind.value, event.summary)
        for item, number in session.exec(select(EvidenceItem, Case.case_number).join(Case)):
            assert (number, item.sha256) not in found.evidence, f"{item.sha256} twice in a case"
            found.evidence[number, item.sha256] = (item.original_name, item.size_bytes)
    return found


def assert_same(expected: Mapping[Any, Any], found: Mapping[Any, Any], what: str) -> None:
    missing = sorted(set(expected) - set(found))
    assert not missing, f"committed {what} are missing: {missing[:5]}"
    extra = sorted(set(found) - set(expected))
    assert not extra, f"{what} that nobody committed: {extra[:5]}"
    changed = sorted(key for key in expected if expected[key] != found[key])
    assert not changed, f"{what} differ from what was committed: {changed[:5]}"


def check_cases_are_whole(db: Database) -> None:
    """What one call writes in several rows agrees: it was one transaction."""
    with db.reading() as session:
        block_events: defaultdict[int, list[Any]] = defaultdict(list)
        last_contact: dict[int, Any] = {}
        for event in session.exec(select(Event)).all():
            if event.kind is EventKind.BLOCKED:
                block_events[event.case_id].append(event.occurred_at)
            if event.channel is not None:
                last_contact[event.case_id] = max(
                    event.occurred_at, last_contact.get(event.case_id, event.occurred_at)
                )
        for case in session.exec(select(Case)).all():
            assert case.id is not None
            assert block_events[case.id] == [case.blocked_at], f"{case.case_number}: block date"
            assert case.last_contact_at == last_contact.get(case.id), f"{case.case_number}"
        cases_per_account = Counter(session.exec(select(Case.account_id)).all())
        for account in session.exec(select(Account)).all():
            assert account.id is not None and cases_per_account[account.id] == 1, (
                f"account {account.handle} without case"
            )
        owners = set(session.exec(select(Account.client_id)).all())
        for client in session.exec(select(Client).where(col(Client.is_default).is_(False))):
            assert client.id in owners, f"client {client.name} without its account"
        positions = session.exec(select(EvidenceItem.case_id, EvidenceItem.position)).all()
        assert len(positions) == len(set(positions)), "two pieces of evidence in one place"


def check_evidence_store(db: Database, referenced: set[str]) -> tuple[set[str], set[str]]:
    """Every stored file is whole and every referenced one is there; returns the orphans
    (stored, not referenced) and the unfinished copies in the staging folder."""
    store = db.evidence
    stored: set[str] = set()
    if store.root.is_dir():
        for folder in store.root.iterdir():
            if folder.is_dir() and len(folder.name) == 2:  # a content folder
                for path in folder.iterdir():
                    assert is_sha256(path.name) and path.name[:2] == folder.name, f"{path}"
                    assert store.verify(path.name), f"{path} is half-written or damaged"
                    stored.add(path.name)
    missing = sorted(referenced - stored)
    assert not missing, f"evidence files of committed rows are missing: {missing[:5]}"
    staging = store.root / "tmp"
    leftovers = {path.name for path in staging.iterdir()} if staging.is_dir() else set()
    return stored - referenced, leftovers


def check_after_kill(
    db_path: Path, state: State, cut: Line | None, number: int, totals: Totals
) -> bool | None:
    """All checks of one round; returns whether the call cut short was stored."""
    if number % 2:  # every other round plain SQLite recovers the WAL, else the app's open
        sqlite_checks(db_path)
    db = open_workspace(db_path)
    try:
        with db.reading() as session:
            check = session.connection().exec_driver_sql("PRAGMA integrity_check").all()
            assert [tuple(row) for row in check] == [("ok",)]
        sqlite_checks(db_path)
        found = read_back(db)
        stored = settle_cut_call(state, cut, found) if cut is not None else None
        assert_same(state.cases, found.cases, "cases")
        assert_same(state.events, found.events, "events")
        assert_same(state.evidence, found.evidence, "evidence rows")
        check_cases_are_whole(db)
        referenced = {sha256 for _case, sha256 in state.evidence}
        evidence.collect_unreferenced(db)  # the app's own clean-up must keep what is in use
        orphans, leftovers = check_evidence_store(db, referenced)
        totals.orphans |= orphans
        totals.leftovers |= leftovers
        if number % 3 == 2:  # and long after, when the grace period is over
            db.evidence.collect(referenced, grace_seconds=0)
            assert check_evidence_store(db, referenced) == (set(), set()), "collect left files"
    finally:
        db.close()
    return stored


@pytest.mark.slow
@pytest.mark.subprocess
def test_killing_a_busy_process_never_leaves_a_broken_database(tmp_path: Path) -> None:
    seed = int(os.environ.get("APPEALDESK_KILL_SEED") or random.randrange(1_000_000))
    rng = random.Random(seed)
    db_path = tmp_path / "cases.db"
    logs = tmp_path / "logs"
    logs.mkdir()
    state, totals = State(), Totals()
    began = time.monotonic()
    for number in range(ROUNDS):
        worker_seed = seed * 1000 + number
        lines = run_and_kill(db_path, worker_seed, rng.uniform(0.02, 0.6), logs)
        try:
            cut = replay(state, lines, totals)
            stored = check_after_kill(db_path, state, cut, number, totals)
        except AssertionError as exc:
            where = f"round {number + 1}, worker seed {worker_seed} (APPEALDESK_KILL_SEED={seed})"
            raise AssertionError(f"{where}: {exc}") from exc
        if cut is not None:
            (totals.cut_stored if stored else totals.cut_lost)[cut["op"]] += 1
    elapsed = time.monotonic() - began
    files = len(list(EvidenceStore(evidence_dir_for(db_path)).stored_digests()))
    print(
        f"\nkill test: {ROUNDS} rounds in {elapsed:.1f} s (APPEALDESK_KILL_SEED={seed})\n"
        f"  committed calls verified: {totals.committed.total()} {dict(totals.committed)}\n"
        f"  calls cut by the kill: stored whole {dict(totals.cut_stored)}, "
        f"not stored {dict(totals.cut_lost)}\n"
        f"  at the end: {len(state.cases)} cases, {len(state.events)} events with a reference, "
        f"{len(state.evidence)} evidence rows, {files} evidence files\n"
        f"  left by kills: {len(totals.orphans)} whole files no row refers to, "
        f"{len(totals.leftovers)} unfinished copies in tmp/ (collect removes both)"
    )
