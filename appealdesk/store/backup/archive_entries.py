"""Judging a backup archive before anything of it is unpacked, and reading its entries.

An archive to restore may come from anywhere. Only entries of these shapes are taken
(``database.sqlite3``, ``appealdesk-backup.json``, ``evidence/ab/<SHA-256>`` and, in the
archive of an encrypted database, its key file ``appealdesk.key``), each once,
stored or deflated and not encrypted, none larger than its limit or compressed more than a
real backup ever is, all of them together within a limit and the free space. Entries are
read in chunks with a byte count and their hash, so memory stays bounded whatever they say.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from appealdesk.domain.evidence_rules import MAX_EVIDENCE_BYTES
from appealdesk.i18n import _, format_file_size, format_number
from appealdesk.store.evidence_store import CHUNK, is_sha256

ARCHIVE_FORMAT = "appealdesk-backup"
ARCHIVE_VERSION = 1
# The archive of an encrypted database: its database and evidence as they are stored,
# encrypted, the evidence named by its blinded name, and the (wrapped) key file.
ENCRYPTED_ARCHIVE_VERSION = 2
KNOWN_VERSIONS = frozenset({1, 2})  # every manifest version this AppealDesk reads
MANIFEST = "appealdesk-backup.json"
DATABASE_MEMBER = "database.sqlite3"
KEY_MEMBER = "appealdesk.key"
MAX_KEY_FILE_BYTES = 64 * 1024

MAX_ENTRIES = 100_002  # 100,000 evidence files, the database and the manifest
MAX_DATABASE_BYTES = 2 * 1024**3
MAX_MANIFEST_BYTES = 16 * 1024**2  # 100,000 digests take about 7 MB
MAX_TOTAL_BYTES = 100 * 1024**3
# A database deflates to a fifth or a tenth of its size, evidence hardly at all; only a
# "zip bomb" comes near deflate's limit of about 1,000 to 1.
MAX_RATIO = 100
RATIO_FROM_BYTES = 1024**2  # smaller entries may be as compressible as they like
FREE_SPACE_RESERVE = 64 * 1024**2  # left free on the disk after unpacking
MAX_CENTRAL_DIRECTORY = MAX_ENTRIES * 256

_EVIDENCE_NAME = re.compile(r"evidence/([0-9a-f]{2})/([0-9a-f]{64})")
_END = struct.Struct("<4s4H2LH")  # end of central directory record
_END64_LOCATOR = struct.Struct("<4sLQL")
_END64 = struct.Struct("<4sQ2H2L4Q")
_END_SIGNATURE = b"PK\x05\x06"
ENCRYPTED = 0x1 | 0x40  # traditional and strong encryption flags
SUPPORTED_COMPRESSION = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})


class BadArchiveError(Exception):
    """The file is not a whole AppealDesk backup; the message (translated) says why."""


def shown_name(name: str) -> str:
    """An entry name from the archive, on one line and not too long for a message."""
    shown = ascii(name)[1:-1]
    return shown if len(shown) <= 90 else shown[:89] + "…"


def check_directory_size(handle: BinaryIO) -> None:
    """Refuses an archive whose table of contents alone is too big to read, before the
    ``zipfile`` module reads it all into memory."""
    handle.seek(0, 2)
    size = handle.tell()
    tail_start = max(0, size - _END.size - 0xFFFF)
    handle.seek(tail_start)
    tail = handle.read()
    at = tail.rfind(_END_SIGNATURE)
    if at < 0 or len(tail) - at < _END.size:
        return  # not a ZIP at all: zipfile says so
    fields = _END.unpack_from(tail, at)
    entries, directory = fields[4], fields[5]
    locator_at = at - _END64_LOCATOR.size
    if (entries == 0xFFFF or directory == 0xFFFFFFFF) and locator_at >= 0:
        locator = _END64_LOCATOR.unpack_from(tail, locator_at)
        if locator[0] == b"PK\x06\x07":
            handle.seek(locator[2])
            record = handle.read(_END64.size)
            if len(record) == _END64.size and record[:4] == b"PK\x06\x06":
                fields64 = _END64.unpack(record)
                entries, directory = fields64[7], fields64[8]
    if entries > MAX_ENTRIES or directory > MAX_CENTRAL_DIRECTORY:
        raise _too_many_entries()


def _too_many_entries() -> BadArchiveError:
    return BadArchiveError(
        _("it has more than {count} entries").format(count=format_number(MAX_ENTRIES))
    )


@dataclass(frozen=True)
class Entries:
    manifest: zipfile.ZipInfo
    database: zipfile.ZipInfo
    evidence: dict[str, zipfile.ZipInfo]
    total: int  # bytes, unpacked
    key_file: zipfile.ZipInfo | None = None


def _limit(info: zipfile.ZipInfo) -> int:
    if info.filename == DATABASE_MEMBER:
        return MAX_DATABASE_BYTES
    if info.filename == MANIFEST:
        return MAX_MANIFEST_BYTES
    if info.filename == KEY_MEMBER:
        return MAX_KEY_FILE_BYTES
    return MAX_EVIDENCE_BYTES


def _limit_text(info: zipfile.ZipInfo) -> str:
    if _limit(info) == MAX_EVIDENCE_BYTES:
        return "50 MB"  # as the evidence import says it
    return format_file_size(_limit(info))


def _judge(info: zipfile.ZipInfo) -> None:
    name = shown_name(info.filename)
    if info.flag_bits & ENCRYPTED:
        raise BadArchiveError(_("its entries are encrypted, which AppealDesk's backups never are"))
    if info.compress_type not in SUPPORTED_COMPRESSION:
        raise BadArchiveError(
            _("its entries are compressed in a way AppealDesk's backups never are")
        )
    if info.file_size > _limit(info):
        raise BadArchiveError(
            _("the entry “{name}” is larger than {size}").format(name=name, size=_limit_text(info))
        )
    if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(
        info.compress_size, 1
    ):
        raise BadArchiveError(
            _("the entry “{name}” is compressed far more than any real backup (a zip bomb)").format(
                name=name
            )
        )


def archive_entries(archive: zipfile.ZipFile) -> Entries:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise _too_many_entries()
    seen: dict[str, zipfile.ZipInfo] = {}
    evidence: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        match = _EVIDENCE_NAME.fullmatch(name)
        if name not in (DATABASE_MEMBER, MANIFEST, KEY_MEMBER) and (
            match is None or match[2][:2] != match[1]
        ):
            raise BadArchiveError(
                _("it holds an entry that does not belong in a backup (“{name}”)").format(
                    name=shown_name(name)
                )
            )
        if name in seen:
            raise BadArchiveError(
                _("it holds the entry “{name}” twice").format(name=shown_name(name))
            )
        _judge(info)
        seen[name] = info
        if match is not None:
            evidence[match[2]] = info
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise BadArchiveError(
                _("its entries together are larger than {size}").format(
                    size=format_file_size(MAX_TOTAL_BYTES)
                )
            )
    if MANIFEST not in seen:
        raise BadArchiveError(_("it has no manifest"))
    if DATABASE_MEMBER not in seen:
        raise BadArchiveError(_("it holds no database"))
    return Entries(seen[MANIFEST], seen[DATABASE_MEMBER], evidence, total, seen.get(KEY_MEMBER))


def ensure_room(folder: Path, needed: int) -> None:
    if shutil.disk_usage(folder).free - FREE_SPACE_RESERVE < needed:
        raise BadArchiveError(
            _("there is not enough free space to unpack it ({size} needed)").format(
                size=format_file_size(needed)
            )
        )


def stream_entry(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, out: BinaryIO | None = None
) -> tuple[str, bytes]:
    """Reads an entry in chunks, never past its limit; returns its SHA-256 and, without
    ``out``, its bytes when it is the manifest or the key file (otherwise b"")."""
    limit = min(_limit(info), info.file_size)
    digest = hashlib.sha256()
    kept = bytearray()
    size = 0
    with archive.open(info) as member:
        while chunk := member.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise BadArchiveError(
                    _("the entry “{name}” is larger than it says").format(
                        name=shown_name(info.filename)
                    )
                )
            digest.update(chunk)
            if out is not None:
                out.write(chunk)
            elif info.filename in (MANIFEST, KEY_MEMBER):
                kept += chunk
    return digest.hexdigest(), bytes(kept)


@dataclass(frozen=True)
class Manifest:
    database_name: str
    taken_at: dt.datetime
    # The SHA-256 of each evidence file; in an encrypted archive its blinded name instead.
    evidence: tuple[str, ...]
    evidence_missing: tuple[str, ...]
    encrypted: bool = False


def _digests(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(d, str) and is_sha256(d) for d in value):
        raise BadArchiveError(_("its manifest lists no valid evidence"))
    return tuple(value)


def read_manifest(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Manifest:
    _digest, data = stream_entry(archive, info)
    unreadable = BadArchiveError(_("its manifest cannot be read"))
    try:
        manifest = json.loads(data)
    except (ValueError, RecursionError) as exc:  # RecursionError: brackets nested too deeply
        raise unreadable from exc
    if not isinstance(manifest, dict) or manifest.get("format") != ARCHIVE_FORMAT:
        raise BadArchiveError(_("its manifest is not that of an AppealDesk backup"))
    version = manifest.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise unreadable
    if version not in KNOWN_VERSIONS:
        raise BadArchiveError(
            _(
                "it is in a backup format this AppealDesk does not know (version {version}); "
                "a newer AppealDesk may read it"
            ).format(version=version if abs(version) < 10**6 else "?")
        )
    try:
        taken_at = dt.datetime.fromisoformat(str(manifest["taken_at"]))
    except (KeyError, ValueError) as exc:
        raise unreadable from exc
    return Manifest(
        str(manifest.get("database", ""))[:255],
        taken_at,
        _digests(manifest.get("evidence")),
        _digests(manifest.get("evidence_missing", [])),
        encrypted=version == ENCRYPTED_ARCHIVE_VERSION,
    )
