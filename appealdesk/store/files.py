"""Owner-only files and folders, and durable writes (fsync of file and folder)."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

OWNER_FILE = 0o600
OWNER_DIR = 0o700


def make_private_dir(path: Path) -> None:
    path.mkdir(mode=OWNER_DIR, parents=True, exist_ok=True)
    if sys.platform != "win32":
        path.chmod(OWNER_DIR)


def create_private_file(path: Path) -> None:
    """Creates ``path`` empty and owner-only, so no other user ever sees it, even briefly."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_FILE)
    os.close(fd)


def restrict_to_owner(path: Path) -> None:
    if sys.platform != "win32" and path.exists():
        path.chmod(OWNER_FILE)


def try_lock(fd: int) -> bool:
    """Takes an exclusive operating-system lock on the open file ``fd`` without waiting.

    The lock belongs to the open file: it goes when the descriptor is closed or the process
    ends, however it ends. A second descriptor, even in the same process, does not get it.
    """
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def fsync_dir(path: Path) -> None:
    """Makes a rename or a new file in ``path`` survive a power cut (no-op on Windows)."""
    if sys.platform == "win32":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def written_atomically(target: Path) -> Iterator[Path]:
    """An owner-only temporary file beside ``target`` that becomes ``target`` when all went well.

    Raises ``OSError`` as it comes; a failure or a cancellation leaves ``target`` untouched.
    """
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-", suffix=".part")
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
        temporary.replace(target)
        fsync_dir(target.parent)
    finally:
        temporary.unlink(missing_ok=True)
