"""Evidence import against reading and hashing the same bytes; a dossier of 30 screenshots."""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
import time
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


def read_and_hash_ms(files: list[Path]) -> float:
    """The floor: reading every file and computing its SHA-256."""
    start = time.perf_counter()
    for path in files:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return (time.perf_counter() - start) * 1000


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
