"""The appeal letter: drafted from the case's facts in Dutch or English, then the user's own.

The wording is data (``resources/appeal_letter.toml``), written in both languages; the facts
(account, dates, notice, guideline, earlier contacts and their reference numbers) come from
the case. A draft is kept per language, so the Dutch and English letters can differ.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, Unpack

from sqlmodel import select

from appealdesk.domain.enums import AppealGround, Channel, EventKind, LetterKind, Platform
from appealdesk.domain.errors import ValidationError
from appealdesk.domain.labels import label
from appealdesk.domain.models import AppealLetter, Case, now
from appealdesk.domain.ods_bodies import body_by_id
from appealdesk.domain.taxonomy import (
    GuidelineException,
    edition_citation,
    exception_keys,
    find_exception,
    find_reason,
    has_guidelines,
)
from appealdesk.domain.texts import load_resource
from appealdesk.domain.validation import choice, clean_text
from appealdesk.i18n import _, check_language, format_date, translator
from appealdesk.services import letter_history as history
from appealdesk.services import letter_parts
from appealdesk.services.changes import LetterChanges
from appealdesk.services.derived import case_or_raise
from appealdesk.services.results import CaseDetail
from appealdesk.store.database import Database

# Contacts worth repeating in an appeal: what the user sent and what the platform answered
# (a restoration or a data access answer is not part of the appeal's story).
_CONTACT_KINDS = letter_parts.PLATFORM_CONTACTS - {
    EventKind.DATA_ACCESS_RESPONSE,
    EventKind.ACCOUNT_RESTORED,
}


def wording(language: str) -> dict[str, Any]:
    wording: dict[str, Any] = load_resource("appeal_letter.toml")[check_language(language)]
    return wording


def appeal_grounds(values: Iterable[Any]) -> list[AppealGround]:
    chosen: list[AppealGround] = []
    for value in values:
        ground = choice(AppealGround, value)
        if ground not in chosen:
            chosen.append(ground)
    return chosen


def draft_letter(
    detail: CaseDetail,
    language: str,
    grounds: Sequence[AppealGround | str],
    exception: str | None = None,
    *,
    evidence_count: int | None = None,
    today: dt.date | None = None,
) -> str:
    """A letter in ``language`` from the case facts and the chosen grounds."""
    words = wording(language)
    tr = translator(language)
    case, account = detail.case, detail.account
    facts = {
        "platform": label(account.platform, tr),
        "handle": account.handle,
        "blocked_on": format_date(case.blocked_at, "long", language),
        "block": words["block_noun"][case.block_kind.value],
        "block_phrase": words["block_phrase"][case.block_kind.value],
    }
    paragraphs = [_opening(words, detail, facts, language)]
    if case.notice_text.strip():
        notice = " ".join(case.notice_text.split())
        # the quotation ends the sentence only when it ends in its own full stop
        ending = "" if notice[-1] in ".!?…" else "."
        paragraphs.append(words["notice"].format(notice=notice) + ending)
    day = case.blocked_at.date()
    paragraphs.extend(reason_paragraphs(words, account.platform, day, case, language))
    for ground in appeal_grounds(grounds):
        chosen = chosen_exception(account.platform, day, exception)
        paragraphs.append(ground_paragraph(words, ground, chosen, language))
    if case.user_statement.strip():
        paragraphs.append(
            words["statement"].format(statement=letter_parts.closed(case.user_statement))
        )
    paragraphs.extend(_contacts(words, detail, language))
    if evidence_count is None:  # what a dossier would carry: not identity documents
        evidence_count = sum(e.include_in_dossier and not e.sensitive for e in detail.evidence)
    count = evidence_count
    if count:
        key = "evidence_one" if count == 1 else "evidence_many"
        paragraphs.append(words[key].format(count=letter_parts.count_words(count, language)))
    paragraphs.append(history.request_sentence(detail, language))
    if letter_parts.decided(detail):  # each element the statement omits is a ground
        paragraphs.append(letter_parts.omitted_ground(detail, language))
    elif detail.statement is None or not detail.statement.decision_facts.strip():
        paragraphs.append(words["statement_of_reasons"])
    day = today or dt.date.today()
    closing = "closing"
    if history.restored(detail) is not None:
        closing = "closing_restored"
    elif history.dispute_filed(detail) is not None:
        closing = "closing_disputed"
    paragraphs.append(words[closing].format(due=letter_parts.answer_due(day, language)))
    subject = words["subject"].format(**facts) + letter_parts.subject_reference(detail, language)
    return letter_parts.assemble(
        letter_parts.platform_address(detail, language),
        day,
        language,
        subject,
        paragraphs,
        detail,
        salutation=words["salutation"].format(**facts),
        sign_off=words["sign_off"],
    )


def _opening(
    words: dict[str, Any], detail: CaseDetail, facts: dict[str, str], language: str
) -> str:
    """The block, and the appeal already made against it: a second review is asked for as
    such, and an appeal still open is set out, not made again."""
    filed = [e for e in detail.events if e.kind is EventKind.APPEAL_FILED]
    if not filed:
        return str(words["opening"]).format(**facts)
    answer = history.answer_to(detail, filed[-1])
    if answer is not None and answer.kind is EventKind.APPEAL_REJECTED:
        rejected_on = format_date(answer.occurred_at, "long", language)
        return str(words["opening_rejected"]).format(rejected_on=rejected_on, **facts)
    appealed_on = format_date(filed[-1].occurred_at, "long", language)
    return str(words["opening_appealed"]).format(appealed_on=appealed_on, **facts)


def reason_paragraphs(
    words: dict[str, Any], platform: Platform, day: dt.date, case: Case, language: str
) -> list[str]:
    """The guideline, cited from the edition its summary comes from (the one in force on the
    block date, unless the stored reason was chosen from another edition). Nothing for a
    platform whose guidelines AppealDesk does not carry: another platform's are not cited."""
    if not has_guidelines(platform):
        return []
    area_key, policy_key = case.reason_area, case.reason_policy
    reason = find_reason(day, area_key, policy_key)
    area, policy = reason.area, reason.policy
    if area is None:
        return [words["reason_unknown"]]
    source = edition_citation(reason.edition, language)
    if policy is None:
        return [
            words["reason_area"].format(
                area=area.name.text(language),
                source=source,
                description=_after_colon(area.description.text(language)),
            )
        ]
    return [
        words["reason"].format(
            area=area.name.text(language),
            policy=policy.name.text(language),
            source=source,
            description=_after_colon(policy.description.text(language)),
        )
    ]


