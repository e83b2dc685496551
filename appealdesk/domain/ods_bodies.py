"""Certified out-of-court dispute settlement bodies (DSA art. 21), as `resources/` ships them.

Whether a body can take a case is :func:`appealdesk.domain.ods_eligibility.eligibility`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from appealdesk.domain.enums import BlockKind, DecisionAccount
from appealdesk.domain.errors import AppealDeskError
from appealdesk.domain.texts import LocalText, load_resource
from appealdesk.i18n import N_

RESOURCE = "ods_bodies.toml"

# The 27 member states as ISO 3166 codes (Greece as GR, as the account form stores it).
EU_MEMBER_STATES = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split()  # noqa: SIM905
)


class DecisionType(StrEnum):
    """What the platform did, in the terms the bodies use for their scope (DSA art. 17(1))."""

    CONTENT_REMOVAL = "content_removal"
    VISIBILITY = "visibility"
    LABELLING = "labelling"
    ACCOUNT_SUSPENSION = "account_suspension"
    ACCOUNT_TERMINATION = "account_termination"
    MONETISATION = "monetisation"
    FEATURE_RESTRICTION = "feature_restriction"


# Lower case: they stand inside sentences ("takes disputes about …").
DECISION_TYPE_NAMES: dict[DecisionType, str] = {
    DecisionType.CONTENT_REMOVAL: N_("removal of content"),
    DecisionType.VISIBILITY: N_("reduced visibility"),
    DecisionType.LABELLING: N_("labels on content"),
    DecisionType.ACCOUNT_SUSPENSION: N_("account suspension"),
    DecisionType.ACCOUNT_TERMINATION: N_("account termination"),
    DecisionType.MONETISATION: N_("restrictions of monetisation"),
    DecisionType.FEATURE_RESTRICTION: N_("limits on features"),
}

_BLOCK_DECISIONS = {
    BlockKind.TEMPORARY_SUSPENSION: DecisionType.ACCOUNT_SUSPENSION,
    BlockKind.PERMANENT_BAN: DecisionType.ACCOUNT_TERMINATION,
    # A device ban keeps the user off the service with any account, for good.
    BlockKind.DEVICE_BAN: DecisionType.ACCOUNT_TERMINATION,
    BlockKind.FEATURE_RESTRICTION: DecisionType.FEATURE_RESTRICTION,
    BlockKind.REDUCED_VISIBILITY: DecisionType.VISIBILITY,
}


def decision_type_for(
    block_kind: BlockKind, account: DecisionAccount | None = None
) -> DecisionType:
    """The statement of reasons' account decision when there is one, else the kind of block."""
    if account is DecisionAccount.SUSPENDED:
        return DecisionType.ACCOUNT_SUSPENSION
    if account is DecisionAccount.TERMINATED:
        return DecisionType.ACCOUNT_TERMINATION
    return _BLOCK_DECISIONS[block_kind]


def eu_residence(country: str) -> bool | None:
    """Whether an account's country code is an EU member state; None when none is recorded or
    it is not a country code."""
    code = country.strip().upper()
    if len(code) != 2 or not code.isalpha():
        return None
    return code in EU_MEMBER_STATES


class OdsDataError(AppealDeskError):
    """``ods_bodies.toml`` cannot be read as the list of bodies."""


@dataclass(frozen=True)
class OdsBody:
    id: str
    name: str
    website: str
    seat: str
    certified_by: str  # empty when not confirmed
    platforms: tuple[str, ...]
    platforms_complete: bool
    decision_types: tuple[DecisionType, ...]
    decision_types_complete: bool
    languages: tuple[str, ...]
    max_decision_age_months: int | None
    decision_days: int | None
    decision_days_max: int | None
    source: str
    fees: LocalText
    procedure: LocalText
    intake: tuple[LocalText, ...]
    to_check: tuple[LocalText, ...]


# Loading and checking the TOML.


def _fail(where: str, problem: str) -> OdsDataError:
    return OdsDataError(f"{RESOURCE}: {where}: {problem}")


