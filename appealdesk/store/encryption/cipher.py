"""Authenticated encryption of files, streamed in chunks, and names that hide their hash.

A file is a header (magic, version, a random salt) followed by chunks of at most
:data:`CHUNK` plain bytes, each sealed with AES-256-GCM under a key derived for this file
from the salt. The nonce counts the chunks and marks the last one, so a chunk cannot be
dropped, repeated, moved or cut off without the decryption failing.

An evidence file is named after the SHA-256 of its plain content; with encryption the name
is an HMAC of that digest instead, so someone without the key cannot tell whether a known
picture is in the store.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import secrets
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO, cast

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from appealdesk.store.encryption.keys import DataKey

MAGIC = b"ADX1"
SALT_BYTES = 16
HEADER_BYTES = len(MAGIC) + SALT_BYTES
CHUNK = 1 << 20
TAG_BYTES = 16
_MAX_CHUNKS = 1 << 64


class DecryptionError(OSError):
    """The file was not made with this key, or was changed or cut short since."""


class FileCipher:
    """Encrypts and decrypts files and derives their names, for one data key."""

    def __init__(self, key: DataKey) -> None:
        self._file_key = key.derive("files")
        self._name_key = key.derive("names")

    def name_for(self, label: str) -> str:
        """The stored name of the file labelled ``label`` (a digest, or digest and size)."""
        return hmac.new(self._name_key, label.encode("ascii"), hashlib.sha256).hexdigest()

    def _aead(self, salt: bytes) -> AESGCM:
        return AESGCM(
            HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"appealdesk file").derive(
                self._file_key
            )
        )

    @staticmethod
    def _nonce(index: int, last: bool) -> bytes:
        return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")

    def encrypt_chunks(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        """The encrypted file, piece by piece, for plain ``chunks`` of any size."""
        salt = secrets.token_bytes(SALT_BYTES)
        header = MAGIC + salt
        aead = self._aead(salt)
        yield header
        index = 0
        held: bytes | memoryview | None = None  # sealed once the next shows it was not last
        for piece in _pieces(chunks):
            if held is not None:
                yield aead.encrypt(self._nonce(index, False), held, header)
                index += 1
            held = piece
        yield aead.encrypt(self._nonce(index, True), b"" if held is None else held, header)

    def encrypt_bytes(self, data: bytes) -> bytes:
        return b"".join(self.encrypt_chunks((data,)))

    def decrypt_stream(self, handle: BinaryIO) -> Iterator[bytes]:
        """The plain content of the encrypted file open in ``handle``, chunk by chunk.

        Raises :class:`DecryptionError` at the first chunk that does not authenticate, and
        when the file ends before its last chunk.
        """
        header = handle.read(HEADER_BYTES)
        if len(header) != HEADER_BYTES or not header.startswith(MAGIC):
            raise DecryptionError("not an encrypted AppealDesk file")
        aead = self._aead(header[len(MAGIC) :])
        sealed = CHUNK + TAG_BYTES
        index = 0
        current = handle.read(sealed)
        while True:
            following = handle.read(sealed) if len(current) == sealed else b""
            last = not following
            try:
                yield aead.decrypt(self._nonce(index, last), current, header)
            except InvalidTag:
                raise DecryptionError("changed, cut short or made with another key") from None
            if last:
                return
            current = following
            index += 1

    def decrypt_bytes(self, data: bytes) -> bytes:
        return b"".join(self.decrypt_stream(io.BytesIO(data)))

    def open_plain(self, handle: BinaryIO) -> BinaryIO:
        """A read-only file of the plain content of the encrypted file open in ``handle``
        (which it closes); reading raises :class:`DecryptionError` where the content fails."""
        reader = _DecryptingReader(self.decrypt_stream(handle), handle)
        return cast(BinaryIO, io.BufferedReader(reader, CHUNK))

    @staticmethod
    def plain_size(encrypted_size: int) -> int:
        """The plain size of a whole encrypted file of ``encrypted_size`` bytes."""
        body = encrypted_size - HEADER_BYTES
        sealed = CHUNK + TAG_BYTES
        chunks = max(1, -(-body // sealed))
        return body - chunks * TAG_BYTES


class _DecryptingReader(io.RawIOBase):
    """Plain bytes of an encrypted file as a stream, decrypted one chunk at a time."""

    def __init__(self, chunks: Iterator[bytes], handle: BinaryIO) -> None:
        self._chunks = chunks
        self._handle = handle
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = memoryview(chunk)
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count

    def close(self) -> None:
        if not self.closed:
            self._handle.close()
        super().close()


def _pieces(chunks: Iterable[bytes]) -> Iterator[bytes | memoryview]:
    """``chunks`` cut into pieces of ``CHUNK`` bytes, the last one shorter (none at all for
    no bytes). The pieces are views of the chunks where they can be: copying each
    megabyte was most of the time sealing a file took."""
    pending = bytearray()
    for chunk in chunks:
        view = memoryview(chunk)
        if pending:  # what was left of the chunk before comes first
            taken = CHUNK - len(pending)
            pending += view[:taken]
            view = view[taken:]
            if len(pending) < CHUNK:
                continue
            yield bytes(pending)
            pending = bytearray()
        while len(view) >= CHUNK:
            yield view[:CHUNK]
            view = view[CHUNK:]
        pending += view
    if pending:
        yield bytes(pending)
