"""Whether a certified out-of-court dispute settlement body can take a case (DSA art. 21).

:func:`eligibility` is a pure rule over plain facts; every check gives a :class:`Reason`, a
code with a text in either language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from appealdesk.domain.deadlines import add_months
from appealdesk.domain.ods_bodies import DECISION_TYPE_NAMES, DecisionType, OdsBody, platform_name
from appealdesk.i18n import N_, format_date, translator


@dataclass(frozen=True)
class OdsFacts:
    """What the rule needs to know about a case; None where it is not known."""

    today: dt.date
    platform: str | None = None
    decision_type: DecisionType | None = None
    decided_on: dt.date | None = None
    eu_residence: bool | None = None
    language: str | None = None
    already_decided: bool | None = None
    already_decided_on: dt.date | None = None
    dispute_filed_on: dt.date | None = None  # with a body, no decision recorded yet


class Outcome(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"  # a fact or the body's scope is not known: eligibility is None
    TO_CHECK = "to_check"  # worth knowing; does not change the outcome


@dataclass(frozen=True)
class Message:
    """A marked (``N_``) message inside a reason, translated when the reason is shown."""

    text: str


@dataclass(frozen=True)
class Listing:
    """Names joined as the language joins them (``A, B and C``); language codes by name."""

    items: tuple[str, ...]
    languages: bool = False


Param = str | dt.date | Message | Listing


# The text of each reason code; "already_decided" has a second text for a known date.
_TEXTS: dict[str, str] = {
    "platform_unknown": N_("The platform is not known."),
    "platform_covered": N_("{body} takes disputes about {platform}."),
    "platform_not_covered": N_(
        "{body} does not take disputes about {platform}; it covers {platforms}."
    ),
    "platform_to_check": N_(
        "It is not confirmed that {body} takes disputes about {platform}: "
        "check with the body before you file."
    ),
    "decision_type_unknown": N_("The kind of decision is not known: record the kind of block."),
    "decision_type_covered": N_("{body} takes disputes about {decision}."),
    "decision_type_not_covered": N_("{body} does not take disputes about {decision}."),
    "decision_type_to_check": N_(
        "It is not confirmed that {body} takes disputes about {decision}: "
        "check with the body before you file."
    ),
    "decision_date_unknown": N_(
        "The date of the decision is not known: record the date of the block."
    ),
    "decision_recent_enough": N_(
        "The decision of {date} is recent enough for {body}: file by {last_day}."
    ),
    "decision_too_old": N_(
        "The decision of {date} is too old for {body}: the last day to file was {last_day}."
    ),
    "residence_unknown": N_(
        "It is not known whether you live in an EU member state: record the account's country."
    ),
    "residence_in_eu": N_("You live in an EU member state."),
    "residence_outside_eu": N_(
        "{body} takes disputes only from users who live in an EU member state."
    ),
    "language_unknown": N_("The language of the complaint is not known."),
    "language_accepted": N_("{body} takes complaints in {language}."),
    "language_not_accepted": N_(
        "{body} does not take complaints in {language}, only in {languages}."
    ),
    "earlier_decision_unknown": N_(
        "It is not known whether a certified body already decided this dispute."
    ),
    "no_earlier_decision": N_("No certified body has decided this dispute yet."),
    "already_decided": N_(
        "A certified body already decided this dispute. A body does not take a dispute that was "
        "already decided, and the platform may refuse to take part (DSA art. 21(2))."
    ),
    "already_decided_on": N_(
        "A certified body already decided this dispute on {date}. A body does not take a "
        "dispute that was already decided, and the platform may refuse to take part "
        "(DSA art. 21(2))."
    ),
    "dispute_pending": N_(
        "A dispute about this decision was filed with a certified body on {date}; "
        "its decision is not recorded yet."
    ),
}


@dataclass(frozen=True)
class Reason:
    code: str
    outcome: Outcome
    params: tuple[tuple[str, Param], ...] = ()
    fact: str | None = None  # the fact that is missing, when that is why it is UNKNOWN
    text_key: str | None = None  # when the code has more than one text

    def text(self, language: str | None = None) -> str:
        tr = translator(language)
        values = {name: _render(value, tr.language) for name, value in self.params}
        return tr.gettext(_TEXTS[self.text_key or self.code]).format(**values)


def _reason(
    code: str, outcome: Outcome, *, fact: str | None = None, key: str | None = None, **params: Param
) -> Reason:
    return Reason(code, outcome, tuple(params.items()), fact, key)


@dataclass(frozen=True)
class Eligibility:
    eligible: bool | None
    reasons: list[Reason]

    @property
    def missing_facts(self) -> tuple[str, ...]:
        return tuple(r.fact for r in self.reasons if r.fact is not None)

    def open_points(self) -> list[Reason]:
        """The reasons that decide or qualify the outcome: everything not simply met."""
        return [r for r in self.reasons if r.outcome is not Outcome.MET]


def _render(value: Param, language: str) -> str:
    if isinstance(value, dt.date):
        return format_date(value, "long", language)
    if isinstance(value, Message):
        return translator(language).gettext(value.text)
    if isinstance(value, Listing):
        from babel import Locale, lists  # loaded only when a reason is shown

        locale = translator(language).babel_locale
        names = value.items
        if value.languages:
            known = Locale.parse(locale).languages
            names = tuple(known.get(code, code) for code in names)
        return str(lists.format_list(list(names), locale=locale))
    return value


def eligibility(body: OdsBody, facts: OdsFacts) -> Eligibility:
    """Whether ``body`` can take the dispute: False when a condition fails, None when a fact
    or the body's scope is not known (the reasons say which), else True."""
    checks = (_platform, _decision_type, _decision_age, _residence, _language, _earlier)
    reasons = [reason for check in checks if (reason := check(body, facts)) is not None]
    if facts.dispute_filed_on is not None:
        reasons.append(_reason("dispute_pending", Outcome.TO_CHECK, date=facts.dispute_filed_on))
    outcomes = {r.outcome for r in reasons}
    eligible = (
        False if Outcome.NOT_MET in outcomes else None if Outcome.UNKNOWN in outcomes else True
    )
    return Eligibility(eligible, reasons)


