"""The custody record of evidence: an entry for every change, chained by hashes, and
``appealdesk check`` naming every item changed behind the app's back."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from appealdesk.domain.custody import canonical_json, entry_hash
from appealdesk.domain.enums import CustodyAction, EvidenceKind
from appealdesk.services import cases, custody, evidence
from appealdesk.services.case_snapshots import delete_case, restore_case
from appealdesk.services.evidence_import import import_bytes
from appealdesk.services.workspace import open_workspace
from appealdesk.store.database import Database
from appealdesk.store.evidence_store import evidence_dir_for
from tests.engines import run_outside
from tests.fixtures import make_schema_fixtures as fixtures
from tests.images import encoded, picture

pytestmark = pytest.mark.usefixtures("qapp")  # the pictures are drawn with text


def _item(db: Database, title: str = "Melding") -> tuple[int, int]:
    case = cases.create_case(
        db,
        blocked_at=dt.datetime(2026, 11, 2, 8, 30),
        new_account={"handle": title.split()[0].lower()},
    )
    assert case.id is not None
    item = import_bytes(db, case.id, encoded(picture(text=title)), "shot.png").added[0]
    assert item.id is not None
    evidence.update_evidence(db, item.id, title=title)
    return case.id, item.id


def _actions(db: Database, evidence_id: int) -> list[CustodyAction]:
    return [e.action for e in custody.custody_records(db, [evidence_id])[evidence_id]]


def _check(path: Path) -> subprocess.CompletedProcess[str]:
    """``appealdesk check`` as a user runs it: a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "appealdesk", "check", "--db", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(Path(__file__).resolve().parents[2]), "LANGUAGE": "en"},
    )


