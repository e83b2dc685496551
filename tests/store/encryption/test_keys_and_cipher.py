"""The data key, its key file and recovery text, and the file cipher."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from appealdesk.store.encryption.cipher import (
    CHUNK,
    HEADER_BYTES,
    TAG_BYTES,
    DecryptionError,
    FileCipher,
)
from appealdesk.store.encryption.keys import (
    TEST_COST,
    DataKey,
    KeyFile,
    KeyFileError,
    WrongKeyError,
    key_file_for,
    read_key_file,
    write_key_file,
)


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5])
def test_a_file_comes_back_byte_for_byte_and_shows_nothing_of_itself(size: int) -> None:
    cipher = FileCipher(DataKey.generate())
    plain = (b"\x89PNG\r\n\x1a\n" + os.urandom(size))[:size] if size else b""
    sealed = cipher.encrypt_bytes(plain)
    assert cipher.decrypt_bytes(sealed) == plain
    assert FileCipher.plain_size(len(sealed)) == size
    if size >= 8:
        assert b"\x89PNG" not in sealed


@pytest.mark.parametrize("size", [0, 1, CHUNK, 2 * CHUNK, 3 * CHUNK + 5])
@pytest.mark.parametrize("step", [1000, CHUNK - 1, CHUNK, CHUNK + 7, 4 * CHUNK])
def test_a_file_seals_the_same_however_it_is_read(size: int, step: int) -> None:
    """Files are read a megabyte at a time, which the cipher passes on without copying; any
    other reading gives pieces of the same sizes, and the same file back."""
    cipher = FileCipher(DataKey.generate())
    plain = os.urandom(size)
    whole = cipher.encrypt_bytes(plain)
    read = b"".join(cipher.encrypt_chunks(plain[at : at + step] for at in range(0, size, step)))
    assert len(read) == len(whole) == HEADER_BYTES + size + TAG_BYTES * max(1, -(-size // CHUNK))
    assert cipher.decrypt_bytes(read) == plain


def test_a_changed_cut_or_extended_file_is_refused() -> None:
    cipher = FileCipher(DataKey.generate())
    sealed = cipher.encrypt_bytes(os.urandom(2 * CHUNK + 10))
    flipped = bytearray(sealed)
    flipped[HEADER_BYTES + 5] ^= 1
    one_chunk = HEADER_BYTES + CHUNK + TAG_BYTES
    for bad in (bytes(flipped), sealed[:one_chunk], sealed[:-1], sealed + sealed[-50:]):
        with pytest.raises(DecryptionError):
            cipher.decrypt_bytes(bad)


def test_another_key_opens_nothing_and_names_differ() -> None:
    one, other = FileCipher(DataKey.generate()), FileCipher(DataKey.generate())
    with pytest.raises(DecryptionError):
        other.decrypt_bytes(one.encrypt_bytes(b"passport"))
    digest = "ab" * 32
    assert one.name_for(digest) != other.name_for(digest) != digest
    assert one.name_for(digest) == one.name_for(digest)


def test_streaming_decryption_reads_a_file_in_chunks() -> None:
    cipher = FileCipher(DataKey.generate())
    plain = os.urandom(CHUNK * 2 + 3)
    pieces = list(cipher.decrypt_stream(io.BytesIO(cipher.encrypt_bytes(plain))))
    assert len(pieces) == 3 and b"".join(pieces) == plain


def test_the_recovery_key_reads_back_as_typed() -> None:
    key = DataKey.generate()
    text = key.recovery_text()
    assert len(text.split("-")) == 11
    typed = text.lower().replace("-", " ").replace("O", "0")
    assert DataKey.from_recovery_text(typed) == key
    for position in (0, 17, len(text) - 1):
        replacement = "A" if text[position] != "A" else "B"
        wrong = text[:position] + replacement + text[position + 1 :]
        with pytest.raises(WrongKeyError):
            DataKey.from_recovery_text(wrong)
    with pytest.raises(WrongKeyError):
        DataKey.from_recovery_text("not a key!")


def test_the_key_file_opens_with_the_passphrase_only(tmp_path: Path) -> None:
    key = DataKey.generate()
    path = key_file_for(tmp_path / "case.db")
    write_key_file(path, KeyFile.create(key, "lange zin met spaties", cost=TEST_COST))
    assert path.name == "case.key"
    assert path.stat().st_mode & 0o077 == 0
    stored = read_key_file(path)
    assert stored.unwrap("lange zin met spaties") == key
    with pytest.raises(WrongKeyError):
        stored.unwrap("lange zin met spatie")
    assert key.secret.hex() not in path.read_text()
    renewed = stored.with_passphrase(key, "nieuw")
    assert renewed.key_id == stored.key_id and renewed.unwrap("nieuw") == key


@pytest.mark.parametrize(
    "text",
    [
        "{}",
        "not json",
        '{"appealdesk_key_file": 1, "key_id": "x", "check": "y", "kdf": {}, "wrapped_key": ""}',
    ],
)
def test_a_damaged_key_file_is_named_as_such(tmp_path: Path, text: str) -> None:
    path = tmp_path / "case.key"
    path.write_text(text)
    with pytest.raises(KeyFileError):
        read_key_file(path)


def test_a_key_file_asking_for_endless_work_is_refused(tmp_path: Path) -> None:
    key = DataKey.generate()
    text = KeyFile.create(key, "pw", cost=TEST_COST).to_json()
    path = tmp_path / "case.key"
    path.write_text(text.replace('"iterations": 1', '"iterations": 100000'))
    with pytest.raises(KeyFileError):
        read_key_file(path)
