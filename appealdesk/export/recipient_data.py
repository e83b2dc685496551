"""What a dossier adds for its recipient: a dispute settlement body, or a lawyer.

Facts only, each from the case or from AppealDesk's reference data (``resources/``): no
advice, and nothing that is not confirmed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from babel import Locale

from appealdesk.domain.enums import (
    AutomatedDecision,
    AutomatedDetection,
    DesiredOutcome,
    EventKind,
    Platform,
)
from appealdesk.domain.labels import label
from appealdesk.domain.models import Event
from appealdesk.domain.recipients import decision_day, filing_deadline
from appealdesk.domain.taxonomy import edition_citation, has_guidelines, taxonomy_for
from appealdesk.export.content import DossierContent
from appealdesk.export.dossier_runs import Block, Run, TextRuns, facts, note, or_dash
from appealdesk.export.evidence_data import evidence_label, exhibit_title
from appealdesk.export.print_images import PrintedEvidence
from appealdesk.export.quoting import marked_text
from appealdesk.i18n import N_, format_date, translator
from appealdesk.services.letter_parts import count_words

# What the body is asked to decide, by the outcome the holder wants.
ASKED = {
    DesiredOutcome.RESTORE_ACCOUNT: N_(
        "That the decision to restrict the account was not justified, and that the platform "
        "restores the account."
    ),
    DesiredOutcome.LIFT_RESTRICTION: N_(
        "That the restriction of the account was not justified, and that the platform lifts it."
    ),
    DesiredOutcome.REMOVE_STRIKE: N_(
        "That the violation recorded against the account was not justified, and that the "
        "platform removes it."
    ),
    DesiredOutcome.RESTORE_CONTENT: N_(
        "That the removal of the content was not justified, and that the platform restores it."
    ),
    DesiredOutcome.EXPLANATION: N_(
        "Whether the platform's decision was justified, and that the platform states its "
        "reasons for it."
    ),
}
_COMPLAINTS = (EventKind.APPEAL_FILED, EventKind.INTERNAL_COMPLAINT)
_ANSWERS = (EventKind.APPEAL_REJECTED, EventKind.ACCOUNT_RESTORED)


@dataclass(frozen=True)
class TermsVersion:
    title: str
    updated: dt.date  # the month the terms say they were last updated
    sections: str


# The terms AppealDesk has read, as their text gives them ("Last updated: July 2026").
TERMS = {
    Platform.TIKTOK: TermsVersion(
        "TikTok Terms of Service (EEA, Switzerland, UK)", dt.date(2026, 7, 1), "1, 4, 6.2, 8"
    ),
}


def ods_section(
    content: DossierContent, writer: TextRuns, printed: Sequence[PrintedEvidence]
) -> tuple[str, list[Block]]:
    """What a certified body asks for before it takes a dispute (DSA art. 21)."""
    tr = translator(content.language)
    _ = tr.gettext
    detail, language, body = content.detail, content.language, content.body
    assert body is not None
    holder, representative = detail.parties.holder, detail.parties.representative
    decided = decision_day(detail.case, detail.statement)
    rows: list[tuple[str, Sequence[Run]]] = [(_("Dispute settlement body"), [body.name])]
    deadline = filing_deadline(body, decided)
    if deadline is not None:
        count = body.max_decision_age_months or 0
        months = count_words(count, language)  # "zes maanden", as a letter writes it
        rows.append(
            (
                _("Filing deadline"),
                [
                    {"strong": format_date(deadline, "long", language)},
                    {"br": True},
                    {
                        "muted": tr.ngettext(
                            "{months} month after the decision of {date}",
                            "{months} months after the decision of {date}",
                            count,
                        ).format(months=months, date=format_date(decided, "long", language))
                    },
                ],
            )
        )
    rows += [
        (_("Account holder"), or_dash(writer.line(holder.name))),
        (_("E-mail address"), or_dash(writer.line(holder.email))),
        (_("Country of residence"), or_dash([country_name(holder.country, language)])),
        (_("Account"), [{"keep": "@" + holder.handle}]),
        (_("Content or account concerned"), or_dash(writer.line(detail.case.content_url))),
    ]
    if representative is not None:
        who = [r for r in (representative.contact_person, representative.email) if r]
        runs: list[Run] = [representative.organisation or "—"]
        for line in who:
            runs += [{"br": True}, *writer.line(line)]
        rows.append((_("Represented by"), runs))
        rows.append((_("Mandate"), _mandate(content, printed)))
    rows.append((_("Internal complaint"), _complaints(content, writer)))
    rows.append((_("The body is asked to decide"), [_(ASKED[detail.case.desired_outcome])]))
    if detail.case.other_proceedings is False:
        said = _("No other proceedings about this dispute are pending before a court or a body.")
        rows.append((_("Other proceedings"), [said]))
    elif detail.case.other_proceedings:
        rows.append(
            (_("Other proceedings"), [_("Other proceedings about this dispute are pending.")])
        )
    return _("For the dispute settlement body"), [facts(rows)]


def country_name(code: str, language: str) -> str:
    if not code:
        return ""
    name = Locale.parse(language).territories.get(code.upper())
    return f"{name} ({code.upper()})" if name else code.upper()


def _mandate(content: DossierContent, printed: Sequence[PrintedEvidence]) -> list[Run]:
    _ = translator(content.language).gettext
    representative = content.detail.parties.representative
    mandate = representative.mandate if representative is not None else None
    for number, evidence in enumerate(printed, start=1):
        if mandate is not None and evidence.item.id == mandate.id:
            name = mandate.title or mandate.original_name
            return [{"goto": evidence_label(number), "text": exhibit_title(content, number, name)}]
    return [_("No mandate is recorded.")]


def _complaints(content: DossierContent, writer: TextRuns) -> list[Run]:
    tr = translator(content.language)
    _ = tr.gettext
    events = content.detail.events
    used = [e for e in events if e.kind in _COMPLAINTS]
    if not used:
        return [_("No internal complaint is recorded.")]
    answers = [e for e in events if e.kind in _ANSWERS and e.occurred_at >= used[0].occurred_at]
    runs: list[Run] = []
    for event in sorted(used + answers, key=lambda e: e.occurred_at):
        if runs:
            runs.append({"br": True})
        runs += _event_line(content, writer, event)
    return runs


def _event_line(content: DossierContent, writer: TextRuns, event: Event) -> list[Run]:
    tr = translator(content.language)
    day = format_date(event.occurred_at, "long", content.language)
    runs: list[Run] = [{"strong": f"{day}: {label(event.kind, tr)}"}]
    if event.reference:
        runs += [" ", {"mono": event.reference}]
    if event.outcome.strip():
        runs += [" — ", *marked_text(writer, event.outcome, content.language)]
    return runs


def lawyer_section(content: DossierContent) -> tuple[str, list[Block]]:
    """The terms, the guidelines and the law the decision stands in, as recorded facts."""
    tr = translator(content.language)
    _ = tr.gettext
    detail, language = content.detail, content.language
    decided = decision_day(detail.case, detail.statement)
    rows: list[tuple[str, Sequence[Run]]] = [
        (_("Decision date"), [format_date(decided, "long", language)])
    ]
    entity = detail.parties.platform.entity
    if entity is not None:
        runs: list[Run] = [{"strong": entity.name}]
        for line in entity.address:
            runs += [{"br": True}, line]
        number = _("Company number {number}").format(number=entity.company_number)
        runs += [{"br": True}, number, {"br": True}, {"muted": entity.applies_to.text(language)}]
        rows.append((_("Contracting party"), runs))
    terms = TERMS.get(detail.account.platform)
    if terms is not None:
        said = _("{title}, last updated {month}; sections {sections}.").format(
            title=terms.title,
            month=format_date(terms.updated, "MMMM y", language),
            sections=terms.sections,
        )
        if decided < terms.updated:
            said += " " + _(
                "The decision predates this version; the version in force on the decision "
                "date is not recorded here."
            )
        rows.append((_("Terms of service"), [said]))
    if has_guidelines(detail.account.platform):
        rows.append((_("Community guidelines in force"), [_guidelines_in_force(content, decided)]))
    blocks = [facts(rows), *_grounds(content)]
    return _("Legal framework"), blocks


def _guidelines_in_force(content: DossierContent, decided: dt.date) -> str:
    _ = translator(content.language).gettext
    edition = taxonomy_for(decided)
    if not edition.exact_day:
        return edition_citation(edition, content.language) + "."
    return _("{title}, released on {released}, in force from {in_force}.").format(
        title=edition.title.text(content.language),
        released=format_date(edition.released, "long", content.language),
        in_force=format_date(edition.in_force, "long", content.language),
    )


def _recorded(content: DossierContent, kinds: Sequence[EventKind]) -> str:
    _ = translator(content.language).gettext
    found = [e for e in content.detail.events if e.kind in kinds]
    if not found:
        return _("None is recorded in the timeline.")
    return _("Recorded in the timeline on {date}.").format(
        date=format_date(found[0].occurred_at, "long", content.language)
    )


def _grounds(content: DossierContent) -> list[Block]:
    _ = translator(content.language).gettext
    detail = content.detail
    statement = detail.statement
    laws = _(
        "DSA: Regulation (EU) 2022/2065 (Digital Services Act). GDPR: Regulation (EU) 2016/679 "
        "(General Data Protection Regulation)."
    )
    rows: list[tuple[str, Sequence[Run]]] = [
        (
            _("DSA art. 17"),
            [
                _("Statement of reasons for a restriction of the account."),
                {"br": True},
                {
                    "muted": _("A statement of reasons is recorded.")
                    if statement is not None
                    else _("No statement of reasons is recorded.")
                },
            ],
        ),
        (
            _("DSA art. 20"),
            [
                _("Internal complaint-handling, for at least six months after the decision."),
                {"br": True},
                {"muted": _recorded(content, _COMPLAINTS)},
            ],
        ),
        (
            _("DSA art. 21"),
            [
                _("Out-of-court dispute settlement by a certified body."),
                {"br": True},
                {"muted": _recorded(content, (EventKind.OUT_OF_COURT_DISPUTE,))},
            ],
        ),
    ]
    automated = statement is not None and (
        statement.automated_detection is AutomatedDetection.YES
        or statement.automated_decision in (AutomatedDecision.FULLY, AutomatedDecision.PARTIALLY)
    )
    asked = any(e.kind is EventKind.DATA_ACCESS_REQUEST for e in detail.events)
    if automated or asked:
        why = []
        if automated:
            why.append(_("The statement of reasons says automated means were used."))
        if asked:
            why.append(_recorded(content, (EventKind.DATA_ACCESS_REQUEST,)))
        rows.append(
            (
                _("GDPR art. 15 and 22"),
                [
                    _(
                        "Access to personal data, including meaningful information about the "
                        "logic of automated decision-making (art. 15(1)(h))."
                    ),
                    {"br": True},
                    {"muted": " ".join(why)},
                ],
            )
        )
    return [
        {"kind": "subheading", "text": _("Legal grounds considered")},
        note(laws, "muted"),
        facts(rows),
    ]
