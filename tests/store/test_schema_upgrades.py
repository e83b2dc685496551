"""Every released schema revision upgrades to the current one with its data intact.

The databases in ``tests/fixtures/schemas`` are made by ``make_schema_fixtures.py``, whose
data set is also what these tests expect to find after the upgrade. They work on copies.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from appealdesk.domain.enums import CaseStatus, Checklist, Platform
from appealdesk.services import (
    appeal_letters,
    case_list,
    cases,
    channels,
    checklists,
    clients,
    events,
    evidence,
)
from appealdesk.services.case_rows import CaseQuery
from appealdesk.services.workspace import open_workspace
from appealdesk.store import migrate
from appealdesk.store.database import Database
from appealdesk.store.evidence_store import evidence_dir_for
from tests.fixtures import make_schema_fixtures as data

Row = dict[str, Any]

FIXTURES = sorted(data.SCHEMAS_DIR.glob("appealdesk-*.sqlite3"))


def revision_of(fixture: Path) -> str:
    return fixture.stem.removeprefix("appealdesk-")


def copy_fixture(fixture: Path, folder: Path) -> Path:
    path = folder / fixture.name
    shutil.copyfile(fixture, path)
    shutil.copytree(evidence_dir_for(fixture), evidence_dir_for(path))
    return path


@contextmanager
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """Plain sqlite3, bypassing the app; the fixtures themselves are never written."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        yield connection
    finally:
        connection.close()


@dataclass(frozen=True)
class Upgraded:
    revision: str  # of the fixture, before the upgrade
    fixture: Path
    path: Path
    db: Database

    def rows(self, table: str) -> tuple[Row, ...]:
        return data.data_for(self.revision).get(table, ())


@pytest.fixture(scope="module", params=FIXTURES, ids=revision_of)
def upgraded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Upgraded]:
    """A copy of one fixture, opened (and so upgraded) by the app; shared by the reading tests."""
    fixture: Path = request.param
    revision = revision_of(fixture)
    path = copy_fixture(fixture, tmp_path_factory.mktemp(f"schema-{revision}"))
    db = open_workspace(path)
    yield Upgraded(revision, fixture, path, db)
    db.close()


def assert_fields(found: object, expected: Row) -> None:
    for name, value in expected.items():
        assert getattr(found, name) == value, f"{type(found).__name__}.{name}"


def case_id(number: str) -> int:
    return next(row["id"] for row in data.CASES if row["case_number"] == number)


def found(db: Database, text: str) -> list[str]:
    return [row.case_number for row in case_list.list_cases(db, CaseQuery(search=text))]


# The fixtures themselves ------------------------------------------------------------------


def test_every_released_revision_has_a_fixture() -> None:
    missing = [
        revision
        for revision in migrate.KNOWN_REVISIONS
        if not data.fixture_path(revision).is_file()
        or not evidence_dir_for(data.fixture_path(revision)).is_dir()
    ]
    assert missing == [], "add the revision to make_schema_fixtures.py and run it"
    assert [revision_of(f) for f in FIXTURES] == list(migrate.KNOWN_REVISIONS)
    for fixture in FIXTURES:
        with read_only(fixture) as raw:
            assert migrate.stored_revision(raw) == revision_of(fixture)


# After the upgrade ------------------------------------------------------------------------


def test_the_upgrade_reaches_the_current_revision_and_a_sound_file(upgraded: Upgraded) -> None:
    with read_only(upgraded.path) as raw:
        assert migrate.stored_revision(raw) == migrate.HEAD_REVISION
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []


def _schema(path: Path) -> set[tuple[str, str, str | None]]:
    with read_only(path) as raw:
        objects = set(raw.execute("SELECT type, name, sql FROM sqlite_master"))
    return objects


def test_the_upgraded_schema_is_that_of_a_new_database(upgraded: Upgraded, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.sqlite3"
    open_workspace(fresh).close()
    assert _schema(upgraded.path) == _schema(fresh)


def _stored_rows(raw: sqlite3.Connection) -> dict[str, dict[int, Row]]:
    """Every row of every table (the search index too, but not its internal tables, nor
    ``case_words``, which keeps no text of its own)."""
    tables = [
        name
        for (name,) in raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'case_search_%' AND name NOT LIKE 'case_words%' "
            "AND name != 'alembic_version'"
        )
    ]
    rows: dict[str, dict[int, Row]] = {}
    for table in tables:
        cursor = raw.execute(f"SELECT rowid, * FROM {table}")
        names = [column[0] for column in cursor.description][1:]
        rows[table] = {values[0]: dict(zip(names, values[1:], strict=True)) for values in cursor}
    return rows


