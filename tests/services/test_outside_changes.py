"""Telling the commits of another program apart from this process's own, on a real file."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from appealdesk.services import cases
from appealdesk.services.outside_changes import OutsideChanges
from appealdesk.store.database import Database


def edit_in_another_process(path: Path, number: str, notice: str) -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from appealdesk.services import cases\n"
        "from appealdesk.services.workspace import open_workspace\n"
        "db = open_workspace(Path(sys.argv[1]), create=False)\n"
        "case = cases.find_case(db, sys.argv[2]).case\n"
        "cases.update_case(db, case.id, notice_text=sys.argv[3])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path), number, notice],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def case_id_of(db: Database, number: str) -> int:
    found = cases.find_case(db, number).case.id
    assert found is not None
    return found


@pytest.mark.slow
@pytest.mark.subprocess
def test_a_commit_of_another_process_is_noticed_once(demo_db: Database) -> None:
    changes = OutsideChanges(demo_db)
    changes.track_own_commits()
    assert not changes.changed_elsewhere()
    edit_in_another_process(demo_db.path, "TT-2026-0001", "Elders gewijzigd")
    assert changes.changed_elsewhere()
    assert not changes.changed_elsewhere()
    changes.close()


def test_own_commits_are_not_changes_elsewhere(demo_db: Database) -> None:
    changes = OutsideChanges(demo_db)
    changes.track_own_commits()
    case_id = case_id_of(demo_db, "TT-2026-0002")
    cases.update_case(demo_db, case_id, notice_text="Hier gewijzigd")
    worker = threading.Thread(
        target=lambda: cases.update_case(demo_db, case_id, user_statement="In de achtergrond")
    )
    worker.start()
    worker.join()
    assert not changes.changed_elsewhere()
    changes.close()


@pytest.mark.slow
@pytest.mark.subprocess
def test_a_change_elsewhere_before_an_own_commit_is_not_lost(demo_db: Database) -> None:
    changes = OutsideChanges(demo_db)
    changes.track_own_commits()
    edit_in_another_process(demo_db.path, "TT-2026-0001", "Elders gewijzigd")
    case_id = case_id_of(demo_db, "TT-2026-0002")
    cases.update_case(demo_db, case_id, notice_text="Daarna hier")  # before anyone looked
    assert changes.changed_elsewhere()
    changes.close()


def test_before_tracking_every_commit_counts_as_elsewhere(demo_db: Database) -> None:
    changes = OutsideChanges(demo_db)
    case_id = case_id_of(demo_db, "TT-2026-0002")
    cases.update_case(demo_db, case_id, notice_text="Nog niet gevolgd")
    assert changes.changed_elsewhere()


@pytest.mark.slow
@pytest.mark.subprocess
def test_the_poll_does_not_wait_for_another_threads_query_and_sees_the_change_after(
    demo_db: Database,
) -> None:
    """The window's poll while a work thread counts a broad search: it answers at once, and
    a commit of another process meanwhile is seen by the next poll."""
    changes = OutsideChanges(demo_db)
    changes.track_own_commits()
    assert not changes.changed_elsewhere()
    reading = threading.Event()

    def long_query() -> None:
        reading.set()
        demo_db.rows(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000000) "
            "SELECT count(*) FROM n"
        )

    slow = threading.Thread(target=long_query, daemon=True)
    slow.start()
    reading.wait()
    edit_in_another_process(demo_db.path, "TT-2026-0001", "Elders gewijzigd")
    assert slow.is_alive(), "the query ended too soon to hold the reader"
    assert not changes.changed_elsewhere()  # answered while the reader was busy
    assert slow.is_alive()
    slow.join()
    assert changes.changed_elsewhere()  # the change is not lost
    assert not changes.changed_elsewhere()
    changes.close()
