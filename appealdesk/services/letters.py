"""The letters of a case, one per kind and language: which one the case needs now, the current
text (the user's if they edited it, else a draft), and sending one on the timeline.

The appeal's wording and storage live in :mod:`appealdesk.services.appeal_letters`; the other
kinds are drafted in :mod:`appealdesk.services.letter_drafts`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, select

from appealdesk.domain import workflow
from appealdesk.domain.enums import AppealGround, Channel, Direction, LetterKind
from appealdesk.domain.errors import NotFoundError, ValidationError
from appealdesk.domain.labels import label
from appealdesk.domain.letter_stage import DEFAULT_ANSWER_DAYS, StageFacts, proposed_letter
from appealdesk.domain.models import AppealLetter, Event, now
from appealdesk.domain.reference import AppealField, platform_profile
from appealdesk.domain.statement_check import ElementStatus, check_statement
from appealdesk.domain.validation import choice
from appealdesk.i18n import _, check_language
from appealdesk.services import appeal_letters, cases, letter_drafts, letter_parts
from appealdesk.services.derived import case_or_raise, refresh_case
from appealdesk.services.results import CaseDetail
from appealdesk.store.database import Database


def letter_kind(value: LetterKind | str) -> LetterKind:
    """A kind as stored (``statement_request``) or as typed (``statement-request``)."""
    if isinstance(value, str) and not isinstance(value, LetterKind):
        value = value.strip().lower().replace("-", "_")
    return choice(LetterKind, value)


def appeal_field(detail: CaseDetail) -> AppealField | None:
    """The platform's appeal field (its length limit may be unconfirmed), if known."""
    profile = platform_profile(detail.account.platform)
    return profile.appeal_field if profile is not None else None


def case_letters(db: Database, case_id: int) -> list[AppealLetter]:
    """Every stored letter of a case, of any kind and language."""
    with db.reading() as session:
        case_or_raise(session, case_id)
        return list(session.exec(select(AppealLetter).where(AppealLetter.case_id == case_id)))


def sent_kinds(db: Database, case_id: int) -> frozenset[LetterKind]:
    with db.reading() as session:
        case_or_raise(session, case_id)
        rows = session.exec(
            select(AppealLetter.kind).where(
                AppealLetter.case_id == case_id,
                AppealLetter.sent_at.is_not(None),  # type: ignore[union-attr]
            )
        ).all()
    return frozenset(LetterKind(row) for row in rows)


def stage_facts(detail: CaseDetail, sent: frozenset[LetterKind] = frozenset()) -> StageFacts:
    checks = check_statement(detail.statement)
    profile = platform_profile(detail.account.platform)
    days = profile.typical_answer_days if profile and profile.typical_answer_days else None
    return StageFacts(
        status=detail.case.status,
        events=[(e.kind, e.occurred_at) for e in detail.events],
        statement_recorded=detail.statement is not None,
        statement_complete=all(c.status is not ElementStatus.OMITTED for c in checks),
        sent=sent,
        answer_days=days or DEFAULT_ANSWER_DAYS,
    )


def proposed_kind(db: Database, case_id: int, today: dt.date | None = None) -> LetterKind:
    """The letter the case needs at its stage (see :mod:`appealdesk.domain.letter_stage`)."""
    return proposal(cases.get_case(db, case_id), case_letters(db, case_id), today)


def proposal(
    detail: CaseDetail, stored: Sequence[AppealLetter], today: dt.date | None = None
) -> LetterKind:
    """:func:`proposed_kind` from a case and its letters already read (the editor has them)."""
    sent = frozenset(letter.kind for letter in stored if letter.sent_at is not None)
    return proposed_letter(stage_facts(detail, sent), today or dt.date.today())


def _appeal_choices(db: Database, case_id: int, language: str) -> tuple[list[str], str | None]:
    """The grounds and exception ticked for the appeal (this language first): later letters
    argue the same case."""
    for lang in (language, *(x for x in ("nl", "en") if x != language)):
        letter = appeal_letters.get_letter(db, case_id, lang)
        if letter is not None and letter.grounds:
            return list(letter.grounds), letter.exception
    return [AppealGround.NO_VIOLATION.value], None


def draft(
    db: Database,
    detail: CaseDetail,
    kind: LetterKind | str,
    language: str,
    *,
    body_id: str | None = None,
    today: dt.date | None = None,
) -> str:
    """A fresh draft of ``kind``, arguing the grounds ticked for the appeal."""
    kind = letter_kind(kind)
    assert detail.case.id is not None
    grounds, exception = _appeal_choices(db, detail.case.id, language)
    return letter_drafts.draft(
        kind,
        detail,
        check_language(language),
        today or dt.date.today(),
        body_id=body_id,
        grounds=grounds,
        exception=exception,
    )


