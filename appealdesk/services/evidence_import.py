"""Bringing screenshots and documents into a case.

Each file is judged first (``media_probe``), then copied into the evidence store under its
SHA-256 (written and fsynced before any row refers to it), and finally all accepted files
get their rows in one transaction. A cancelled or failed import adds no rows and removes the
files it stored itself, so it leaves nothing behind. One bad file never stops the others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, col, select

from appealdesk.domain.enums import CaptureSource, CustodyAction, EvidenceKind
from appealdesk.domain.evidence_rules import is_sensitive_kind
from appealdesk.domain.models import EvidenceItem
from appealdesk.domain.provenance import stored_capture, zone
from appealdesk.domain.validation import clean_file_name, clean_text
from appealdesk.i18n import _
from appealdesk.media.image_io import private_file
from appealdesk.media.probe import (
    MediaInfo,
    RejectedFileError,
    describe,
    file_name,
    precheck,
    qt_readable_formats,
    read_evidence_file,
)
from appealdesk.services.custody import record_all
from appealdesk.services.derived import case_or_raise
from appealdesk.services.evidence import remove_unreferenced
from appealdesk.services.file_errors import file_error
from appealdesk.store.database import Database
from appealdesk.store.evidence_store import CancelledError, StoredBlob, StoreWriteError
from appealdesk.store.lock_guard import FileIdentity, database_file_identities

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]  # files done, files in all, name of the current one
StopRequested = Callable[[], bool]


@dataclass(frozen=True)
class Rejection:
    name: str
    reason: str
    kind: str  # a fixed word for the log, see RejectedFileError.kind

    @property
    def message(self) -> str:
        return f"{self.name}: {self.reason}"


@dataclass
class ImportReport:
    added: list[EvidenceItem] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # names of files already in the case
    rejected: list[Rejection] = field(default_factory=list)
    cancelled: bool = False


@dataclass(frozen=True)
class Captured:
    """When a file was captured (in UTC, with the offset in minutes) and how that is known."""

    at: dt.datetime | None = None
    offset: int | None = None
    source: CaptureSource | None = None


@dataclass(frozen=True)
class _Staged:
    name: str
    info: MediaInfo
    blob: StoredBlob
    captured: Captured
    source: Path | bytes  # to store the file again if it was removed meanwhile


def import_files(
    db: Database,
    case_id: int,
    paths: Sequence[Path],
    *,
    kind: EvidenceKind | None = None,
    title: str | None = None,
    progress: Progress | None = None,
    should_stop: StopRequested | None = None,
) -> ImportReport:
    """Imports ``paths`` into a case; see the module docstring for the guarantees."""
    db.require_writable()  # before any file is stored
    title = clean_text(title, field=_("Title"), multiline=False) or None
    with db.reading() as session:
        case_or_raise(session, case_id)
    report = ImportReport()
    staged: list[_Staged] = []
    own_files = database_file_identities(db.path)
    # The next file is read and checked while this one is written and flushed to disk: the
    # two take about as long, and neither holds the interpreter lock for long.
    qt_readable_formats()  # asked of Qt here, not on the reading thread
    reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="evidence-read")
    ahead = [reader.submit(_read_and_precheck, path, own_files) for path in paths[:1]]
    try:
        for done, path in enumerate(paths):
            if should_stop is not None and should_stop():
                raise CancelledError
            name = file_name(path)
            if progress is not None:
                progress(done, len(paths), name)
            current = ahead.pop()
            if done + 1 < len(paths):
                ahead.append(reader.submit(_read_and_precheck, paths[done + 1], own_files))
            try:
                read = current.result()
                blob, info = _store_checked(db, read.data, read.format, name, read.sha256)
            except RejectedFileError as exc:
                report.rejected.append(Rejection(exc.name, exc.reason, exc.kind))
                continue
            except StoreWriteError as exc:  # the disk of the store, not this file: stop
                raise file_error(Path(exc.filename or db.evidence.root), exc) from exc
            except OSError:
                report.rejected.append(Rejection(name, _("it cannot be read"), "unreadable"))
                continue
            staged.append(_Staged(name, info, blob, _captured(info, path), path))
        if progress is not None:
            progress(len(paths), len(paths), "")
        _commit(db, case_id, staged, report, kind, title)
    except CancelledError:
        _discard(db, staged)
        _log_refusals(report.rejected, len(paths))
        return ImportReport(rejected=report.rejected, cancelled=True)
    except BaseException:
        _discard(db, staged)
        raise
    finally:
        reader.shutdown(cancel_futures=True)  # a file read ahead is only dropped
    _log_refusals(report.rejected, len(paths))
    return report


def _log_refusals(rejected: Sequence[Rejection], files: int) -> None:
    if not rejected:
        return
    kinds = Counter(rejection.kind for rejection in rejected)
    log.info(
        "evidence import refused %d of %d files: %s",
        len(rejected),
        files,
        ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())),
    )


def import_bytes(
    db: Database, case_id: int, data: bytes, name: str, *, kind: EvidenceKind | None = None
) -> ImportReport:
    """Imports bytes that come from the clipboard (a screenshot taken with the system tool)."""
    db.require_writable()
    name = clean_file_name(name)
    with db.reading() as session:
        case_or_raise(session, case_id)
    report = ImportReport()
    try:
        blob, info = _store_checked(db, data, precheck(data, name), name)
    except RejectedFileError as exc:
        report.rejected.append(Rejection(exc.name, exc.reason, exc.kind))
        _log_refusals(report.rejected, 1)
        return report
    except StoreWriteError as exc:
        raise file_error(db.evidence.root, exc) from exc
    pasted = Captured(*stored_capture(dt.datetime.now().astimezone()), CaptureSource.PASTED)
    captured = _captured(info, None) if info.captured_at else pasted
    staged = [_Staged(name, info, blob, captured, data)]
    try:
        _commit(db, case_id, staged, report, kind, None)
    except BaseException:
        _discard(db, staged)
        raise
    _log_refusals(report.rejected, 1)
    return report


@dataclass(frozen=True)
class _ReadFile:
    data: bytes
    format: str  # as :func:`precheck` found it
    sha256: str  # of ``data``


def _read_and_precheck(path: Path, never_open: Collection[FileIdentity]) -> _ReadFile:
    """What can be done with a file's bytes alone, without Qt: reading, checking and hashing
    them. It runs on a thread of its own beside the storing of the file before it."""
    data = read_evidence_file(path, never_open)
    fmt = precheck(data, file_name(path))
    return _ReadFile(data, fmt, hashlib.sha256(data).hexdigest())


def _store_checked(
    db: Database, data: bytes, fmt: str, name: str, sha256: str | None = None
) -> tuple[StoredBlob, MediaInfo]:
    """Stores ``data`` (of format ``fmt``, which :func:`precheck` found; ``sha256``, when the
    caller made it of these bytes) and lets Qt judge the stored copy (the very bytes kept);
    a copy Qt refuses is removed again."""
    blob = db.evidence.put_bytes(data, sha256)
    try:
        if db.evidence.encrypted:  # the stored copy is sealed: Qt reads the bytes in memory
            with private_file(data) as path:
                return blob, describe(data, fmt, name, path)
        return blob, describe(data, fmt, name, db.evidence.path_for(blob.sha256))
    except BaseException:
        if blob.created:
            remove_unreferenced(db, [blob.sha256])
        raise


def _captured(info: MediaInfo, path: Path | None) -> Captured:
    """From the EXIF data (in its zone, else this computer's), else the file's time."""
    if info.captured_at is not None:
        if info.captured_offset is not None:
            moment = info.captured_at.replace(tzinfo=zone(info.captured_offset))
            return Captured(*stored_capture(moment), CaptureSource.EXIF)
        moment = info.captured_at.astimezone()  # the wall clock read as this computer's
        return Captured(*stored_capture(moment), CaptureSource.EXIF_LOCAL_ZONE)
    if path is None:
        return Captured()
    try:
        modified = dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    except (OSError, OverflowError, ValueError):
        return Captured()
    return Captured(*stored_capture(modified), CaptureSource.FILE_TIME)


def _commit(
    db: Database,
    case_id: int,
    staged: list[_Staged],
    report: ImportReport,
    kind: EvidenceKind | None,
    title: str | None,
) -> None:
    if not staged:
        return
    chosen_kind = kind or EvidenceKind.OTHER
    if is_sensitive_kind(chosen_kind):
        staged = _without_pdfs(db, staged, report)
    with db.transaction() as session:
        present = set(
            session.exec(select(EvidenceItem.sha256).where(EvidenceItem.case_id == case_id)).all()
        )
        position = _next_position(session, case_id)
        for item in staged:
            if item.blob.sha256 in present:
                report.duplicates.append(item.name)
                continue
            if not _still_stored(db, item):
                changed = _("it changed while it was added")
                report.rejected.append(Rejection(item.name, changed, "changed"))
                continue
            present.add(item.blob.sha256)
            row = EvidenceItem(
                case_id=case_id,
                kind=chosen_kind,
                title=title or Path(item.name).stem,
                captured_at=item.captured.at,
                captured_offset=item.captured.offset,
                capture_source=item.captured.source,
                original_name=item.name,
                media_type=item.info.media_type,
                size_bytes=item.blob.size,
                width=item.info.width,
                height=item.info.height,
                sha256=item.blob.sha256,
                sensitive=is_sensitive_kind(chosen_kind),
                position=position,
            )
            position += 1
            session.add(row)
            report.added.append(row)
        session.flush()  # all rows in one go: their ids, which the custody record needs
        record_all(session, report.added, CustodyAction.ADDED)
        session.flush()


def _without_pdfs(db: Database, staged: list[_Staged], report: ImportReport) -> list[_Staged]:
    """An identity document as a PDF is refused: it cannot be blacked out or watermarked."""
    refused = [item for item in staged if item.info.media_type == "application/pdf"]
    reason = _(
        "an identity document as a PDF cannot be protected: add a photo or scan of the "
        "document instead"
    )
    report.rejected += [Rejection(item.name, reason, "sensitive_pdf") for item in refused]
    _discard(db, refused)
    return [item for item in staged if item not in refused]


def _still_stored(db: Database, item: _Staged) -> bool:
    """Whether the file is (again) in the store, checked while holding the write lock.

    Another import or a deletion may have removed the same bytes since they were stored;
    files are only removed under the write lock, so what is there now stays until commit.
    """
    if db.evidence.exists(item.blob.sha256):
        return True
    source = item.source
    blob = (
        db.evidence.put_bytes(source) if isinstance(source, bytes) else db.evidence.put_file(source)
    )
    return blob.sha256 == item.blob.sha256


def _next_position(session: Session, case_id: int) -> int:
    highest = session.exec(
        select(func.max(col(EvidenceItem.position))).where(EvidenceItem.case_id == case_id)
    ).one()
    return 0 if highest is None else int(highest) + 1


def _discard(db: Database, staged: list[_Staged]) -> None:
    """Removes the files this import stored itself, unless a row refers to them after all."""
    remove_unreferenced(db, [item.blob.sha256 for item in staged if item.blob.created])
