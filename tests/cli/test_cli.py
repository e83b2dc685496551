"""The command line as a script or a person uses it: real processes, real files."""

import json
import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from appealdesk.domain.enums import CaseStatus
from tests.conftest import ENGINES


def appealdesk(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "appealdesk", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=cwd,
    )


def assert_one_clear_line(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    result = appealdesk("demo", path, "--lang", "nl")
    assert result.returncode == 0, result.stderr
    assert "16" in result.stdout
    return path


@pytest.fixture(scope="module", params=ENGINES)
def demo_location(request: pytest.FixtureRequest, demo_file: Path) -> Iterator[Path | str]:
    """The demo in a file, then in a team database: the commands read both alike."""
    if request.param == "sqlite":
        yield demo_file
        return
    server = request.getfixturevalue("postgres_server")
    os.environ["PGPASSFILE"] = str(server.passfile)
    name = f"cli_{uuid.uuid4().hex[:12]}"
    server.create_database(name)
    result = appealdesk("demo", server.url(name), "--lang", "nl")
    assert result.returncode == 0, result.stderr
    yield server.url(name)
    server.drop_database(name)


@pytest.mark.slow
@pytest.mark.subprocess
def test_demo_then_cases_as_json_lists_status_reason_and_due_date(
    demo_location: Path | str,
) -> None:
    result = appealdesk("cases", "--db", demo_location, "--format", "json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert len(records) >= 12
    assert {r["status"] for r in records} == {s.value for s in CaseStatus}
    for key in (
        "case_number",
        "status",
        "platform",
        "handle",
        "client",
        "reason",
        "blocked_at",
        "next_action",
        "due_date",
    ):
        assert all(key in r for r in records), key
    femke = next(r for r in records if r["handle"] == "femke.filmt")
    assert femke["reason"] == "Safety and civility › Harassment and bullying"
    assert femke["due_date"] and femke["next_action"]


@pytest.mark.slow
@pytest.mark.subprocess
def test_the_table_speaks_dutch_when_asked(demo_location: Path | str) -> None:
    result = appealdesk("cases", "--db", demo_location, "--lang", "nl", "--status", "rejected")
    assert result.returncode == 0, result.stderr
    assert "Afgewezen" in result.stdout and "Zaak" in result.stdout


@pytest.mark.subprocess
def test_filters_and_csv(demo_location: Path | str) -> None:
    result = appealdesk(
        "cases",
        "--db",
        demo_location,
        "--format",
        "csv",
        "--status",
        "new,closed",
        "--search",
        "noorderlicht",
    )
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("Case,Status")
    assert len(lines) == 3  # header + the two new Noorderlicht cases


@pytest.mark.subprocess
def test_case_show_as_json_has_everything(demo_location: Path | str) -> None:
    result = appealdesk("case", "show", "--db", demo_location, "tt-2026-4", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["case"]["case_number"] == "TT-2026-0004"
    assert any(e["reference"] == "CS-4471-2210" for e in data["events"])
    assert {c["item"] for c in data["checklists"]["block_signs"]} >= {"cannot_log_in"}
    assert data["deadlines"][0]["due"]
    steps = {c["item"]: c for c in data["checklists"]["next_steps"]}
    assert steps["appeal_in_app"]["state"] == "done"  # the appeal on its timeline
    assert steps["appeal_in_app"]["shown_by"] == "timeline"
    assert steps["appeal_in_app"]["since"]
    assert steps["send_id_if_asked"]["state"] == "done"
    assert steps["verify_block"]["shown_by"] == "block_signs"
    assert steps["wait_patiently"]["state"] == "todo" and "shown_by" not in steps["wait_patiently"]


@pytest.mark.slow
@pytest.mark.subprocess
def test_case_show_as_text(demo_location: Path | str) -> None:
    result = appealdesk("case", "show", "--db", demo_location, "TT-2026-0006", "--lang", "nl")
    assert result.returncode == 0, result.stderr
    assert "Tijdlijn" in result.stdout and "ODS-2026-10452" in result.stdout


@pytest.mark.slow
@pytest.mark.subprocess
def test_an_unknown_case_number(demo_location: Path | str) -> None:
    unknown = appealdesk("case", "show", "--db", demo_location, "TT-2026-0999")
    assert_one_clear_line(unknown, "TT-2026-0999")


@pytest.mark.slow
@pytest.mark.subprocess
def test_a_missing_database_is_not_created_by_a_listing(tmp_path: Path) -> None:
    path = tmp_path / "typo.db"
    assert_one_clear_line(appealdesk("cases", "--db", path), str(path))
    assert not path.exists()


@pytest.mark.subprocess
def test_a_folder_instead_of_a_file(tmp_path: Path) -> None:
    assert_one_clear_line(appealdesk("cases", "--db", tmp_path), "folder")


@pytest.mark.slow
@pytest.mark.subprocess
def test_a_damaged_database(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    assert_one_clear_line(appealdesk("cases", "--db", path))


@pytest.mark.subprocess
def test_a_database_from_a_newer_version(tmp_path: Path, demo_file: Path) -> None:
    path = tmp_path / "newer.db"
    path.write_bytes(demo_file.read_bytes())
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
    assert_one_clear_line(appealdesk("cases", "--db", path), "newer version")


@pytest.mark.slow
@pytest.mark.subprocess
def test_demo_refuses_to_overwrite(demo_file: Path) -> None:
    before = demo_file.read_bytes()
    assert_one_clear_line(appealdesk("demo", demo_file), "already exists")
    assert demo_file.read_bytes() == before


@pytest.mark.subprocess
def test_demo_into_an_unwritable_folder(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    if os.access(locked, os.W_OK):
        pytest.skip("running as a user who can write anywhere")
    assert_one_clear_line(appealdesk("demo", locked / "demo.db"))


@pytest.mark.slow
@pytest.mark.subprocess
def test_bad_arguments_give_one_line(demo_file: Path) -> None:
    result = appealdesk("cases", "--db", demo_file, "--status", "sleeping")
    assert_one_clear_line(result, "sleeping")
    result = appealdesk("cases", "--bogus")
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.slow
@pytest.mark.subprocess
def test_evidence_add_reports_each_file(demo_file: Path, tmp_path: Path) -> None:
    import shutil

    from tests.images import TINY_GIF

    database = tmp_path / "cases.db"
    shutil.copyfile(demo_file, database)
    good = tmp_path / "notice.gif"
    good.write_bytes(TINY_GIF)
    fake = tmp_path / "fake.png"
    fake.write_text("not a picture")
    result = appealdesk(
        "evidence",
        "add",
        "--db",
        database,
        "TT-2026-0003",
        good,
        fake,
        tmp_path / "missing.jpg",
        "--kind",
        "block_notice",
        "--title",
        "Melding",
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.count("added: notice.gif") == 1
    refused = result.stderr.strip().splitlines()
    assert len(refused) == 2
    assert refused[0].startswith("refused: fake.png: ")
    assert refused[1].startswith("refused: missing.jpg: ")
    shown = json.loads(
        appealdesk("case", "show", "--db", database, "TT-2026-0003", "--format", "json").stdout
    )
    assert [(e["title"], e["kind"]) for e in shown["evidence"]][-1] == ("Melding", "block_notice")
    again = appealdesk("evidence", "add", "--db", database, "TT-2026-0003", good)
    assert again.returncode == 0 and "already in the case: notice.gif" in again.stdout


@pytest.mark.slow
@pytest.mark.subprocess
def test_evidence_add_to_an_unknown_case(demo_file: Path, tmp_path: Path) -> None:
    image = tmp_path / "x.gif"
    image.write_bytes(b"GIF89a")
    assert_one_clear_line(
        appealdesk("evidence", "add", "--db", demo_file, "TT-1999-0001", image), "TT-1999-0001"
    )


@pytest.mark.subprocess
def test_help_lists_every_command() -> None:
    result = appealdesk("--help")
    assert result.returncode == 0
    for command in ("demo", "cases", "case", "evidence", "export", "backup", "restore", "check"):
        assert command in result.stdout


def test_the_windows_own_options_are_read_without_a_command() -> None:
    from appealdesk.cli.main import parse_arguments

    args = parse_arguments(["--db", "cases.db", "--lang", "nl"])
    assert (args.command, args.db, args.lang) == (None, Path("cases.db"), "nl")
    args = parse_arguments(["--lang", "en", "cases", "--db", "cases.db", "--overdue"])
    assert (args.command, args.lang, args.overdue) == ("cases", "en", True)
