"""Bringing a database to the schema of this version of AppealDesk.

The stored revision is read with plain ``sqlite3`` first; Alembic (about a quarter of a
second to import) is only loaded when an upgrade is actually needed. Before upgrading a
database that holds data, a copy is made with the SQLite backup API.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appealdesk.domain.enums import BackupReason
from appealdesk.domain.errors import DatabaseError, NewerDatabaseError
from appealdesk.i18n import _
from appealdesk.store.backup.folder import BackupFolder, backups_dir_for
from appealdesk.store.encryption import cipher_for
from appealdesk.store.evidence_store import EvidenceStore, evidence_dir_for

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import DataKey

__all__ = ["backups_dir_for", "migrate_to", "needs_upgrade", "stored_revision", "upgrade"]

# Every revision a released AppealDesk has written, oldest first. The last one is current.
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0010",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

log = logging.getLogger(__name__)


def stored_revision(connection: sqlite3.Connection) -> str | None:
    has_table = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if not has_table:
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def needs_upgrade(revision: str | None) -> bool:
    """False when current; raises when the database is newer than this program."""
    if revision == HEAD_REVISION:
        return False
    if revision is None or revision in KNOWN_REVISIONS:
        return True
    raise NewerDatabaseError(
        _(
            "This database was written by a newer version of AppealDesk (schema {revision}). "
            "Update AppealDesk to open it."
        ).format(revision=revision)
    )


def backup_before_migration(database: Path, key: DataKey | None = None) -> Path:
    folder = BackupFolder(database, key)
    live = EvidenceStore(evidence_dir_for(database), cipher_for(key))
    result = folder.create(BackupReason.UPGRADE, live)
    log.info(
        "backup made (%s): %d evidence files copied, %d missing",
        result.backup.reason.value,
        result.evidence_copied,
        len(result.evidence_missing),
    )
    return result.backup.path


def upgrade(database: Path, revision: str | None, key: DataKey | None = None) -> Path | None:
    """Upgrades to the head revision in one transaction; returns the backup made first.
    ``key``: the data key of an encrypted database."""
    backup = backup_before_migration(database, key) if revision is not None else None
    start = "none (new database)" if revision is None else revision
    log.info("schema upgrade from revision %s to %s", start, HEAD_REVISION)
    try:
        migrate_to(database, "head", check_references=True, key=key)
    except BaseException as exc:
        log.warning("schema upgrade from revision %s failed: %s", start, type(exc).__name__)
        raise
    log.info("schema upgraded to revision %s", HEAD_REVISION)
    return backup


def migrate_to(
    database: Path,
    target: str,
    *,
    check_references: bool = False,
    temp_in_memory: bool = False,
    key: DataKey | None = None,
) -> None:
    """Runs the migrations up to ``target`` ("head" or a revision) in one transaction;
    ``temp_in_memory`` keeps SQLite's temporary files out of the system's folder (for small
    databases only)."""
    from alembic import command
    from alembic.config import Config

    from appealdesk.store.engine import WRITE_OPTION, create_sqlite_engine

    # Foreign keys stay off while tables are rebuilt and are checked once at the end.
    engine = create_sqlite_engine(database, foreign_keys=False, pooled=False, key=key)
    if temp_in_memory:
        from sqlalchemy import event

        @event.listens_for(engine, "connect")
        def _temp_in_memory(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.execute("PRAGMA temp_store = MEMORY")

    try:
        with (
            engine.connect().execution_options(**{WRITE_OPTION: True}) as connection,
            connection.begin(),
        ):
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS_DIR))
            config.attributes["connection"] = connection
            command.upgrade(config, target)
            if (
                check_references
                and connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            ):
                raise DatabaseError(
                    _("The database upgrade left broken references; nothing was changed.")
                )
    finally:
        engine.dispose()
