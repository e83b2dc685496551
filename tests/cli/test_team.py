"""Two staff members on one team database: set up, working at once, and the audit log."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest

from tests.engines import ADD_NOTES
from tests.postgres import PostgresServer

pytestmark = [pytest.mark.postgres, pytest.mark.subprocess]


def appealdesk(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "appealdesk", "--lang", "en", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def as_role(url: str, role: str) -> str:
    return url.replace("appealdesk_admin@", f"{role}@", 1)


@pytest.fixture(scope="module")
def team(postgres_server: PostgresServer) -> Iterator[str]:
    """The demo in a team database with members alice and bob and a viewer, carol (one for
    the module: its tests leave each other's cases alone)."""
    os.environ["PGPASSFILE"] = str(postgres_server.passfile)
    name = f"team_{uuid.uuid4().hex[:12]}"
    postgres_server.create_database(name)
    pg_url = postgres_server.url(name)
    assert appealdesk("demo", pg_url).returncode == 0
    done = appealdesk(
        "team", "init", "--db", pg_url, "--member", "alice", "--member", "bob", "--viewer", "carol"
    )
    assert done.returncode == 0, done.stderr
    assert "alice may change cases." in done.stdout
    assert "carol may view cases." in done.stdout
    with postgres_server.admin() as admin:  # type: ignore[attr-defined]
        for role in ("alice", "bob", "carol"):
            admin.execute(f"ALTER ROLE {role} PASSWORD '{role}-secret'")
            postgres_server.add_password(role, f"{role}-secret")
    yield pg_url
    postgres_server.drop_database(name)


def test_two_members_change_one_case_at_once_and_the_log_names_each(team: str) -> None:
    def work(role: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", ADD_NOTES, as_role(team, role), "TT-2026-0001", "15", role],
            capture_output=True,
            text=True,
            timeout=120,
        )

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(work, ["alice", "bob"]))
    for result in results:
        assert result.returncode == 0, result.stderr

    shown = appealdesk("case", "show", "TT-2026-0001", "--db", team, "--format", "json")
    summaries = {e["summary"] for e in json.loads(shown.stdout)["events"]}
    assert {f"{role} {n}" for role in ("alice", "bob") for n in range(15)} <= summaries

    logged = appealdesk("audit", "--db", as_role(team, "alice"), "--case", "TT-2026-0001",
                        "--format", "json")  # fmt: skip
    assert logged.returncode == 0, logged.stderr
    entries = json.loads(logged.stdout)
    added = [e for e in entries if e["table"] == "events" and e["action"] == "insert"]
    by = {e["member"] for e in added}
    assert {"alice", "bob"} <= by
    bobs = [e for e in added if e["member"] == "bob"]
    assert len(bobs) == 15
    assert bobs[0]["changes"]["summary"] == {"old": None, "new": "bob 0"}
    assert all(e["case_number"] == "TT-2026-0001" for e in entries)

    table = appealdesk("audit", "--db", team, "--case", "TT-2026-0001")
    assert "bob" in table.stdout and "timeline entry added" in table.stdout


def test_nobody_but_the_owner_can_touch_the_log_or_skip_it(team: str) -> None:
    with psycopg.connect(as_role(team, "alice")) as alice:
        for statement in (
            "DELETE FROM audit_log",
            "UPDATE audit_log SET member = 'someone'",
            "ALTER TABLE cases DISABLE TRIGGER audit",
            "INSERT INTO audit_log (table_name, action, changes) VALUES ('cases', 'update', '{}')",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                alice.execute(statement)
            alice.rollback()


def test_a_viewer_sees_the_cases_and_cannot_change_them(team: str, tmp_path: Path) -> None:
    carol = as_role(team, "carol")
    listed = appealdesk("cases", "--db", carol, "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 16
    screenshot = tmp_path / "melding.png"
    screenshot.write_bytes(b"\x89PNG\r\n\x1a\n")
    added = appealdesk("evidence", "add", "--db", carol, "TT-2026-0001", screenshot)
    assert added.returncode == 1
    assert "your role may only view this database" in added.stderr


def test_a_member_without_a_password_is_told_where_to_keep_one(
    team: str, postgres_server: PostgresServer
) -> None:
    with postgres_server.admin() as admin:  # type: ignore[attr-defined]
        admin.execute("DROP ROLE IF EXISTS dave")
        admin.execute("CREATE ROLE dave LOGIN PASSWORD 'dave-secret' IN ROLE appealdesk_members")
    done = appealdesk("cases", "--db", as_role(team, "dave"))
    assert done.returncode == 1
    assert "did not accept the login of dave" in done.stderr
    assert "team login" in done.stderr and ".pgpass" in done.stderr
    assert "dave-secret" not in done.stderr
