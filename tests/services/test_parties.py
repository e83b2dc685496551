"""The parties a letter or dossier names: the holder, the agency acting for them, the platform."""

from __future__ import annotations

import datetime as dt
from typing import Unpack

import pytest

from appealdesk.domain.enums import EvidenceKind, WorkspaceRole
from appealdesk.domain.errors import ValidationError
from appealdesk.services import cases, clients, profile
from appealdesk.services.changes import NewAccount
from appealdesk.store.database import Database


def _case(db: Database, **account: Unpack[NewAccount]) -> int:
    new_account: NewAccount = {"handle": "lotte.danst", "platform": "tiktok", **account}
    case = cases.create_case(db, blocked_at=dt.datetime(2026, 11, 2, 9, 0), new_account=new_account)
    assert case.id is not None
    return case.id


def test_a_creator_is_the_only_party_on_their_side(db: Database) -> None:
    case_id = _case(db, holder_name="Lotte de Vries", holder_email="lotte@example.nl", country="nl")
    parties = cases.get_case(db, case_id).parties
    assert parties.holder.name == "Lotte de Vries"
    assert parties.holder.email == "lotte@example.nl"
    assert parties.holder.country == "NL"
    assert parties.representative is None
    entity = parties.platform.entity
    assert entity is not None and entity.name == "TikTok Technology Limited"
    assert "Dublin 2, D02 HD23" in entity.address


def test_without_a_name_the_letter_falls_back_to_the_handle_not_the_display_name(
    db: Database,
) -> None:
    case_id = _case(db, display_name="Lotte 💃")
    assert cases.get_case(db, case_id).parties.holder.signature_name == "@lotte.danst"


def test_an_agency_acts_for_the_holder_with_the_mandate_in_the_evidence(db: Database) -> None:
    profile.save_workspace(
        db,
        role=WorkspaceRole.AGENCY,
        agency_name="Boost Media B.V.",
        contact_person="Sanne Bakker",
        email="sanne@boost.example",
    )
    case_id = _case(db, holder_name="Lotte de Vries")
    representative = cases.get_case(db, case_id).parties.representative
    assert representative is not None
    assert (representative.organisation, representative.contact_person) == (
        "Boost Media B.V.",
        "Sanne Bakker",
    )
    assert representative.mandate is None
    assert EvidenceKind.MANDATE.value == "mandate"


def test_the_profile_is_one_row_changed_in_place(db: Database) -> None:
    assert profile.get_workspace(db) is None
    profile.save_workspace(db, role="agency", agency_name="A")
    profile.save_workspace(db, agency_name="B")
    workspace = profile.get_workspace(db)
    assert workspace is not None
    assert (workspace.role, workspace.agency_name) == (WorkspaceRole.AGENCY, "B")
    with pytest.raises(ValidationError):
        profile.save_workspace(db, role="publisher")


def test_the_case_keeps_the_content_address_body_and_other_proceedings(db: Database) -> None:
    case_id = _case(db)
    cases.update_case(
        db,
        case_id,
        content_url="https://www.tiktok.com/@lotte.danst/video/1",
        ods_body="appeals_centre_europe",
        other_proceedings=False,
    )
    case = cases.get_case(db, case_id).case
    assert (case.content_url, case.ods_body, case.other_proceedings) == (
        "https://www.tiktok.com/@lotte.danst/video/1",
        "appeals_centre_europe",
        False,
    )
    with pytest.raises(ValidationError, match="https://"):
        cases.update_case(db, case_id, content_url="javascript:alert(1)")
    with pytest.raises(ValidationError, match="out-of-court body"):
        cases.update_case(db, case_id, ods_body="nobody")
    assert cases.get_case(db, case_id).case.content_url.endswith("/video/1")


def test_the_holder_fields_are_cleaned_like_the_other_account_lines(db: Database) -> None:
    case_id = _case(db, holder_name="Lotte\x07 de Vries")
    account = cases.get_case(db, case_id).account
    assert account.holder_name == "Lotte de Vries"
    assert account.id is not None
    clients.update_account(db, account.id, holder_email="lotte@example.nl")
    assert cases.get_case(db, case_id).parties.holder.email == "lotte@example.nl"


def test_the_chosen_body_s_time_limit_is_a_deadline_until_the_dispute_is_filed(
    db: Database,
) -> None:
    from appealdesk.domain.deadlines import BODY_FILING_KEY
    from appealdesk.domain.enums import Channel, EventKind
    from appealdesk.services import events

    case_id = _case(db)
    cases.update_case(db, case_id, ods_body="appeals_centre_europe")
    detail = cases.get_case(db, case_id)
    filing = next(d for d in detail.deadlines if d.key == BODY_FILING_KEY)
    assert filing.due == dt.date(2027, 5, 2)  # six months after the block of 2 November 2026
    assert filing.action() == "Submit the dispute to the out-of-court body"
    events.add_event(
        db,
        case_id,
        kind=EventKind.OUT_OF_COURT_DISPUTE,
        channel=Channel.OUT_OF_COURT_BODY,
        occurred_at=dt.datetime(2026, 11, 20, 10),
        reference="ACE-2026-118",
    )
    assert BODY_FILING_KEY not in {d.key for d in cases.get_case(db, case_id).deadlines}
