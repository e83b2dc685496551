"""The letters after the appeal, drafted from the case in Dutch or English: a reminder, a
request for the statement of reasons (DSA art. 17), an internal complaint (art. 20), a
complaint to a certified out-of-court body (art. 21) and a data access request (GDPR art. 15);
and the appeal's short version for the platform's appeal field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from appealdesk.domain.enums import AppealGround, EventKind, LetterKind, Platform
from appealdesk.domain.labels import label
from appealdesk.domain.ods_bodies import OdsBody, body_by_id
from appealdesk.i18n import format_date, translator
from appealdesk.services import appeal_letters as appeal
from appealdesk.services import letter_history as history
from appealdesk.services import letter_parts as parts
from appealdesk.services.results import CaseDetail

_ASKED = frozenset(
    {
        EventKind.APPEAL_FILED,
        EventKind.SUPPORT_CONTACTED,
        EventKind.FOLLOW_UP,
        EventKind.INTERNAL_COMPLAINT,
        EventKind.DATA_ACCESS_REQUEST,
    }
)
_REJECTIONS = frozenset({EventKind.APPEAL_REJECTED, EventKind.RESPONSE_RECEIVED})


def _facts(detail: CaseDetail, language: str) -> dict[str, str]:
    words = appeal.wording(language)
    case, account = detail.case, detail.account
    active = parts.wording(language).get("block_phrase_active", words["block_phrase"])
    return {
        "platform": label(account.platform, translator(language)),
        "entity": parts.entity_name(detail),
        "handle": account.handle,
        "blocked_on": format_date(case.blocked_at, "long", language),
        "block": words["block_noun"][case.block_kind.value],
        "block_phrase": words["block_phrase"][case.block_kind.value],
        "block_phrase_active": active[case.block_kind.value],
    }


def _date(event: Any, language: str) -> str:
    return format_date(event.occurred_at, "long", language)


def _reference(event: Any, language: str) -> str:
    if not event.reference:
        return ""
    return str(appeal.wording(language)["contact_reference"]).format(reference=event.reference)


def draft_reminder(detail: CaseDetail, language: str, today: dt.date) -> str:
    words = parts.wording(language)["reminder"]
    facts = _facts(detail, language)
    earlier = history.unanswered(detail, _ASKED)  # none: every request was answered
    if earlier is None:
        first = words["earlier_unknown"].format(**facts)
    else:
        channels = appeal.wording(language)["channel"]
        via = ""
        if earlier.channel is not None and earlier.channel.value in channels:
            via = " " + channels[earlier.channel.value]
        what = words["what"][earlier.kind.value].format(via=via, **facts)
        first = words["earlier"].format(
            date=_date(earlier, language), what=what, reference=_reference(earlier, language)
        )
    paragraphs = [
        f"{first} {words['no_answer']}",
        parts.omitted_ground(detail, language),
        words["request"].format(due=parts.answer_due(today, language)),
    ]
    subject = words["subject"].format(**facts) + parts.subject_reference(detail, language)
    address = parts.platform_address(detail, language)
    return parts.assemble(address, today, language, subject, paragraphs, detail)


def draft_statement_request(detail: CaseDetail, language: str, today: dt.date) -> str:
    words = parts.wording(language)["statement_request"]
    facts = _facts(detail, language)
    due = parts.answer_due(today, language)
    paragraphs = [f"{words['opening'].format(**facts)} {words['duty']}"]
    statement = detail.statement
    if statement is None:
        lines = parts.omitted_lines(detail, language)
        paragraphs.append("\n".join([words["none_received"], *lines]))
        paragraphs.append(words["request"].format(due=due))
    else:
        lines = parts.omitted_lines(detail, language)
        if lines:
            intro = (
                words["incomplete_on"].format(
                    date=format_date(statement.received_on, "long", language)
                )
                if statement.received_on
                else words["incomplete"]
            )
            paragraphs.append("\n".join([intro, *lines]))
            paragraphs.append(words["request"].format(due=due))
        else:
            paragraphs.append(words["complete"].format(due=due))
    subject = words["subject"].format(**facts) + parts.subject_reference(detail, language)
    address = parts.platform_address(detail, language)
    return parts.assemble(address, today, language, subject, paragraphs, detail)


def _argument(
    detail: CaseDetail, language: str, grounds: Sequence[AppealGround | str], exception: str | None
) -> list[str]:
    """The user's own case: their classification of the guideline and their grounds."""
    words = appeal.wording(language)
    case = detail.case
    day = case.blocked_at.date()
    platform = detail.account.platform
    paragraphs = appeal.reason_paragraphs(words, platform, day, case, language)
    for ground in appeal.appeal_grounds(grounds):
        chosen = appeal.chosen_exception(platform, day, exception)
        paragraphs.append(appeal.ground_paragraph(words, ground, chosen, language))
    if case.user_statement.strip():
        paragraphs.append(words["statement"].format(statement=parts.closed(case.user_statement)))
    return paragraphs


