"""A backup in one file: a ZIP with the database, its evidence files and a manifest.

``database.sqlite3`` is a copy made with SQLite's online backup API; every evidence file
sits under its SHA-256 (``evidence/ab/abcdef…``), and ``appealdesk-backup.json`` says
what the archive holds. An archive is checked completely (every hash, ``quick_check`` of
the database) before it is given its name, and again before it is restored.

An archive to restore may come from anywhere, so it is judged before anything is unpacked
(see :mod:`appealdesk.store.backup.archive_entries`); its evidence goes into the restore's work
item, never straight into the live evidence folder.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from appealdesk import __version__
from appealdesk.i18n import _
from appealdesk.store.backup.archive_entries import (
    ARCHIVE_FORMAT,
    ARCHIVE_VERSION,
    DATABASE_MEMBER,
    MANIFEST,
    BadArchiveError,
    Manifest,
    archive_entries,
    check_directory_size,
    ensure_room,
    read_manifest,
    stream_entry,
)
from appealdesk.store.backup.folder import referenced_digests
from appealdesk.store.backup.online_copy import backup_database, quick_check
from appealdesk.store.evidence_store import CancelledError, EvidenceStore
from appealdesk.store.files import create_private_file, make_private_dir, written_atomically
from appealdesk.store.work_folder import work_item

__all__ = ["DATABASE_MEMBER", "MANIFEST", "BadArchiveError", "unpack_archive", "verify_archive"]

ZIP_MAGIC = b"PK\x03\x04"

# done, total
ArchiveProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class ArchiveSummary:
    taken_at: dt.datetime
    database_name: str
    evidence_files: int
    evidence_missing: tuple[str, ...]


@dataclass(frozen=True)
class UnpackedArchive:
    """An archive that passed its checks, unpacked into a work item."""

    database: Path
    evidence: EvidenceStore  # in the work item: nothing of it is in the live store yet
    summary: ArchiveSummary


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
        _compact_copy(database, work / "snapshot.sqlite3", snapshot)
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
                    "version": ARCHIVE_VERSION,
                    "app_version": __version__,
                    "database": database.name,
                    "taken_at": taken_at.isoformat(),
                    "evidence": included,
                    "evidence_missing": missing,
                }
                archive.writestr(MANIFEST, json.dumps(manifest, indent=2))
            verify_archive(part, work)
    return ArchiveSummary(taken_at, database.name, len(included), tuple(missing))


def _compact_copy(database: Path, raw: Path, snapshot: Path) -> None:
    """A checked copy of ``database`` without its free pages, which ``secure_delete`` fills
    with zeros: a copy mostly made of them would deflate like a zip bomb and be refused.
    ``VACUUM INTO`` writes straight into ``snapshot``, with no temporary database in the
    system's temporary folder."""
    backup_database(database, raw)
    create_private_file(snapshot)
    connection = sqlite3.connect(raw, isolation_level=None)
    try:
        connection.execute("VACUUM INTO ?", (str(snapshot),))
    finally:
        connection.close()
    raw.unlink()
    if quick_check(snapshot) != "ok":
        raise sqlite3.DatabaseError(f"backup {snapshot} failed its check")


def _check_database(path: Path) -> None:
    try:
        result = quick_check(path)
    except sqlite3.DatabaseError as exc:
        raise BadArchiveError(
            _("the database in it cannot be read ({reason})").format(reason=exc)
        ) from exc
    if result != "ok":
        raise BadArchiveError(
            _("the database in it is damaged ({reason})").format(reason=" ".join(result.split()))
        )


