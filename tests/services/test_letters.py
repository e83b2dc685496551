"""The letters of the escalation path, drafted from a case in both languages, and sending one."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from appealdesk.domain.enums import (
    AutomatedDecision,
    CaseStatus,
    Channel,
    Direction,
    EventKind,
    EvidenceKind,
    LetterKind,
    WorkspaceRole,
)
from appealdesk.domain.models import EvidenceItem
from appealdesk.i18n import format_date
from appealdesk.services import appeal_letters, cases, events, letters, profile, statements
from appealdesk.services.results import CaseDetail
from appealdesk.store.database import Database

BLOCKED = dt.datetime(2026, 10, 20, 9, 30)
TODAY = dt.date(2026, 12, 1)
LANGUAGES = ("nl", "en")


def _case(db: Database, handle: str = "lotte.danst", **values: object) -> int:
    case = cases.create_case(
        db,
        blocked_at=BLOCKED,
        new_account={
            "platform": "tiktok",
            "handle": handle,
            "display_name": "Lotte 💃",
            "holder_name": "Lotte de Vries",
            "holder_email": "lotte@example.nl",
            "account_email": "lotte.account@example.nl",
            "country": "NL",
        },
        content_url="https://www.tiktok.com/@lotte.danst/video/7",
        ods_body="appeals_centre_europe",
        **values,  # type: ignore[arg-type]
    )
    assert case.id is not None
    return case.id


def _rejected(db: Database, handle: str = "lotte.danst", **values: object) -> int:
    """Appealed (the platform gave reference TT-APL-1), then rejected."""
    case_id = _case(db, handle, **values)
    events.add_event(
        db,
        case_id,
        kind=EventKind.APPEAL_FILED,
        channel=Channel.IN_APP_APPEAL,
        direction=Direction.OUTGOING,
        occurred_at=dt.datetime(2026, 10, 21, 10),
        reference="TT-APL-1",
        move_status=True,
    )
    events.add_event(
        db,
        case_id,
        kind=EventKind.APPEAL_REJECTED,
        occurred_at=dt.datetime(2026, 10, 28, 16),
        move_status=True,
    )
    return case_id


def _text(db: Database, case_id: int, kind: LetterKind, language: str) -> str:
    return letters.current_letter(db, case_id, kind, language, today=TODAY).text


KEY_SENTENCES = {
    LetterKind.REMINDER: {"nl": "uiterlijk op 15 december 2026", "en": "by 15 December 2026"},
    LetterKind.STATEMENT_REQUEST: {"nl": "artikel 17", "en": "article 17"},
    LetterKind.INTERNAL_COMPLAINT: {"nl": "artikel 20", "en": "article 20"},
    LetterKind.ODS_COMPLAINT: {"nl": "Appeals Centre Europe", "en": "Appeals Centre Europe"},
    LetterKind.DATA_ACCESS_REQUEST: {
        "nl": "welke procedure en welke beginselen daadwerkelijk zijn toegepast",
        "en": "the procedure and principles actually applied",
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", list(LetterKind))
def test_every_kind_is_filled_in_signed_by_the_holder_and_dated(
    db: Database, kind: LetterKind, language: str
) -> None:
    case_id = _rejected(db)
    text = _text(db, case_id, kind, language)
    assert "{" not in text and "}" not in text
    assert text.splitlines()[-1] == "Lotte de Vries"  # never the display name
    assert "Lotte 💃" not in text
    assert format_date(TODAY, "long", language) in text
    if kind is not LetterKind.REMINDER:
        assert format_date(BLOCKED, "long", language) in text
    else:  # the appeal was answered: the reminder does not say it was not
        assert format_date(dt.date(2026, 10, 21), "long", language) not in text
    assert "TT-APL-1" in text.split("\n\n")[2]  # the subject cites the platform's reference
    for relative in (
        "30 dagen",
        "30 days",
        "vandaag",
        "from today",
        "binnen veertien",
        "within fourteen",
    ):
        assert relative not in text
    if kind in KEY_SENTENCES:
        assert KEY_SENTENCES[kind][language] in text
    if kind is LetterKind.ODS_COMPLAINT:
        assert text.startswith("Appeals Centre Europe")
    else:
        assert text.startswith("TikTok Technology Limited")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", list(LetterKind))
def test_after_a_decision_each_omitted_element_is_a_ground(
    db: Database, kind: LetterKind, language: str
) -> None:
    case_id = _rejected(db)
    statements.update_statement(
        db,
        case_id,
        decision_facts="Spam",
        automated_decision=AutomatedDecision.FULLY,
        automated_detection="Yes",
    )
    text = _text(db, case_id, kind, language)
    marks = {"nl": "(onder {})", "en": "(point ({}))"}[language]
    for element in ("a", "b", "f"):
        assert marks.format(element) in text
    assert marks.format("c") not in text  # the statement says how automated it was


@pytest.mark.parametrize("language", LANGUAGES)
def test_nothing_is_claimed_missing_before_a_decision(db: Database, language: str) -> None:
    case_id = _case(db)
    text = _text(db, case_id, LetterKind.APPEAL, language)
    assert {"nl": "(onder a)", "en": "(point (a))"}[language] not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_internal_complaint_asks_for_human_review_when_the_decision_was_automated(
    db: Database, language: str
) -> None:
    case_id = _rejected(db)
    before = _text(db, case_id, LetterKind.INTERNAL_COMPLAINT, language)
    citation = {"nl": "Artikel 20, zesde lid", "en": "Article 20(6)"}[language]
    assert citation not in before
    statements.update_statement(db, case_id, automated_decision=AutomatedDecision.FULLY)
    after = _text(db, case_id, LetterKind.INTERNAL_COMPLAINT, language)
    assert citation in after
    assert {"nl": "gekwalificeerde medewerker", "en": "qualified member of staff"}[
        language
    ] in after
    assert {"nl": "op 28 oktober 2026 afgewezen", "en": "on 28 October 2026"}[language] in after


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_ods_complaint_covers_the_bodys_intake(db: Database, language: str) -> None:
    case_id = _rejected(db, other_proceedings=False)
    events.add_event(
        db,
        case_id,
        kind=EventKind.INTERNAL_COMPLAINT,
        channel=Channel.SUPPORT_FORM,
        occurred_at=dt.datetime(2026, 11, 2, 10),
        reference="CMP-9",
    )
    text = _text(db, case_id, LetterKind.ODS_COMPLAINT, language)
    for fact in (
        "Lotte de Vries",
        "lotte@example.nl",
        {"nl": "Nederland", "en": "Netherlands"}[language],
        "https://www.tiktok.com/@lotte.danst/video/7",
        "CMP-9",
        format_date(dt.date(2026, 11, 2), "long", language),
        {"nl": "geen beslissing ontvangen", "en": "no decision"}[language],
        {"nl": "Ik verzoek u te beslissen", "en": "I ask you to decide"}[language],
        {"nl": "geen andere procedure", "en": "No other proceedings"}[language],
        "TikTok Technology Limited",
    ):
        assert fact in text, fact
    assert not text.startswith("TikTok")  # addressed to the body
    other = letters.current_letter(
        db, case_id, LetterKind.ODS_COMPLAINT, language, body_id="user_rights", today=TODAY
    )
    assert other.text.startswith("User Rights GmbH")


@pytest.mark.parametrize("language", LANGUAGES)
def test_other_proceedings_are_denied_only_when_the_user_said_so(
    db: Database, language: str
) -> None:
    case_id = _rejected(db)  # other_proceedings not asked
    text = _text(db, case_id, LetterKind.ODS_COMPLAINT, language)
    assert {"nl": "geen andere procedure", "en": "No other proceedings"}[language] not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_data_access_request_prints_the_date_one_month_on(db: Database, language: str) -> None:
    case_id = _rejected(db)
    statements.update_statement(db, case_id, automated_decision=AutomatedDecision.PARTIALLY)
    text = _text(db, case_id, LetterKind.DATA_ACCESS_REQUEST, language)
    assert format_date(dt.date(2027, 1, 1), "long", language) in text
    for cited in ("15", "12", "22", "C-203/22", "tiktok.com/legal/report/privacy"):
        assert cited in text
    assert {"nl": "onder h", "en": "15(1)(h)"}[language] in text
    assert {"nl": "gedeeltelijk geautomatiseerd", "en": "partly by automated"}[language] in text


def _agency(db: Database, detail: CaseDetail, with_mandate: bool) -> CaseDetail:
    if not with_mandate:
        return detail
    mandate = EvidenceItem(case_id=detail.case.id or 0, kind=EvidenceKind.MANDATE, sha256="0" * 64)
    return dataclasses.replace(detail, evidence=(*detail.evidence, mandate))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("with_mandate", [False, True])
def test_an_agency_signs_on_behalf_of_the_holder(
    db: Database, language: str, with_mandate: bool
) -> None:
    profile.save_workspace(
        db,
        role=WorkspaceRole.AGENCY,
        agency_name="Boost Media B.V.",
        contact_person="Sanne Bakker",
        email="sanne@boost.example",
    )
    case_id = _rejected(db)
    detail = _agency(db, cases.get_case(db, case_id), with_mandate)
    from appealdesk.services import letter_drafts

    for kind in LetterKind:
        text = letter_drafts.draft(kind, detail, language, TODAY)
        tail = text.splitlines()[-3:]
        behalf = {"nl": "namens Lotte de Vries", "en": "on behalf of Lotte de Vries"}[language]
        assert tail == [behalf, "Sanne Bakker", "Boost Media B.V."], kind
        enclosed = {"nl": "is bijgevoegd", "en": "is enclosed"}[language]
        assert (enclosed in text) is with_mandate, kind


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_exception_ticked_for_the_appeal_is_invoked_later_too(
    db: Database, language: str
) -> None:
    case_id = _rejected(db)
    appeal_letters.save_letter(db, case_id, language, grounds=["exception"], exception="satirical")
    for kind in (LetterKind.INTERNAL_COMPLAINT, LetterKind.ODS_COMPLAINT):
        text = _text(db, case_id, kind, language)
        assert {"nl": "‘Satirisch’", "en": "‘Satirical’"}[language] in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_short_version_fits_the_appeal_field(db: Database, language: str) -> None:
    case_id = _case(db)
    appeal_letters.save_letter(
        db, case_id, language, grounds=["no_violation", "first_offence", "exception"]
    )
    current = letters.current_letter(db, case_id, LetterKind.APPEAL, language, today=TODAY)
    field = letters.appeal_field(cases.get_case(db, case_id))
    assert field is not None and field.max_length == 800 and not field.confirmed
    assert 0 < len(current.short_text) <= field.max_length
    assert "@lotte.danst" in current.short_text and "{" not in current.short_text


def test_a_stored_letter_is_current_until_it_is_emptied(db: Database) -> None:
    case_id = _case(db)
    kind = LetterKind.STATEMENT_REQUEST
    assert letters.current_letter(db, case_id, kind, "nl", today=TODAY).is_draft
    appeal_letters.save_letter(db, case_id, "nl", kind, text="Mijn eigen brief.")
    current = letters.current_letter(db, case_id, "statement-request", "nl", today=TODAY)
    assert (current.text, current.is_draft) == ("Mijn eigen brief.", False)
    assert letters.current_letter(db, case_id, kind, "en", today=TODAY).is_draft


def test_marking_as_sent_puts_the_letter_on_the_timeline_and_undo_takes_it_off(
    db: Database,
) -> None:
    case_id = _rejected(db)
    sent_at = dt.datetime(2026, 12, 1, 11, 0)
    event = letters.mark_sent(db, case_id, LetterKind.INTERNAL_COMPLAINT, "nl", sent_at)
    detail = cases.get_case(db, case_id)
    recorded = [e for e in detail.events if e.id == event.id]
    assert len(recorded) == 1
    assert recorded[0].kind is EventKind.INTERNAL_COMPLAINT
    assert recorded[0].occurred_at == sent_at
    assert recorded[0].direction is Direction.OUTGOING
    assert recorded[0].channel is Channel.SUPPORT_FORM
    assert detail.case.status is CaseStatus.APPEAL_FILED  # the case follows the step
    stored = appeal_letters.get_letter(db, case_id, "nl", LetterKind.INTERNAL_COMPLAINT)
    assert stored is not None and stored.sent_at == sent_at and stored.text.strip()
    assert letters.sent_kinds(db, case_id) == {LetterKind.INTERNAL_COMPLAINT}

    assert event.id is not None
    letters.remove_sent_mark(
        db, event.id, LetterKind.INTERNAL_COMPLAINT, "nl", None, CaseStatus.REJECTED.value
    )
    detail = cases.get_case(db, case_id)
    assert all(e.id != event.id for e in detail.events)
    assert detail.case.status is CaseStatus.REJECTED
    assert letters.sent_kinds(db, case_id) == frozenset()


@pytest.mark.parametrize(
    "kind,event_kind",
    [
        (LetterKind.APPEAL, EventKind.APPEAL_FILED),
        (LetterKind.REMINDER, EventKind.FOLLOW_UP),
        (LetterKind.ODS_COMPLAINT, EventKind.OUT_OF_COURT_DISPUTE),
        (LetterKind.DATA_ACCESS_REQUEST, EventKind.DATA_ACCESS_REQUEST),
    ],
)
def test_each_kind_is_sent_as_its_event(
    db: Database, kind: LetterKind, event_kind: EventKind
) -> None:
    case_id = _case(db)
    assert letters.mark_sent(db, case_id, kind, "en").kind is event_kind


def test_the_proposal_follows_the_case(db: Database) -> None:
    case_id = _case(db)
    assert letters.proposed_kind(db, case_id, TODAY) is LetterKind.APPEAL
    case_id = _rejected(db, handle="femke.filmt")
    assert letters.proposed_kind(db, case_id, TODAY) is LetterKind.INTERNAL_COMPLAINT


def _add(db: Database, case_id: int, kind: EventKind, day: int, **values: object) -> None:
    events.add_event(
        db,
        case_id,
        kind=kind,
        occurred_at=dt.datetime(2026, 11, day, 10),
        **values,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_restored_account_is_not_asked_back(db: Database, language: str) -> None:
    case_id = _case(db)
    _add(db, case_id, EventKind.APPEAL_FILED, 2, channel=Channel.IN_APP_APPEAL)
    _add(db, case_id, EventKind.ACCOUNT_RESTORED, 9)
    restore = {"nl": "mijn account te herstellen", "en": "to restore my account"}[language]
    for kind in (LetterKind.APPEAL, LetterKind.INTERNAL_COMPLAINT, LetterKind.ODS_COMPLAINT):
        text = _text(db, case_id, kind, language)
        assert restore not in text and "must restore" not in text and "moet herstellen" not in text
    appeal = _text(db, case_id, LetterKind.APPEAL, language)
    assert {
        "nl": "Op 9 november 2026 heeft u mijn account hersteld.",
        "en": "On 9 November 2026 you restored my account.",
    }[language] in appeal
    ods = _text(db, case_id, LetterKind.ODS_COMPLAINT, language)
    assert {"nl": "mijn account hersteld", "en": "restored my account"}[language] in ods
    assert {"nl": "geen beslissing ontvangen", "en": "no decision"}[language] not in ods
    reminder = _text(db, case_id, LetterKind.REMINDER, language)
    assert format_date(dt.date(2026, 11, 2), "long", language) not in reminder


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_reminder_names_the_unanswered_call_as_a_call(db: Database, language: str) -> None:
    case_id = _case(db)
    _add(db, case_id, EventKind.SUPPORT_CONTACTED, 3, channel=Channel.PHONE, reference="CALL-1")
    text = _text(db, case_id, LetterKind.REMINDER, language)
    assert {
        "nl": "Op 3 november 2026 heb ik per telefoon contact met u opgenomen over de",
        "en": "On 3 November 2026 I contacted you by phone about the",
    }[language] in text
    assert {"nl": "geschreven", "en": "wrote"}[language] not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_rejected_complaint_is_called_a_complaint(db: Database, language: str) -> None:
    case_id = _rejected(db)
    _add(db, case_id, EventKind.INTERNAL_COMPLAINT, 2, channel=Channel.SUPPORT_FORM)
    _add(db, case_id, EventKind.APPEAL_REJECTED, 20, channel=Channel.EMAIL)
    appeal = _text(db, case_id, LetterKind.APPEAL, language)
    assert {
        "nl": "• op 20 november 2026 werd mijn klacht per e-mail afgewezen.",
        "en": "• on 20 November 2026 my complaint was rejected by email.",
    }[language] in appeal
    assert {
        "nl": "Mijn bezwaar daartegen heeft u op 28 oktober 2026 afgewezen. Met deze brief maak "
        "ik opnieuw bezwaar",
        "en": "You rejected my appeal against it on 28 October 2026. With this letter I appeal "
        "again",
    }[language] in appeal
    complaint = _text(db, case_id, LetterKind.INTERNAL_COMPLAINT, language)
    assert {
        "nl": "Mijn bezwaar daartegen heeft u op 28 oktober 2026 afgewezen. Mijn klacht van "
        "2 november 2026 heeft u op 20 november 2026 afgewezen.",
        "en": "You rejected my appeal against it on 28 October 2026. You rejected my complaint "
        "of 2 November 2026 on 20 November 2026.",
    }[language] in complaint


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_dispute_already_before_a_body_is_not_denied(db: Database, language: str) -> None:
    case_id = _rejected(db, other_proceedings=False)
    _add(db, case_id, EventKind.OUT_OF_COURT_DISPUTE, 5, channel=Channel.OUT_OF_COURT_BODY)
    ods = _text(db, case_id, LetterKind.ODS_COMPLAINT, language)
    assert {"nl": "geen andere procedure", "en": "No other proceedings"}[language] not in ods
    appeal = _text(db, case_id, LetterKind.APPEAL, language)
    assert {"nl": "zodat ik kan beslissen", "en": "so that I can decide"}[language] not in appeal


@pytest.mark.parametrize("language", LANGUAGES)
def test_addresses_print_country_names(db: Database, language: str) -> None:
    case_id = _rejected(db)
    country = {"nl": "Ierland", "en": "Ireland"}[language]
    ods = _text(db, case_id, LetterKind.ODS_COMPLAINT, language)
    assert ods.startswith(f"Appeals Centre Europe\nDublin, {country}\n")
    appeal = _text(db, case_id, LetterKind.APPEAL, language)
    assert f"Dublin 2, D02 HD23\n{country}\n" in appeal
    statement = _text(db, case_id, LetterKind.STATEMENT_REQUEST, language)
    assert {"nl": "als het besluit berust op vermeend illegale inhoud", "en": "if the decision"}[
        language
    ] in statement


@pytest.mark.parametrize("language", LANGUAGES)
def test_user_text_without_a_full_stop_still_ends_its_sentence(db: Database, language: str) -> None:
    case_id = _case(db, notice_text="Account suspended", user_statement="It was a dance video")
    text = _text(db, case_id, LetterKind.APPEAL, language)
    assert "“Account suspended”." in text
    assert "It was a dance video.\n" in text