def test_every_stored_row_keeps_its_values(upgraded: Upgraded) -> None:
    with read_only(upgraded.fixture) as raw:
        before = _stored_rows(raw)
    with read_only(upgraded.path) as raw:
        after = _stored_rows(raw)
    assert sum(len(rows) for rows in before.values()) > 30
    for table, rows in before.items():
        for rowid, row in rows.items():
            kept = after[table].get(rowid)
            assert kept is not None, f"{table} row {rowid} is gone"
            assert {name: kept[name] for name in row} == row, f"{table} row {rowid}"


def test_clients_accounts_and_channels_survive(upgraded: Upgraded) -> None:
    db = upgraded.db
    summaries = {summary.client.id: summary for summary in clients.list_clients(db)}
    assert set(summaries) == {row["id"] for row in upgraded.rows("clients")}
    for row in upgraded.rows("clients"):
        assert_fields(summaries[row["id"]].client, row)
    studio = summaries[1]
    assert (studio.accounts, studio.cases, studio.open_cases) == (2, 3, 3)
    assert (summaries[2].accounts, summaries[2].cases, summaries[2].open_cases) == (1, 1, 1)

    accounts = {account.id: (account, client) for account, client in clients.list_accounts(db)}
    assert set(accounts) == {row["id"] for row in upgraded.rows("accounts")}
    for row in upgraded.rows("accounts"):
        account, client = accounts[row["id"]]
        assert_fields(account, row)
        assert client.id == row["client_id"]

    tiktok = channels.list_channels(db, Platform.TIKTOK)
    assert [c.id for c in tiktok] == [row["id"] for row in upgraded.rows("platform_channels")]
    for channel, row in zip(tiktok, upgraded.rows("platform_channels"), strict=True):
        assert_fields(channel, row)


def test_cases_survive_with_their_notice_texts(upgraded: Upgraded) -> None:
    db = upgraded.db
    listed = case_list.list_cases(db, CaseQuery())
    assert [(r.case_number, r.status) for r in listed] == sorted(
        (row["case_number"], row["status"]) for row in upgraded.rows("cases")
    )
    assert case_list.status_counts(db)[CaseStatus.APPEAL_FILED] == 1
    for row in upgraded.rows("cases"):
        detail = cases.find_case(db, row["case_number"])
        assert_fields(detail.case, row)
        assert detail.account.id == row["account_id"]
    notice = cases.get_case(db, case_id("TT-2026-0002")).case.notice_text
    assert "Zoë's café-video 🎂" in notice
    assert cases.get_case(db, case_id("YT-2026-0001")).case.notice_text.startswith(
        "Je kanaal is beëindigd"
    )


def test_events_survive_with_reference_numbers_and_channels(upgraded: Upgraded) -> None:
    for row in upgraded.rows("cases"):
        expected = sorted(
            (e for e in upgraded.rows("events") if e["case_id"] == row["id"]),
            key=lambda e: (e["occurred_at"], e["id"]),
        )
        stored = events.list_events(upgraded.db, row["id"])
        assert [e.id for e in stored] == [e["id"] for e in expected]
        for event, wanted in zip(stored, expected, strict=True):
            assert_fields(event, wanted)
    detail = cases.find_case(upgraded.db, "TT-2026-0002")
    assert [(e.channel, e.reference) for e in detail.events if e.reference] == [
        ("in_app_appeal", "TT-APL-7781-2026"),
        ("email", "CS-2026-04417"),
    ]


def test_evidence_survives_with_its_files(upgraded: Upgraded) -> None:
    db = upgraded.db
    for row in upgraded.rows("evidence_items"):
        stored = {item.id: item for item in evidence.list_evidence(db, row["case_id"])}
        item = stored[row["id"]]
        assert_fields(item, row)
        assert item.redactions == row.get("redactions", [])  # "[]" for rows from before 0002
        assert db.evidence.verify(item.sha256)
        assert len(db.evidence.read_bytes(item.sha256)) == item.size_bytes
    id_card = evidence.get_evidence(db, 2)
    assert id_card.sensitive and not id_card.include_in_dossier
    if data.at_least(upgraded.revision, "0002"):
        assert id_card.redactions == [[0.1, 0.55, 0.6, 0.1], [0.7, 0.1, 0.2, 0.3]]
    assert [e.id for e in cases.find_case(db, "TT-2026-0002").evidence] == [1, 2]


