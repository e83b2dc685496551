"""An encrypted evidence store: sealed contents, blinded names, plain bytes for readers."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from appealdesk.store.encryption.cipher import FileCipher
from appealdesk.store.encryption.keys import DataKey
from appealdesk.store.evidence_convert import (
    DamagedEvidenceError,
    decrypt_evidence_store,
    encrypt_evidence_store,
)
from appealdesk.store.evidence_store import CHUNK, EvidenceStore, UnreadableFileError

SECRET = b"\x89PNG\r\n\x1a\n passport of @jan.devries"


@pytest.fixture
def cipher() -> FileCipher:
    return FileCipher(DataKey.generate())


@pytest.fixture
def sealed(tmp_path: Path, cipher: FileCipher) -> EvidenceStore:
    return EvidenceStore(tmp_path / "case.evidence", cipher)


def _everything_on_disk(root: Path) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in root.rglob("*") if p.is_file()]


def test_a_sealed_file_shows_neither_its_content_nor_its_digest(sealed: EvidenceStore) -> None:
    blob = sealed.put_bytes(SECRET)
    assert blob.sha256 == hashlib.sha256(SECRET).hexdigest()  # shown to the user as before
    assert sealed.read_bytes(blob.sha256) == SECRET
    with sealed.open(blob.sha256) as handle:
        assert handle.read() == SECRET
    assert sealed.verify(blob.sha256)
    sealed.write_thumbnail(blob.sha256, 240, SECRET)
    assert sealed.read_thumbnail(blob.sha256, 240) == SECRET
    files = _everything_on_disk(sealed.root)
    assert len(files) == 2
    for name, content in files:
        assert blob.sha256 not in name and blob.sha256 not in content.hex()
        assert b"PNG" not in content and b"jan.devries" not in content


def test_a_large_file_is_streamed_in_and_out(sealed: EvidenceStore, tmp_path: Path) -> None:
    source = tmp_path / "video.bin"
    data = os.urandom(2 * CHUNK + 17)
    source.write_bytes(data)
    blob = sealed.put_file(source)
    assert blob.size == len(data) and blob.sha256 == hashlib.sha256(data).hexdigest()
    assert sealed.read_edges(blob.sha256, 10) == data[:10] + data[-10:]
    with sealed.open(blob.sha256) as handle:
        assert handle.read(5) == data[:5]
        assert handle.read() == data[5:]


def test_the_same_bytes_are_sealed_once(sealed: EvidenceStore) -> None:
    first = sealed.put_bytes(SECRET)
    again = sealed.put_bytes(SECRET)
    assert first.created and not again.created
    assert list(sealed.stored_names()) == [sealed.name_for(first.sha256)]
    with pytest.raises(TypeError):
        list(sealed.stored_digests())


def test_a_tampered_sealed_file_is_reported_as_changed(sealed: EvidenceStore) -> None:
    blob = sealed.put_bytes(SECRET)
    path = sealed.path_for(blob.sha256)
    sealed_bytes = bytearray(path.read_bytes())
    sealed_bytes[-1] ^= 1
    path.chmod(0o600)
    path.write_bytes(bytes(sealed_bytes))
    assert sealed.verify(blob.sha256) is False
    with pytest.raises(OSError):
        sealed.read_bytes(blob.sha256)


def test_another_key_cannot_read_the_store(sealed: EvidenceStore) -> None:
    blob = sealed.put_bytes(SECRET)
    other = EvidenceStore(sealed.root, FileCipher(DataKey.generate()))
    assert not other.exists(blob.sha256)  # another key does not even find the name
    target = other.path_for(blob.sha256)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.link(sealed.path_for(blob.sha256), target)
    assert other.verify(blob.sha256) is False


def test_a_folder_in_the_place_of_a_sealed_file_is_unreadable(sealed: EvidenceStore) -> None:
    sha256 = hashlib.sha256(SECRET).hexdigest()
    sealed.path_for(sha256).mkdir(parents=True)
    with pytest.raises(UnreadableFileError):
        sealed.verify(sha256)


def test_moving_a_plain_file_in_seals_it(sealed: EvidenceStore, tmp_path: Path) -> None:
    source = tmp_path / "restored"
    source.write_bytes(SECRET)
    sha256 = hashlib.sha256(SECRET).hexdigest()
    sealed.move_in(source, sha256)
    assert not source.exists()
    assert SECRET not in sealed.path_for(sha256).read_bytes()
    assert sealed.read_bytes(sha256) == SECRET


def test_collect_and_remove_work_with_blinded_names(sealed: EvidenceStore) -> None:
    kept = sealed.put_bytes(b"kept")
    gone = sealed.put_bytes(b"gone")
    sealed.write_thumbnail(gone.sha256, 240, b"thumb")
    old = time.time() - 3600
    for blob in (kept, gone):
        os.utime(sealed.path_for(blob.sha256), (old, old))
    assert sealed.collect({kept.sha256}) == 1
    assert sealed.exists(kept.sha256) and not sealed.exists(gone.sha256)
    assert sealed.read_thumbnail(gone.sha256, 240) is None
    assert not any((sealed.root / "thumbnails").rglob("*-240"))


def test_a_plain_store_converts_to_a_sealed_one_and_back(
    tmp_path: Path, cipher: FileCipher
) -> None:
    plain = EvidenceStore(tmp_path / "plain")
    contents = [SECRET, b"", os.urandom(CHUNK + 3)]
    digests = {plain.put_bytes(data).sha256: data for data in contents}
    there = encrypt_evidence_store(plain.root, cipher, tmp_path / "sealed")
    assert (there.files, there.written) == (3, 3)
    assert there.plain_bytes == sum(len(data) for data in contents)
    sealed = EvidenceStore(tmp_path / "sealed", cipher)
    for sha256, data in digests.items():
        assert sealed.read_bytes(sha256) == data and sealed.verify(sha256)
    assert all(SECRET not in content for _, content in _everything_on_disk(sealed.root))
    assert encrypt_evidence_store(plain.root, cipher, sealed.root).written == 0  # once only
    back = decrypt_evidence_store(sealed.root, cipher, tmp_path / "back")
    assert back.files == 3
    restored = EvidenceStore(tmp_path / "back")
    assert sorted(restored.stored_digests()) == sorted(digests)
    for sha256, data in digests.items():
        assert restored.path_for(sha256).read_bytes() == data


def test_a_damaged_file_stops_the_conversion(tmp_path: Path, cipher: FileCipher) -> None:
    plain = EvidenceStore(tmp_path / "plain")
    blob = plain.put_bytes(SECRET)
    path = plain.path_for(blob.sha256)
    path.chmod(0o600)
    path.write_bytes(b"something else")
    with pytest.raises(DamagedEvidenceError):
        encrypt_evidence_store(plain.root, cipher, tmp_path / "sealed")
    assert not list(EvidenceStore(tmp_path / "sealed", cipher).stored_names())
