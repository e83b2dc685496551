"""Opening the database a user works in, with the reference data it needs on first use."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from appealdesk.domain.enums import Platform
from appealdesk.domain.errors import DamagedDatabaseError
from appealdesk.domain.reference import platform_profile
from appealdesk.i18n import _
from appealdesk.store.database import Database, is_database_url, open_database
from appealdesk.store.work_folder import clear_leftovers, use_for_scratch

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import DataKey


def default_database_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("AppealDesk", appauthor=False) / "appealdesk.db"


def open_workspace(
    path: Path | str | None = None,
    *,
    create: bool = True,
    key: DataKey | None = None,
    check: bool = True,
) -> Database:
    """Opens ``path`` (or the default database), migrating and seeding it as needed;
    ``path`` may be a ``postgresql://`` URL (a team's database); ``key``: the data key of an
    encrypted database; ``check`` False: the caller runs :func:`integrity_problem` itself
    (see :func:`open_database`)."""
    if path is None:
        db = open_database(
            default_database_path(), create=create, create_folder=True, key=key, check=check
        )
    else:
        if not create and not is_database_url(path):
            _refuse_empty_file(Path(path).expanduser().absolute())
        db = open_database(path, create=create, key=key, check=check)
    if db.read_only is not None:
        return db  # nothing can be cleared or seeded; scratch files go to the system's folder
    # What a killed backup or check left (copies of the data) goes; work in progress stays.
    with contextlib.suppress(OSError):
        clear_leftovers(db.path)
    use_for_scratch(db.path)
    seed_platform_channels(db)
    return db


def _refuse_empty_file(path: Path) -> None:
    """Without ``create`` an empty file is not turned into a database: it is refused as a
    missing one would be, and left as it was."""
    try:
        empty = path.is_file() and path.stat().st_size == 0
        journal = path.with_name(path.name + "-wal")
        empty = empty and not (journal.is_file() and journal.stat().st_size > 0)
    except OSError:
        return  # open_database says what is wrong with it
    if empty:
        raise DamagedDatabaseError(_("{path} is not an AppealDesk database.").format(path=path))


def seed_platform_channels(db: Database) -> None:
    """Copies each shipped platform profile once; after that the user's edits stand."""
    present = {row[0] for row in db.rows("SELECT DISTINCT platform FROM platform_channels")}
    missing = [p for p in Platform if p not in present and platform_profile(p) is not None]
    if not missing:
        return
    from appealdesk.domain.models import PlatformChannel

    with db.transaction() as session:
        for platform in missing:
            profile = platform_profile(platform)
            assert profile is not None
            for channel in profile.channels:
                session.add(
                    PlatformChannel(
                        platform=platform,
                        channel=channel.channel,
                        address=channel.address,
                        typical_answer_days=channel.typical_answer_days,
                        source=channel.source,
                    )
                )
