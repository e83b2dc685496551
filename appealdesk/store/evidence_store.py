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


def _seal_broken(exc: OSError) -> bool:
    from appealdesk.store.encryption.cipher import DecryptionError

    return isinstance(exc, DecryptionError)


class EvidenceStore:
    """The evidence files of one database.

    With a ``cipher`` (an encrypted database) every file is sealed and named by an HMAC of its
    digest instead of the digest itself; every reader gets the plain bytes through
    :meth:`open` or :meth:`read_bytes`, never through the stored file's path.
    """

    def __init__(self, root: Path, cipher: FileCipher | None = None) -> None:
        self.root = root
        self.cipher = cipher
        self.encrypted = cipher is not None

    def name_for(self, sha256: str) -> str:
        """The stored file's name for a digest: the digest, or its HMAC when encrypted."""
        if not is_sha256(sha256):
            raise ValueError(f"not a SHA-256 digest: {sha256!r}")
        return sha256 if self.cipher is None else self.cipher.name_for(sha256)

    def path_for(self, sha256: str) -> Path:
        """Where the stored file is: encrypted when the store is, so only for moving it."""
        return self._path_of(self.name_for(sha256))

    def _path_of(self, name: str) -> Path:
        return self.root / name[:2] / name

    def thumbnail_path(self, sha256: str, size: int) -> Path:
        """Where the cached thumbnail of a stored file lives (derived data, safe to delete)."""
        name = self.name_for(sha256)
        suffix = ".png" if self.cipher is None else ""
        return self.root / "thumbnails" / name[:2] / f"{name}-{size}{suffix}"

    def read_thumbnail(self, sha256: str, size: int) -> bytes | None:
        """The cached thumbnail's PNG bytes, None when there is none (or it is unusable)."""
        try:
            data = self.thumbnail_path(sha256, size).read_bytes()
            return data if self.cipher is None else self.cipher.decrypt_bytes(data)
        except OSError:  # a damaged thumbnail is made again
            return None

    def write_thumbnail(self, sha256: str, size: int, png: bytes) -> None:
        """Caches a thumbnail, atomically; a cache that cannot be written is simply not used."""
        target = self.thumbnail_path(sha256, size)
        data = png if self.cipher is None else self.cipher.encrypt_bytes(png)
        try:
            make_private_dir(target.parent)
            fd, name = tempfile.mkstemp(dir=target.parent, suffix=".part")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            Path(name).replace(target)
        except OSError:
            return

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def open(self, sha256: str) -> BinaryIO:
        """The plain content of a stored file, to read; a sealed file that was changed raises
        an ``OSError`` (``DecryptionError``) where the change is."""
        handle = self.path_for(sha256).open("rb")
        return handle if self.cipher is None else self.cipher.open_plain(handle)

    def read_bytes(self, sha256: str) -> bytes:
        if self.cipher is None:
            return self.path_for(sha256).read_bytes()
        with self.path_for(sha256).open("rb") as handle:
            return b"".join(self.cipher.decrypt_stream(handle))

    def read_edges(self, sha256: str, span: int) -> bytes:
        """The first and the last ``span`` plain bytes of a stored file (all of a small one):
        where images keep their metadata."""
        with self.open(sha256) as handle:
            head = handle.read(span)
            if self.cipher is None:
                size = os.fstat(handle.fileno()).st_size
                if size > 2 * span:
                    handle.seek(size - span)
                return head + handle.read()
            tail = b""
            while chunk := handle.read(CHUNK):
                tail = (tail + chunk)[-span:]
            return head + tail

    def put_bytes(self, data: bytes, sha256: str | None = None) -> StoredBlob:
        """Stores ``data``; bytes that are already stored are not written a second time.
        ``sha256``: their digest, when the caller made it of these very bytes already."""
        sha256 = sha256 or hashlib.sha256(data).hexdigest()
        if self._keep_existing(sha256):
            return StoredBlob(sha256, len(data), created=False)
        return self._put(iter((data,)), sha256=sha256)

    def put_chunks(self, chunks: Iterable[bytes], *, durable: bool = True) -> StoredBlob:
        """Stores the plain bytes ``chunks`` yields; not ``durable``: the caller syncs."""
        return self._put(chunks, durable=durable)

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
        when both are on one disk, else a copy that is hashed again; encrypted when the store
        is), unless it is there."""
        if self._keep_existing(sha256):
            return  # ``source`` stays where it is, with the rest of its work item
        if self.cipher is not None:  # sealed on the way in: a plain file is never renamed in
            if self.put_file(source).sha256 != sha256:
                raise OSError(errno.EIO, "changed while it was moved", str(source))
            source.unlink()
            return
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

    def _put(
        self, chunks: Iterable[bytes], *, sha256: str | None = None, durable: bool = True
    ) -> StoredBlob:
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

        def plain() -> Iterator[bytes]:
            nonlocal size
            for chunk in chunks:  # reading the source may fail: that stays an OSError
                if sha256 is None:
                    digest.update(chunk)
                size += len(chunk)
                yield chunk

        sealed = plain() if self.cipher is None else self.cipher.encrypt_chunks(plain())
        try:
            with os.fdopen(fd, "wb") as out:
                for piece in sealed:
                    with _writing(self.root):
                        out.write(piece)
                with _writing(self.root):
                    out.flush()
                    if durable:
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
                if durable:
                    fsync_dir(target.parent)
            return StoredBlob(sha256, size, created=True)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def stored_names(self) -> Iterator[str]:
        """The names of the stored files (their digests unless the store is encrypted)."""
        if not self.root.is_dir():
            return
        for folder in sorted(self.root.iterdir()):
            if folder.is_dir() and len(folder.name) == 2:
                for path in sorted(folder.iterdir()):
                    if is_sha256(path.name):
                        yield path.name

    def stored_digests(self) -> Iterator[str]:
        """The digests of the stored files, only for a plain store: a sealed name hides it."""
        if self.cipher is not None:
            raise TypeError("the names of an encrypted store do not tell their digests")
        return self.stored_names()

    def verify(self, sha256: str) -> bool:
        """True when the stored file exists and its content still hashes to ``sha256``, False
        when it is missing or changed; raises :class:`UnreadableFileError` when it cannot be
        read."""
        path = self.path_for(sha256)
        if not path.exists():  # a symbolic link to nothing is missing too
            return False
        if not path.is_file():  # never opened: a named pipe would block for ever
            code = errno.EISDIR if path.is_dir() else errno.EINVAL
            raise UnreadableFileError(code, "not a regular file", str(path))
        digest = hashlib.sha256()
        try:
            with self.open(sha256) as handle:
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
        except OSError as exc:
            if self.cipher is not None and _seal_broken(exc):
                return False  # changed, cut short or replaced: the seal tells
            raise UnreadableFileError(exc.errno, exc.strerror, str(path)) from exc
        return digest.hexdigest() == sha256

    def remove(self, sha256: str) -> None:
        """Removes a stored file and its thumbnails."""
        self._remove_name(self.name_for(sha256))

    def _remove_name(self, name: str) -> None:
        path = self._path_of(name)
        pattern = f"{name}-*.png" if self.cipher is None else f"{name}-*"
        for thumbnail in (self.root / "thumbnails" / name[:2]).glob(pattern):
            thumbnail.unlink(missing_ok=True)
        if path.is_file():
            path.chmod(0o600)
            path.unlink()
            fsync_dir(path.parent)

    def collect(self, referenced: set[str], *, grace_seconds: float = COLLECT_GRACE_SECONDS) -> int:
        """Removes stored files no row refers to (and stale temporary files); returns a count."""
        removed = 0
        cutoff = time.time() - grace_seconds
        kept = {self.name_for(sha256) for sha256 in referenced}
        for name in list(self.stored_names()):
            if name not in kept and self._path_of(name).stat().st_mtime < cutoff:
                self._remove_name(name)
                removed += 1
        staging = self.root / "tmp"
        if staging.is_dir():
            for leftover in staging.iterdir():
                if leftover.stat().st_mtime < cutoff:
                    leftover.unlink()
        return removed