def draft_internal_complaint(
    detail: CaseDetail,
    language: str,
    today: dt.date,
    grounds: Sequence[AppealGround | str] = (),
    exception: str | None = None,
) -> str:
    words = parts.wording(language)["internal_complaint"]
    facts = _facts(detail, language)
    opening = words["opening"].format(**facts)
    for rejected in history.rejections(detail, EventKind.APPEAL_FILED)[-1:]:
        opening += " " + words["rejected"].format(date=_date(rejected, language))
    for rejected in history.rejections(detail, EventKind.INTERNAL_COMPLAINT):
        asked = history.answered(detail, rejected) or rejected
        opening += " " + words["complaint_rejected"].format(
            asked=_date(asked, language), date=_date(rejected, language)
        )
    paragraphs = [opening, *_argument(detail, language, grounds, exception)]
    paragraphs.append(parts.omitted_ground(detail, language))
    paragraphs.append(history.request_sentence(detail, language))
    how = parts.automated_how(detail, words)
    paragraphs.append(words["automated"].format(how=how) if how else words["review"])
    paragraphs.append(words["decision"].format(due=parts.answer_due(today, language)))
    subject = words["subject"].format(**facts) + parts.subject_reference(detail, language)
    address = parts.platform_address(detail, language)
    return parts.assemble(address, today, language, subject, paragraphs, detail)


def ods_body_for(detail: CaseDetail, body_id: str | None) -> OdsBody | None:
    """The body asked for, else the case's chosen body."""
    key = body_id or detail.case.ods_body
    return body_by_id(key) if key else None


def _internal_route(detail: CaseDetail, language: str, facts: dict[str, str]) -> str:
    """That the internal complaint (or else the appeal) was used, and its outcome."""
    words = parts.wording(language)["ods_complaint"]
    complaint = parts.last_event(detail, {EventKind.INTERNAL_COMPLAINT})
    kind = "complaint"
    if complaint is None:
        complaint = parts.last_event(detail, {EventKind.APPEAL_FILED})
        kind = "appeal"
    if complaint is None:
        return words["not_used"].format(**facts)
    used = words[f"{kind}_used"].format(
        date=_date(complaint, language), reference=_reference(complaint, language), **facts
    )
    answer = parts.later_event(detail, complaint, _REJECTIONS | history.ANSWERS)
    if answer is None:
        return f"{used} {words[f'{kind}_unanswered']}"
    if answer.kind is EventKind.ACCOUNT_RESTORED:
        return f"{used} {words['restored'].format(date=_date(answer, language), **facts)}"
    if kind == "appeal":
        return f"{used} {words['appeal_rejected'].format(date=_date(answer, language), **facts)}"
    # the user's note of the answer continues the sentence after a colon and ends it
    outcome = _note(answer.outcome)
    key = "complaint_rejected_outcome" if outcome else "complaint_rejected"
    rejected = words[key].format(date=_date(answer, language), outcome=outcome, **facts)
    return f"{used} {rejected}"


def _note(note: str) -> str:
    return parts.lower_first(parts.closed(note))


