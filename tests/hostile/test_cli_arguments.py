"""Bad arguments on the command line: one clear line on stderr, a non-zero status, and no file
created or changed where the command had nothing to write. Run in-process, as a script would
run ``appealdesk``, with real files."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from appealdesk.cli.main import main
from appealdesk.services import cases, evidence
from appealdesk.services.workspace import open_workspace
from appealdesk.store.evidence_store import evidence_dir_for
from tests.images import TINY_GIF

# `export` and `demo` draw with Qt: the tests' application must exist before they make one.
pytestmark = pytest.mark.usefixtures("qapp")


@dataclass(frozen=True)
class Run:
    status: int
    out: str
    err: str


Runner = Callable[..., Run]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Runner:
    def appealdesk(*args: str | Path) -> Run:
        capsys.readouterr()
        try:
            status = main([str(a) for a in args])
        except SystemExit as stop:  # argparse refuses the arguments themselves
            status = stop.code if isinstance(stop.code, int) else 1
        out, err = capsys.readouterr()
        return Run(status, out, err)

    return appealdesk


def assert_refused(result: Run, *fragments: str) -> None:
    """A non-zero status and one line on stderr that says what is wrong."""
    assert result.status != 0
    assert "Traceback" not in result.out + result.err
    assert "unexpected error" not in result.err  # the catch-all for bugs
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("appealdesk"), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


@dataclass(frozen=True)
class Files:
    database: Path
    case_number: str
    picture: Path


@pytest.fixture
def files(tmp_path: Path) -> Files:
    database = tmp_path / "cases.db"
    db = open_workspace(database)
    try:
        case = cases.create_case(
            db, blocked_at=dt.datetime(2026, 11, 2, 9), new_account={"handle": "lotte"}
        )
    finally:
        db.close()
    picture = tmp_path / "notice.gif"
    picture.write_bytes(TINY_GIF)
    return Files(database, case.case_number, picture)


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the SHA-256 of its content."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith(("-wal", "-shm"))
    }


def evidence_count(files: Files) -> int:
    db = open_workspace(files.database, create=False)
    try:
        return len(evidence.list_evidence(db, cases.find_case(db, files.case_number).case.id or 0))
    finally:
        db.close()


def stored_files(files: Files) -> list[Path]:
    """Files in the evidence store (and its staging folder) of the database."""
    store = evidence_dir_for(files.database)
    return [p for p in store.rglob("*") if p.is_file()] if store.is_dir() else []


def commands(files: Files, out: Path) -> list[list[str | Path]]:
    """Every subcommand that reads an existing database, with otherwise good arguments."""
    return [
        ["cases"],
        ["cases", "--format", "json", "--search", "lotte"],
        ["case", "show", files.case_number],
        ["evidence", "add", files.case_number, files.picture],
        ["export", files.case_number, "--out", out],
    ]


# --db ----------------------------------------------------------------------------------


def test_a_missing_database_is_refused_and_not_created(
    run: Runner, files: Files, tmp_path: Path
) -> None:
    before = fingerprint(tmp_path)
    for missing in (tmp_path / "typo.db", tmp_path / "no-such-folder" / "cases.db"):
        for command in commands(files, tmp_path / "dossier.pdf"):
            assert_refused(run(*command, "--db", missing, "--lang", "en"), str(missing))
    assert not (tmp_path / "typo.db").exists() and not (tmp_path / "no-such-folder").exists()
    assert fingerprint(tmp_path) == before


def test_a_folder_as_database_is_refused(run: Runner, files: Files, tmp_path: Path) -> None:
    folder = tmp_path / "archive.db"
    folder.mkdir()
    before = fingerprint(tmp_path)
    for command in commands(files, tmp_path / "dossier.pdf"):
        assert_refused(run(*command, "--db", folder, "--lang", "en"), "folder")
    assert fingerprint(tmp_path) == before and list(folder.iterdir()) == []


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"", id="empty file"),
        pytest.param(b"case,status\nTT-2026-0001,new\n", id="text file"),
        pytest.param(os.urandom(5000), id="random bytes"),
        pytest.param(b"SQLite format 3\x00" + os.urandom(5000), id="damaged sqlite"),
        pytest.param(TINY_GIF, id="a picture"),
    ],
)
def test_a_file_that_is_no_database_is_refused_and_left_alone(
    run: Runner,
    files: Files,
    tmp_path: Path,
    content: bytes,
) -> None:
    wrong = tmp_path / "wrong.db"
    wrong.write_bytes(content)
    before = fingerprint(tmp_path)
    for command in commands(files, tmp_path / "dossier.pdf"):
        assert_refused(run(*command, "--db", wrong, "--lang", "en"), str(wrong))
    assert fingerprint(tmp_path) == before
    assert not evidence_dir_for(wrong).exists()


def test_another_programs_sqlite_database_is_refused(
    run: Runner, files: Files, tmp_path: Path
) -> None:
    other = tmp_path / "photos.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    connection.close()
    before = fingerprint(tmp_path)
    for command in commands(files, tmp_path / "dossier.pdf"):
        assert_refused(run(*command, "--db", other, "--lang", "en"), "not an AppealDesk database")
    assert fingerprint(tmp_path) == before


# case numbers --------------------------------------------------------------------------

CASE_NUMBERS = [
    pytest.param("TT-2026-9999", "TT-2026-9999", id="unknown"),
    pytest.param("yt-1999-1", "YT-1999-0001", id="unknown, typed loosely"),
    pytest.param("garbage!!", "GARBAGE!!", id="malformed"),
    pytest.param("'; DROP TABLE cases; --", "DROP TABLE", id="sql"),
    pytest.param("TT-2026-" + "9" * 40, "9" * 40, id="huge sequence"),
    pytest.param("", "cannot be empty", id="empty"),
    pytest.param("   ", "cannot be empty", id="spaces"),
    pytest.param("TT\u20132026\u20130001", "TT", id="en dashes"),
    pytest.param(os.fsdecode(b"TT-2026-\xff"), "TT-2026-", id="bytes that are not UTF-8"),
    pytest.param("-x", "", id="looks like an option"),
]


@pytest.mark.parametrize(("typed", "shown"), CASE_NUMBERS)
def test_an_unknown_or_malformed_case_number(
    run: Runner,
    files: Files,
    tmp_path: Path,
    typed: str,
    shown: str,
) -> None:
    before = fingerprint(tmp_path)
    out = tmp_path / "dossier.pdf"
    for command in (
        ["case", "show", "--db", files.database, "--lang", "en", "--", typed],
        ["evidence", "add", "--db", files.database, "--lang", "en", "--", typed, files.picture],
        ["export", "--db", files.database, "--out", out, "--lang", "en", "--", typed],
    ):
        assert_refused(run(*command), shown)
    assert fingerprint(tmp_path) == before
    assert not out.exists() and evidence_count(files) == 0


# evidence files ------------------------------------------------------------------------


def test_each_refused_evidence_file_gets_its_own_line(
    run: Runner, files: Files, tmp_path: Path
) -> None:
    folder = tmp_path / "screenshots"
    folder.mkdir()
    fake = tmp_path / "photo.jpg"
    fake.write_text("not a photo")
    empty = tmp_path / "empty.png"
    empty.touch()
    bad = [tmp_path / "missing.png", folder, fake, empty]
    result = run("evidence", "add", "--db", files.database, files.case_number, *bad, "--lang", "en")
    assert result.status == 1
    assert "Traceback" not in result.out + result.err and "unexpected" not in result.err
    lines = result.err.strip().splitlines()
    assert [line.split(":")[1].strip() for line in lines] == [p.name for p in bad]
    assert all(line.startswith("refused: ") for line in lines)
    assert result.out.strip() == "" and evidence_count(files) == 0
    assert stored_files(files) == []
    mixed = run(
        "evidence",
        "add",
        "--db",
        files.database,
        files.case_number,
        bad[0],
        files.picture,
        bad[2],
        "--lang",
        "en",
    )
    assert mixed.status == 1 and mixed.out.strip().startswith("added: notice.gif")
    assert len(mixed.err.strip().splitlines()) == 2 and evidence_count(files) == 1
    assert len(stored_files(files)) == 1


def test_a_title_that_cannot_be_stored_adds_nothing(run: Runner, files: Files) -> None:
    result = run(
        "evidence",
        "add",
        "--db",
        files.database,
        files.case_number,
        files.picture,
        "--title",
        "x" * 501,
        "--lang",
        "en",
    )
    assert_refused(result, "Title", "too long")
    assert evidence_count(files) == 0 and stored_files(files) == []
    undecodable = os.fsdecode(b"Melding \xff")
    result = run(
        "evidence",
        "add",
        "--db",
        files.database,
        files.case_number,
        files.picture,
        "--title",
        undecodable,
    )
    assert result.status == 0 and evidence_count(files) == 1


# --out ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "shown"),
    [
        pytest.param("missing/dossier.pdf", "does not exist", id="into a missing folder"),
        pytest.param("existing.pdf", "folder", id="onto a folder"),
        pytest.param("dossier.docx", ".pdf or .zip", id="unknown kind"),
        pytest.param("dossier", ".pdf or .zip", id="no extension"),
    ],
)
def test_an_impossible_output_writes_nothing(
    run: Runner,
    files: Files,
    tmp_path: Path,
    target: str,
    shown: str,
) -> None:
    (tmp_path / "existing.pdf").mkdir()
    before = fingerprint(tmp_path)
    folders = sorted(p for p in tmp_path.rglob("*") if p.is_dir())
    out = tmp_path / target
    for extra in ([], ["--include-sensitive"]):
        result = run("export", files.case_number, "--db", files.database, "--out", out, *extra)
        assert_refused(result, shown)
    assert fingerprint(tmp_path) == before
    assert sorted(p for p in tmp_path.rglob("*") if p.is_dir()) == folders


# options -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "shown"),
    [
        pytest.param(["cases", "--format", "xml"], "xml", id="cases --format"),
        pytest.param(["case", "show", "X", "--format", "pdf"], "pdf", id="case show --format"),
        pytest.param(["cases", "--status", "sleeping"], "sleeping", id="cases --status"),
        pytest.param(["cases", "--platform", "myspace"], "myspace", id="cases --platform"),
        pytest.param(["evidence", "add", "X", "f.png", "--kind", "selfie"], "selfie", id="--kind"),
        pytest.param(["cases", "--bogus"], "--bogus", id="unknown option"),
        pytest.param(["case", "show"], "CASE_NUMBER", id="case show without a number"),
        pytest.param(["case"], "", id="case without a subcommand"),
        pytest.param(["evidence", "add", "X"], "FILE", id="evidence add without files"),
        pytest.param(["export", "X"], "--out", id="export without --out"),
        pytest.param(["demo"], "PATH", id="demo without a path"),
        pytest.param(["frobnicate"], "frobnicate", id="unknown command"),
    ],
)
def test_an_unknown_option_or_missing_argument(
    run: Runner,
    files: Files,
    tmp_path: Path,
    arguments: list[str],
    shown: str,
) -> None:
    before = fingerprint(tmp_path)
    assert_refused(run(*arguments, "--db", files.database), shown)
    assert fingerprint(tmp_path) == before


@pytest.mark.parametrize("where", ["before", "after"])
def test_an_unknown_language(run: Runner, files: Files, tmp_path: Path, where: str) -> None:
    before = fingerprint(tmp_path)
    arguments = ["cases", "--db", str(files.database)]
    arguments = ["--lang", "xx", *arguments] if where == "before" else [*arguments, "--lang", "xx"]
    assert_refused(run(*arguments), "xx")
    assert fingerprint(tmp_path) == before


# demo ----------------------------------------------------------------------------------


def test_demo_never_overwrites_and_never_makes_folders(
    run: Runner, files: Files, tmp_path: Path
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("mine")
    folder = tmp_path / "folder.db"
    folder.mkdir()
    before = fingerprint(tmp_path)
    for target, shown in (
        (files.database, "already exists"),
        (text, "already exists"),
        (folder, str(folder)),
        (tmp_path / "missing" / "demo.db", "does not exist"),
    ):
        assert_refused(run("demo", target, "--lang", "en"), shown)
    assert fingerprint(tmp_path) == before
    assert not (tmp_path / "missing").exists() and list(folder.iterdir()) == []
