"""Evidence kept inside a real PostgreSQL database, as every member of a team sees it."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest

import appealdesk
from appealdesk.store.evidence_store import (
    CHUNK,
    CancelledError,
    EvidenceStore,
    StoreWriteError,
    UnreadableFileError,
)
from appealdesk.store.postgres.evidence_store import DatabaseEvidenceStore
from appealdesk.store.postgres.schema import EVIDENCE_TABLES_SQL

Connect = Callable[[], psycopg.Connection[Any]]
THREE_MB = 3 * 1024 * 1024 + 5  # four chunks, the last one of 5 bytes
THREE_CHUNKS = 2 * CHUNK + 5


@pytest.fixture
def connect(pg_url: str) -> Connect:
    with psycopg.connect(pg_url) as conn:
        conn.execute(EVIDENCE_TABLES_SQL)
    return lambda: psycopg.connect(pg_url)


@pytest.fixture
def store(connect: Connect, tmp_path: Path) -> DatabaseEvidenceStore:
    return DatabaseEvidenceStore(connect, tmp_path / "machine-a")


def sql(connect: Connect, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with connect() as conn:
        cursor = conn.execute(query, params)
        return cursor.fetchall() if cursor.description else []


def row_counts(connect: Connect) -> tuple[int, int]:
    blobs = sql(connect, "SELECT count(*) FROM evidence_blobs")[0][0]
    chunks = sql(connect, "SELECT count(*) FROM evidence_chunks")[0][0]
    return blobs, chunks


def age(connect: Connect, sha256: str, seconds: int) -> None:
    sql(
        connect,
        "UPDATE evidence_blobs SET stored_at = now() - make_interval(secs => %s) WHERE sha256 = %s",
        (seconds, sha256),
    )


def test_a_3_mb_file_comes_back_byte_for_byte(
    store: DatabaseEvidenceStore, connect: Connect, tmp_path: Path
) -> None:
    data = os.urandom(THREE_MB)
    source = tmp_path / "shot.png"
    source.write_bytes(data)
    blob = store.put_file(source)
    assert blob.created and blob.size == len(data)
    assert blob.sha256 == hashlib.sha256(data).hexdigest()
    assert sql(connect, "SELECT n, length(data) FROM evidence_chunks ORDER BY n") == [
        (0, CHUNK),
        (1, CHUNK),
        (2, CHUNK),
        (3, 5),
    ]
    with store.open(blob.sha256) as handle:
        assert handle.read() == data
    assert store.read_bytes(blob.sha256) == data
    assert store.exists(blob.sha256) and store.verify(blob.sha256)
    copy = store.path_for(blob.sha256)
    assert copy == store.root / "files" / blob.sha256[:2] / blob.sha256
    assert copy.read_bytes() == data
    assert stat.S_IMODE(copy.stat().st_mode) == 0o400
    for folder in (store.root, store.root / "files", copy.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    inode = copy.stat().st_ino
    assert store.path_for(blob.sha256) == copy and copy.stat().st_ino == inode  # made once
    assert list(copy.parent.iterdir()) == [copy]  # no temporary file left


def test_a_local_copy_of_the_wrong_size_is_made_again(store: DatabaseEvidenceStore) -> None:
    data = os.urandom(CHUNK + 10)
    sha256 = store.put_bytes(data).sha256
    copy = store.path_for(sha256)
    copy.chmod(0o600)
    copy.write_bytes(data[:100])
    assert store.path_for(sha256).read_bytes() == data
    assert stat.S_IMODE(copy.stat().st_mode) == 0o400


def test_a_copy_checked_once_is_handed_out_again_without_asking_the_database(
    connect: Connect, tmp_path: Path
) -> None:
    """Thumbnails and the viewer ask for the same file again and again: only the first time
    costs a round trip to the server."""
    connections: list[int] = []

    def counted() -> psycopg.Connection[Any]:
        connections.append(1)
        return connect()

    store = DatabaseEvidenceStore(counted, tmp_path / "machine-a")
    data = os.urandom(CHUNK + 10)
    sha256 = store.put_bytes(data).sha256
    copy = store.path_for(sha256)
    asked = len(connections)
    assert store.path_for(sha256) == copy and len(connections) == asked
    assert copy.read_bytes() == data
    store.remove(sha256)
    assert not store.path_for(sha256).exists()  # asked again: the bytes are gone
    assert len(connections) > asked


def test_chunks_of_any_size_are_stored_in_whole_chunks(
    store: DatabaseEvidenceStore, connect: Connect
) -> None:
    data = os.urandom(2 * CHUNK + 100)
    pieces = [data[:10], data[10 : CHUNK + 7], data[CHUNK + 7 :]]
    blob = store.put_chunks(iter(pieces), durable=False)
    assert blob.sha256 == hashlib.sha256(data).hexdigest() and blob.size == len(data)
    assert [length for (length,) in sql(connect, "SELECT length(data) FROM evidence_chunks")] == [
        CHUNK,
        CHUNK,
        100,
    ]
    assert store.read_bytes(blob.sha256) == data


def test_the_same_bytes_are_one_blob(
    store: DatabaseEvidenceStore, connect: Connect, tmp_path: Path
) -> None:
    source = tmp_path / "shot.png"
    source.write_bytes(os.urandom(THREE_MB))
    first = store.put_file(source)
    second = store.put_file(source)
    third = store.put_bytes(source.read_bytes())
    assert first.created and not second.created and not third.created
    assert first.sha256 == second.sha256 == third.sha256 and second.size == THREE_MB
    assert row_counts(connect) == (1, 4)
    assert list(store.stored_digests()) == [first.sha256] == list(store.stored_names())


def test_storing_bytes_again_keeps_them_from_collection(
    store: DatabaseEvidenceStore, connect: Connect
) -> None:
    blob = store.put_bytes(b"id card front")
    age(connect, blob.sha256, 3600)
    assert not store.put_bytes(b"id card front").created
    assert store.collect(set(), grace_seconds=600) == 0
    age(connect, blob.sha256, 3600)
    store.move_in(Path("never-read"), blob.sha256)  # stored already: the source stays
    assert store.collect(set(), grace_seconds=600) == 0
    assert list(store.stored_digests()) == [blob.sha256]


def test_another_machine_reads_what_one_stored(
    store: DatabaseEvidenceStore, connect: Connect, tmp_path: Path
) -> None:
    data = os.urandom(THREE_CHUNKS)
    blob = store.put_bytes(data)
    other = DatabaseEvidenceStore(connect, tmp_path / "machine-b")
    assert other.exists(blob.sha256) and other.verify(blob.sha256)
    assert other.read_bytes(blob.sha256) == data
    assert other.path_for(blob.sha256).read_bytes() == data
    assert other.path_for(blob.sha256).is_relative_to(tmp_path / "machine-b")
    assert not (store.root / "files").exists()  # the first machine made no copy


def test_moving_a_file_in_stores_it_and_removes_it(
    store: DatabaseEvidenceStore, tmp_path: Path
) -> None:
    source = tmp_path / "incoming.pdf"
    source.write_bytes(b"%PDF-1.7 appeal letter")
    sha256 = hashlib.sha256(source.read_bytes()).hexdigest()
    store.move_in(source, sha256)
    assert not source.exists() and store.read_bytes(sha256) == b"%PDF-1.7 appeal letter"


def test_a_cancelled_upload_leaves_no_rows(
    store: DatabaseEvidenceStore, connect: Connect, tmp_path: Path
) -> None:
    source = tmp_path / "big.bin"
    source.write_bytes(os.urandom(THREE_MB))
    calls = iter([False, False, True])
    with pytest.raises(CancelledError):
        store.put_file(source, should_stop=lambda: next(calls))
    assert row_counts(connect) == (0, 0)


def test_a_source_that_fails_leaves_no_rows_and_stays_a_read_error(
    store: DatabaseEvidenceStore, connect: Connect
) -> None:
    def chunks():
        yield os.urandom(CHUNK)
        raise OSError(5, "the USB stick went away")

    with pytest.raises(OSError, match="USB stick") as caught:
        store.put_chunks(chunks())
    assert not isinstance(caught.value, StoreWriteError)
    assert row_counts(connect) == (0, 0)


def test_bytes_changed_in_the_database_fail_verification_and_are_never_copied(
    store: DatabaseEvidenceStore, connect: Connect
) -> None:
    blob = store.put_bytes(os.urandom(THREE_CHUNKS))
    sql(
        connect,
        "UPDATE evidence_chunks SET data = overlay(data placing '\\x00'::bytea from 100)"
        " WHERE n = 1",
    )
    assert not store.verify(blob.sha256)
    with pytest.raises(UnreadableFileError, match="digest"):
        store.path_for(blob.sha256)
    copy_folder = store.root / "files" / blob.sha256[:2]
    assert not any(copy_folder.iterdir())
    sql(connect, "DELETE FROM evidence_chunks WHERE n = 2")
    assert not store.verify(blob.sha256)
    with pytest.raises(UnreadableFileError, match="incomplete"):
        store.read_bytes(blob.sha256)


def test_missing_bytes_are_missing(store: DatabaseEvidenceStore) -> None:
    sha256 = hashlib.sha256(b"never stored").hexdigest()
    assert not store.exists(sha256) and not store.verify(sha256)
    assert not store.path_for(sha256).exists()
    with pytest.raises(FileNotFoundError):
        store.open(sha256)
    with pytest.raises(ValueError, match="SHA-256"):
        store.path_for("../../etc/passwd")


def test_collect_removes_only_unreferenced_blobs_past_the_grace_period(
    store: DatabaseEvidenceStore, connect: Connect, tmp_path: Path
) -> None:
    kept, old, young = (store.put_bytes(data).sha256 for data in (b"kept", b"old", b"young"))
    for sha256 in (kept, old):
        age(connect, sha256, 3600)
    sql(connect, "INSERT INTO evidence_blobs (stored_at) VALUES (now() - interval '2 hours')")
    other = DatabaseEvidenceStore(connect, tmp_path / "machine-b")
    other_copy = other.path_for(old)
    store.path_for(old)
    store.write_thumbnail(old, 128, b"png")
    assert store.collect({kept}, grace_seconds=600) == 1
    assert list(store.stored_digests()) == sorted([kept, young])
    assert row_counts(connect) == (2, 2)  # and the pending upload went
    assert not store.path_for(old).exists() and store.read_thumbnail(old, 128) is None
    assert other_copy.exists()
    assert other.collect({kept}, grace_seconds=600) == 0
    assert not other_copy.exists()  # the other machine's copy goes with its next collect


def test_removing_takes_the_bytes_the_copy_and_the_thumbnails(
    store: DatabaseEvidenceStore, connect: Connect
) -> None:
    sha256 = store.put_bytes(b"screenshot").sha256
    copy = store.path_for(sha256)
    store.write_thumbnail(sha256, 256, b"\x89PNG thumbnail")
    store.remove(sha256)
    assert row_counts(connect) == (0, 0)
    assert not copy.exists() and store.read_thumbnail(sha256, 256) is None


def test_thumbnails_are_cached_locally(
    store: DatabaseEvidenceStore, connect: Connect, tmp_path: Path
) -> None:
    sha256 = store.put_bytes(b"photo").sha256
    assert store.read_thumbnail(sha256, 256) is None
    store.write_thumbnail(sha256, 256, b"\x89PNG thumbnail")
    assert store.read_thumbnail(sha256, 256) == b"\x89PNG thumbnail"
    path = store.thumbnail_path(sha256, 256)
    assert path == store.root / "thumbnails" / sha256[:2] / f"{sha256}-256.png"
    assert stat.S_IMODE((store.root / "thumbnails").stat().st_mode) == 0o700
    assert DatabaseEvidenceStore(connect, tmp_path / "b").read_thumbnail(sha256, 256) is None


def test_the_edges_of_a_blob_are_read_as_from_a_file(
    store: DatabaseEvidenceStore, connect: Connect, tmp_path: Path
) -> None:
    data = os.urandom(3 * CHUNK)
    big, small = store.put_bytes(data).sha256, store.put_bytes(b"0123456789").sha256
    assert store.read_edges(big, 4096) == data[:4096] + data[-4096:]
    assert store.read_edges(big, CHUNK + 1) == data[: CHUNK + 1] + data[-CHUNK - 1 :]
    sql(connect, "DELETE FROM evidence_chunks WHERE n = 1")  # the middle is never read
    assert store.read_edges(big, 4096) == data[:4096] + data[-4096:]
    assert store.read_edges(small, 4) == b"0123" + b"6789"
    files = EvidenceStore(tmp_path / "beside-a-file")
    files.put_bytes(b"0123456789")
    for span in (1, 4, 5, 6, 10, 20):
        assert store.read_edges(small, span) == files.read_edges(small, span)


def test_a_stored_blob_reads_like_a_file(store: DatabaseEvidenceStore) -> None:
    data = os.urandom(2 * CHUNK + 3)
    with store.open(store.put_bytes(data).sha256) as handle:
        handle.seek(CHUNK - 2)
        assert handle.read(5) == data[CHUNK - 2 : CHUNK + 3]
        assert handle.seek(-1, os.SEEK_END) == len(data) - 1 and handle.read() == data[-1:]
        handle.seek(0)
        assert handle.read(3) == data[:3] and handle.tell() == 3


@pytest.mark.parametrize("isolation", ["read committed", "serializable"])
def test_an_upload_racing_an_uncommitted_one_of_the_same_bytes_gives_way(
    store: DatabaseEvidenceStore, connect: Connect, isolation: str
) -> None:
    (name,) = sql(connect, "SELECT current_database()")[0]
    sql(connect, f"ALTER DATABASE \"{name}\" SET default_transaction_isolation = '{isolation}'")
    data = os.urandom(CHUNK + 1)
    sha256 = hashlib.sha256(data).hexdigest()
    with connect() as other:  # another member's upload, named but not committed yet
        blob_id = other.execute(
            "INSERT INTO evidence_blobs (sha256, size) VALUES (%s, %s) RETURNING id",
            (sha256, len(data)),
        ).fetchone()
        for n in range(2):
            other.execute(
                "INSERT INTO evidence_chunks VALUES (%s, %s, %s)",
                (blob_id[0] if blob_id else None, n, data[n * CHUNK : (n + 1) * CHUNK]),
            )
        results: list[Any] = []
        racer = threading.Thread(target=lambda: results.append(store.put_bytes(data)))
        racer.start()
        deadline = time.monotonic() + 10
        while not sql(connect, "SELECT 1 FROM pg_locks WHERE NOT granted"):
            assert time.monotonic() < deadline and racer.is_alive()
            time.sleep(0.01)
    racer.join(10)
    assert [blob.created for blob in results] == [False]
    assert row_counts(connect) == (1, 2) and store.verify(sha256)


def test_imports_on_several_threads_at_once(store: DatabaseEvidenceStore, connect: Connect) -> None:
    shared, results = os.urandom(CHUNK + 1), []
    own = [os.urandom(1000) for _ in range(3)]
    workers = [
        threading.Thread(target=lambda data=data: results.append(store.put_bytes(data)))
        for data in [shared, shared, shared, *own]
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
    assert len(results) == 6 and sum(blob.created for blob in results) == 4
    assert row_counts(connect) == (4, 5)
    assert all(store.verify(blob.sha256) for blob in results)


RACER = """
import sys, time
from pathlib import Path
import psycopg
from appealdesk.store.postgres.evidence_store import DatabaseEvidenceStore

