"""Evidence import against what durable import cannot avoid; a dossier of 30 screenshots."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from appealdesk.export.content import DossierFormat, ExportOptions
from appealdesk.export.dossier import export_dossier
from appealdesk.services import cases
from appealdesk.services.evidence_import import import_files
from appealdesk.store.database import Database


def _new_case(db: Database, handle: str) -> int:
    case = cases.create_case(
        db,
        blocked_at=dt.datetime(2026, 11, 1, 9, 0),
        new_account={"platform": "tiktok", "handle": handle},
        notice_text="Je account is geschorst wegens meerdere schendingen van onze richtlijnen.",
    )
    assert case.id is not None
    return case.id


def _sealer() -> Callable[[bytes], bytes]:
    """AES-256-GCM of one chunk, the cipher the evidence store of an encrypted database uses."""
    import secrets

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aead = AESGCM(secrets.token_bytes(32))
    return lambda chunk: aead.encrypt(secrets.token_bytes(12), chunk, None)


def durable_copy_ms(files: list[Path], folder: Path, *, sealed: bool = False) -> float:
    """The floor: what no durable import can skip. Every file is read, hashed and written
    into ``folder`` (beside the database, on the same disk), and the copy and the folder's
    entry are flushed to the disk before the next file, as the evidence store does.
    ``sealed``: written encrypted, as into the store of an encrypted database."""
    seal = _sealer() if sealed else None
    start = time.perf_counter()
    for number, path in enumerate(files):
        digest = hashlib.sha256()
        with path.open("rb") as source, (folder / f"copy-{number}").open("wb") as copy:
            while chunk := source.read(1 << 20):
                digest.update(chunk)
                copy.write(chunk if seal is None else seal(chunk))
            copy.flush()
            os.fsync(copy.fileno())
        entry = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(entry)
        finally:
            os.close(entry)
    elapsed = (time.perf_counter() - start) * 1000
    for written in folder.iterdir():
        written.unlink()
    return elapsed


def import_ms(db: Database, files: list[Path], run: int) -> tuple[float, int]:
    """Importing the files into a case of their own (so none is a duplicate); and that case."""
    case_id = _new_case(db, f"@import.run{run}")
    start = time.perf_counter()
    report = import_files(db, case_id, files)
    elapsed = (time.perf_counter() - start) * 1000
    if len(report.added) != len(files):
        raise RuntimeError(f"import refused files: {report.rejected}")
    return elapsed, case_id


def case_with_screenshots(db: Database, files: list[Path]) -> int:
    case_id = _new_case(db, "@dossier.thirty")
    report = import_files(db, case_id, files)
    if len(report.added) != len(files):
        raise RuntimeError(f"import refused files: {report.rejected}")
    return case_id


def export_ms(db: Database, case_id: int, language: str = "nl") -> float:
    options = ExportOptions(language, DossierFormat.PDF)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        result = export_dossier(db, case_id, options, Path(folder) / "dossier.pdf")
        elapsed = (time.perf_counter() - start) * 1000
    if result.pages < 30:
        raise RuntimeError(f"the dossier has only {result.pages} pages")
    return elapsed
