"""A backup in one file: a ZIP with the database, its evidence files and a manifest.

``database.sqlite3`` is a copy made with SQLite's online backup API; every evidence file
sits under its SHA-256 (``evidence/ab/abcdef…``), and ``appealdesk-backup.json`` says
what the archive holds. An archive is checked completely (every hash, ``quick_check`` of
the database) before it is given its name, and again before it is restored.

The archive of an encrypted database holds its database and evidence files as they are
stored, encrypted with its key, the evidence under blinded names that do not reveal their
SHA-256, and the key file, which is useless without the passphrase or recovery key; it is
checked (decrypted in memory, never onto disk) with that key.

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
from typing import TYPE_CHECKING

from appealdesk import __version__
from appealdesk.i18n import _
from appealdesk.store import driver
from appealdesk.store.backup.archive_entries import (
    ARCHIVE_FORMAT,
    ARCHIVE_VERSION,
    DATABASE_MEMBER,
    ENCRYPTED_ARCHIVE_VERSION,
    KEY_MEMBER,
    MANIFEST,
    BadArchiveError,
    Manifest,
    archive_entries,
    check_directory_size,
    ensure_room,
    read_manifest,
    stream_entry,
)
from appealdesk.store.backup.archive_evidence import (
    Digests,
    changed,
    entry_digest,
    evidence_member,
    extract_evidence,
)
from appealdesk.store.backup.folder import referenced_digests
from appealdesk.store.backup.online_copy import backup_database, quick_check
from appealdesk.store.encryption import cipher_for
from appealdesk.store.encryption.detect import key_file_for
from appealdesk.store.evidence_store import CancelledError, EvidenceStore
from appealdesk.store.files import create_private_file, make_private_dir, written_atomically
from appealdesk.store.work_folder import work_item

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import DataKey

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


def _stored_name(store: EvidenceStore, sha256: str) -> str:
    """The name the file of ``sha256`` has in ``store``: the digest, or its blinded name."""
    return store.path_for(sha256).name if store.cipher is None else store.cipher.name_for(sha256)


def write_archive(
    database: Path,
    live_evidence: EvidenceStore,
    target: Path,
    *,
    key: DataKey | None = None,
    progress: ArchiveProgress | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> ArchiveSummary:
    """Writes the archive to ``target``; a failure or a cancellation leaves no file there.
    ``key``: the data key of an encrypted database, whose archive stays encrypted."""
    taken_at = dt.datetime.now().replace(microsecond=0)
    with work_item(database, "backup") as work:
        snapshot = work / DATABASE_MEMBER
        _compact_copy(database, work / "snapshot.sqlite3", snapshot, key)
        digests = sorted(referenced_digests(snapshot, key))
        included, missing, missing_names = [], [], []
        with written_atomically(target) as part:
            with zipfile.ZipFile(part, "w", allowZip64=True) as archive:
                archive.write(snapshot, DATABASE_MEMBER, compress_type=zipfile.ZIP_DEFLATED)
                if key is not None and key_file_for(database).is_file():
                    archive.write(key_file_for(database), KEY_MEMBER)
                for done, sha256 in enumerate(digests, start=1):
                    if should_stop is not None and should_stop():
                        raise CancelledError
                    name = _stored_name(live_evidence, sha256)
                    if live_evidence.verify(sha256):
                        archive.write(live_evidence.path_for(sha256), evidence_member(name))
                        included.append(name)
                    else:
                        missing.append(sha256)
                        missing_names.append(name)
                    if progress is not None:
                        progress(done, len(digests))
                manifest = {
                    "format": ARCHIVE_FORMAT,
                    "version": ARCHIVE_VERSION if key is None else ENCRYPTED_ARCHIVE_VERSION,
                    "app_version": __version__,
                    "database": database.name,
                    "taken_at": taken_at.isoformat(),
                    "evidence": included,
                    "evidence_missing": missing_names,
                }
                archive.writestr(MANIFEST, json.dumps(manifest, indent=2))
            verify_archive(part, work, key)
    return ArchiveSummary(taken_at, database.name, len(included), tuple(missing))


def _compact_copy(database: Path, raw: Path, snapshot: Path, key: DataKey | None) -> None:
    """A checked copy of ``database`` without its free pages, which ``secure_delete`` fills
    with zeros: a copy mostly made of them would deflate like a zip bomb and be refused.
    ``VACUUM INTO`` writes straight into ``snapshot``, with no temporary database in the
    system's temporary folder; that of an encrypted database is encrypted with its key."""
    backup_database(database, raw, key)
    create_private_file(snapshot)
    connection = driver.connect(raw, key, isolation_level=None)
    try:
        connection.execute("VACUUM INTO ?", (str(snapshot),))
    finally:
        connection.close()
    raw.unlink()
    if quick_check(snapshot, key) != "ok":
        raise sqlite3.DatabaseError(f"backup {snapshot} failed its check")


