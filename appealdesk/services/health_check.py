"""The full check of a database and its evidence files (``appealdesk check``)."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from appealdesk.domain.errors import DatabaseError
from appealdesk.i18n import _
from appealdesk.services.file_errors import read_error_reason
from appealdesk.store import driver, migrate, schema_check
from appealdesk.store.encryption import cipher_for
from appealdesk.store.evidence_store import (
    EvidenceStore,
    UnreadableFileError,
    evidence_dir_for,
)
from appealdesk.store.integrity import (
    CustodyFinding,
    EvidenceRow,
    custody_findings,
    database_problems,
    evidence_rows,
)
from appealdesk.store.work_folder import clear_leftovers

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import DataKey

# done, total
CheckProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class UnreadableEvidence:
    row: EvidenceRow
    path: Path
    reason: str  # translated: "no permission to read it"


@dataclass(frozen=True)
class HealthReport:
    database: Path
    database_problems: tuple[str, ...]
    evidence_checked: int
    evidence_missing: tuple[EvidenceRow, ...]
    evidence_damaged: tuple[EvidenceRow, ...]  # present, but no longer matching their SHA-256
    evidence_unreadable: tuple[UnreadableEvidence, ...]
    unreferenced_files: int  # in the evidence folder, but no row refers to them
    # Items changed behind the app's back: their custody record does not hold or match them.
    custody: tuple[CustodyFinding, ...] = ()

    @property
    def ok(self) -> bool:
        return not (
            self.database_problems
            or self.custody
            or self.evidence_missing
            or self.evidence_damaged
            or self.evidence_unreadable
        )


def _schema_problems(path: Path, key: DataKey | None) -> tuple[str, ...]:
    """What is not as AppealDesk makes it: a trigger of its own, a value it never writes."""
    try:
        revision = schema_check.revision_of(path, key)
        if revision in migrate.KNOWN_REVISIONS:  # a newer one is not this AppealDesk's to judge
            schema_check.check_database(path, revision, path, whole=False, key=key)
    except schema_check.UnacceptableDatabaseError as exc:
        return (exc.reason,)
    except OSError:
        return ()  # no work folder for the reference beside a read-only database
    return ()


def check_database(
    path: Path, progress: CheckProgress | None = None, *, key: DataKey | None = None
) -> HealthReport:
    """Runs ``integrity_check``, checks references and re-hashes every evidence file
    (decrypted with ``key`` when the database is encrypted)."""
    path = path.expanduser().absolute()
    if not path.is_file():
        raise DatabaseError(_("There is no database at {path}.").format(path=path))
    with contextlib.suppress(OSError):
        clear_leftovers(path)
    problems = tuple(database_problems(path, key)) or _schema_problems(path, key)
    try:
        rows = evidence_rows(path, key)
    except driver.errors(sqlite3.DatabaseError):
        no_list = problems or (_("the evidence list cannot be read"),)
        return HealthReport(path, no_list, 0, (), (), (), 0)
    store = EvidenceStore(evidence_dir_for(path), cipher_for(key))
    missing: list[EvidenceRow] = []
    damaged: list[EvidenceRow] = []
    unreadable: list[UnreadableEvidence] = []
    verified: dict[str, bool | UnreadableFileError] = {}
    for done, row in enumerate(rows, start=1):
        if row.sha256 not in verified:
            try:
                verified[row.sha256] = store.verify(row.sha256)
            except UnreadableFileError as exc:
                verified[row.sha256] = exc
        outcome = verified[row.sha256]
        if isinstance(outcome, UnreadableFileError):
            reason = read_error_reason(outcome)
            unreadable.append(UnreadableEvidence(row, store.path_for(row.sha256), reason))
        elif not outcome:
            (damaged if store.exists(row.sha256) else missing).append(row)
        if progress is not None:
            progress(done, len(rows))
    known = {store.name_for(sha256) for sha256 in verified}
    unreferenced = sum(1 for name in store.stored_names() if name not in known)
    try:
        custody = tuple(custody_findings(path, key))
    except driver.errors(sqlite3.DatabaseError):
        custody = ()
        problems = problems or (_("the custody records cannot be read"),)
    return HealthReport(
        path,
        problems,
        len(verified),
        tuple(missing),
        tuple(damaged),
        tuple(unreadable),
        unreferenced,
        custody,
    )
