"""A case's guideline follows the edition in force at its block date; stored keys survive."""

from __future__ import annotations

import datetime as dt

import pytest

from appealdesk.domain.enums import AppealGround
from appealdesk.domain.errors import NotFoundError, ValidationError
from appealdesk.export.content import ExportOptions, gather
from appealdesk.export.dossier_sections import guideline_section
from appealdesk.export.recipient_data import lawyer_section
from appealdesk.services import appeal_letters, cases, clients, letter_drafts
from appealdesk.store.database import Database

OLD_BLOCK = dt.datetime(2025, 9, 12, 22, 0)  # the last day of the 2020 edition
NEW_BLOCK = dt.datetime(2025, 9, 13, 8, 0)


def _old_case(db: Database) -> int:
    case = cases.create_case(
        db,
        blocked_at=OLD_BLOCK,
        new_account={"handle": "oude.zaak"},
        reason_area="harassment_bullying",
        reason_policy="abusive_behavior",
    )
    assert case.id is not None
    return case.id


def test_a_new_case_gets_the_edition_in_force_at_its_block_date(db: Database) -> None:
    _old_case(db)
    with pytest.raises(ValidationError):
        cases.create_case(
            db,
            blocked_at=NEW_BLOCK,
            new_account={"handle": "nieuwe.zaak"},
            reason_area="harassment_bullying",
            reason_policy="abusive_behavior",
        )
    cases.create_case(
        db,
        blocked_at=NEW_BLOCK,
        new_account={"handle": "nieuwe.zaak"},
        reason_area="safety_civility",
        reason_policy="harassment_bullying",
    )


def test_an_old_case_keeps_its_keys_when_its_block_date_moves(db: Database) -> None:
    case_id = _old_case(db)
    cases.update_case(db, case_id, blocked_at=NEW_BLOCK, user_statement="Nieuwe datum.")
    case = cases.get_case(db, case_id).case
    assert (case.reason_area, case.reason_policy) == ("harassment_bullying", "abusive_behavior")
    # A new choice is checked against the edition now in force.
    with pytest.raises(ValidationError):
        cases.update_case(db, case_id, reason_policy="sexual_harassment")
    cases.update_case(db, case_id, reason_area="safety_civility")
    assert cases.get_case(db, case_id).case.reason_policy is None


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_letter_cites_the_edition_of_its_guideline(db: Database, language: str) -> None:
    old_id = _old_case(db)
    new = cases.create_case(
        db,
        blocked_at=NEW_BLOCK,
        new_account={"handle": "nieuwe.zaak"},
        reason_area="safety_civility",
    )
    assert new.id is not None
    old_letter = appeal_letters.draft_letter(cases.get_case(db, old_id), language, [])
    new_letter = appeal_letters.draft_letter(cases.get_case(db, new.id), language, [])
    old_cite = {"nl": "versie van december 2020", "en": "edition of December 2020"}[language]
    new_cite = {
        "nl": "versie die geldt vanaf 13 september 2025",
        "en": "edition in force from 13 September 2025",
    }[language]
    assert old_cite in old_letter and new_cite not in old_letter
    assert new_cite in new_letter and old_cite not in new_letter


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_dossier_cites_the_edition_and_the_one_in_force(db: Database, language: str) -> None:
    case_id = _old_case(db)
    _title, blocks = guideline_section(gather(db, case_id, ExportOptions(language)))
    text = str(blocks)
    assert {"nl": "versie van december 2020", "en": "edition of December 2020"}[language] in text
    assert "2025" not in text  # the block fell under the 2020 edition
    cases.update_case(db, case_id, blocked_at=NEW_BLOCK)
    _title, blocks = guideline_section(gather(db, case_id, ExportOptions(language)))
    text = str(blocks)
    assert {"nl": "Kwetsend gedrag", "en": "Abusive behaviour"}[language] in text
    assert {
        "nl": "versie die geldt vanaf 13 september 2025",
        "en": "edition in force from 13 September 2025",
    }[language] in text


def test_no_guideline_is_chosen_for_a_platform_whose_guidelines_are_not_here(
    db: Database,
) -> None:
    with pytest.raises(ValidationError, match="community guidelines of TikTok only") as refused:
        cases.create_case(
            db,
            blocked_at=NEW_BLOCK,
            new_account={"handle": "bakkerij", "platform": "instagram"},
            reason_area="safety_civility",
        )
    assert "Instagram" in refused.value.message
    with pytest.raises(NotFoundError):
        cases.find_case(db, "IG-2026-0001")  # nothing was saved
    case = cases.create_case(
        db, blocked_at=NEW_BLOCK, new_account={"handle": "bakkerij", "platform": "instagram"}
    )
    assert case.id is not None
    with pytest.raises(ValidationError, match="TikTok only"):
        cases.update_case(db, case.id, reason_area="safety_civility")
    assert cases.get_case(db, case.id).case.reason_area is None


@pytest.mark.parametrize("language", ["nl", "en"])
def test_another_platforms_letters_and_dossier_cite_no_tiktok_guideline(
    db: Database, language: str
) -> None:
    """A reason chosen while the account was on TikTok stays stored when its platform is put
    right, but a letter to Instagram or its dossier never cites TikTok's guidelines."""
    case = cases.create_case(
        db,
        blocked_at=NEW_BLOCK,
        new_account={"handle": "bakkerij"},
        reason_area="safety_civility",
        reason_policy="harassment_bullying",
    )
    assert case.id is not None
    clients.update_account(db, case.account_id, platform="instagram")
    detail = cases.get_case(db, case.id)
    grounds = [AppealGround.EXCEPTION]
    texts = [
        appeal_letters.draft_letter(detail, language, grounds, "documentary"),
        letter_drafts.draft_internal_complaint(
            detail, language, dt.date(2026, 11, 20), grounds, "documentary"
        ),
        letter_drafts.draft_short_appeal(detail, language, grounds, "documentary", None),
    ]
    for text in texts:
        assert "TikTok" not in text
        assert {"nl": "Documentair", "en": "Documentary"}[language] not in text
        assert {"nl": "Intimidatie", "en": "Harassment"}[language] not in text
    content = gather(db, case.id, ExportOptions(language))
    _title, blocks = guideline_section(content)
    said = str(blocks)
    assert "Instagram" in said
    assert {"nl": "Intimidatie", "en": "Harassment"}[language] not in said
    _title, blocks = lawyer_section(content)
    assert {"nl": "Communityrichtlijnen", "en": "Community guidelines"}[language] not in str(blocks)
    # The same case on TikTok cites the guideline in both.
    clients.update_account(db, case.account_id, platform="tiktok")
    detail = cases.get_case(db, case.id)
    assert "TikTok" in appeal_letters.draft_letter(detail, language, grounds, "documentary")
    content = gather(db, case.id, ExportOptions(language))
    assert {"nl": "Communityrichtlijnen", "en": "Community guidelines"}[language] in str(
        lawyer_section(content)[1]
    )