def _url(raw: dict[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.startswith("https://"):
        raise _fail(where, f"'{key}' must be an https:// address")
    return value


_LANGUAGE_CODE = re.compile(r"[a-z]{2}")


def _codes(
    raw: dict[str, Any], key: str, where: str, allowed: frozenset[str] | None = None
) -> tuple[str, ...]:
    """A list of known codes; ``allowed=None`` means ISO 639-1 language codes, at least one."""
    values = raw.get(key)
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise _fail(where, f"'{key}' must be a list of strings")
    if allowed is None and not values:
        raise _fail(where, f"'{key}' must not be empty")
    unknown = [
        v
        for v in values
        if (v not in allowed if allowed is not None else not _LANGUAGE_CODE.fullmatch(v))
    ]
    if unknown:
        raise _fail(where, f"unknown {key}: {', '.join(unknown)}")
    return tuple(values)


def _days(raw: dict[str, Any], key: str, where: str) -> int | None:
    value = raw.get(key)
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value <= 0):
        raise _fail(where, f"'{key}' must be a positive whole number")
    return value


def _texts(raw: dict[str, Any], key: str, where: str, *, required: bool) -> tuple[LocalText, ...]:
    values = raw.get(key, [])
    if not isinstance(values, list) or (required and not values):
        raise _fail(where, f"'{key}' must be a non-empty list of texts")
    return tuple(LocalText.parse(v, f"{where} {key}") for v in values)


def _flag(raw: dict[str, Any], key: str, where: str) -> bool:
    if not isinstance(raw.get(key), bool):
        raise _fail(where, f"'{key}' must be true or false")
    return bool(raw[key])


def _body(raw: Any, number: int, names: dict[str, str]) -> OdsBody:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not raw.get("name"):
        raise _fail(f"body {number}", "needs an 'id' and a 'name'")
    where = f"body {raw['id']}"
    try:
        return OdsBody(
            id=raw["id"],
            name=str(raw["name"]),
            website=_url(raw, "website", where),
            seat=str(raw.get("seat", "")),
            certified_by=str(raw.get("certified_by", "")),
            platforms=_codes(raw, "platforms", where, frozenset(names)),
            platforms_complete=_flag(raw, "platforms_complete", where),
            decision_types=tuple(
                DecisionType(v)
                for v in _codes(raw, "decision_types", where, frozenset(DecisionType))
            ),
            decision_types_complete=_flag(raw, "decision_types_complete", where),
            languages=_codes(raw, "languages", where),
            max_decision_age_months=_days(raw, "max_decision_age_months", where),
            decision_days=_days(raw, "decision_days", where),
            decision_days_max=_days(raw, "decision_days_max", where),
            source=_url(raw, "source", where),
            fees=LocalText.parse(raw.get("fees"), f"{where} fees"),
            procedure=LocalText.parse(raw.get("procedure"), f"{where} procedure"),
            intake=_texts(raw, "intake", where, required=True),
            to_check=_texts(raw, "to_check", where, required=False),
        )
    except OdsDataError:
        raise
    except ValueError as exc:  # LocalText.parse names the place itself
        raise OdsDataError(f"{RESOURCE}: {exc}") from None


def parse_bodies(data: dict[str, Any]) -> tuple[OdsBody, ...]:
    """The bodies of a parsed ``ods_bodies.toml``; :class:`OdsDataError` names what is wrong."""
    names = data.get("platform_names")
    raw_bodies = data.get("body")
    if not isinstance(names, dict) or not all(isinstance(v, str) for v in names.values()):
        raise _fail("platform_names", "must be a table of platform names")
    if not isinstance(raw_bodies, list) or not raw_bodies:
        raise _fail("body", "no [[body]] tables")
    bodies = tuple(_body(raw, n, names) for n, raw in enumerate(raw_bodies, 1))
    ids = [b.id for b in bodies]
    if len(set(ids)) != len(ids):
        raise _fail("body", "two bodies have the same id")
    return bodies


@cache
def _data() -> dict[str, Any]:
    try:
        return load_resource(RESOURCE)
    except tomllib.TOMLDecodeError as exc:
        raise OdsDataError(f"{RESOURCE} is not valid TOML: {exc}") from None


@cache
def ods_bodies() -> tuple[OdsBody, ...]:
    return parse_bodies(_data())


def body_by_id(body_id: str) -> OdsBody | None:
    return next((b for b in ods_bodies() if b.id == body_id), None)


def platform_name(platform: str) -> str:
    names = _data().get("platform_names", {})
    return str(names.get(platform, platform.capitalize()))
