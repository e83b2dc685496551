"""``appealdesk bodies`` and the facts it gathers from a case, on real database files."""

import datetime as dt
import json
from pathlib import Path

import pytest

from appealdesk.domain.enums import BlockKind, Channel, Direction, EventKind
from appealdesk.domain.ods_eligibility import Outcome
from appealdesk.services import cases, events
from appealdesk.services.ods import BodyForCase, bodies_for_case
from appealdesk.store.database import Database
from tests.cli.test_cli import appealdesk, assert_one_clear_line

BLOCKED = dt.datetime(2026, 11, 2, 8, 30)
TODAY = dt.date(2026, 12, 1)


def _case(db: Database, handle: str, country: str = "NL", **values) -> int:
    case = cases.create_case(
        db,
        blocked_at=values.pop("blocked_at", BLOCKED),
        new_account={"platform": "tiktok", "handle": handle, "country": country},
        created_at=dt.datetime(2026, 11, 3, 9),
        **values,
    )
    assert case.id is not None
    return case.id


def _by_id(found: list[BodyForCase]) -> dict[str, BodyForCase]:
    return {item.body.id: item for item in found}


def _codes(item: BodyForCase) -> list[str]:
    return [r.code for r in item.eligibility.reasons]


def test_a_recent_suspension_in_the_netherlands(db: Database) -> None:
    found = _by_id(bodies_for_case(db, _case(db, "lotte"), today=TODAY, language="en"))
    assert found["appeals_centre_europe"].eligibility.eligible is True
    assert found["user_rights"].eligibility.eligible is True
    assert found["adroit"].eligibility.eligible is None  # its platforms are not confirmed


def test_the_account_country_decides_residence(db: Database) -> None:
    abroad = bodies_for_case(db, _case(db, "abroad", country="US"), today=TODAY)
    assert all(item.eligibility.eligible is False for item in abroad)
    assert all("residence_outside_eu" in _codes(item) for item in abroad)
    unknown = _by_id(bodies_for_case(db, _case(db, "nowhere", country=""), today=TODAY))
    assert unknown["appeals_centre_europe"].eligibility.eligible is None
    assert unknown["appeals_centre_europe"].eligibility.missing_facts == ("eu_residence",)


def test_the_block_date_sets_the_time_limit(db: Database) -> None:
    case_id = _case(db, "late", blocked_at=dt.datetime(2026, 3, 1, 9))
    found = _by_id(bodies_for_case(db, case_id, today=TODAY))
    ace = found["appeals_centre_europe"].eligibility
    assert ace.eligible is False and "decision_too_old" in [r.code for r in ace.open_points()]


def test_a_decision_of_a_body_in_the_timeline_means_already_decided(db: Database) -> None:
    case_id = _case(db, "decided", block_kind=BlockKind.TEMPORARY_SUSPENSION)
    events.add_event(
        db,
        case_id,
        occurred_at=dt.datetime(2026, 11, 10, 9),
        kind=EventKind.OUT_OF_COURT_DISPUTE,
        channel=Channel.OUT_OF_COURT_BODY,
        direction=Direction.OUTGOING,
    )
    pending = _by_id(bodies_for_case(db, case_id, today=TODAY, language="en"))
    assert pending["appeals_centre_europe"].eligibility.eligible is True
    assert "dispute_pending" in _codes(pending["appeals_centre_europe"])
    events.add_event(
        db,
        case_id,
        occurred_at=dt.datetime(2026, 11, 25, 9),
        kind=EventKind.RESPONSE_RECEIVED,
        channel=Channel.OUT_OF_COURT_BODY,
        direction=Direction.INCOMING,
    )
    decided = _by_id(bodies_for_case(db, case_id, today=TODAY, language="en"))
    ace = decided["appeals_centre_europe"].eligibility
    assert ace.eligible is False
    assert [r.code for r in ace.reasons if r.outcome is Outcome.NOT_MET] == ["already_decided"]
    assert "dispute_pending" not in _codes(decided["appeals_centre_europe"])


def test_the_demo_case_at_a_body(demo_db: Database) -> None:
    detail = cases.find_case(demo_db, "TT-2026-0006")  # a permanent ban, a dispute filed
    assert detail.case.id is not None
    found = _by_id(bodies_for_case(demo_db, detail.case.id, language="en"))
    ace = found["appeals_centre_europe"].eligibility
    assert ace.eligible is None  # account terminations are not confirmed for this body
    assert [r.code for r in ace.open_points()] == ["decision_type_to_check", "dispute_pending"]


@pytest.mark.subprocess
def test_json_for_a_case(demo_path: Path) -> None:
    result = appealdesk(
        "bodies", "--db", demo_path, "--case", "tt-2026-0006", "--format", "json", "--lang", "en"
    )
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert records[0]["id"] == "appeals_centre_europe" and len(records) >= 4
    for record in records:
        for key in ("id", "name", "eligible", "reasons", "website", "platforms", "languages"):
            assert key in record, key
        assert record["eligible"] in (True, False, None)
        assert all(isinstance(reason, str) and reason for reason in record["reasons"])
    ace = records[0]
    assert ace["eligible"] is None and "tiktok" in ace["platforms"]
    assert any("account termination" in reason for reason in ace["reasons"])


@pytest.mark.subprocess
def test_without_a_case_every_body_is_listed_without_a_database() -> None:
    result = appealdesk("bodies", "--format", "json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert len(records) >= 4
    assert all(r["eligible"] is None and r["reasons"] == [] for r in records)
    table = appealdesk("bodies", "--lang", "en")
    assert table.returncode == 0, table.stderr
    assert "Appeals Centre Europe" in table.stdout and "Asks for" in table.stdout


@pytest.mark.subprocess
def test_the_table_for_a_case(demo_path: Path) -> None:
    result = appealdesk("bodies", "--db", demo_path, "--case", "TT-2026-0006", "--lang", "en")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("TT-2026-0006")
    assert any("Can take the case" in line for line in lines)
    assert any(line.startswith("User Rights GmbH") for line in lines)
    assert "\x1b" not in result.stdout
    dutch = appealdesk("bodies", "--db", demo_path, "--case", "TT-2026-0006", "--lang", "nl")
    assert dutch.returncode == 0, dutch.stderr
    assert "geschilleninstantie" in dutch.stdout


@pytest.mark.subprocess
def test_a_case_that_does_not_exist(demo_path: Path) -> None:
    result = appealdesk("bodies", "--db", demo_path, "--case", "TT-2099-0001")
    assert_one_clear_line(result, "TT-2099-0001")
    assert result.stdout == ""


@pytest.mark.subprocess
def test_a_database_that_is_not_there(tmp_path: Path) -> None:
    result = appealdesk("bodies", "--db", tmp_path / "none.db", "--case", "TT-2026-0001")
    assert_one_clear_line(result)
    assert not (tmp_path / "none.db").exists()