def _scope(
    body: OdsBody, what: str, wanted: Any, covered: tuple[Any, ...], complete: bool, **params: Param
) -> Reason:
    """The platform or the decision type: covered, not covered, or not confirmed either way."""
    values = (("body", body.name), *params.items())
    if wanted in covered:
        return Reason(f"{what}_covered", Outcome.MET, values)
    if complete:
        return Reason(f"{what}_not_covered", Outcome.NOT_MET, values)
    return Reason(f"{what}_to_check", Outcome.UNKNOWN, values)


def _platform(body: OdsBody, facts: OdsFacts) -> Reason:
    if facts.platform is None:
        return _reason("platform_unknown", Outcome.UNKNOWN, fact="platform")
    names = Listing(tuple(platform_name(p) for p in body.platforms))
    return _scope(
        body,
        "platform",
        facts.platform,
        body.platforms,
        body.platforms_complete,
        platform=platform_name(facts.platform),
        platforms=names,
    )


def _decision_type(body: OdsBody, facts: OdsFacts) -> Reason:
    if facts.decision_type is None:
        return _reason("decision_type_unknown", Outcome.UNKNOWN, fact="decision_type")
    return _scope(
        body,
        "decision_type",
        facts.decision_type,
        body.decision_types,
        body.decision_types_complete,
        decision=Message(DECISION_TYPE_NAMES[facts.decision_type]),
    )


def _decision_age(body: OdsBody, facts: OdsFacts) -> Reason | None:
    if body.max_decision_age_months is None:
        return None  # no limit is confirmed; the body's to_check notes say so
    if facts.decided_on is None:
        return _reason("decision_date_unknown", Outcome.UNKNOWN, fact="decision_date")
    # "Less than six months old": the day the months are complete is already too late.
    last_day = add_months(facts.decided_on, body.max_decision_age_months) - dt.timedelta(days=1)
    code, outcome = (
        ("decision_recent_enough", Outcome.MET)
        if facts.today <= last_day
        else ("decision_too_old", Outcome.NOT_MET)
    )
    return _reason(code, outcome, body=body.name, date=facts.decided_on, last_day=last_day)


def _residence(body: OdsBody, facts: OdsFacts) -> Reason:
    if facts.eu_residence is None:
        return _reason("residence_unknown", Outcome.UNKNOWN, fact="eu_residence")
    if facts.eu_residence:
        return _reason("residence_in_eu", Outcome.MET)
    return _reason("residence_outside_eu", Outcome.NOT_MET, body=body.name)


def _language(body: OdsBody, facts: OdsFacts) -> Reason:
    if facts.language is None:
        return _reason("language_unknown", Outcome.UNKNOWN, fact="language")
    accepted = facts.language in body.languages
    return _reason(
        "language_accepted" if accepted else "language_not_accepted",
        Outcome.MET if accepted else Outcome.NOT_MET,
        body=body.name,
        language=Listing((facts.language,), languages=True),
        languages=Listing(body.languages, languages=True),
    )


def _earlier(body: OdsBody, facts: OdsFacts) -> Reason:
    if facts.already_decided is None:
        return _reason("earlier_decision_unknown", Outcome.UNKNOWN, fact="already_decided")
    if not facts.already_decided:
        return _reason("no_earlier_decision", Outcome.MET)
    if facts.already_decided_on is None:
        return _reason("already_decided", Outcome.NOT_MET)
    return _reason(
        "already_decided", Outcome.NOT_MET, key="already_decided_on", date=facts.already_decided_on
    )
