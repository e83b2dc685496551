"""Evidence inside a team's PostgreSQL database, content-addressed by SHA-256.

A blob is a row of ``evidence_blobs``, its bytes rows of ``evidence_chunks`` of ``CHUNK`` bytes
(the last one shorter), so the chunk of an offset is found by division. An upload names its
blob by digest at its end, in the one transaction that wrote it: nobody sees half of it. Plain
copies, for code that opens evidence by path, and thumbnails are cached per user."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import psycopg
from psycopg import errors

from appealdesk.store.evidence_store import (
    CHUNK,
    COLLECT_GRACE_SECONDS,
    EvidenceStore,
    StoredBlob,
    StoreWriteError,
    UnreadableFileError,
    is_sha256,
)
from appealdesk.store.files import make_private_dir, written_atomically

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

Connect = Callable[[], psycopg.Connection[Any]]
_NAMING_ATTEMPTS = 3


class _DamagedError(UnreadableFileError):
    """The chunks of a stored blob are missing, or do not add up to its size or digest."""


@contextlib.contextmanager
def _database_errors(error: type[OSError], path: Path | None = None) -> Iterator[None]:
    """Database errors as the ``OSError`` that callers of an evidence store catch."""
    try:
        yield
    except psycopg.Error as exc:
        reason = "database error: " + (str(exc).partition("\n")[0] or type(exc).__name__)
        raise error(errno.EIO, reason, None if path is None else str(path)) from exc


def _find(conn: psycopg.Connection[Any], sha256: str) -> tuple[int, int] | None:
    found = conn.execute("SELECT id, size FROM evidence_blobs WHERE sha256 = %s", (sha256,))
    row = found.fetchone()
    return None if row is None else (int(row[0]), int(row[1]))


def _refresh(conn: psycopg.Connection[Any], sha256: str) -> bool:
    """True when the digest is stored; it is then made fresh, so collect() spares it."""
    sql = "UPDATE evidence_blobs SET stored_at = clock_timestamp() WHERE sha256 = %s"
    return conn.execute(sql, (sha256,)).rowcount > 0


def _name_blob(conn: psycopg.Connection[Any], blob_id: int, sha256: str, size: int) -> bool:
    """Gives the pending blob its digest; False, and the upload dropped, when those bytes are
    stored already."""
    for _attempt in range(_NAMING_ATTEMPTS):
        if _refresh(conn, sha256):
            conn.execute("DELETE FROM evidence_blobs WHERE id = %s", (blob_id,))
            return False
        try:
            with conn.transaction():
                conn.execute(
                    "UPDATE evidence_blobs SET sha256 = %s, size = %s,"
                    " stored_at = clock_timestamp() WHERE id = %s",
                    (sha256, size, blob_id),
                )
            return True
        except errors.UniqueViolation:
            continue  # another upload of the same bytes committed meanwhile
    raise StoreWriteError(errno.EIO, "the evidence could not be named in the database")


def _rechunked(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The bytes of ``chunks`` again, in pieces of exactly ``CHUNK`` bytes but the last."""
    pending = bytearray()
    for chunk in chunks:
        pending += chunk
        whole = len(pending) - len(pending) % CHUNK
        for start in range(0, whole, CHUNK):
            yield bytes(pending[start : start + CHUNK])
        del pending[:whole]
    if pending:
        yield bytes(pending)


class _BlobReader(io.RawIOBase):
    """The bytes of one stored blob, fetched a chunk at a time on a connection of its own, in
    autocommit: the id of a blob is never used again, so its chunks never change."""

    def __init__(self, conn: psycopg.Connection[Any], blob_id: int, size: int, path: Path) -> None:
        super().__init__()
        self._conn, self._blob_id, self._size = conn, blob_id, size
        self._path = path  # what errors name: the local copy's would-be path
        self._pos = self._n = 0
        self._data: bytes | None = None

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        if base + offset < 0:
            raise OSError(errno.EINVAL, "negative seek position", str(self._path))
        self._pos = base + offset
        return self._pos

    def readinto(self, buffer: WriteableBuffer) -> int:
        if self._pos >= self._size:
            return 0
        n, offset = divmod(self._pos, CHUNK)
        if self._data is None or n != self._n:
            self._data = None
            with _database_errors(UnreadableFileError, self._path):
                row = self._conn.execute(
                    "SELECT data FROM evidence_chunks WHERE blob_id = %s AND n = %s",
                    (self._blob_id, n),
                    binary=True,
                ).fetchone()
            if row is None or len(row[0]) != min(CHUNK, self._size - n * CHUNK):
                raise _DamagedError(errno.EIO, "stored evidence is incomplete", str(self._path))
            self._n, self._data = n, row[0]
        target = memoryview(buffer).cast("B")
        piece = memoryview(self._data)[offset : offset + len(target)]
        target[: len(piece)] = piece
        self._pos += len(piece)
        return len(piece)

    def readall(self) -> bytes:
        return b"".join(iter(lambda: self.read(CHUNK) or b"", b""))

    def close(self) -> None:
        if not self.closed:
            self._conn.close()
        super().close()