def _check_database(path: Path, key: DataKey | None) -> None:
    try:
        result = quick_check(path, key)
    except driver.errors(sqlite3.DatabaseError) as exc:
        raise BadArchiveError(
            _("the database in it cannot be read ({reason})").format(reason=exc)
        ) from exc
    if result != "ok":
        raise BadArchiveError(
            _("the database in it is damaged ({reason})").format(reason=" ".join(result.split()))
        )


def _extract_database(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, key: DataKey | None
) -> Path:
    create_private_file(target)
    with target.open("wb") as out:
        stream_entry(archive, info, out)
    _check_database(target, key)
    return target


def _read(
    path: Path,
    scratch: Path,
    keep: bool,
    present: Callable[[str], bool] = lambda _sha256: False,
    key: DataKey | None = None,
) -> tuple[Manifest, Path, EvidenceStore]:
    """Judges the archive, reads every entry and checks it; the database lands in
    ``scratch`` and, with ``keep``, the evidence files that are not ``present`` elsewhere
    land in a store there, as they are in the archive (encrypted in an encrypted one).
    ``key`` opens an encrypted archive; a plain one needs none."""
    try:
        with path.open("rb") as handle:
            check_directory_size(handle)
        with zipfile.ZipFile(path) as archive:
            entries = archive_entries(archive)
            manifest = read_manifest(archive, entries.manifest)
            if not manifest.encrypted:
                key = None
            elif key is None:
                raise BadArchiveError(_("it is encrypted, and no key was given to read it"))
            store = EvidenceStore(scratch / "evidence", cipher_for(key))
            listed = set(manifest.evidence)
            for name in entries.evidence:
                if name not in listed:
                    raise BadArchiveError(
                        _("it holds an entry that does not belong in a backup (“{name}”)").format(
                            name=evidence_member(name)
                        )
                    )
            ensure_room(scratch, entries.database.file_size)
            database = _extract_database(archive, entries.database, scratch / DATABASE_MEMBER, key)
            digests = Digests(None)
            if store.cipher is not None:
                referenced = referenced_digests(database, key)
                digests = Digests({store.cipher.name_for(d): d for d in referenced})
            wanted = {n for n in manifest.evidence if keep and not present(digests.of(n))}
            ensure_room(
                scratch, sum(entries.evidence[n].file_size for n in wanted if n in entries.evidence)
            )
            for name in manifest.evidence:
                info = entries.evidence.get(name)
                if info is None:
                    raise BadArchiveError(
                        _("the evidence file {sha256} is missing").format(sha256=name)
                    )
                if name in wanted:
                    extract_evidence(archive, name, info, store, digests)
                elif entry_digest(archive, info, store) != digests.of(name):
                    raise changed(name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        # ValueError: what zipfile raises for some malformed headers
        raise BadArchiveError(
            _("the archive is damaged ({reason})").format(reason=" ".join(str(exc).split()))
        ) from exc
    except NotImplementedError as exc:  # a compression method only zipfile's header names
        raise BadArchiveError(
            _("its entries are compressed in a way AppealDesk's backups never are")
        ) from exc
    return manifest, database, store


def archive_key_file(path: Path) -> str | None:
    """The key file an encrypted archive carries (its text), or None for a plain archive;
    raises :class:`BadArchiveError` when the archive cannot be judged."""
    try:
        with path.open("rb") as handle:
            check_directory_size(handle)
        with zipfile.ZipFile(path) as archive:
            entries = archive_entries(archive)
            if not read_manifest(archive, entries.manifest).encrypted:
                return None
            if entries.key_file is None:
                return ""
            text = stream_entry(archive, entries.key_file)[1]
            return text.decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise BadArchiveError(
            _("the archive is damaged ({reason})").format(reason=" ".join(str(exc).split()))
        ) from exc


def _summary(manifest: Manifest) -> ArchiveSummary:
    return ArchiveSummary(
        manifest.taken_at,
        manifest.database_name,
        len(manifest.evidence),
        manifest.evidence_missing,
    )


def verify_archive(
    path: Path, work: Path | None = None, key: DataKey | None = None
) -> ArchiveSummary:
    """Reads the whole archive back; raises :class:`BadArchiveError` on the first problem.

    Its database is unpacked for the check into ``work`` (a folder from
    :func:`~appealdesk.store.work_folder.work_item`), by default beside the archive.
    """
    scratch = path.parent if work is None else work
    with tempfile.TemporaryDirectory(prefix=".appealdesk-check-", dir=scratch) as folder:
        manifest, _database, _store = _read(path, Path(folder), False, key=key)
    return _summary(manifest)


def unpack_archive(
    path: Path,
    work: Path,
    present: Callable[[str], bool] = lambda _sha256: False,
    key: DataKey | None = None,
) -> UnpackedArchive:
    """Checks the archive and unpacks it into ``work``: its database and, in a store of its
    own there, the evidence files that are not ``present`` (in the live store, say; those
    are only checked). Nothing outside ``work`` is touched."""
    folder = work / "unpacked"
    make_private_dir(folder)
    manifest, database, incoming = _read(path, folder, True, present, key)
    return UnpackedArchive(database, incoming, _summary(manifest))
