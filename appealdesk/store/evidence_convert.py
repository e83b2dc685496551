"""Converting a whole evidence folder to and from encryption, file by file, streamed.

Only the evidence files themselves are converted; thumbnails and print copies are derived
and made again when needed. Every file is fsynced in its new folder, and its plain content
is checked against its SHA-256 on the way.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from appealdesk.store.evidence_store import CHUNK, is_sha256
from appealdesk.store.files import fsync_dir, make_private_dir

if TYPE_CHECKING:
    from appealdesk.store.encryption.cipher import FileCipher


def _stored_files(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    for folder in sorted(root.iterdir()):
        if folder.is_dir() and len(folder.name) == 2:
            for path in sorted(folder.iterdir()):
                if is_sha256(path.name) and path.is_file():
                    yield path


def _write(target_root: Path, name: str, chunks: Iterator[bytes]) -> str:
    """Writes ``chunks`` as ``target_root/name[:2]/name`` (``name`` may be "" to name the
    file after the SHA-256 of its content); returns the SHA-256 of what was written."""
    make_private_dir(target_root)
    staging = target_root / "tmp"
    make_private_dir(staging)
    fd, tmp_name = tempfile.mkstemp(dir=staging, prefix="converting-")
    tmp = Path(tmp_name)
    digest = hashlib.sha256()
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        name = name or digest.hexdigest()
        target = target_root / name[:2] / name
        make_private_dir(target.parent)
        tmp.chmod(0o400)
        tmp.replace(target)
        fsync_dir(target.parent)
        return digest.hexdigest()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _read(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def _hashed(path: Path, digest: hashlib._Hash) -> Iterator[bytes]:
    for chunk in _read(path):
        digest.update(chunk)
        yield chunk


def encrypt_evidence_store(plain_root: Path, cipher: FileCipher, target_root: Path) -> int:
    """Encrypts every evidence file of ``plain_root`` into ``target_root`` under its blinded
    name; returns how many. Raises ``OSError`` when a file no longer matches its name."""
    count = 0
    for path in _stored_files(plain_root):
        digest = hashlib.sha256()
        _write(
            target_root, cipher.name_for(path.name), cipher.encrypt_chunks(_hashed(path, digest))
        )
        if digest.hexdigest() != path.name:
            raise OSError(f"{path} does not match its SHA-256")
        count += 1
    if target_root.is_dir():
        fsync_dir(target_root)
    return count


def decrypt_evidence_store(encrypted_root: Path, cipher: FileCipher, target_root: Path) -> int:
    """Decrypts every evidence file of ``encrypted_root`` into ``target_root``, named after
    the SHA-256 of its plain content again; returns how many. Raises
    :class:`~appealdesk.store.encryption.cipher.DecryptionError` for a changed file."""
    count = 0
    for path in _stored_files(encrypted_root):
        with path.open("rb") as handle:
            sha256 = _write(target_root, "", cipher.decrypt_stream(handle))
        if cipher.name_for(sha256) != path.name:
            raise OSError(f"{path} does not hold the file its name is for")
        count += 1
    if target_root.is_dir():
        fsync_dir(target_root)
    return count