def _extract_database(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> Path:
    create_private_file(target)
    with target.open("wb") as out:
        stream_entry(archive, info, out)
    _check_database(target)
    return target


def _extract_evidence(
    archive: zipfile.ZipFile, sha256: str, info: zipfile.ZipInfo, store: EvidenceStore
) -> None:
    target = store.path_for(sha256)
    make_private_dir(target.parent)
    part = target.with_name(target.name + ".part")
    create_private_file(part)
    try:
        with part.open("wb") as out:
            digest, _data = stream_entry(archive, info, out)
        if digest != sha256:
            raise _changed(sha256)
        part.replace(target)
    finally:
        part.unlink(missing_ok=True)


def _changed(sha256: str) -> BadArchiveError:
    return BadArchiveError(
        _("the evidence file {sha256} does not match its SHA-256").format(sha256=sha256)
    )


def _read(
    path: Path,
    scratch: Path,
    keep: EvidenceStore | None,
    present: Callable[[str], bool] = lambda _sha256: False,
) -> tuple[Manifest, Path]:
    """Judges the archive, reads every entry and checks it; the database lands in
    ``scratch`` and, with ``keep``, the evidence files that are not ``present`` elsewhere
    land in that store."""
    try:
        with path.open("rb") as handle:
            check_directory_size(handle)
        with zipfile.ZipFile(path) as archive:
            entries = archive_entries(archive)
            manifest = read_manifest(archive, entries.manifest)
            listed = set(manifest.evidence)
            for sha256 in entries.evidence:
                if sha256 not in listed:
                    raise BadArchiveError(
                        _("it holds an entry that does not belong in a backup (“{name}”)").format(
                            name=_evidence_member(sha256)
                        )
                    )
            wanted = set() if keep is None else {d for d in manifest.evidence if not present(d)}
            needed = entries.database.file_size + sum(
                entries.evidence[d].file_size for d in wanted if d in entries.evidence
            )
            ensure_room(scratch, needed)
            for sha256 in manifest.evidence:
                info = entries.evidence.get(sha256)
                if info is None:
                    raise BadArchiveError(
                        _("the evidence file {sha256} is missing").format(sha256=sha256)
                    )
                if keep is not None and sha256 in wanted:
                    _extract_evidence(archive, sha256, info, keep)
                elif stream_entry(archive, info)[0] != sha256:
                    raise _changed(sha256)
            database = _extract_database(archive, entries.database, scratch / DATABASE_MEMBER)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        # ValueError: what zipfile raises for some malformed headers
        raise BadArchiveError(
            _("the archive is damaged ({reason})").format(reason=" ".join(str(exc).split()))
        ) from exc
    except NotImplementedError as exc:  # a compression method only zipfile's header names
        raise BadArchiveError(
            _("its entries are compressed in a way AppealDesk's backups never are")
        ) from exc
    return manifest, database


def _summary(manifest: Manifest) -> ArchiveSummary:
    return ArchiveSummary(
        manifest.taken_at,
        manifest.database_name,
        len(manifest.evidence),
        manifest.evidence_missing,
    )


def verify_archive(path: Path, work: Path | None = None) -> ArchiveSummary:
    """Reads the whole archive back; raises :class:`BadArchiveError` on the first problem.

    Its database is unpacked for the check into ``work`` (a folder from
    :func:`~appealdesk.store.work_folder.work_item`), by default beside the archive.
    """
    scratch = path.parent if work is None else work
    with tempfile.TemporaryDirectory(prefix=".appealdesk-check-", dir=scratch) as folder:
        manifest, _database = _read(path, Path(folder), None)
    return _summary(manifest)


def unpack_archive(
    path: Path, work: Path, present: Callable[[str], bool] = lambda _sha256: False
) -> UnpackedArchive:
    """Checks the archive and unpacks it into ``work``: its database and, in a store of its
    own there, the evidence files that are not ``present`` (in the live store, say; those
    are only checked). Nothing outside ``work`` is touched."""
    folder = work / "unpacked"
    make_private_dir(folder)
    incoming = EvidenceStore(folder / "evidence")
    manifest, database = _read(path, folder, incoming, present)
    return UnpackedArchive(database, incoming, _summary(manifest))
