"""The drafted appeal letter says only what the case facts support."""

from __future__ import annotations

import datetime as dt

import pytest

from appealdesk.services import appeal_letters, cases
from appealdesk.store.database import Database

BLOCKED = dt.datetime(2026, 11, 10, 9, 30)
NOTICE = "Your account was banned for multiple violations of our Community Guidelines."


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_users_classification_is_never_credited_to_the_notice(
    db: Database, language: str
) -> None:
    case = cases.create_case(
        db,
        blocked_at=BLOCKED,
        new_account={"handle": "femke.filmt"},
        notice_text=NOTICE,
        reason_area="safety_civility",
        reason_policy="violent_criminal_behavior",
    )
    assert case.id is not None
    letter = appeal_letters.draft_letter(cases.get_case(db, case.id), language, [])
    notice_words = {"nl": "melding", "en": "notice"}[language]
    guideline_word = {"nl": "richtlijn ‘", "en": "guideline ‘"}[language]
    paragraphs = letter.split("\n\n")
    about_the_guideline = [p for p in paragraphs if guideline_word in p]
    assert about_the_guideline, letter
    for paragraph in about_the_guideline:
        assert notice_words not in paragraph.lower(), paragraph
    # The notice itself is quoted as received, and marked as a quote.
    assert any(NOTICE in p and "“" in p for p in paragraphs)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_unknown_guideline_is_not_blamed_on_a_notice_the_user_never_typed_in(
    db: Database, language: str
) -> None:
    case = cases.create_case(db, blocked_at=BLOCKED, new_account={"handle": "sanne.danst"})
    assert case.id is not None
    letter = appeal_letters.draft_letter(cases.get_case(db, case.id), language, [])
    assert {"nl": "melding", "en": "notice"}[language] not in letter.lower()
