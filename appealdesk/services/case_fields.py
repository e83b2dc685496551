"""What each field of a case may hold: the check every change passes before it is saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from appealdesk.domain import dates
from appealdesk.domain.enums import BlockKind, DesiredOutcome, Priority
from appealdesk.domain.errors import ValidationError
from appealdesk.domain.models import now
from appealdesk.domain.ods_bodies import body_by_id
from appealdesk.domain.validation import choice, clean_tags, clean_text
from appealdesk.i18n import _


def _datetime(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0, tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    raise ValidationError(_("A date and time is needed."))


def _block_datetime(value: Any) -> dt.datetime:
    """A block date that can be true: not in the future (a day's leeway), not before 2000."""
    blocked = _datetime(value)
    dates.check_block_date(blocked, now())
    return blocked


def _optional_date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    raise ValidationError(_("A date is needed."))


def _optional_key(value: Any) -> str | None:
    return value or None


def _ods_body(value: Any) -> str | None:
    if not value:
        return None
    if body_by_id(str(value)) is None:
        raise ValidationError(_("Unknown out-of-court body: {key}").format(key=value))
    return str(value)


def _web_address(value: Any) -> str:
    address = clean_text(value, field=_("Content or account address"), multiline=False).strip()
    if address and not address.lower().startswith(("https://", "http://")):
        raise ValidationError(
            _("A web address starts with https:// (or http://): {address}").format(address=address)
        )
    return address


def _optional_flag(value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise ValidationError(_("Expected yes, no or not known."))


CASE_FIELDS: dict[str, Callable[[Any], Any]] = {
    "block_kind": lambda v: choice(BlockKind, v),
    "blocked_at": _block_datetime,
    "notice_text": lambda v: clean_text(v, field=_("Notice text")),
    "reason_area": _optional_key,
    "reason_policy": _optional_key,
    "user_statement": lambda v: clean_text(v, field=_("Your account of events")),
    "desired_outcome": lambda v: choice(DesiredOutcome, v),
    "priority": lambda v: choice(Priority, v),
    "tags": clean_tags,
    "follow_up_on": _optional_date,
    "content_url": _web_address,
    "ods_body": _ods_body,
    "other_proceedings": _optional_flag,
}


def clean_case_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(CASE_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown case field: {name}").format(name=", ".join(sorted(unknown)))
        )
    return {name: CASE_FIELDS[name](value) for name, value in values.items()}
