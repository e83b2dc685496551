"""Backups built to harm: whatever they hold, a refused restore changes nothing.

Every archive here is a real backup of the demo database (``backup --out``) with one thing
changed. A restore must refuse it with one clear line, leave the database as it was and put
nothing into the live evidence folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest

from appealdesk.domain.errors import DatabaseError, NewerDatabaseError
from appealdesk.domain.evidence_rules import MAX_EVIDENCE_BYTES
from appealdesk.media.probe import MAX_FILE_BYTES
from appealdesk.services import backups, restore
from appealdesk.services.workspace import open_workspace
from appealdesk.store.backup.archive import DATABASE_MEMBER, MANIFEST
from appealdesk.store.evidence_store import evidence_dir_for
from appealdesk.store.work_folder import work_folder_path
from tests.fixtures import make_schema_fixtures as fixtures
from tests.hostile.backups import corrupt_index, edited_database, rebuilt, with_database


@pytest.fixture
def archive(demo_path: Path, tmp_path: Path) -> Path:
    """A real backup of the demo database; the database itself is closed."""
    db = open_workspace(demo_path)
    try:
        target = tmp_path / "backup.zip"
        backups.write_backup_file(db, target)
    finally:
        db.close()
    return target


def _live_state(database: Path) -> tuple[bytes, list[tuple[str, int]]]:
    evidence = evidence_dir_for(database)
    files = sorted(
        (str(p.relative_to(evidence)), p.stat().st_size) for p in evidence.rglob("*") if p.is_file()
    )
    return hashlib.sha256(database.read_bytes()).digest(), files


def _refused(database: Path, source: Path, *fragments: str) -> str:
    """Restores ``source``, which must be refused with one line naming ``fragments``; the
    database and its evidence stay exactly as they were."""
    before = _live_state(database)
    with pytest.raises(DatabaseError) as caught:
        restore.restore(database, source)
    message = caught.value.message
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message, message
    assert _live_state(database) == before
    db = open_workspace(database)  # still opens, as it was
    db.close()
    return message


# The database in the backup ----------------------------------------------------------------


def test_the_real_backup_restores(demo_path: Path, archive: Path) -> None:
    result = restore.restore(demo_path, archive)
    assert result.evidence_missing == ()


@pytest.mark.parametrize(
    ("sql", "fragment"),
    [
        (
            "CREATE TRIGGER wipe AFTER INSERT ON events BEGIN DELETE FROM events; END",
            "the trigger “wipe”",
        ),
        (
            "CREATE TRIGGER same AFTER UPDATE ON cases BEGIN UPDATE cases SET notice_text = "
            "new.notice_text; END",
            "the trigger “same”",
        ),
        ("CREATE INDEX ix_extra ON cases (notice_text)", "the index “ix_extra”"),
        ("CREATE VIEW everything AS SELECT * FROM cases", "the view “everything”"),
        ("CREATE TABLE stash (secret TEXT)", "the table “stash”"),
    ],
)
def test_a_schema_entry_appealdesk_does_not_create_is_refused(
    demo_path: Path, archive: Path, tmp_path: Path, sql: str, fragment: str
) -> None:
    hostile = with_database(archive, tmp_path / "hostile.zip", lambda raw: raw.execute(sql))
    _refused(demo_path, hostile, "cannot be restored", fragment, "does not create")


def test_a_changed_trigger_is_refused(demo_path: Path, archive: Path, tmp_path: Path) -> None:
    def replace_trigger(raw: sqlite3.Connection) -> None:
        raw.execute("DROP TRIGGER case_search_event_insert")
        raw.execute(
            "CREATE TRIGGER case_search_event_insert AFTER INSERT ON events "
            "BEGIN DELETE FROM events WHERE id = new.id; END"
        )

    hostile = with_database(archive, tmp_path / "hostile.zip", replace_trigger)
    _refused(demo_path, hostile, "the trigger “case_search_event_insert”", "is missing or not")


def test_a_dropped_column_is_refused(demo_path: Path, archive: Path, tmp_path: Path) -> None:
    hostile = with_database(
        archive, tmp_path / "hostile.zip", lambda raw: raw.execute("ALTER TABLE clients DROP email")
    )
    _refused(demo_path, hostile, "the table “clients”", "is missing or not as AppealDesk creates")


def test_a_corrupt_index_that_passes_quick_check_is_refused(
    demo_path: Path, archive: Path, tmp_path: Path
) -> None:
    broken = edited_database(archive, tmp_path, corrupt_index)
    with closing(sqlite3.connect(broken)) as raw:
        assert raw.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    hostile = rebuilt(archive, tmp_path / "hostile.zip", database=broken)
    _refused(demo_path, hostile, "is damaged", "ix_cases_status")


def test_a_file_with_only_alembic_version_is_refused(demo_path: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bare.sqlite3"
    with closing(sqlite3.connect(bare)) as raw, raw:
        raw.execute(
            "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
            "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
        )
        raw.execute("INSERT INTO alembic_version VALUES ('0004')")
    _refused(demo_path, bare, "cannot be restored", "is missing or not as AppealDesk creates")


@pytest.mark.parametrize(
    ("sql", "fragment"),
    [
        ("UPDATE evidence_items SET sha256 = upper(sha256)", "evidence_items.sha256"),
        ("UPDATE evidence_items SET sha256 = '../../../../etc/passwd'", "evidence_items.sha256"),
        ("UPDATE cases SET status = 'hacked' WHERE id = 3", "cases.status"),
        ("UPDATE events SET channel = 'pigeon' WHERE id = 2", "events.channel"),
        ("UPDATE cases SET blocked_at = '2026-02-30 09:00:00.000000'", "cases.blocked_at"),
        ("UPDATE cases SET next_action_due = '2026-13-01' WHERE id = 1", "cases.next_action_due"),
        ("UPDATE cases SET created_at = 12 WHERE id = 1", "cases.created_at"),
        ("UPDATE cases SET tags = '{\"a\": 1}' WHERE id = 1", "cases.tags"),
        ("UPDATE clients SET is_default = 7", "clients.is_default"),
        ("INSERT INTO alembic_version VALUES ('0003')", "not an AppealDesk database"),
    ],
)
def test_values_appealdesk_never_writes_are_refused(
    demo_path: Path, archive: Path, tmp_path: Path, sql: str, fragment: str
) -> None:
    hostile = with_database(archive, tmp_path / "hostile.zip", lambda raw: raw.execute(sql))
    _refused(demo_path, hostile, "cannot be restored", fragment)


def test_a_newer_schema_is_refused_and_its_evidence_stays_out(
    demo_path: Path, archive: Path, tmp_path: Path
) -> None:
    live = evidence_dir_for(demo_path)
    with zipfile.ZipFile(archive) as source:
        member = next(n for n in source.namelist() if n.startswith("evidence/"))
    sha256 = member.rsplit("/", 1)[1]
    kept = live / sha256[:2] / sha256
    kept.chmod(0o600)
    kept.unlink()  # the archive holds a file the live folder lacks
    newer = with_database(
        archive,
        tmp_path / "newer.zip",
        lambda raw: raw.execute("UPDATE alembic_version SET version_num = '9999'"),
    )
    before = _live_state(demo_path)
    with pytest.raises(NewerDatabaseError):
        restore.restore(demo_path, newer)
    assert _live_state(demo_path) == before
    assert not kept.exists()


def test_a_hostile_database_copy_is_refused_too(demo_path: Path, tmp_path: Path) -> None:
    db = open_workspace(demo_path)
    try:
        made = backups.back_up(db).backup.path
    finally:
        db.close()
    with closing(sqlite3.connect(made)) as raw, raw:
        raw.execute("CREATE TRIGGER wipe AFTER INSERT ON events BEGIN DELETE FROM events; END")
    _refused(demo_path, made, "the trigger “wipe”")


@pytest.mark.parametrize("revision", ["0001", "0002", "0003", "0004"])
def test_every_released_schema_restores_and_is_upgraded(tmp_path: Path, revision: str) -> None:
    source = tmp_path / "source" / f"appealdesk-{revision}.sqlite3"
    source.parent.mkdir()
    shutil.copyfile(fixtures.fixture_path(revision), source)
    shutil.copytree(
        evidence_dir_for(fixtures.fixture_path(revision)), source.parent / "evidence"
    )  # a backup's evidence lies in the folder beside it
    database = tmp_path / "cases.db"
    open_workspace(database).close()
    restore.restore(database, source)
    db = open_workspace(database)  # upgraded on opening
    try:
        assert db.rows("SELECT count(*) FROM cases")[0][0] > 0
    finally:
        db.close()


@pytest.mark.parametrize("revision", ["0001", "0003"])
def test_an_older_schema_with_an_extra_trigger_is_refused(tmp_path: Path, revision: str) -> None:
    source = tmp_path / f"appealdesk-{revision}.sqlite3"
    shutil.copyfile(fixtures.fixture_path(revision), source)
    with closing(sqlite3.connect(source)) as raw, raw:
        raw.execute("CREATE TRIGGER wipe AFTER INSERT ON events BEGIN DELETE FROM events; END")
    database = tmp_path / "cases.db"
    open_workspace(database).close()
    _refused(database, source, "the trigger “wipe”")


# The archive around it ----------------------------------------------------------------------


def _tree_size(folder: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(OSError):  # removed meanwhile
                total += (Path(root) / name).lstat().st_size
    return total


@pytest.fixture
def largest_write(tmp_path: Path) -> Iterator[list[int]]:
    """The most that the folders of the test held at any moment while it ran, above what they
    held at its start (sampled every few milliseconds)."""
    base = _tree_size(tmp_path)
    seen = [0]
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            seen[0] = max(seen[0], _tree_size(tmp_path) - base)
            stop.wait(0.002)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    yield seen
    stop.set()
    watcher.join()


def _streamed_entry(target: Path, archive: Path, name: str, size: int, method: int) -> Path:
    """``archive`` with entry ``name`` replaced by ``size`` zero bytes, written in chunks."""
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            if info.filename != name:
                copy.writestr(info, source.read(info), compress_type=info.compress_type)
        entry = zipfile.ZipInfo(name)
        entry.compress_type = method
        with copy.open(entry, "w", force_zip64=True) as out:
            chunk = bytes(1 << 20)
            for _ in range(size >> 20):
                out.write(chunk)
    return target


@pytest.mark.slow
def test_a_zip_bomb_is_refused_before_anything_is_written(
    demo_path: Path, archive: Path, tmp_path: Path, largest_write: list[int]
) -> None:
    bomb = _streamed_entry(
        tmp_path / "bomb.zip", archive, DATABASE_MEMBER, 512 << 20, zipfile.ZIP_DEFLATED
    )
    assert bomb.stat().st_size < 2 << 20  # 512 MB of database in well under 2 MB
    start = largest_write[0]
    _refused(demo_path, bomb, "database.sqlite3", "zip bomb")
    assert largest_write[0] - start < 4 << 20
    assert _tree_size(work_folder_path(demo_path)) < 1 << 20


def test_the_watcher_sees_writes(tmp_path: Path, largest_write: list[int]) -> None:
    (tmp_path / "big").write_bytes(bytes(8 << 20))
    deadline = time.monotonic() + 5
    while largest_write[0] < 8 << 20 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert largest_write[0] >= 8 << 20


def test_a_huge_evidence_entry_is_refused_and_never_reaches_the_evidence_folder(
    demo_path: Path, archive: Path, tmp_path: Path
) -> None:
    assert MAX_EVIDENCE_BYTES == MAX_FILE_BYTES
    zeros = hashlib.sha256(bytes(MAX_EVIDENCE_BYTES + (1 << 20))).hexdigest()
    name = f"evidence/{zeros[:2]}/{zeros}"
    huge = _streamed_entry(
        tmp_path / "huge.zip", archive, name, MAX_EVIDENCE_BYTES + (1 << 20), zipfile.ZIP_STORED
    )
    huge = rebuilt(
        huge,
        tmp_path / "huge-listed.zip",
        manifest=lambda m: {**m, "evidence": [*m["evidence"], zeros]},  # type: ignore[misc]
    )
    _refused(demo_path, huge, "is larger than 50 MB")
    assert not (evidence_dir_for(demo_path) / zeros[:2] / zeros).exists()


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("../../escape", "does not belong in a backup"),
        ("evidence/ab/not-a-digest", "does not belong in a backup"),
        ("evidence/zz/" + "ab" * 32, "does not belong in a backup"),
        ("/etc/cron.d/job", "does not belong in a backup"),
        ("evidence/ab/" + "ab" * 32, "does not belong in a backup"),  # not in the manifest
    ],
)
def test_entries_of_other_shapes_are_refused(
    demo_path: Path, archive: Path, tmp_path: Path, name: str, fragment: str
) -> None:
    hostile = rebuilt(archive, tmp_path / "hostile.zip", extra=[(name, b"data")])
    _refused(demo_path, hostile, "not a whole AppealDesk backup", fragment)


def test_an_entry_twice_is_refused(demo_path: Path, archive: Path, tmp_path: Path) -> None:
    with pytest.warns(UserWarning, match="Duplicate name"):
        hostile = rebuilt(archive, tmp_path / "twice.zip", extra=[(MANIFEST, b"{}")])
    _refused(demo_path, hostile, "twice")


def _patch_headers(path: Path, field: tuple[int, int], change: Callable[[int], int]) -> None:
    """Changes a two-byte field of every local and central header of the ZIP at ``path``:
    ``field`` is its offset in the local and in the central header."""
    data = bytearray(path.read_bytes())
    for signature, offset in zip((b"PK\x03\x04", b"PK\x01\x02"), field, strict=True):
        at = data.find(signature)
        while at >= 0:
            value = int.from_bytes(data[at + offset : at + offset + 2], "little")
            data[at + offset : at + offset + 2] = change(value).to_bytes(2, "little")
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def test_an_encrypted_entry_is_refused(demo_path: Path, archive: Path, tmp_path: Path) -> None:
    locked = shutil.copyfile(archive, tmp_path / "locked.zip")
    _patch_headers(locked, (6, 8), lambda flags: flags | 0x1)
    with zipfile.ZipFile(locked) as check:
        assert all(info.flag_bits & 0x1 for info in check.infolist())
    _refused(demo_path, locked, "encrypted")


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA, 99])
def test_an_unsupported_compression_method_is_refused(
    demo_path: Path, archive: Path, tmp_path: Path, method: int
) -> None:
    target = tmp_path / "odd.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            copy.writestr(info, source.read(info), compress_type=min(method, zipfile.ZIP_LZMA))
    if method == 99:  # a method zipfile cannot even write
        _patch_headers(target, (8, 10), lambda _method: 99)
    _refused(demo_path, target, "compressed in a way")


def test_a_deeply_nested_manifest_is_refused(
    demo_path: Path, archive: Path, tmp_path: Path
) -> None:
    hostile = rebuilt(
        archive, tmp_path / "nested.zip", manifest_bytes=b"[" * 100_000 + b"]" * 100_000
    )
    _refused(demo_path, hostile, "manifest cannot be read")


def test_a_huge_manifest_is_refused(demo_path: Path, archive: Path, tmp_path: Path) -> None:
    hostile = _streamed_entry(
        tmp_path / "manifest.zip", archive, MANIFEST, 20 << 20, zipfile.ZIP_STORED
    )
    _refused(demo_path, hostile, "appealdesk-backup.json", "larger than")


@pytest.mark.parametrize("version", [99, 0, "1", True, None])
def test_a_manifest_version_this_appealdesk_does_not_know_is_refused(
    demo_path: Path, archive: Path, tmp_path: Path, version: object
) -> None:
    hostile = rebuilt(archive, tmp_path / "v.zip", manifest=lambda m: {**m, "version": version})
    message = _refused(demo_path, hostile, "not a whole AppealDesk backup")
    if version == 99:
        assert "version 99" in message


def test_too_many_entries_are_refused_before_they_are_read(
    demo_path: Path, archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from appealdesk.store.backup import archive_entries

    monkeypatch.setattr(archive_entries, "MAX_ENTRIES", 5)
    extra = [(f"evidence/{d[:2]}/{d}", b"") for d in ("ab" * 32, "cd" * 32, "ef" * 32)]
    hostile = rebuilt(archive, tmp_path / "many.zip", extra=extra)
    _refused(demo_path, hostile, "more than 5 entries")


def test_an_archive_larger_than_the_free_space_is_refused(
    demo_path: Path, archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from appealdesk.store.backup import archive_entries

    real = shutil.disk_usage

    def nearly_full(path: str | os.PathLike[str]) -> object:
        usage = real(path)
        return usage._replace(free=archive_entries.FREE_SPACE_RESERVE + 1000)

    monkeypatch.setattr(archive_entries.shutil, "disk_usage", nearly_full)
    _refused(demo_path, archive, "not enough free space")


@pytest.mark.slow
def test_the_command_line_refuses_in_one_line(
    demo_path: Path, archive: Path, tmp_path: Path
) -> None:
    from tests.cli.test_cli import appealdesk, assert_one_clear_line

    hostile = with_database(
        archive,
        tmp_path / "hostile.zip",
        lambda raw: raw.execute("ALTER TABLE clients DROP email"),
    )
    before = _live_state(demo_path)
    result = appealdesk("restore", "--db", demo_path, hostile)
    assert result.returncode == 1
    assert_one_clear_line(result, "cannot be restored", "“clients”")
    assert _live_state(demo_path) == before
    checked = appealdesk("check", "--db", demo_path)
    assert checked.returncode == 0, checked.stdout
    nested = rebuilt(archive, tmp_path / "nested.zip", manifest_bytes=b"[" * 100_000)
    result = appealdesk("--lang", "nl", "restore", "--db", demo_path, nested)
    assert result.returncode == 1
    assert_one_clear_line(result, "overzicht van de inhoud is onleesbaar")


@pytest.mark.slow
def test_check_names_a_trigger_appealdesk_does_not_create(demo_path: Path) -> None:
    from tests.cli.test_cli import appealdesk

    with closing(sqlite3.connect(demo_path)) as raw, raw:
        raw.execute("CREATE TRIGGER wipe AFTER INSERT ON events BEGIN DELETE FROM events; END")
    checked = appealdesk("check", "--db", demo_path)
    assert checked.returncode == 1
    assert "the trigger “wipe”" in checked.stdout and "All is well" not in checked.stdout
