"""Turning a plain evidence store into an encrypted one and back, for converting a database.

Both walk the source file by file, streamed in chunks, and write each into the target store
the way an import does (temporary name, rename), and the whole target is flushed to disk
once at the end, before the conversion puts it in place; a conversion cut short leaves
whole files only; running it again skips what is there already. Every file is checked
against its digest on the way: a damaged source file stops the conversion instead of being
carried over under a new name. Thumbnails are derived data and are made again.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from appealdesk.store.evidence_store import CHUNK, EvidenceStore
from appealdesk.store.files import fsync_dir

if TYPE_CHECKING:
    from appealdesk.store.encryption.cipher import FileCipher


@dataclass(frozen=True)
class ConvertedEvidence:
    files: int  # files now in the target store, stored before or by this conversion
    written: int  # of them, the files this conversion wrote
    plain_bytes: int  # the plain size of all of them


class DamagedEvidenceError(OSError):
    """A file of the source store does not hold what its name says (or fails its seal)."""


def _sync(root: Path) -> None:
    """Puts every file of the new store on disk at once, before the conversion swaps it in:
    one flush instead of two for each of thousands of files."""
    if sys.platform.startswith("linux"):
        os.sync()  # on Linux it returns once everything is written
        return
    for path in root.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    for folder in (root, *(p for p in root.rglob("*") if p.is_dir())):
        fsync_dir(folder)


def _chunks(handle: BinaryIO) -> Iterator[bytes]:
    while chunk := handle.read(CHUNK):
        yield chunk


def encrypt_evidence_store(
    plain_root: Path, cipher: FileCipher, target_root: Path
) -> ConvertedEvidence:
    """Copies every file of the plain store at ``plain_root`` into ``target_root``, sealed
    with ``cipher`` under its blinded name. The source is left as it is."""
    source = EvidenceStore(plain_root)
    target = EvidenceStore(target_root, cipher)
    files = written = size = 0
    for sha256 in list(source.stored_digests()):
        with source.open(sha256) as handle:
            blob = target.put_chunks(_chunks(handle), durable=False)
        if blob.sha256 != sha256:
            if blob.created:
                target.remove(blob.sha256)
            raise DamagedEvidenceError(
                errno.EIO, "does not match its digest", str(source.path_for(sha256))
            )
        files, written, size = files + 1, written + blob.created, size + blob.size
    _sync(target_root)
    return ConvertedEvidence(files, written, size)


def decrypt_evidence_store(
    encrypted_root: Path, cipher: FileCipher, target_root: Path
) -> ConvertedEvidence:
    """Copies every file of the encrypted store at ``encrypted_root`` into ``target_root``,
    plain and named by its digest again. The source is left as it is."""
    source = EvidenceStore(encrypted_root, cipher)
    target = EvidenceStore(target_root)
    files = written = size = 0
    for name in list(source.stored_names()):
        path = encrypted_root / name[:2] / name
        try:
            with cipher.open_plain(path.open("rb")) as handle:
                blob = target.put_chunks(_chunks(handle), durable=False)
        except OSError as exc:
            from appealdesk.store.encryption.cipher import DecryptionError

            if isinstance(exc, DecryptionError):
                raise DamagedEvidenceError(errno.EIO, "fails its seal", str(path)) from exc
            raise
        if cipher.name_for(blob.sha256) != name:
            if blob.created:
                target.remove(blob.sha256)
            raise DamagedEvidenceError(errno.EIO, "does not match its name", str(path))
        files, written, size = files + 1, written + blob.created, size + blob.size
    _sync(target_root)
    return ConvertedEvidence(files, written, size)
