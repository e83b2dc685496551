"""The private work folder of a database, for temporary copies of its data.

A backup, a check or a restore needs a copy of the database on disk for a while, and
decoding an image needs its bytes in a file. Those copies hold the same personal data as
the database, so they are made in ``<name>.backups/.work/`` beside it (owner-only, on the
database's own disk) and never in the system's temporary folder, which may be small, shared
with other users, or kept after a crash.

Every item in it is a folder with a lock file beside it (``backup-1a2b3c4d/`` and
``backup-1a2b3c4d.lock``). Its process holds an operating-system lock on that file for as
long as it uses the item; the lock goes when the process ends, however it ends. So
:func:`clear_leftovers` can tell what a killed run left behind (lock free) from work in
progress in another process (lock held), and never disturbs the latter.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from appealdesk.store.backup.folder import backups_dir_for
from appealdesk.store.files import OWNER_DIR, OWNER_FILE, make_private_dir, try_lock

WORK_DIR = ".work"
CACHE_DIR = ".cache"
LOCK_SUFFIX = ".lock"
CLAIM_ATTEMPTS = 20

_scratch_database: Path | None = None


def work_folder_path(database: Path) -> Path:
    return backups_dir_for(database.expanduser().absolute()) / WORK_DIR


def work_folder(database: Path) -> Path:
    """The work folder of ``database``, made owner-only when it is not there yet."""
    folder = work_folder_path(database)
    make_private_dir(folder.parent)
    make_private_dir(folder)
    return folder


def cache_folder(database: Path, kind: str) -> Path:
    """A lasting, owner-only folder beside the work folder for what is costly to make again
    (pictures prepared for print). Unlike the work folder it is not cleared at start-up;
    whoever keeps things in it removes what belongs to evidence that is gone."""
    folder = backups_dir_for(database.expanduser().absolute()) / CACHE_DIR / kind
    make_private_dir(folder.parent.parent)
    make_private_dir(folder.parent)
    make_private_dir(folder)
    return folder


def _claim(folder: Path, kind: str) -> tuple[int, Path, Path]:
    """A new locked lock file and its (still absent) item; returns fd, lock, item."""
    for _attempt in range(CLAIM_ATTEMPTS):
        name = f"{kind}-{secrets.token_hex(4)}"
        lock = folder / (name + LOCK_SUFFIX)
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_EXCL, OWNER_FILE)
        except FileExistsError:
            continue
        # A cleaner may have taken the fresh, not yet locked file for a leftover and
        # removed it; the link count says so, and then another name is tried.
        if try_lock(fd) and os.fstat(fd).st_nlink > 0:
            return fd, lock, folder / name
        os.close(fd)
    # A file system without locks: the item stays unlocked, which no cleaner can take either.
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, OWNER_FILE)
    return fd, lock, folder / name


def _release(fd: int, lock: Path, item: Path) -> None:
    shutil.rmtree(item, ignore_errors=True)
    # The item goes before its lock file, so an item without one is never in use.
    with contextlib.suppress(OSError):  # Windows only removes a file once it is closed
        lock.unlink(missing_ok=True)
    os.close(fd)
    with contextlib.suppress(OSError):
        lock.unlink(missing_ok=True)


@contextmanager
def work_item(database: Path, kind: str) -> Iterator[Path]:
    """A new, empty, owner-only folder in the work folder of ``database``.

    It is removed with everything in it when the block ends, and at the next start when the
    process was killed before. ``kind`` ("backup", "check", "restore") names it.
    """
    fd, lock, item = _claim(work_folder(database), kind)
    try:
        item.mkdir(mode=OWNER_DIR)
        yield item
    finally:
        _release(fd, lock, item)


def clear_leftovers(database: Path) -> int:
    """Removes what killed runs left in the work folder of ``database``; returns a count.

    Items whose lock another process (or this one) holds are in use and stay.
    """
    folder = work_folder_path(database)
    try:
        entries = list(folder.iterdir())
    except OSError:
        return 0  # no work folder (nothing to clear), or one that cannot be read
    removed = 0
    for lock in (e for e in entries if e.name.endswith(LOCK_SUFFIX)):
        try:
            fd = os.open(lock, os.O_RDWR)
        except OSError:
            continue  # removed meanwhile by its owner or another cleaner
        if not try_lock(fd):
            os.close(fd)
            continue
        _release(fd, lock, lock.with_name(lock.name.removesuffix(LOCK_SUFFIX)))
        removed += 1
    for item in entries:
        if item.name.endswith(LOCK_SUFFIX) or not os.path.lexists(item):
            continue
        # An item is made after its lock file and removed before it: while the lock file is
        # there the item may be in use; without one it is what an interrupted cleanup left.
        if item.with_name(item.name + LOCK_SUFFIX).exists():
            continue
        if item.is_dir() and not item.is_symlink():
            shutil.rmtree(item, ignore_errors=True)
        else:
            item.unlink(missing_ok=True)
        removed += 1
    return removed


def use_for_scratch(database: Path) -> None:
    """Makes the work folder of ``database`` the place of :func:`scratch_item` in this process."""
    global _scratch_database
    _scratch_database = database.expanduser().absolute()


@contextmanager
def scratch_item(kind: str) -> Iterator[Path]:
    """A work item for code that does not know the database it works for (decoding images).

    It is in the work folder of the database this process opened last; only a process
    that opened none (making the demo's pictures) falls back to the system's folder.
    """
    if _scratch_database is None:
        with tempfile.TemporaryDirectory(prefix=f"appealdesk-{kind}-") as folder:
            yield Path(folder)
    else:
        with work_item(_scratch_database, kind) as item:
            yield item