def short_draft(db: Database, detail: CaseDetail, language: str) -> str:
    """The appeal's short version, to fit the platform's appeal field."""
    assert detail.case.id is not None
    grounds, exception = _appeal_choices(db, detail.case.id, language)
    field = appeal_field(detail)
    limit = field.max_length if field is not None else None
    return letter_drafts.draft_short_appeal(detail, language, grounds, exception, limit)


@dataclass(frozen=True)
class CurrentLetter:
    kind: LetterKind
    language: str
    text: str
    is_draft: bool  # nobody saved a text of this kind and language: ``text`` is a draft
    short_text: str  # the appeal's short version (stored, else drafted); empty for others
    body_id: str | None
    sent_at: dt.datetime | None


def current_letter(
    db: Database,
    case_id: int,
    kind: LetterKind | str,
    language: str,
    *,
    body_id: str | None = None,
    today: dt.date | None = None,
    detail: CaseDetail | None = None,
) -> CurrentLetter:
    """The letter as it stands: the stored text when the user saved one, else a draft
    (from ``detail`` when the caller has the case already)."""
    kind, language = letter_kind(kind), check_language(language)
    detail = detail or cases.get_case(db, case_id)
    stored = appeal_letters.get_letter(db, case_id, language, kind)
    body = body_id or (stored.body_id if stored else None)
    is_draft = stored is None or not stored.text.strip()
    text = (
        stored.text
        if stored is not None and not is_draft
        else draft(db, detail, kind, language, body_id=body, today=today)
    )
    short = ""
    if kind is LetterKind.APPEAL:
        short = stored.short_text if stored and stored.short_text.strip() else ""
        short = short or short_draft(db, detail, language)
    sent_at = stored.sent_at if stored else None
    return CurrentLetter(kind, language, text, is_draft, short, body, sent_at)


# Sending ---------------------------------------------------------------------------------


def mark_sent(
    db: Database,
    case_id: int,
    kind: LetterKind | str,
    language: str,
    sent_at: dt.datetime | None = None,
    *,
    channel: Channel | None = None,
    body_id: str | None = None,
) -> Event:
    """Records the letter as sent: an event of the matching kind on the timeline (the case
    follows it, as a recorded step does) and the letter's ``sent_at``, in one transaction.
    A letter never saved is kept as drafted, so the timeline points at a text."""
    kind, language = letter_kind(kind), check_language(language)
    when = (sent_at or now()).replace(microsecond=0, tzinfo=None)
    current = current_letter(db, case_id, kind, language, body_id=body_id, today=when.date())
    with db.transaction() as session:
        case = case_or_raise(session, case_id)
        letter = _stored(session, case_id, kind, language)
        if letter is None:
            letter = AppealLetter(case_id=case_id, kind=kind, language=language)
        if not letter.text.strip():
            letter.text = current.text
        if kind is LetterKind.APPEAL and not letter.short_text.strip():
            letter.short_text = current.short_text
        if kind is LetterKind.ODS_COMPLAINT:
            letter.body_id = current.body_id or case.ods_body
        letter.sent_at = when
        letter.updated_at = now()
        session.add(letter)
        event = Event(
            case_id=case_id,
            occurred_at=when,
            kind=letter_parts.event_kind_for(kind),
            channel=channel or letter_parts.channel_for(kind),
            direction=Direction.OUTGOING,
            summary=_("Letter sent: {kind}").format(kind=label(kind)),
            body=letter.text,
        )
        session.add(event)
        session.flush()
        case.status = workflow.status_after_event(case.status, event.kind)
        case.updated_at = now()
        refresh_case(session, case)
        return event


def remove_sent_mark(
    db: Database,
    event_id: int,
    kind: LetterKind | str,
    language: str,
    previous_sent_at: dt.datetime | None,
    previous_status: str,
) -> None:
    """Undoes :func:`mark_sent`: the event goes, the letter's ``sent_at`` and the case's
    status are as they were."""
    kind, language = letter_kind(kind), check_language(language)
    with db.transaction() as session:
        event = session.get(Event, event_id)
        if event is None:
            raise NotFoundError(_("This event no longer exists."))
        case = case_or_raise(session, event.case_id)
        letter = _stored(session, event.case_id, kind, language)
        if letter is None:
            raise ValidationError(_("This letter no longer exists."))
        letter.sent_at = previous_sent_at
        session.add(letter)
        session.delete(event)
        case.status = choice(type(case.status), previous_status)
        case.updated_at = now()
        refresh_case(session, case)


def _stored(session: Session, case_id: int, kind: LetterKind, language: str) -> AppealLetter | None:
    return session.exec(
        select(AppealLetter).where(
            AppealLetter.case_id == case_id,
            AppealLetter.kind == kind,
            AppealLetter.language == language,
        )
    ).first()