def test_checklists_survive_with_their_evidence_links(upgraded: Upgraded) -> None:
    db = upgraded.db
    for row in upgraded.rows("cases"):
        detail = cases.get_case(db, row["id"])
        expected = {
            c["id"]: c for c in upgraded.rows("checklist_items") if c["case_id"] == row["id"]
        }
        assert {item.id for item in detail.checklist} == set(expected)
        for item in detail.checklist:
            assert_fields(item, expected[item.id])
    ids = {
        e.key: e
        for e in checklists.get_checklist(db, case_id("TT-2026-0002"), Checklist.ID_DOCUMENTS)
    }
    assert (ids["id_front"].state, ids["id_front"].evidence_id) == ("collected", 2)
    assert ids["id_front"].note == "BSN afgeschermd"
    assert ids["selfie_with_id"].state == "needed"
    signs = checklists.get_checklist(db, case_id("TT-2026-0002"), Checklist.BLOCK_SIGNS)
    assert [s.state for s in signs if s.key == "cannot_log_in"] == ["observed"]


def test_statements_of_reasons_survive(upgraded: Upgraded) -> None:
    with_statement = {row["case_id"]: row for row in upgraded.rows("statements_of_reasons")}
    for row in upgraded.rows("cases"):
        statement = cases.get_case(upgraded.db, row["id"]).statement
        if row["id"] in with_statement:
            assert statement is not None
            assert_fields(statement, with_statement[row["id"]])
        else:
            assert statement is None


def test_appeal_letters_survive(upgraded: Upgraded) -> None:
    letters = {(row["case_id"], row["language"]): row for row in upgraded.rows("appeal_letters")}
    assert bool(letters) == data.at_least(upgraded.revision, "0003")
    for row in upgraded.rows("cases"):
        for language in ("nl", "en"):
            letter = appeal_letters.get_letter(upgraded.db, row["id"], language)
            if (row["id"], language) in letters:
                assert letter is not None
                assert_fields(letter, letters[row["id"], language])
            else:
                assert letter is None


def test_full_text_search_still_finds_cases(upgraded: Upgraded) -> None:
    db = upgraded.db
    assert found(db, "intimidatie") == ["TT-2026-0002"]
    assert found(db, "beëindigd") == ["YT-2026-0001"]
    assert found(db, "beeindigd") == ["YT-2026-0001"]
    assert found(db, "naive") == ["IG-2026-0001"]
    assert found(db, "CS-2026-04417") == ["TT-2026-0002"]
    assert found(db, "TT-DEC-99120") == ["TT-2026-0001"]
    assert found(db, "YT-APPEAL-3F9K2") == ["YT-2026-0001"]
    assert found(db, "zoe") == ["IG-2026-0001", "TT-2026-0001", "TT-2026-0002"]


# Backups ----------------------------------------------------------------------------------

OLD_FIXTURES = [f for f in FIXTURES if revision_of(f) != migrate.HEAD_REVISION]


@pytest.mark.parametrize("fixture", OLD_FIXTURES, ids=revision_of)
def test_an_old_revision_is_backed_up_before_it_is_migrated(fixture: Path, tmp_path: Path) -> None:
    path = copy_fixture(fixture, tmp_path)
    open_workspace(path).close()
    backups = sorted(migrate.backups_dir_for(path).glob("*.sqlite3"))
    assert backups
    for backup in backups:
        with read_only(backup) as raw:
            assert migrate.stored_revision(raw) == revision_of(fixture)
            assert raw.execute("SELECT count(*) FROM cases").fetchone()[0] == len(data.CASES)


def test_the_current_revision_opens_without_a_backup(tmp_path: Path) -> None:
    path = copy_fixture(data.fixture_path(migrate.HEAD_REVISION), tmp_path)
    open_workspace(path).close()
    assert not migrate.backups_dir_for(path).exists()
