"""What every letter of a case shares: whom it is addressed to, the subject's reference, the
art. 17(3) grounds, the dates and the signature (``resources/letters.toml``).

Pure functions of a :class:`CaseDetail`: nothing here reads or writes the database.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from typing import Any

from appealdesk.domain.enums import (
    AutomatedDecision,
    CaseStatus,
    Channel,
    EventKind,
    LetterKind,
)
from appealdesk.domain.labels import label
from appealdesk.domain.models import Event
from appealdesk.domain.ods_bodies import OdsBody
from appealdesk.domain.statement_check import ElementStatus, check_statement
from appealdesk.domain.texts import load_resource
from appealdesk.i18n import check_language, format_date, format_number, translator
from appealdesk.services.results import CaseDetail

# Days a platform is given in a letter to answer, printed as a date.
ANSWER_DAYS = 14

# Contacts with the platform whose reference numbers the platform itself gave.
PLATFORM_CONTACTS = frozenset(
    {
        EventKind.APPEAL_FILED,
        EventKind.SUPPORT_CONTACTED,
        EventKind.RESPONSE_RECEIVED,
        EventKind.APPEAL_REJECTED,
        EventKind.ID_REQUESTED,
        EventKind.ID_SUBMITTED,
        EventKind.FOLLOW_UP,
        EventKind.INTERNAL_COMPLAINT,
        EventKind.DATA_ACCESS_REQUEST,
        EventKind.DATA_ACCESS_RESPONSE,
        EventKind.ACCOUNT_RESTORED,
    }
)


_NUMBER_WORDS = {
    "nl": "nul één twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien "
    "vijftien zestien zeventien achttien negentien",
    "en": "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen",
}


def count_words(count: int, language: str) -> str:
    """A number under twenty in words, as letters write it; larger ones in figures."""
    if 0 <= count < 20:
        return _NUMBER_WORDS[check_language(language)].split()[count]
    return format_number(count, language)


def wording(language: str) -> dict[str, Any]:
    words: dict[str, Any] = load_resource("letters.toml")[check_language(language)]
    return words


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def answer_due(today: dt.date, language: str) -> str:
    return format_date(today + dt.timedelta(days=ANSWER_DAYS), "long", language)


def platform_reference(detail: CaseDetail) -> str:
    """The latest reference number on a contact with the platform (not our case number)."""
    for event in reversed(detail.events):
        if (
            event.kind in PLATFORM_CONTACTS
            and event.channel is not Channel.OUT_OF_COURT_BODY
            and event.reference.strip()
        ):
            return event.reference.strip()
    return ""


def subject_reference(detail: CaseDetail, language: str) -> str:
    reference = platform_reference(detail)
    if not reference:
        return ""
    return str(wording(language)["subject_reference"]).format(reference=reference)


def platform_address(detail: CaseDetail, language: str, *, privacy: bool = False) -> list[str]:
    """The contracting entity and its address; the platform's name when there is none."""
    entity = detail.parties.platform.entity
    if entity:
        lines = [entity.name, *entity.address[:-1], *map_country(entity.address[-1:], language)]
    else:
        lines = [label(detail.account.platform)]
    if privacy:
        lines.insert(1, wording(language)["dpo"])
    return lines


def entity_name(detail: CaseDetail) -> str:
    entity = detail.parties.platform.entity
    return entity.name if entity else label(detail.account.platform, translator("en"))


def body_address(body: OdsBody | None, language: str) -> list[str]:
    if body is None:
        return [wording(language)["ods_complaint"]["no_body"]]
    return [body.name, seat_line(body.seat, language)] if body.seat else [body.name]


def decided(detail: CaseDetail) -> bool:
    """A decision is on record: a statement of reasons, or a rejected appeal."""
    return (
        detail.statement is not None
        or detail.case.status is CaseStatus.REJECTED
        or any(e.kind is EventKind.APPEAL_REJECTED for e in detail.events)
    )


def omitted_elements(detail: CaseDetail) -> list[str]:
    """The art. 17(3) elements the statement lacks, (a) to (f)."""
    return [
        check.element
        for check in check_statement(detail.statement)
        if check.status is ElementStatus.OMITTED
    ]


def omitted_lines(detail: CaseDetail, language: str, *, about_platform: bool = False) -> list[str]:
    words = wording(language)
    texts = dict(words["elements"])
    if about_platform:  # written to a body: "the platform's terms", not "your terms"
        texts.update(words["elements_ods"])
    if detail.statement is None:  # the ground is unknown: (d) and (e) each apply only if
        texts["d"] = words["if_illegal"] + texts["d"]
        texts["e"] = words["if_terms"] + texts["e"]
    lines = [f"• {texts[element]};" for element in omitted_elements(detail)]
    if lines:
        lines[-1] = lines[-1].rstrip(";") + "."
    return lines


def omitted_ground(
    detail: CaseDetail, language: str, *, about_platform: bool = False, data: bool = False
) -> str:
    """The paragraph naming each omitted element as a ground; empty before a decision."""
    if not decided(detail):
        return ""
    lines = omitted_lines(detail, language, about_platform=about_platform)
    if not lines:
        return ""
    words = wording(language)
    key = "omitted_intro_ods" if about_platform else "omitted_intro"
    if detail.statement is None and not about_platform:
        key = "omitted_intro_none"
    intro = words[key].format(platform=label(detail.account.platform, translator(language)))
    return "\n".join([intro, *lines, words["omitted_ground_data" if data else "omitted_ground"]])