def _drop(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.chmod(0o600)  # Windows removes no read-only file
        path.unlink()


class DatabaseEvidenceStore(EvidenceStore):
    """The evidence of a team's database, kept in it: the methods of the store beside a
    database file, whose thumbnails, naming and ``put_*`` front ends it keeps.

    ``connect`` makes a new connection on every call; every operation uses one of its own and
    closes it, so the store can be used from any thread. ``root`` is this user's local cache.
    """

    def __init__(self, connect: Connect, cache_root: Path) -> None:
        super().__init__(cache_root)
        self._connect = connect
        # Local copies this process made or found and checked: their size, to skip the
        # database on the next call (the bytes of a digest never change).
        self._checked: dict[str, int] = {}

    def _copy_path(self, sha256: str) -> Path:
        name = self.name_for(sha256)
        return self.root / "files" / name[:2] / name

    def path_for(self, sha256: str) -> Path:
        """A local plain copy of the stored bytes, checked against their digest as it is made
        on the first call; the would-be path, not created, when the database has no such
        bytes. Raises :class:`UnreadableFileError` when the stored bytes do not match their
        digest or the database cannot be read."""
        target = self._copy_path(sha256)
        with contextlib.suppress(OSError):
            if sha256 in self._checked and target.stat().st_size == self._checked[sha256]:
                return target
        with _database_errors(UnreadableFileError, target), self._connect() as conn:
            conn.autocommit = True
            found = _find(conn, sha256)
            with contextlib.suppress(OSError):
                if found is not None and target.stat().st_size == found[1]:
                    self._checked[sha256] = found[1]
                    return target
            _drop(target)  # bytes another member removed, or a copy that is not theirs
            if found is None:
                return target
            for folder in (self.root, self.root / "files", target.parent):
                make_private_dir(folder)
            reader, digest = _BlobReader(conn, *found, target), hashlib.sha256()
            with written_atomically(target) as temporary, temporary.open("wb") as out:
                while chunk := reader.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                if digest.hexdigest() != sha256:
                    raise _DamagedError(errno.EIO, "does not match its digest", str(target))
        target.chmod(0o400)
        self._checked[sha256] = found[1]
        return target

    def write_thumbnail(self, sha256: str, size: int, png: bytes) -> None:
        with contextlib.suppress(OSError):  # a cache that cannot be written is not used
            make_private_dir(self.root)
            make_private_dir(self.root / "thumbnails")
        super().write_thumbnail(sha256, size, png)

    def exists(self, sha256: str) -> bool:
        path = self._copy_path(sha256)
        with _database_errors(UnreadableFileError, path), self._connect() as conn:
            return _find(conn, sha256) is not None

    def open(self, sha256: str) -> BinaryIO:
        """The stored bytes, streamed from the database while the file object is open."""
        path = self._copy_path(sha256)
        with _database_errors(UnreadableFileError, path):
            conn = self._connect()
            try:
                conn.autocommit = True
                found = _find(conn, sha256)
            except BaseException:
                conn.close()
                raise
        if found is None:
            conn.close()
            raise FileNotFoundError(errno.ENOENT, "not in the database", str(path))
        return io.BufferedReader(_BlobReader(conn, *found, path), CHUNK)

    def read_bytes(self, sha256: str) -> bytes:
        with self.open(sha256) as handle:
            return handle.read()

    def read_edges(self, sha256: str, span: int) -> bytes:
        """The first and the last ``span`` bytes of a stored blob (all of a small one)."""
        with self.open(sha256) as handle:
            head = handle.read(span)
            size = handle.seek(0, io.SEEK_END)
            handle.seek(size - span if size > 2 * span else len(head))
            return head + handle.read()

    def move_in(self, source: Path, sha256: str) -> None:
        """Stores ``source``, already checked to hash to ``sha256``, and removes it, unless
        those bytes are stored already (``source`` then stays)."""
        if self._keep_existing(sha256):
            return
        if self.put_file(source).sha256 != sha256:
            raise OSError(errno.EIO, "changed while it was moved", str(source))
        source.unlink()

    def _keep_existing(self, sha256: str) -> bool:
        self.name_for(sha256)
        with _database_errors(StoreWriteError), self._connect() as conn:
            return _refresh(conn, sha256)

    def _put(
        self, chunks: Iterable[bytes], *, sha256: str | None = None, durable: bool = True
    ) -> StoredBlob:
        """Streams the chunks into a pending blob; every commit is durable, whatever
        ``durable`` says."""
        digest, size = hashlib.sha256(), 0
        with _database_errors(StoreWriteError), self._connect() as conn:
            # Whatever the server's default: _name_blob must see what others commit meanwhile.
            conn.isolation_level = psycopg.IsolationLevel.READ_COMMITTED
            row = conn.execute("INSERT INTO evidence_blobs DEFAULT VALUES RETURNING id").fetchone()
            assert row is not None
            # Reading the source may fail or be cancelled: that error stays, and rolls back.
            for n, piece in enumerate(_rechunked(chunks)):
                if sha256 is None:
                    digest.update(piece)
                size += len(piece)
                conn.execute(
                    "INSERT INTO evidence_chunks (blob_id, n, data) VALUES (%s, %s, %s)",
                    (row[0], n, piece),
                )
            sha256 = sha256 or digest.hexdigest()
            created = _name_blob(conn, row[0], sha256, size)
        return StoredBlob(sha256, size, created)

    def stored_names(self) -> Iterator[str]:
        """The digests of the stored blobs, in order."""
        with _database_errors(UnreadableFileError, self.root), self._connect() as conn:
            rows = conn.execute(
                "SELECT sha256 FROM evidence_blobs WHERE sha256 IS NOT NULL"
                ' ORDER BY sha256 COLLATE "C"'
            ).fetchall()
        return iter([str(row[0]) for row in rows])

    def verify(self, sha256: str) -> bool:
        """True when the stored bytes still hash to ``sha256``, False when they are missing or
        changed; raises :class:`UnreadableFileError` when the database cannot be read."""
        digest = hashlib.sha256()
        try:
            with self.open(sha256) as handle:
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
        except (FileNotFoundError, _DamagedError):
            return False
        return digest.hexdigest() == sha256

    def _remove_name(self, name: str) -> None:
        """Removes the stored bytes, and this user's copy and thumbnails of them."""
        with _database_errors(StoreWriteError), self._connect() as conn:
            conn.execute("DELETE FROM evidence_blobs WHERE sha256 = %s", (name,))
        self._checked.pop(name, None)
        _drop(self._copy_path(name))
        super()._remove_name(name)

    def collect(self, referenced: set[str], *, grace_seconds: float = COLLECT_GRACE_SECONDS) -> int:
        """Removes the blobs no row refers to, and uploads left pending, older than the grace
        period by the database's clock; returns how many blobs went. This user's copies and
        thumbnails of bytes no longer stored go too, as do copies left half-made."""
        kept = sorted(self.name_for(sha256) for sha256 in referenced)
        with _database_errors(StoreWriteError), self._connect() as conn:
            removed = conn.execute(
                "DELETE FROM evidence_blobs WHERE stored_at < now() - make_interval(secs => %s)"
                " AND (sha256 IS NULL OR sha256 <> ALL(%s)) RETURNING sha256",
                (float(grace_seconds), kept),
            ).fetchall()
            rows = conn.execute("SELECT sha256 FROM evidence_blobs WHERE sha256 IS NOT NULL")
            stored = {str(row[0]) for row in rows}
        self._checked = {sha256: size for sha256, size in self._checked.items() if sha256 in stored}
        cutoff = time.time() - grace_seconds
        for path in [*self.root.glob("files/??/*"), *self.root.glob("thumbnails/??/*-*.png")]:
            name = path.name.partition("-")[0]
            with contextlib.suppress(OSError):  # the next collect() tries again
                if (is_sha256(name) and name not in stored) or (
                    path.suffix == ".part" and path.stat().st_mtime < cutoff
                ):
                    _drop(path)
        return sum(1 for row in removed if row[0] is not None)
