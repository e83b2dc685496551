"""The demo shows every stage of the escalation path, in Dutch or in English throughout."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlmodel import col, select

from appealdesk.domain.enums import (
    AutomatedDecision,
    CaseStatus,
    EventKind,
    EvidenceKind,
    WorkspaceRole,
)
from appealdesk.domain.models import Account, Case, Client, Event, EvidenceItem, StatementOfReasons
from appealdesk.services import cases, ods, profile
from appealdesk.services.demo import create_demo_database
from appealdesk.services.workspace import open_workspace
from appealdesk.store.database import Database
from tests.conftest import TODAY

ODS_CASE = "TT-2026-0013"  # internal complaint rejected; the agency goes to a body
ABROAD_CASE = "TT-2026-0014"  # the holder lives in London
FULLY_AUTOMATED_CASE = "TT-2026-0005"  # rejected; an internal complaint is next

# Common words of one language that the other does not use ("was" is both).
ENGLISH = {"the", "and", "your", "you", "with", "has", "been", "this", "that", "have"}
DUTCH = {"het", "een", "niet", "je", "zijn", "wordt", "heeft", "omdat", "geen", "ik", "mijn"}


@pytest.fixture(scope="module")
def english_demo(tmp_path_factory: pytest.TempPathFactory, qapp: object) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("demo-en") / "demo.db"
    create_demo_database(path, language="en", today=TODAY)
    database = open_workspace(path)
    yield database
    database.close()


@pytest.fixture(params=["nl", "en"])
def demo(request: pytest.FixtureRequest, demo_db: Database) -> tuple[str, Database]:
    language = request.param
    db = demo_db if language == "nl" else request.getfixturevalue("english_demo")
    return language, db


def _free_texts(db: Database) -> list[str]:
    """Everything in the demo written as prose (names, handles and references are not)."""
    with db.reading() as session:
        texts = [
            t for c in session.exec(select(Case)).all() for t in (c.notice_text, c.user_statement)
        ]
        for event in session.exec(select(Event)).all():
            texts += [event.summary, event.body, event.outcome]
        texts += [e.title for e in session.exec(select(EvidenceItem)).all()]
        texts += [c.notes for c in session.exec(select(Client)).all()]
        for statement in session.exec(select(StatementOfReasons)).all():
            texts += [statement.decision_facts, statement.incompatible_content_ground]
    return [t for t in texts if t.strip()]


def test_every_status_is_in_the_demo(demo: tuple[str, Database]) -> None:
    _language, db = demo
    with db.reading() as session:
        statuses = set(session.exec(select(col(Case.status))).all())
    assert statuses == set(CaseStatus)


def test_the_demo_speaks_one_language(demo: tuple[str, Database]) -> None:
    language, db = demo
    other = ENGLISH if language == "nl" else DUTCH
    own = DUTCH if language == "nl" else ENGLISH
    texts = _free_texts(db)
    assert len(texts) > 60
    for text in texts:
        words = set(re.findall(r"[a-zà-ÿ]+", text.lower()))
        assert not words & other, text
    assert sum(bool(set(re.findall(r"[a-zà-ÿ]+", t.lower())) & own) for t in texts) > 30


def test_the_demo_works_for_an_agency_with_a_mandate(demo: tuple[str, Database]) -> None:
    _language, db = demo
    workspace = profile.get_workspace(db)
    assert workspace is not None and workspace.role is WorkspaceRole.AGENCY
    assert workspace.agency_name and workspace.contact_person and "@" in workspace.email
    detail = cases.find_case(db, ODS_CASE)
    assert [e.kind for e in detail.evidence] == [EvidenceKind.MANDATE]
    assert detail.account.holder_name == "Lieke Vermeulen"
    assert detail.account.holder_email.endswith(".example")


def test_the_ods_case_is_eligible_for_its_body(demo: tuple[str, Database]) -> None:
    language, db = demo
    detail = cases.find_case(db, ODS_CASE)
    case = detail.case
    assert case.status is CaseStatus.REJECTED
    assert case.ods_body == "appeals_centre_europe" and case.other_proceedings is False
    assert case.content_url.startswith("https://www.tiktok.com/@lieke.onderweg/video/")
    kinds = [e.kind for e in detail.events]
    assert kinds.index(EventKind.INTERNAL_COMPLAINT) < len(kinds) - 1
    assert kinds[-1] is EventKind.APPEAL_REJECTED  # the complaint was rejected too
    assert case.id is not None
    found = {b.body.id: b for b in ods.bodies_for_case(db, case.id, TODAY, language)}
    assert found["appeals_centre_europe"].eligibility.eligible is True


def test_a_holder_outside_the_eu_is_not_eligible(demo: tuple[str, Database]) -> None:
    language, db = demo
    detail = cases.find_case(db, ABROAD_CASE)
    assert detail.account.country == "GB" and detail.case.id is not None
    found = {b.body.id: b for b in ods.bodies_for_case(db, detail.case.id, TODAY, language)}
    body = found["appeals_centre_europe"].eligibility
    assert body.eligible is False
    assert "residence_outside_eu" in [r.code for r in body.reasons]


def test_the_rejected_cases_carry_the_whole_statement(demo: tuple[str, Database]) -> None:
    _language, db = demo
    statement = cases.find_case(db, FULLY_AUTOMATED_CASE).statement
    assert statement is not None
    assert statement.automated_decision is AutomatedDecision.FULLY
    with db.reading() as session:
        rows = session.exec(select(StatementOfReasons)).all()
    assert len(rows) >= 5
    for row in rows:
        assert row.content_type and row.source_type is not None
        assert row.received_on is not None and row.redress_explained is not None
        assert row.decision_provision is not None or row.decision_visibility


def test_every_account_has_its_holder(demo: tuple[str, Database]) -> None:
    _language, db = demo
    with db.reading() as session:
        accounts = session.exec(select(Account)).all()
    assert all(a.holder_name and a.holder_email.endswith(".example") for a in accounts)
    assert {a.country for a in accounts} == {"NL", "GB"}
