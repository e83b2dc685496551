"""What exporting from the window writes to the database: the custody entries of the export.

The dossier is written by a process of its own, which leaves the database alone; the window
records the export once that process said the file is whole. Its own commit is then no
change from elsewhere, which would make the window read everything again.
"""

from __future__ import annotations

from appealdesk.domain.errors import AppealDeskError
from appealdesk.export.result import ExportResult, record_export
from appealdesk.store.database import Database


def record_exported(db: Database, result: ExportResult) -> str | None:
    """Records the export; what went wrong, said for the user, or None."""
    try:
        record_export(db, result)
    except AppealDeskError as exc:
        return exc.message
    return None
