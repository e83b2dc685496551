"""Opening, creating and migrating databases on real files."""

import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from appealdesk.domain.errors import DamagedDatabaseError, DatabaseError, NewerDatabaseError
from appealdesk.domain.models import SQLModel
from appealdesk.store import migrate
from appealdesk.store.database import open_database


def test_a_new_database_is_created_at_the_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    db = open_database(path)
    with sqlite3.connect(path) as raw:
        assert migrate.stored_revision(raw) == migrate.HEAD_REVISION
        tables = {
            row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    assert {"cases", "events", "evidence_items", "checklist_items", "case_search"} <= tables
    db.close()


def test_the_connection_settings_protect_the_data(tmp_path: Path) -> None:
    db = open_database(tmp_path / "settings.db")
    with db.engine.connect() as connection:

        def pragma(name: str) -> Any:
            return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2  # FULL
        assert pragma("busy_timeout") >= 1000
        assert pragma("secure_delete") == 1
    db.close()


def test_the_database_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "private.db"
    open_database(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_migrations_build_exactly_the_tables_the_code_expects(tmp_path: Path) -> None:
    db = open_database(tmp_path / "schema.db")
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = [
            d
            for d in compare_metadata(context, SQLModel.metadata)
            if "case_search" not in str(d) and "case_words" not in str(d)
        ]
    assert differences == []
    db.close()


def test_the_known_revisions_match_the_migration_scripts() -> None:
    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    chain = [rev.revision for rev in script.walk_revisions()][::-1]
    assert tuple(chain) == migrate.KNOWN_REVISIONS
    assert script.get_current_head() == migrate.HEAD_REVISION


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    open_database(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(NewerDatabaseError, match="newer version of AppealDesk"):
        open_database(path)


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("my notes, not a database")
    with pytest.raises(DamagedDatabaseError, match="not an AppealDesk database"):
        open_database(path)
    assert path.read_text() == "my notes, not a database"


def test_another_programs_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE songs (title TEXT)")
    with pytest.raises(DamagedDatabaseError, match="not an AppealDesk database"):
        open_database(path)


def test_a_folder_or_a_missing_folder_gives_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="is a folder"):
        open_database(tmp_path)
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(tmp_path / "missing" / "cases.db")
    with pytest.raises(DatabaseError, match="no database at"):
        open_database(tmp_path / "absent.db", create=False)


def test_the_copy_made_before_an_upgrade_is_private_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    open_database(path).close()
    backup = migrate.backup_before_migration(path)
    assert backup.parent == migrate.backups_dir_for(path)
    assert backup.name.endswith("-upgrade.sqlite3")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    with sqlite3.connect(backup) as raw:
        assert raw.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert migrate.stored_revision(raw) == migrate.HEAD_REVISION
