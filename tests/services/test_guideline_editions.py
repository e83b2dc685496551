"""A case's guideline follows the edition in force at its block date; stored keys survive."""

from __future__ import annotations

import datetime as dt

import pytest

from appealdesk.domain.errors import ValidationError
from appealdesk.export.content import ExportOptions, gather
from appealdesk.export.dossier_sections import guideline_section
from appealdesk.services import appeal_letters, cases
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
