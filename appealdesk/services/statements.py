"""The platform's statement of reasons (DSA art. 17) for a case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum
from typing import Any, Unpack

from sqlmodel import select

from appealdesk.domain import dates
from appealdesk.domain.enums import (
    AutomatedDecision,
    AutomatedDetection,
    ContentType,
    DecisionAccount,
    DecisionGround,
    DecisionMonetary,
    DecisionProvision,
    DecisionSource,
    DecisionVisibility,
    StatementCategory,
)
from appealdesk.domain.errors import ValidationError
from appealdesk.domain.models import StatementOfReasons, now
from appealdesk.domain.statement_check import ElementCheck, check_statement
from appealdesk.domain.validation import choice, clean_text, optional_choice
from appealdesk.i18n import _
from appealdesk.services.changes import StatementChanges
from appealdesk.services.derived import case_or_raise, refresh_case
from appealdesk.store.database import Database

# EU member states and the other EEA countries, as ISO 3166 codes.
EEA_COUNTRIES = [
    "AT",
    "BE",
    "BG",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GR",
    "HR",
    "HU",
    "IE",
    "IS",
    "IT",
    "LI",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "NO",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
]


def _optional_date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    raise ValidationError(_("A date is needed."))


def _scope(value: Any) -> list[str]:
    codes = value.replace(",", " ").split() if isinstance(value, str) else list(value or ())
    cleaned = []
    for code in codes:
        code = str(code).strip().upper()
        if code not in EEA_COUNTRIES:
            raise ValidationError(_("{code} is not an EU/EEA country code.").format(code=code))
        if code not in cleaned:
            cleaned.append(code)
    return cleaned


def _choices(enum_cls: type[StrEnum]) -> Callable[[Any], list[str]]:
    """Several values of ``enum_cls`` (the EU database allows more than one), in enum order."""

    def clean(values: Any) -> list[str]:
        chosen = {choice(enum_cls, value) for value in values or ()}
        return [member.value for member in enum_cls if member in chosen]

    return clean


def _optional_flag(value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise ValidationError(_("Expected yes, no or not known."))


STATEMENT_FIELDS: dict[str, Callable[[Any], Any]] = {
    "decision_visibility": _choices(DecisionVisibility),
    "decision_monetary": lambda v: optional_choice(DecisionMonetary, v),
    "decision_provision": lambda v: optional_choice(DecisionProvision, v),
    "decision_account": lambda v: optional_choice(DecisionAccount, v),
    "content_type": _choices(ContentType),
    "source_type": lambda v: optional_choice(DecisionSource, v),
    "received_on": _optional_date,
    "redress_explained": _optional_flag,
    "decision_ground": lambda v: optional_choice(DecisionGround, v),
    "category": lambda v: optional_choice(StatementCategory, v),
    "automated_detection": lambda v: optional_choice(AutomatedDetection, v),
    "automated_decision": lambda v: optional_choice(AutomatedDecision, v),
    "application_date": _optional_date,
    "territorial_scope": _scope,
    "end_date_account_restriction": _optional_date,
    "decision_facts": lambda v: clean_text(v, field=_("Statement text")),
    "incompatible_content_ground": lambda v: clean_text(v, field=_("Terms concerned")),
    "illegal_content_legal_ground": lambda v: clean_text(v, field=_("Legal ground")),
    "decision_ground_reference_url": lambda v: clean_text(
        v, field=_("Reference URL"), multiline=False
    ),
}


_DATES = frozenset({"application_date", "received_on", "end_date_account_restriction"})


def update_statement(
    db: Database, case_id: int, **values: Unpack[StatementChanges]
) -> StatementOfReasons:
    unknown = set(values) - set(STATEMENT_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown field: {name}").format(name=", ".join(sorted(unknown))))
    fields = {name: STATEMENT_FIELDS[name](value) for name, value in values.items()}
    with db.transaction() as session:
        case = case_or_raise(session, case_id)
        statement = session.exec(
            select(StatementOfReasons).where(StatementOfReasons.case_id == case_id)
        ).first()
        if statement is None:
            assert case.id is not None
            statement = StatementOfReasons(case_id=case.id)
        for name, value in fields.items():
            setattr(statement, name, value)
        if _DATES & fields.keys():
            dates.check_statement_dates(
                statement.application_date,
                statement.received_on,
                statement.end_date_account_restriction,
                now().date(),
            )
        statement.updated_at = now()
        session.add(statement)
        if "application_date" in fields:  # the decision date moves deadlines
            refresh_case(session, case)
        return statement


def statement_check(db: Database, case_id: int) -> list[ElementCheck]:
    """What the case's statement of reasons holds of DSA art. 17(3), element by element."""
    with db.reading() as session:
        case_or_raise(session, case_id)
        statement = session.exec(
            select(StatementOfReasons).where(StatementOfReasons.case_id == case_id)
        ).first()
    return check_statement(statement)