def draft_ods_complaint(
    detail: CaseDetail,
    language: str,
    today: dt.date,
    body_id: str | None = None,
    grounds: Sequence[AppealGround | str] = (),
    exception: str | None = None,
) -> str:
    letters = parts.wording(language)
    words = letters["ods_complaint"]
    facts = _facts(detail, language)
    body = ods_body_for(detail, body_id)
    holder = detail.parties.holder
    email = holder.email or holder.account_email or letters["placeholder_email"]
    opening = (
        words["opening"].format(body=body.name, **facts)
        if body
        else words["opening_no_body"].format(**facts)
    )
    person = words["person"].format(
        name=holder.name or letters["placeholder_name"],
        email=email,
        country=parts.country_name(holder.country, language) or letters["placeholder_country"],
    )
    paragraphs = [opening, person]
    representative = detail.parties.representative
    if representative is not None and representative.organisation:
        contact = ""
        if representative.contact_person and representative.email:
            contact = words["representative_contact"].format(
                person=representative.contact_person, email=representative.email
            )
        key = "representative" if representative.mandate else "representative_no_mandate"
        paragraphs.append(
            words[key].format(organisation=representative.organisation, contact=contact)
        )
    url = detail.case.content_url.strip()
    if not url:  # the account itself
        handle = detail.account.handle
        link = (
            f"https://www.tiktok.com/@{handle}"
            if detail.account.platform is Platform.TIKTOK
            else ""
        )
        url = words["account_url"].format(url=link or f"@{handle}")
    paragraphs.append(words["decision"].format(url=url, **facts))
    paragraphs.append(_internal_route(detail, language, facts))
    paragraphs.append(words["grounds"])
    paragraphs.extend(_argument(detail, language, grounds, exception))
    paragraphs.append(parts.omitted_ground(detail, language, about_platform=True))
    ask = "restored" if history.restored(detail) else detail.case.desired_outcome.value
    paragraphs.append(words["ask"][ask].format(**facts))
    # a dispute already put to a body is another proceeding: never deny it
    if detail.case.other_proceedings is False and history.dispute_filed(detail) is None:
        paragraphs.append(words["no_other_proceedings"])
    paragraphs.append(words["closing"].format(email=email))
    subject = words["subject"].format(**facts)
    reference = parts.platform_reference(detail)
    if reference:
        subject += words["subject_body"].format(reference=reference, **facts)
    address = parts.body_address(body, language)
    # The representative is named among the body's intake items above.
    return parts.assemble(address, today, language, subject, paragraphs, detail, represent=False)


def draft_data_access_request(detail: CaseDetail, language: str, today: dt.date) -> str:
    words = parts.wording(language)["data_access_request"]
    facts = _facts(detail, language)
    email = detail.parties.holder.account_email
    account_email = words["account_email"].format(email=email) if email else ""
    items = [f"• {item.format(**facts)};" for item in words["items"]]
    items[-1] = items[-1].rstrip(";") + "."
    paragraphs = [
        words["opening"].format(account_email=account_email, **facts),
        "\n".join([words["asks"], *items]),
        words["cjeu"],
    ]
    how = parts.automated_how(detail, words)
    if how:
        paragraphs.append(words["automated"].format(how=how))
    paragraphs.append(parts.omitted_ground(detail, language, data=True))
    paragraphs.append(words["channel"])
    due = format_date(parts.add_months(today, 1), "long", language)
    paragraphs.append(words["due"].format(due=due))
    subject = words["subject"].format(**facts) + parts.subject_reference(detail, language)
    address = parts.platform_address(detail, language, privacy=True)
    return parts.assemble(address, today, language, subject, paragraphs, detail)


def draft_short_appeal(
    detail: CaseDetail,
    language: str,
    grounds: Sequence[AppealGround | str],
    exception: str | None,
    limit: int | None,
) -> str:
    """The appeal in a few sentences, for the platform's own appeal field: what is least
    needed goes first when it does not fit in ``limit`` characters."""
    words = parts.wording(language)["short"]
    facts = _facts(detail, language)
    essential = [words["opening"].format(**facts)]
    optional = []
    for ground in appeal.appeal_grounds(grounds):
        text = words["grounds"][ground.value]
        if ground is AppealGround.EXCEPTION:
            day = detail.case.blocked_at.date()
            chosen = appeal.chosen_exception(detail.account.platform, day, exception)
            text = (
                text.format(exception=chosen.name.text(language))
                if chosen
                else words["grounds"]["exception_unspecified"]
            )
        if text:
            optional.append(text)
    closing = [history.request_sentence(detail, language)]
    if detail.statement is None:
        closing.append(words["statement"])
    closing.append(detail.parties.holder.signature_name)
    while True:
        text = " ".join([*essential, *optional, *closing[:-1]]) + "\n" + closing[-1]
        if limit is None or len(text) <= limit or not optional:
            return text
        optional.pop()


def draft(
    kind: LetterKind,
    detail: CaseDetail,
    language: str,
    today: dt.date,
    *,
    body_id: str | None = None,
    grounds: Sequence[AppealGround | str] = (),
    exception: str | None = None,
) -> str:
    """The draft of any kind of letter."""
    if kind is LetterKind.APPEAL:
        return appeal.draft_letter(detail, language, grounds, exception, today=today)
    if kind is LetterKind.REMINDER:
        return draft_reminder(detail, language, today)
    if kind is LetterKind.STATEMENT_REQUEST:
        return draft_statement_request(detail, language, today)
    if kind is LetterKind.INTERNAL_COMPLAINT:
        return draft_internal_complaint(detail, language, today, grounds, exception)
    if kind is LetterKind.ODS_COMPLAINT:
        return draft_ods_complaint(detail, language, today, body_id, grounds, exception)
    return draft_data_access_request(detail, language, today)