def _after_colon(sentence: str) -> str:
    """A sentence continued after a colon starts in lower case (unless it opens with a name
    or abbreviation, such as "BSN")."""
    if len(sentence) > 1 and sentence[0].isupper() and sentence[1].islower():
        return sentence[0].lower() + sentence[1:]
    return sentence


def chosen_exception(
    platform: Platform, day: dt.date, key: str | None
) -> GuidelineException | None:
    """The guideline exception the user chose, if their platform's guidelines are here."""
    return find_exception(day, key) if has_guidelines(platform) else None


def ground_paragraph(
    words: dict[str, Any],
    ground: AppealGround,
    chosen: GuidelineException | None,
    language: str,
) -> str:
    text: str = words["grounds"][ground.value]
    if ground is not AppealGround.EXCEPTION:
        return text
    if chosen is None:
        return words["grounds"]["exception_unspecified"]
    return text.format(
        exception=chosen.name.text(language), description=chosen.description.text(language)
    )


def _contacts(words: dict[str, Any], detail: CaseDetail, language: str) -> list[str]:
    lines = []
    for event in detail.events:
        if event.kind not in _CONTACT_KINDS:
            continue
        via = ""
        if event.channel is not None and event.channel is not Channel.OTHER:
            via = " " + words["channel"][event.channel.value]
        reference = ""
        if event.reference:
            reference = words["contact_reference"].format(reference=event.reference)
        what = event.kind.value
        if history.answered_kind(detail, event) is EventKind.INTERNAL_COMPLAINT:
            what = "complaint_rejected" if event.kind is EventKind.APPEAL_REJECTED else what
        lines.append(
            words["contact_line"].format(
                date=format_date(event.occurred_at, "long", language),
                what=words["contact_what"][what].format(via=via),
                reference=reference,
            )
        )
    if not lines:
        return []
    lines[-1] = lines[-1].rstrip(";") + "."
    return [words["contacts"] + "\n" + "\n".join(lines)]


# Storing ---------------------------------------------------------------------------------


def get_letter(
    db: Database, case_id: int, language: str, kind: LetterKind | str = LetterKind.APPEAL
) -> AppealLetter | None:
    """The stored letter of ``kind`` in ``language``; None when none was saved."""
    kind = choice(LetterKind, kind)
    with db.reading() as session:
        case_or_raise(session, case_id)
        return session.exec(
            select(AppealLetter).where(
                AppealLetter.case_id == case_id,
                AppealLetter.kind == kind,
                AppealLetter.language == check_language(language),
            )
        ).first()


def save_letter(
    db: Database,
    case_id: int,
    language: str,
    kind: LetterKind | str = LetterKind.APPEAL,
    **values: Unpack[LetterChanges],
) -> AppealLetter:
    """Keeps the letter of ``kind`` (and the grounds it was drafted from) for this case and
    language; what ``values`` leaves out (or gives as None, but for the exception and the
    body) stays as it is."""
    language = check_language(language)
    kind = choice(LetterKind, kind)
    text, grounds = values.get("text"), values.get("grounds")
    with db.transaction() as session:
        case_or_raise(session, case_id)
        letter = session.exec(
            select(AppealLetter).where(
                AppealLetter.case_id == case_id,
                AppealLetter.kind == kind,
                AppealLetter.language == language,
            )
        ).first()
        if letter is None:
            letter = AppealLetter(case_id=case_id, kind=kind, language=language)
        if text is not None:
            letter.text = clean_text(text, field=_("Letter"))
        if (short_text := values.get("short_text")) is not None:
            letter.short_text = clean_text(short_text, field=_("Short version"))
        if "body_id" in values:  # None: no body chosen
            body_id = values["body_id"]
            if body_id is not None and body_by_id(body_id) is None:
                raise ValidationError(
                    _("Unknown dispute settlement body: {key}").format(key=body_id)
                )
            letter.body_id = body_id
        if grounds is not None:
            letter.grounds = [g.value for g in appeal_grounds(grounds)]
        if "exception" in values:  # None: no exception
            exception = values["exception"]
            if exception is not None and exception not in exception_keys():
                raise ValidationError(_("Unknown exception: {key}").format(key=exception))
            letter.exception = exception
        letter.updated_at = now()
        session.add(letter)
        return letter
