import hashlib
import os
import stat
from pathlib import Path

import pytest

from appealdesk.store.evidence_store import CancelledError, EvidenceStore, evidence_dir_for


@pytest.fixture
def store(tmp_path: Path) -> EvidenceStore:
    return EvidenceStore(evidence_dir_for(tmp_path / "cases.db"))


def test_the_store_sits_beside_the_database_and_is_named_after_it(tmp_path: Path) -> None:
    assert evidence_dir_for(tmp_path / "agency.db") == tmp_path / "agency.evidence"


def test_bytes_are_stored_unchanged_under_their_sha256(store: EvidenceStore) -> None:
    data = b"\x89PNG screenshot bytes"
    blob = store.put_bytes(data)
    assert blob.sha256 == hashlib.sha256(data).hexdigest()
    assert blob.created and blob.size == len(data)
    assert store.read_bytes(blob.sha256) == data
    assert store.verify(blob.sha256)


def test_the_same_bytes_are_stored_once(store: EvidenceStore, tmp_path: Path) -> None:
    source = tmp_path / "shot.png"
    source.write_bytes(os.urandom(3 * 1024 * 1024 + 5))
    first = store.put_file(source)
    second = store.put_file(source)
    assert first.sha256 == second.sha256 and not second.created
    assert list(store.stored_digests()) == [first.sha256]
    assert not any((store.root / "tmp").iterdir())


def test_bytes_stored_before_are_not_written_again_but_kept_fresh(store: EvidenceStore) -> None:
    data = os.urandom(3 * 1024 * 1024)
    first = store.put_bytes(data)
    staging, stored = store.root / "tmp", store.path_for(first.sha256)
    long_ago = (1_000_000_000, 1_000_000_000)
    os.utime(staging, long_ago)
    os.utime(stored, long_ago)
    again = store.put_bytes(data)
    assert not again.created and again.sha256 == first.sha256 and again.size == len(data)
    assert staging.stat().st_mtime == long_ago[1]  # no temporary copy was made
    assert stored.stat().st_mtime > long_ago[1]  # so collect() leaves it to the new row


def test_stored_files_are_read_only_and_private(store: EvidenceStore) -> None:
    blob = store.put_bytes(b"id card")
    mode = stat.S_IMODE(store.path_for(blob.sha256).stat().st_mode)
    assert mode == 0o400
    assert stat.S_IMODE(store.root.stat().st_mode) == 0o700


def test_a_cancelled_write_leaves_nothing_behind(store: EvidenceStore, tmp_path: Path) -> None:
    source = tmp_path / "big.bin"
    source.write_bytes(os.urandom(4 * 1024 * 1024))
    with pytest.raises(CancelledError):
        store.put_file(source, should_stop=lambda: True)
    assert list(store.stored_digests()) == []
    assert not any((store.root / "tmp").iterdir())


def test_collect_removes_only_unreferenced_old_files(store: EvidenceStore) -> None:
    kept = store.put_bytes(b"kept")
    dropped = store.put_bytes(b"dropped")
    fresh = store.put_bytes(b"fresh, maybe about to be committed")
    old = 1_000_000_000
    for blob in (kept, dropped):
        os.utime(store.path_for(blob.sha256), (old, old))
    assert store.collect({kept.sha256}) == 1
    assert set(store.stored_digests()) == {kept.sha256, fresh.sha256}


def test_a_damaged_file_fails_verification(store: EvidenceStore) -> None:
    blob = store.put_bytes(b"original")
    path = store.path_for(blob.sha256)
    path.chmod(0o600)
    path.write_bytes(b"tampered")
    assert not store.verify(blob.sha256)
    assert not store.verify("0" * 64)
