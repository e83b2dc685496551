"""What an export wrote, and its record in the evidence's custody log.

Apart from :mod:`dossier` so that the window, which only starts exports in their own process
and reports them, does not load the typesetter (Typst) and the time-stamp parsers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from appealdesk.export.content import DossierFormat
from appealdesk.services import custody
from appealdesk.store.database import Database


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: DossierFormat
    language: str
    pages: int
    evidence_files: int
    # Characters the fonts on this computer could not print, as U+FFFD: the user is told.
    replaced_characters: tuple[str, ...] = ()
    sha256: str = ""  # of the written file, as its custody entries name it
    evidence_ids: tuple[int, ...] = ()  # the evidence it holds


def record_export(db: Database, result: ExportResult) -> None:
    """The custody entry of each exported item, once the file is whole under its name."""
    if db.read_only is not None:
        return  # nothing can be recorded in a database that cannot be written
    custody.record_exports(db, result.evidence_ids, result.path.name, result.sha256)
