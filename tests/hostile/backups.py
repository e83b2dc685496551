"""Hostile backup files, made from a real backup of the demo database."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from collections.abc import Callable, Iterable
from contextlib import closing
from pathlib import Path

from appealdesk.store.backup.archive import DATABASE_MEMBER, MANIFEST

DatabaseEdit = Callable[[sqlite3.Connection], object]


def edited_database(archive: Path, folder: Path, edit: DatabaseEdit) -> Path:
    """The database of ``archive``, unpacked into ``folder`` and changed by ``edit``."""
    target = folder / "edited.sqlite3"
    with zipfile.ZipFile(archive) as source:
        target.write_bytes(source.read(DATABASE_MEMBER))
    with closing(sqlite3.connect(target, isolation_level=None)) as raw:
        edit(raw)
    return target


def rebuilt(
    archive: Path,
    target: Path,
    *,
    database: Path | None = None,
    manifest: Callable[[dict[str, object]], object] | None = None,
    manifest_bytes: bytes | None = None,
    extra: Iterable[tuple[zipfile.ZipInfo | str, bytes]] = (),
) -> Path:
    """A copy of ``archive`` with another database, manifest or extra entries."""
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == DATABASE_MEMBER and database is not None:
                data = database.read_bytes()
            if info.filename == MANIFEST:
                if manifest is not None:
                    data = json.dumps(manifest(json.loads(data))).encode()
                if manifest_bytes is not None:
                    data = manifest_bytes
            copy.writestr(info, data, compress_type=info.compress_type)
        for name, data in extra:
            copy.writestr(name, data)
    return target


def with_database(archive: Path, target: Path, edit: DatabaseEdit) -> Path:
    """A copy of ``archive`` whose database was changed by ``edit``."""
    return rebuilt(archive, target, database=edited_database(archive, target.parent, edit))


def corrupt_index(raw: sqlite3.Connection, index: str = "ix_cases_status") -> None:
    """Changes one key inside the pages of ``index`` so that it no longer matches its table,
    keeping the order of the keys: ``quick_check`` still passes, ``integrity_check`` not."""
    root = raw.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (index,)).fetchone()[0]
    page_size = raw.execute("PRAGMA page_size").fetchone()[0]
    path = Path(raw.execute("PRAGMA database_list").fetchone()[2])
    raw.execute("PRAGMA journal_mode = DELETE")
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    at = start + data[start : start + page_size].index(b"rejected")
    data[at : at + 8] = b"rejectee"
    path.write_bytes(bytes(data))
