"""A backup in one file: a ZIP with the database, its evidence files and a manifest.

``database.sqlite3`` is a copy made with SQLite's online backup API; every evidence file
sits under its SHA-256 (``evidence/ab/abcdef…``), and ``appealdesk-backup.json`` says
what the archive holds. An archive is checked completely (every hash, ``quick_check`` of
the database) before it is given its name, and again before it is restored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from appealdesk import __version__
from appealdesk.store.backup import backup_database, quick_check
from appealdesk.store.backup_folder import referenced_digests
from appealdesk.store.evidence_store import CHUNK, CancelledError, EvidenceStore, is_sha256
from appealdesk.store.files import written_atomically
from appealdesk.store.work_folder import work_item

ARCHIVE_FORMAT = "appealdesk-backup"
MANIFEST = "appealdesk-backup.json"
DATABASE_MEMBER = "database.sqlite3"
ZIP_MAGIC = b"PK\x03\x04"

# done, total
ArchiveProgress = Callable[[int, int], None]


class BadArchiveError(Exception):
    """The file is not a whole AppealDesk backup; the reason is in the message (English)."""


@dataclass(frozen=True)
class ArchiveSummary:
    taken_at: dt.datetime
    database_name: str
    evidence_files: int
    evidence_missing: tuple[str, ...]


def is_archive(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(ZIP_MAGIC)) == ZIP_MAGIC


def _evidence_member(sha256: str) -> str:
    return f"evidence/{sha256[:2]}/{sha256}"


def write_archive(
    database: Path,
    live_evidence: EvidenceStore,
    target: Path,
    *,
    progress: ArchiveProgress | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> ArchiveSummary:
    """Writes the archive to ``target``; a failure or a cancellation leaves no file there."""
    taken_at = dt.datetime.now().replace(microsecond=0)
    with work_item(database, "backup") as work:
        snapshot = work / DATABASE_MEMBER
        backup_database(database, snapshot)
        digests = sorted(referenced_digests(snapshot))
        included, missing = [], []
        with written_atomically(target) as part:
            with zipfile.ZipFile(part, "w", allowZip64=True) as archive:
                archive.write(snapshot, DATABASE_MEMBER, compress_type=zipfile.ZIP_DEFLATED)
                for done, sha256 in enumerate(digests, start=1):
                    if should_stop is not None and should_stop():
                        raise CancelledError
                    if live_evidence.verify(sha256):
                        archive.write(live_evidence.path_for(sha256), _evidence_member(sha256))
                        included.append(sha256)
                    else:
                        missing.append(sha256)
                    if progress is not None:
                        progress(done, len(digests))
                manifest = {
                    "format": ARCHIVE_FORMAT,
                    "version": 1,
                    "app_version": __version__,
                    "database": database.name,
                    "taken_at": taken_at.isoformat(),
                    "evidence": included,
                    "evidence_missing": missing,
                }
                archive.writestr(MANIFEST, json.dumps(manifest, indent=2))
            verify_archive(part, work)
    return ArchiveSummary(taken_at, database.name, len(included), tuple(missing))


@dataclass(frozen=True)
class _Manifest:
    database_name: str
    taken_at: dt.datetime
    evidence: tuple[str, ...]
    evidence_missing: tuple[str, ...]


def _digests(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(d, str) and is_sha256(d) for d in value):
        raise BadArchiveError("the manifest lists no valid evidence")
    return tuple(value)


def _manifest(archive: zipfile.ZipFile) -> _Manifest:
    try:
        manifest = json.loads(archive.read(MANIFEST))
        if not isinstance(manifest, dict) or manifest.get("format") != ARCHIVE_FORMAT:
            raise BadArchiveError("not an AppealDesk backup")
        taken_at = dt.datetime.fromisoformat(str(manifest["taken_at"]))
    except (KeyError, ValueError) as exc:
        raise BadArchiveError("no readable manifest") from exc
    return _Manifest(
        str(manifest.get("database", "")),
        taken_at,
        _digests(manifest.get("evidence")),
        _digests(manifest.get("evidence_missing", [])),
    )


def _check_member(archive: zipfile.ZipFile, sha256: str) -> None:
    digest = hashlib.sha256()
    try:
        with archive.open(_evidence_member(sha256)) as member:
            while chunk := member.read(CHUNK):
                digest.update(chunk)
    except KeyError as exc:
        raise BadArchiveError(f"evidence file {sha256} is missing") from exc
    if digest.hexdigest() != sha256:
        raise BadArchiveError(f"evidence file {sha256} does not match its SHA-256")


def _check_database(path: Path) -> None:
    try:
        result = quick_check(path)
    except sqlite3.DatabaseError as exc:
        raise BadArchiveError(f"the database in the archive cannot be read ({exc})") from exc
    if result != "ok":
        raise BadArchiveError(f"the database in the archive is damaged ({result})")


def verify_archive(path: Path, work: Path | None = None) -> ArchiveSummary:
    """Reads the whole archive back; raises :class:`BadArchiveError` on the first problem.

    Its database is unpacked for the check into ``work`` (a folder from
    :func:`~appealdesk.store.work_folder.work_item`), by default beside the archive.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = _manifest(archive)
            for sha256 in manifest.evidence:
                _check_member(archive, sha256)
            scratch = path.parent if work is None else work
            with tempfile.TemporaryDirectory(prefix=".appealdesk-check-", dir=scratch) as folder:
                _check_database(Path(archive.extract(DATABASE_MEMBER, folder)))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, KeyError) as exc:
        raise BadArchiveError(f"damaged archive ({exc})") from exc
    return ArchiveSummary(
        manifest.taken_at,
        manifest.database_name,
        len(manifest.evidence),
        manifest.evidence_missing,
    )


def unpack_archive(path: Path, work: Path, live_evidence: EvidenceStore) -> Path:
    """Checks the archive, puts its evidence into ``live_evidence`` and its database in ``work``."""
    verify_archive(path, work)
    with zipfile.ZipFile(path) as archive:
        for sha256 in _manifest(archive).evidence:
            if not live_evidence.exists(sha256):
                extracted = Path(archive.extract(_evidence_member(sha256), work))
                live_evidence.put_file(extracted)
                extracted.unlink()
        return Path(archive.extract(DATABASE_MEMBER, work))
