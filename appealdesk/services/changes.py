"""The change sets the services take, by field name: mypy checks the names callers use.

A key that is absent is left as it is. The values are what callers really pass: the
services still clean and check them at run time, since the command line and the demo
loader hand over what a user typed (an enum's value as text, tags as one line). Each key
is a column of its table, so :func:`current_values` can read what a change would replace.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Literal, Required, TypedDict, TypeVar, cast

from appealdesk.domain.enums import (
    AppealGround,
    AutomatedDecision,
    AutomatedDetection,
    BlockKind,
    CaptureSource,
    Channel,
    ChecklistState,
    ContentType,
    DecisionAccount,
    DecisionGround,
    DecisionMonetary,
    DecisionProvision,
    DecisionSource,
    DecisionVisibility,
    DesiredOutcome,
    Direction,
    EventKind,
    EvidenceKind,
    EvidenceSource,
    Platform,
    Priority,
    StatementCategory,
    WorkspaceRole,
)

# Cases ------------------------------------------------------------------------------------


class CaseFields(TypedDict, total=False):
    """What a new case may say and a change may change, besides when it was blocked."""

    block_kind: BlockKind | str
    notice_text: str
    reason_area: str | None
    reason_policy: str | None
    user_statement: str
    desired_outcome: DesiredOutcome | str
    priority: Priority | str
    tags: Sequence[str] | str  # a list of words, or words separated by commas
    follow_up_on: dt.date | None
    content_url: str
    ods_body: str | None
    other_proceedings: bool | None


class CaseChanges(CaseFields, total=False):
    """For ``cases.update_case`` (the status has its own functions)."""

    blocked_at: dt.datetime


# Clients and accounts -----------------------------------------------------------------------


class ClientChanges(TypedDict, total=False):
    name: str
    contact_person: str
    email: str
    notes: str


class NewAccount(TypedDict, total=False):
    """An account as it is made (``handle`` is needed); its client is given apart."""

    platform: Platform | str
    handle: str
    display_name: str
    holder_name: str
    holder_email: str
    account_email: str
    phone: str
    country: str
    followers_at_block: int | str | None  # "" is none, as a form's empty box gives it
    notes: str


class WorkspaceChanges(TypedDict, total=False):
    role: WorkspaceRole | str
    agency_name: str
    contact_person: str
    email: str


class AccountChanges(NewAccount, total=False):
    client_id: int


class NewCase(CaseFields, total=False):
    """What ``cases.create_case`` takes: the account is an existing one or made with it."""

    blocked_at: Required[dt.datetime]
    account_id: int | None
    new_account: NewAccount | None
    client_id: int | None  # of the new account (None: the default client)
    new_client_name: str | None  # a client made for the new account
    created_at: dt.datetime | None


# Events, evidence, statements, letters, checklists, channels ---------------------------------


class EventChanges(TypedDict, total=False):
    """For a new event (it happened now, and is a note, unless said otherwise) or a change."""

    occurred_at: dt.datetime
    kind: EventKind | str
    channel: Channel | str | None
    direction: Direction | str | None
    reference: str
    summary: str
    body: str
    outcome: str


class EvidenceChanges(TypedDict, total=False):
    title: str
    note: str
    kind: EvidenceKind | str
    captured_at: dt.datetime | None  # aware: stored in UTC with its offset (see provenance)
    capture_source: CaptureSource | str | None  # "entered" when captured_at is given alone
    source: EvidenceSource | str | None
    source_url: str
    device: str
    sensitive: bool
    include_in_dossier: bool
    redactions: Sequence[Sequence[float]]  # [x, y, width, height] as fractions of the image
    no_blackout_confirmed_at: dt.datetime | None  # "nothing to black out", confirmed then


# The details of a piece of evidence one form row changes (a signal carries the name).
EvidenceField = Literal[
    "title",
    "note",
    "kind",
    "captured_at",
    "source",
    "source_url",
    "device",
    "sensitive",
    "include_in_dossier",
]


class StatementChanges(TypedDict, total=False):
    decision_visibility: Sequence[DecisionVisibility | str]
    decision_monetary: DecisionMonetary | str | None
    decision_provision: DecisionProvision | str | None
    decision_account: DecisionAccount | str | None
    content_type: Sequence[ContentType | str]
    source_type: DecisionSource | str | None
    received_on: dt.date | None
    redress_explained: bool | None
    decision_ground: DecisionGround | str | None
    category: StatementCategory | str | None
    automated_detection: AutomatedDetection | str | None
    automated_decision: AutomatedDecision | str | None
    application_date: dt.date | None
    territorial_scope: Sequence[str] | str  # country codes, or one line of them
    end_date_account_restriction: dt.date | None
    decision_facts: str
    incompatible_content_ground: str
    illegal_content_legal_ground: str
    decision_ground_reference_url: str


# The fields of a statement of reasons, for a form that goes through them by name.
StatementField = Literal[
    "decision_visibility",
    "decision_monetary",
    "decision_provision",
    "decision_account",
    "content_type",
    "source_type",
    "received_on",
    "redress_explained",
    "decision_ground",
    "category",
    "automated_detection",
    "automated_decision",
    "application_date",
    "territorial_scope",
    "end_date_account_restriction",
    "decision_facts",
    "incompatible_content_ground",
    "illegal_content_legal_ground",
    "decision_ground_reference_url",
]


class LetterChanges(TypedDict, total=False):
    text: str
    grounds: Sequence[AppealGround | str]
    exception: str | None  # the key of a guideline exception; None: no exception
    short_text: str  # the appeal's version for the platform's appeal field
    body_id: str | None  # the out-of-court body an ods complaint goes to; None: not chosen


class ChecklistChanges(TypedDict, total=False):
    state: ChecklistState | str
    evidence_id: int | None
    note: str


class ChannelChanges(TypedDict, total=False):
    address: str
    source: str
    note: str
    typical_answer_days: int | str | None  # "" is none


Changes = TypeVar("Changes", bound=Mapping[str, object])


def current_values(record: object, changes: Changes) -> Changes:
    """What ``record`` holds now in the fields that ``changes`` names: what undo puts back.

    The keys are those of ``changes`` and each is a column of the record's table, whose
    values are among what the change set takes.
    """
    return cast(Changes, {name: getattr(record, name) for name in changes})


def changed_values(record: object, changes: Changes) -> Changes:
    """The part of ``changes`` that differs from what ``record`` holds now."""
    return cast(Changes, {k: v for k, v in changes.items() if getattr(record, k) != v})
