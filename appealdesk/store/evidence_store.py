"""Content-addressed evidence files beside the database, one immutable file per SHA-256.

``case.db`` keeps its evidence in ``case.evidence/ab/abcdef…``. A file is written to a
temporary name, fsynced and renamed before the database row that refers to it commits, so a
committed row never points at a missing or half-written file. Files nobody refers to any
more are removed by :meth:`EvidenceStore.collect`.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from appealdesk.store.files import fsync_dir, make_private_dir

if TYPE_CHECKING:  # cryptography costs tens of milliseconds at start; plain stores never need it
    from appealdesk.store.encryption.cipher import FileCipher

CHUNK = 1 << 20
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
# A file younger than this is never collected: its row may be about to commit.
COLLECT_GRACE_SECONDS = 15 * 60


class CancelledError(Exception):
    """The caller asked to stop; nothing was stored."""


class StoreWriteError(OSError):
    """The store itself could not be written (a full disk, a read-only folder)."""


class UnreadableFileError(OSError):
    """A stored file is there but cannot be read: no permission, a disk error, or something
    that is not a regular file (a folder, a named pipe) in its place."""


@contextmanager
def _writing(root: Path) -> Iterator[None]:
    try:
        yield
    except StoreWriteError:
        raise
    except OSError as exc:
        raise StoreWriteError(exc.errno, exc.strerror, str(root)) from exc


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    created: bool  # False when the same bytes were stored before


def evidence_dir_for(database: Path) -> Path:
    return database.with_name(database.stem + ".evidence")


def is_sha256(text: str) -> bool:
    return bool(_SHA256.match(text))


def _make_durable_dir(folder: Path) -> None:
    """Creates ``folder`` when needed and fsyncs its entry in the parent: a file renamed into
    a new folder only survives a power cut when the folder itself does."""
    created = not folder.is_dir()
    make_private_dir(folder)
    if created:
        fsync_dir(folder.parent)


class EvidenceStore:
    def __init__(self, root: Path, cipher: FileCipher | None = None) -> None:
        self.root = root
        self.cipher = cipher  # set for an encrypted database: contents and names are sealed

    def path_for(self, sha256: str) -> Path:
        if not is_sha256(sha256):
            raise ValueError(f"not a SHA-256 digest: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def thumbnail_path(self, sha256: str, size: int) -> Path:
        """Where the cached thumbnail of a stored file lives (derived data, safe to delete)."""
        self.path_for(sha256)  # validates the digest
        return self.root / "thumbnails" / sha256[:2] / f"{sha256}-{size}.png"

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def open(self, sha256: str) -> BinaryIO:
        return self.path_for(sha256).open("rb")

    def read_bytes(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()

    def put_bytes(self, data: bytes, sha256: str | None = None) -> StoredBlob:
        """Stores ``data``; bytes that are already stored are not written a second time.
        ``sha256``: their digest, when the caller made it of these very bytes already."""
        sha256 = sha256 or hashlib.sha256(data).hexdigest()
        if self._keep_existing(sha256):
            return StoredBlob(sha256, len(data), created=False)
        return self._put(iter((data,)), sha256=sha256)

    def put_file(
        self, source: Path, *, should_stop: Callable[[], bool] | None = None
    ) -> StoredBlob:
        """Copies ``source`` in, hashing as it goes; ``should_stop`` can cancel between chunks."""
        with source.open("rb") as handle:

            def chunks() -> Iterator[bytes]:
                while chunk := handle.read(CHUNK):
                    if should_stop is not None and should_stop():
                        raise CancelledError
                    yield chunk

            return self._put(chunks())

    def move_in(self, source: Path, sha256: str) -> None:
        """Moves ``source``, already checked to hash to ``sha256``, into the store (a rename
        when both are on one disk, else a copy that is hashed again), unless it is there."""
        if self._keep_existing(sha256):
            return  # ``source`` stays where it is, with the rest of its work item
        target = self.path_for(sha256)
        with _writing(self.root):
            _make_durable_dir(self.root)
            _make_durable_dir(target.parent)
            with source.open("rb") as handle:
                os.fsync(handle.fileno())
            source.chmod(0o400)
            try:
                source.replace(target)
            except OSError as exc:
                if exc.errno != errno.EXDEV:
                    raise
                stored = self.put_file(source)
                if stored.sha256 != sha256:
                    raise OSError(errno.EIO, "changed while it was moved", str(source)) from exc
                source.unlink()
            fsync_dir(target.parent)

    def _keep_existing(self, sha256: str) -> bool:
        """True when the file is stored already; it is then made fresh again, so that
        collect() leaves it to the row about to commit."""
        target = self.path_for(sha256)
        if not target.is_file():
            return False
        with _writing(self.root):
            os.utime(target)
        return True

    def _put(self, chunks: Iterable[bytes], *, sha256: str | None = None) -> StoredBlob:
        """Writes the chunks under a temporary name and renames them to their digest
        (``sha256`` when the caller knows it already)."""
        with _writing(self.root):
            _make_durable_dir(self.root)
            staging = self.root / "tmp"
            make_private_dir(staging)
            fd, tmp_name = tempfile.mkstemp(dir=staging, prefix="incoming-")
        digest = hashlib.sha256()
        size = 0
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in chunks:  # reading the source may fail: that stays an OSError
                    if sha256 is None:
                        digest.update(chunk)
                    with _writing(self.root):
                        out.write(chunk)
                    size += len(chunk)
                with _writing(self.root):
                    out.flush()
                    os.fsync(out.fileno())
            sha256 = sha256 or digest.hexdigest()
            if self._keep_existing(sha256):  # stored meanwhile by another import
                tmp.unlink()
                return StoredBlob(sha256, size, created=False)
            target = self.path_for(sha256)
            with _writing(self.root):
                _make_durable_dir(target.parent)
                tmp.chmod(0o400)
                tmp.replace(target)
                fsync_dir(target.parent)
            return StoredBlob(sha256, size, created=True)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def stored_digests(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for folder in sorted(self.root.iterdir()):
            if folder.is_dir() and len(folder.name) == 2:
                for path in sorted(folder.iterdir()):
                    if is_sha256(path.name):
                        yield path.name

    def verify(self, sha256: str) -> bool:
        """True when the stored file exists and still hashes to its name, False when it is
        missing or changed; raises :class:`UnreadableFileError` when it cannot be read."""
        path = self.path_for(sha256)
        if not path.exists():  # a symbolic link to nothing is missing too
            return False
        if not path.is_file():  # never opened: a named pipe would block for ever
            code = errno.EISDIR if path.is_dir() else errno.EINVAL
            raise UnreadableFileError(code, "not a regular file", str(path))
        digest = hashlib.sha256()
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
        except OSError as exc:
            raise UnreadableFileError(exc.errno, exc.strerror, str(path)) from exc
        return digest.hexdigest() == sha256

    def remove(self, sha256: str) -> None:
        """Removes a stored file and its thumbnails."""
        path = self.path_for(sha256)
        for thumbnail in (self.root / "thumbnails" / sha256[:2]).glob(f"{sha256}-*.png"):
            thumbnail.unlink(missing_ok=True)
        if path.is_file():
            path.chmod(0o600)
            path.unlink()
            fsync_dir(path.parent)

    def collect(self, referenced: set[str], *, grace_seconds: float = COLLECT_GRACE_SECONDS) -> int:
        """Removes stored files no row refers to (and stale temporary files); returns a count."""
        removed = 0
        cutoff = time.time() - grace_seconds
        for sha256 in list(self.stored_digests()):
            path = self.path_for(sha256)
            if sha256 not in referenced and path.stat().st_mtime < cutoff:
                self.remove(sha256)
                removed += 1
        staging = self.root / "tmp"
        if staging.is_dir():
            for leftover in staging.iterdir():
                if leftover.stat().st_mtime < cutoff:
                    leftover.unlink()
        return removed