def _tamper(path: Path, *statements: str) -> None:
    """Another program (the ``sqlite3`` module, not the app) changes the database."""
    code = (
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        "for s in sys.argv[2:]: c.execute(s)\n"
        "c.commit()\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path), *statements], check=True)


def test_every_change_is_an_entry_chained_to_the_one_before(db: Database) -> None:
    _case_id, item_id = _item(db)
    evidence.update_evidence(db, item_id, kind=EvidenceKind.ID_DOCUMENT)
    evidence.update_evidence(db, item_id, redactions=[[0.1, 0.1, 0.3, 0.1]])
    evidence.update_evidence(db, item_id, title="Melding")  # no change: no entry
    custody.record_exports(db, [item_id], "dossier.pdf", "ab" * 32)
    entries = custody.custody_records(db, [item_id])[item_id]
    assert [e.action for e in entries] == [
        CustodyAction.ADDED,
        CustodyAction.DETAILS_CHANGED,
        CustodyAction.DETAILS_CHANGED,
        CustodyAction.REDACTIONS_CHANGED,
        CustodyAction.EXPORTED,
    ]
    kind_change = json.loads(entries[2].details)
    assert kind_change["fields"] == ["kind", "sensitive"]
    assert kind_change["values"]["kind"] == {"old": "other", "new": "id_document"}
    assert json.loads(entries[3].details) == {"areas": {"old": 0, "new": 1}}
    assert json.loads(entries[4].details) == {"file": "dossier.pdf", "sha256": "ab" * 32}
    previous = ""
    for entry in entries:
        assert entry.previous_hash == previous
        assert entry.recorded_at.endswith("Z")
        digest = entry_hash(
            previous,
            item_id,
            entry.recorded_at,
            entry.action.value,
            json.loads(entry.details),
            json.loads(entry.facts),
        )
        assert entry.entry_hash == digest
        previous = digest
    assert json.loads(entries[-1].facts)["redactions"] == [[0.1, 0.1, 0.3, 0.1]]
    assert evidence.get_evidence(db, item_id).custody_head == previous


def test_exports_of_several_items_extend_each_items_own_chain(db: Database) -> None:
    _case_id, first = _item(db, "Melding")
    _case_id, second = _item(db, "Reactie")
    evidence.update_evidence(db, second, title="Reactie van TikTok")
    for name in ("one.pdf", "two.pdf"):
        assert custody.record_exports(db, [first, second], name, "ab" * 32) == 2
    records = custody.custody_records(db, [first, second])
    for item_id, entries in records.items():
        assert [e.action for e in entries][-2:] == [CustodyAction.EXPORTED] * 2
        previous = ""
        for entry in entries:
            assert entry.previous_hash == previous
            previous = entry.entry_hash
        assert evidence.get_evidence(db, item_id).custody_head == previous
    assert len(records[second]) == len(records[first]) + 1  # the title change


def test_what_the_user_wrote_stays_out_of_the_record(db: Database) -> None:
    _case_id, item_id = _item(db, title="Paspoort NL4491827")
    evidence.update_evidence(db, item_id, note="nummer NL4491827")
    entries = custody.custody_records(db, [item_id])[item_id]
    assert json.loads(entries[-1].details) == {"fields": ["note"], "values": {}}
    assert not any("NL4491827" in e.details + e.facts for e in entries)


def test_undone_deletions_keep_the_chain_whole(db: Database, tmp_path: Path) -> None:
    case_id, item_id = _item(db)
    evidence.put_back(db, evidence.take_out(db, item_id))
    assert _actions(db, item_id)[-2:] == [CustodyAction.REMOVED, CustodyAction.RESTORED]
    restore_case(db, delete_case(db, case_id))
    assert _actions(db, item_id)[-2:] == [CustodyAction.REMOVED, CustodyAction.RESTORED]
    if db.engine_name == "sqlite":  # the check of a database file
        db.close()
        checked = _check(db.path)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert "All is well." in checked.stdout


def test_entries_are_never_changed_or_deleted(db: Database) -> None:
    _item(db)
    for statement in (
        "UPDATE custody_entries SET action = 'added'",
        "DELETE FROM custody_entries",
    ):
        with pytest.raises(Exception, match="never changed or deleted"):
            run_outside(db, statement)
    assert run_outside(db, "SELECT count(*) FROM custody_entries")[0][0] > 0


@pytest.fixture
def two_items(tmp_path: Path) -> Path:
    """A database with two pieces of evidence, closed: the checks run on it as a file."""
    db = open_workspace(tmp_path / "cases.db")
    _item(db, "Melding")
    _case_id, other = _item(db, "Bevestiging")
    custody.record_exports(db, [other], "dossier.pdf", "cd" * 32)
    db.close()
    return db.path


def test_an_untouched_database_passes(two_items: Path) -> None:
    checked = _check(two_items)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "changed outside AppealDesk" not in checked.stdout


def test_a_capture_time_edited_with_sqlite3_is_named(two_items: Path) -> None:
    _tamper(
        two_items,
        "UPDATE evidence_items SET captured_at = '2026-01-01 09:00:00.000000' "
        "WHERE title = 'Bevestiging'",
    )
    checked = _check(two_items)
    assert checked.returncode == 1
    named = [line for line in checked.stdout.splitlines() if "changed outside" in line]
    assert len(named) == 1
    assert "Bevestiging of TT-2026-0002" in named[0]
    assert "capture time" in named[0] and "2026-01-01T09:00:00" in named[0]


def test_an_identity_document_unmarked_or_confirmed_with_sqlite3_is_named(
    two_items: Path,
) -> None:
    """What decides how an identity document leaves is among the recorded facts: made
    not sensitive, or "confirmed" as needing no black-out, behind the app's back, it is named."""
    _tamper(
        two_items,
        "UPDATE evidence_items SET kind = 'id_document', sensitive = 1 WHERE title = 'Melding'",
    )
    assert "Melding of TT-2026-0001" in _check(two_items).stdout
    _tamper(
        two_items,
        "UPDATE evidence_items SET no_blackout_confirmed_at = '2026-11-30 10:00:00.000000' "
        "WHERE title = 'Bevestiging'",
    )
    named = [line for line in _check(two_items).stdout.splitlines() if "Bevestiging" in line]
    assert len(named) == 1
    assert "confirmation that nothing needs blacking out" in named[0]


def test_an_edited_or_deleted_entry_is_named(two_items: Path) -> None:
    drop = "DROP TRIGGER custody_entries_no_{}"
    _tamper(
        two_items,
        drop.format("update"),
        drop.format("delete"),
        "UPDATE custody_entries SET details = '{}' WHERE action = 'details_changed' "
        "AND evidence_id = 1",
        "DELETE FROM custody_entries WHERE action = 'exported'",
    )
    checked = _check(two_items)
    assert checked.returncode == 1
    lines = checked.stdout.splitlines()
    first = next(line for line in lines if "Melding of TT-2026-0001" in line)
    assert "was changed after it was written" in first
    second = next(line for line in lines if "Bevestiging of TT-2026-0002" in line)
    assert "newest custody entry is missing" in second


def test_an_item_deleted_behind_the_apps_back_is_named(two_items: Path) -> None:
    _tamper(two_items, "DELETE FROM evidence_items WHERE title = 'Melding'")
    checked = _check(two_items)
    assert checked.returncode == 1
    assert "deleted without a custody entry" in checked.stdout


def test_an_upgraded_database_starts_a_record_for_each_item(tmp_path: Path) -> None:
    fixture = fixtures.fixture_path("0005")
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    shutil.copytree(evidence_dir_for(fixture), evidence_dir_for(path))
    db = open_workspace(path)
    ids = [row["id"] for row in fixtures.data_for("0005")["evidence_items"]]
    records = custody.custody_records(db, ids)
    db.close()
    assert all([e.action for e in records[i]] == [CustodyAction.RECORD_STARTED] for i in ids)
    facts = json.loads(records[1][0].facts)
    assert facts["capture_source"] == "unknown" and facts["captured_offset"] is None
    assert canonical_json(facts) == records[1][0].facts
    checked = _check(path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
