"""The audit log's changes in the user's words: field names as the window names them, and
values as it shows them (statuses and kinds by name, dates in the user's language, yes/no).

The log itself keeps the columns and the values as stored (``appealdesk audit --format json``
shows them so); this is only how the window puts them.
"""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from functools import cache
from typing import Any

from appealdesk.domain.deadlines import action_label
from appealdesk.domain.enums import AppealGround, ContentType, DecisionVisibility
from appealdesk.domain.labels import has_label, label
from appealdesk.domain.taxonomy import editions, reason_label_on
from appealdesk.i18n import N_, _, format_date, format_datetime, format_number, ngettext

# Columns that say nothing to a reader: keys, stamps and the custody record's own hashes.
HIDDEN = frozenset(
    {
        "id",
        "case_id",
        "created_at",
        "updated_at",
        "custody_head",
        "previous_hash",
        "entry_hash",
        "facts",
        "details",
        "recorded_at",
        "response",
        "width",
        "height",
    }
)

# Keys of other rows: their numbers say nothing to a reader, only that they changed.
REFERENCES = frozenset({"account_id", "client_id", "evidence_id"})

FIELD_NAMES = {
    # the case
    "case_number": N_("case number"),
    "account_id": N_("account"),
    "status": N_("status"),
    "block_kind": N_("kind of block"),
    "blocked_at": N_("block date"),
    "notice_text": N_("the platform's notice"),
    "reason_area": N_("reason"),
    "reason_policy": N_("policy"),
    "user_statement": N_("your account of events"),
    "desired_outcome": N_("desired outcome"),
    "priority": N_("priority"),
    "tags": N_("tags"),
    "follow_up_on": N_("follow-up date"),
    "content_url": N_("content address"),
    "ods_body": N_("out-of-court body"),
    "other_proceedings": N_("other proceedings"),
    "next_action": N_("next action"),
    "next_action_due": N_("next action due"),
    "last_contact_at": N_("last contact"),
    # timeline entries
    "occurred_at": N_("date"),
    "kind": N_("kind"),
    "channel": N_("channel"),
    "direction": N_("direction"),
    "reference": N_("reference"),
    "summary": N_("summary"),
    "body": N_("text"),
    "outcome": N_("outcome"),
    # evidence
    "title": N_("title"),
    "note": N_("note"),
    "captured_at": N_("capture time"),
    "captured_offset": N_("time zone"),
    "capture_source": N_("origin of the capture time"),
    "source": N_("source"),
    "source_url": N_("address"),
    "device": N_("device or app"),
    "original_name": N_("file name"),
    "media_type": N_("file type"),
    "size_bytes": N_("size"),
    "sha256": N_("SHA-256"),
    "sensitive": N_("sensitive"),
    "include_in_dossier": N_("in the dossier"),
    "position": N_("place in the order"),
    "redactions": N_("black-out areas"),
    "no_blackout_confirmed_at": N_("nothing to black out, confirmed on"),
    "evidence_id": N_("evidence"),
    "action": N_("action"),
    # checklists
    "checklist": N_("checklist"),
    "item_key": N_("item"),
    "state": N_("state"),
    # letters
    "language": N_("language"),
    "body_id": N_("complaint body"),
    "grounds": N_("grounds"),
    "exception": N_("exception"),
    "text": N_("text"),
    "short_text": N_("short version"),
    "sent_at": N_("sent on"),
    # the statement of reasons
    "decision_visibility": N_("decision on content"),
    "decision_monetary": N_("decision on payments"),
    "decision_provision": N_("decision on the service"),
    "decision_account": N_("decision on the account"),
    "content_type": N_("type of content"),
    "source_type": N_("what led to it"),
    "received_on": N_("received on"),
    "redress_explained": N_("explains how to contest it"),
    "decision_ground": N_("ground of the decision"),
    "category": N_("category"),
    "automated_detection": N_("automated detection"),
    "automated_decision": N_("automated decision"),
    "application_date": N_("applies from"),
    "territorial_scope": N_("territorial scope"),
    "end_date_account_restriction": N_("restriction ends on"),
    "decision_facts": N_("facts"),
    "incompatible_content_ground": N_("term of service relied on"),
    "illegal_content_legal_ground": N_("law relied on"),
    "decision_ground_reference_url": N_("address of that ground"),
}

_LISTS_OF: dict[str, type[StrEnum]] = {
    "decision_visibility": DecisionVisibility,
    "content_type": ContentType,
    "grounds": AppealGround,
}


def field_name(column: str) -> str:
    return _(FIELD_NAMES[column]) if column in FIELD_NAMES else column


def shown_value(table: str, column: str, value: Any) -> str:
    """One stored value as the window shows it; what is not known is shown as stored."""
    if value is None or value == "":
        return ""
    kind, enum_class = _column_kind(table, column)
    try:
        if column == "reason_area":
            return reason_label_on(None, value, None)
        if column == "reason_policy":
            return _policy_name(value)
        if column == "next_action" and isinstance(value, str):
            return action_label(value)
        if column == "redactions" and isinstance(value, list):
            return ngettext("{count} area", "{count} areas", len(value)).format(count=len(value))
        if enum_class is not None and isinstance(value, str):
            return _enum_name(enum_class, value)
        if column in _LISTS_OF and isinstance(value, list):
            return ", ".join(_enum_name(_LISTS_OF[column], str(v)) for v in value)
        if kind == "DateTime" and isinstance(value, str):
            return format_datetime(dt.datetime.fromisoformat(value), "short")
        if kind == "Date" and isinstance(value, str):
            return format_date(dt.date.fromisoformat(value), "medium")
        if kind == "Boolean" and isinstance(value, bool):
            return _("yes") if value else _("no")
        if column == "size_bytes" and isinstance(value, int):
            return format_number(value)
    except ValueError:  # not what the column holds today: as it was stored
        pass
    if isinstance(value, list):
        return ", ".join(v if isinstance(v, str) else json.dumps(v) for v in value)
    return value if isinstance(value, str) else json.dumps(value)


def _enum_name(enum_class: type[StrEnum], value: str) -> str:
    member = enum_class(value)
    return label(member) if has_label(member) else value


@cache
def _column_kind(table: str, column: str) -> tuple[str, type[StrEnum] | None]:
    from sqlmodel import SQLModel

    import appealdesk.domain.models  # noqa: F401  (the tables' metadata)

    found = SQLModel.metadata.tables.get(table)
    if found is None or column not in found.columns:
        return "", None
    column_type = found.columns[column].type
    enum_class = getattr(column_type, "enum_class", None)
    return type(column_type).__name__, enum_class


def _policy_name(key: str) -> str:
    for edition in editions():
        for area in edition.areas:
            if (policy := area.policy(key)) is not None:
                return policy.name.text()
    return key