url, source, cache, flags, me = sys.argv[1:]
store = DatabaseEvidenceStore(lambda: psycopg.connect(url), Path(cache))
calls = []

def in_step():  # both uploads are under way before either of them ends
    if not calls:
        Path(flags, me).touch()
        deadline = time.monotonic() + 30
        while len(list(Path(flags).iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.005)
    calls.append(1)
    return False

print(store.put_file(Path(source), should_stop=in_step).created)
"""


@pytest.mark.subprocess
def test_two_processes_storing_the_same_bytes_at_once_make_one_blob(
    pg_url: str, connect: Connect, tmp_path: Path
) -> None:
    source = tmp_path / "shared.png"
    source.write_bytes(os.urandom(THREE_CHUNKS))
    flags = tmp_path / "flags"
    flags.mkdir()
    project = Path(appealdesk.__file__).resolve().parents[1]
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, pg_url, str(source), str(tmp_path / me), str(flags), me],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for me in ("a", "b")
    ]
    outcomes = [racer.communicate(timeout=60) for racer in racers]
    assert [racer.returncode for racer in racers] == [0, 0], [err for _, err in outcomes]
    assert sorted(json.loads(out.strip().lower()) for out, _ in outcomes) == [False, True]
    assert row_counts(connect) == (1, 3)
    store = DatabaseEvidenceStore(connect, tmp_path / "check")
    assert store.read_bytes(hashlib.sha256(source.read_bytes()).hexdigest()) == source.read_bytes()


def test_a_database_out_of_reach_is_an_os_error(tmp_path: Path) -> None:
    def unreachable() -> psycopg.Connection[Any]:
        return psycopg.connect("postgresql://nobody@127.0.0.1:1/none", connect_timeout=2)

    store = DatabaseEvidenceStore(unreachable, tmp_path / "cache")
    sha256 = hashlib.sha256(b"x").hexdigest()
    for read in (store.exists, store.open, store.path_for, store.verify, store.read_bytes):
        with pytest.raises(UnreadableFileError):
            read(sha256)
    with pytest.raises(StoreWriteError):
        store.put_bytes(b"x")
    with pytest.raises(StoreWriteError):
        store.collect(set())


def test_the_schema_refuses_a_digest_that_is_not_one(connect: Connect) -> None:
    with pytest.raises(psycopg.errors.CheckViolation):
        sql(connect, "INSERT INTO evidence_blobs (sha256) VALUES ('ABC')")
    storage = sql(
        connect,
        "SELECT attstorage FROM pg_attribute"
        " WHERE attrelid = 'evidence_chunks'::regclass AND attname = 'data'",
    )
    assert storage == [("e",)]
