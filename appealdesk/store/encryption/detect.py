"""Telling an encrypted database from a plain one without a key.

A plain SQLite file starts with ``SQLite format 3``; an SQLCipher file starts with random
bytes (its salt) and, like every database, is made of whole pages (a power of two from 512
bytes), which a text or picture someone named ``.db`` hardly ever is. The key file beside
the database says the same even for an empty file, and keeps saying it when the file's
start was damaged; beside a plain file it means nothing (``encrypt`` writes it just before
the encrypted file takes the plain one's name, and a kill in between must leave the plain
database usable).
"""

from __future__ import annotations

import os
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
SMALLEST_PAGE = 512
KEY_FILE_SUFFIX = ".key"


def key_file_for(database: Path) -> Path:
    """``case.key`` beside ``case.db`` (as :func:`appealdesk.store.encryption.keys.key_file_for`,
    without loading the cryptography that module needs)."""
    return database.with_name(database.stem + KEY_FILE_SUFFIX)


def _start(path: Path) -> tuple[bytes, int]:
    """The first bytes of the ordinary file at ``path`` and its size; nothing else is
    opened (a FIFO would block the read for ever)."""
    try:
        if not path.is_file():
            return b"", 0
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)), os.fstat(handle.fileno()).st_size
    except OSError:
        return b"", 0


def has_plain_header(path: Path) -> bool:
    """True when ``path`` starts as a plain SQLite database does."""
    return _start(path)[0] == SQLITE_HEADER


def is_encrypted_database(path: Path) -> bool:
    """True when the database at ``path`` is (or is to be) encrypted: its key file is there,
    or the file is made of whole pages; never when it starts as a plain SQLite file does."""
    start, size = _start(path)
    if start == SQLITE_HEADER:
        return False
    if key_file_for(path).exists():
        return True
    return size >= SMALLEST_PAGE and size % SMALLEST_PAGE == 0