def automated_how(detail: CaseDetail, words: dict[str, Any]) -> str:
    """ "geheel"/"fully" or "gedeeltelijk"/"partly" when the statement says the decision was
    automated; empty otherwise."""
    decision = detail.statement.automated_decision if detail.statement else None
    if decision is AutomatedDecision.FULLY:
        return str(words["fully"])
    if decision is AutomatedDecision.PARTIALLY:
        return str(words["partially"])
    return ""


def last_event(detail: CaseDetail, kinds: frozenset[EventKind] | set[EventKind]) -> Event | None:
    return next((e for e in reversed(detail.events) if e.kind in kinds), None)


def later_event(
    detail: CaseDetail, after: Event, kinds: frozenset[EventKind] | set[EventKind]
) -> Event | None:
    index = detail.events.index(after)
    return next((e for e in detail.events[index + 1 :] if e.kind in kinds), None)


def representation(detail: CaseDetail, language: str) -> str:
    """Says who acts for the holder, and that the mandate is enclosed when it is evidence."""
    representative = detail.parties.representative
    if representative is None or not representative.organisation:
        return ""
    words = wording(language)
    sentences = [words["represented"].format(organisation=representative.organisation)]
    if representative.mandate is not None:
        sentences.append(words["mandate_enclosed"].format(organisation=representative.organisation))
    if representative.email:
        sentences.append(words["represented_contact"].format(email=representative.email))
    return " ".join(sentences)


def signature(detail: CaseDetail, language: str, sign_off: str | None = None) -> list[str]:
    """The holder's name (or "@handle"); for an agency, "on behalf of" the holder by its
    contact person and the organisation."""
    words = dict(wording(language))
    if sign_off is not None:
        words["sign_off"] = sign_off
    holder = detail.parties.holder.signature_name
    representative = detail.parties.representative
    if representative is None or not representative.organisation:
        return [words["sign_off"], "", holder]
    lines = [words["sign_off"], "", words["on_behalf"].format(holder=holder)]
    if representative.contact_person:
        lines.append(representative.contact_person)
    lines.append(representative.organisation)
    return lines


def assemble(
    address: list[str],
    today: dt.date,
    language: str,
    subject: str,
    paragraphs: list[str],
    detail: CaseDetail,
    *,
    salutation: str | None = None,
    sign_off: str | None = None,
    represent: bool = True,
) -> str:
    """The letter: addressee, date, subject, salutation, paragraphs, signature."""
    words = wording(language)
    blocks = [
        "\n".join(address),
        format_date(today, "long", language),
        subject,
        salutation or words["salutation"],
        *(p for p in paragraphs if p),
    ]
    represented = representation(detail, language) if represent else ""
    if represented:
        blocks.append(represented)
    blocks.append("\n".join(signature(detail, language, sign_off)))
    return "\n\n".join(blocks)


def event_kind_for(kind: LetterKind) -> EventKind:
    """The timeline event a sent letter becomes."""
    return _SENT_AS[kind][0]


def channel_for(kind: LetterKind) -> Channel:
    return _SENT_AS[kind][1]


_SENT_AS: dict[LetterKind, tuple[EventKind, Channel]] = {
    LetterKind.APPEAL: (EventKind.APPEAL_FILED, Channel.IN_APP_APPEAL),
    LetterKind.REMINDER: (EventKind.FOLLOW_UP, Channel.EMAIL),
    LetterKind.STATEMENT_REQUEST: (EventKind.SUPPORT_CONTACTED, Channel.EMAIL),
    LetterKind.INTERNAL_COMPLAINT: (EventKind.INTERNAL_COMPLAINT, Channel.SUPPORT_FORM),
    LetterKind.ODS_COMPLAINT: (EventKind.OUT_OF_COURT_DISPUTE, Channel.OUT_OF_COURT_BODY),
    LetterKind.DATA_ACCESS_REQUEST: (EventKind.DATA_ACCESS_REQUEST, Channel.SUPPORT_FORM),
}


def closed(text: str) -> str:
    """The user's own text as the end of a sentence: a full stop when it has none."""
    text = " ".join(text.split())
    if text and text[-1] not in ".!?…":
        return text + "."
    return text


def lower_first(text: str) -> str:
    """A note continued after a colon starts in lower case (not a name such as "TikTok")."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def country_name(code: str, language: str) -> str:
    """The country of an ISO code in the letter's language ("IE": "Ierland")."""
    if not code:
        return ""
    from babel import Locale

    name = Locale.parse(translator(language).babel_locale).territories.get(code.upper())
    return str(name) if name else code


def map_country(lines: Sequence[str], language: str) -> list[str]:
    return [country_line(line, language) for line in lines]


def country_line(line: str, language: str) -> str:
    """An address line naming a country in English, in the letter's language."""
    from babel import Locale

    english = Locale.parse("en").territories
    code = next((c for c, name in english.items() if name == line.strip() and c.isalpha()), None)
    return country_name(code, language) if code else line


def seat_line(seat: str, language: str) -> str:
    """A body's seat, "Dublin, IE", as "Dublin, Ierland"; "MT" alone as "Malta"."""
    *places, last = [part.strip() for part in seat.split(",")]
    if len(last) == 2 and last.isalpha() and last.isupper():
        country = country_name(last, language)
        places = [p for p in places if p != country]
        return ", ".join([*places, country])
    return seat
