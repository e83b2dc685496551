"""The integrity check of a database a window opened without waiting for it.

Checking a file reads all of it: half a second for 100,000 cases from memory, several from a
cold disk. A window opening a large file therefore shows its cases first and runs the check
beside them (see :func:`~appealdesk.services.workspace.open_workspace`'s ``check``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from appealdesk.store.database_inspect import integrity_problem

if TYPE_CHECKING:
    from appealdesk.domain.errors import DamagedDatabaseError
    from appealdesk.store.backup.folder import BackupFile
    from appealdesk.store.database import Database


@dataclass(frozen=True)
class Damage:
    error: DamagedDatabaseError  # what is wrong, for the user
    backup: BackupFile | None  # the newest backup that passes the check, to put in its place


def damage_found(db: Database, should_stop: Callable[[], bool] | None = None) -> Damage | None:
    """None when ``db``'s file passes SQLite's quick check (or ``should_stop`` ended it);
    a team database on PostgreSQL has no file to check."""
    if db.shared:
        return None
    error = integrity_problem(db.path, db.key, should_stop)
    if error is None or (should_stop is not None and should_stop()):
        return None
    from appealdesk.services.restore import newest_good_backup  # the ORM: only when needed

    return Damage(error, newest_good_backup(db.path, db.key))
