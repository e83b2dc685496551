"""The tables. Relationships are plain foreign keys: objects handed to the UI never lazy-load.

Times are local wall-clock times without a zone, as the user experienced them.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    UniqueConstraint,
    text,
)
from sqlalchemy import Enum as SAEnum
from sqlmodel import Field, SQLModel
from sqlmodel.main import SQLModelConfig

from appealdesk.domain.enums import (
    AutomatedDecision,
    AutomatedDetection,
    BlockKind,
    CaptureSource,
    CaseStatus,
    Channel,
    Checklist,
    ChecklistState,
    DecisionAccount,
    DecisionGround,
    DecisionMonetary,
    DecisionProvision,
    DecisionSource,
    DesiredOutcome,
    Direction,
    EventKind,
    EvidenceKind,
    EvidenceSource,
    LetterKind,
    Platform,
    Priority,
    StatementCategory,
    WorkspaceRole,
)

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def now() -> dt.datetime:
    """The current local time, to the second (what timestamps in the app are made of)."""
    return dt.datetime.now().replace(microsecond=0)


def enum_type(enum_cls: type[StrEnum]) -> SAEnum:
    """Stores an enum by its value (``appeal_filed``), not its Python name."""
    return SAEnum(
        enum_cls,
        values_callable=lambda members: [m.value for m in members],
        native_enum=False,
        length=80,
        validate_strings=True,
    )


def _enum(enum_cls: type[StrEnum], default: Any = None, *, nullable: bool = False) -> Any:
    return Field(default=default, sa_column=Column(enum_type(enum_cls), nullable=nullable))


def _fk(target: str, *, ondelete: str, nullable: bool = False, index: bool = True) -> Any:
    return Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=index
        ),
    )


def _time(*, nullable: bool = False, stamp: bool = False) -> Any:
    """A local wall-clock time, stored without a zone (explicit, whatever sqlmodel's default)."""
    column = Column(DateTime(), nullable=nullable)
    if stamp:
        return Field(default_factory=now, sa_column=column)
    return Field(default=None, sa_column=column)


class Table(SQLModel):
    """A table's row. Its validation schema is built when first used, not as the module
    loads, which every command and the window do (rows read back are never validated)."""

    model_config = SQLModelConfig(defer_build=True)


def _json_list() -> Any:
    return Field(default_factory=list, sa_column=Column(JSON, nullable=False, default=list))


class Client(Table, table=True):
    """Whom the accounts belong to: an agency's customer, or the creator themself."""

    __tablename__ = "clients"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    contact_person: str = ""
    email: str = ""
    notes: str = ""
    is_default: bool = False
    created_at: dt.datetime = _time(stamp=True)
    updated_at: dt.datetime = _time(stamp=True)


class Account(Table, table=True):
    """An account on a platform and the person who holds it (the party the case is for)."""

    __tablename__ = "accounts"
    __table_args__ = (UniqueConstraint("platform", "handle"),)

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = _fk("clients.id", ondelete="RESTRICT")
    platform: Platform = _enum(Platform, Platform.TIKTOK)
    handle: str
    display_name: str = ""
    holder_name: str = ""  # the person's own name, as letters are signed
    holder_email: str = ""  # where the person can be reached (bodies ask for it)
    account_email: str = ""  # as the platform knows the account
    phone: str = ""  # as the platform knows the account
    country: str = ""  # the holder's country of residence (ISO 3166 code)
    followers_at_block: int | None = None
    notes: str = ""
    created_at: dt.datetime = _time(stamp=True)
    updated_at: dt.datetime = _time(stamp=True)


class Case(Table, table=True):
    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_next_action_due", "next_action_due"),
        Index("ix_cases_blocked_at", "blocked_at"),
        Index("ix_cases_status", "status"),
        Index("ix_cases_last_contact_at", "last_contact_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_number: str = Field(unique=True)
    account_id: int = _fk("accounts.id", ondelete="RESTRICT")
    status: CaseStatus = _enum(CaseStatus, CaseStatus.NEW)
    block_kind: BlockKind = _enum(BlockKind, BlockKind.TEMPORARY_SUSPENSION)
    blocked_at: dt.datetime = _time()
    notice_text: str = ""
    reason_area: str | None = None
    reason_policy: str | None = None
    user_statement: str = ""  # the user's own account of events, not the platform's statement
    desired_outcome: DesiredOutcome = _enum(DesiredOutcome, DesiredOutcome.RESTORE_ACCOUNT)
    priority: Priority = _enum(Priority, Priority.NORMAL)
    tags: list[str] = _json_list()
    follow_up_on: dt.date | None = None
    content_url: str = ""  # the content or account the decision concerns
    ods_body: str | None = None  # key of the chosen out-of-court body (resources/ods_bodies)
    other_proceedings: bool | None = None  # is the dispute before a court or body? None: not asked
    # Derived from the events by the deadline rules; kept here so lists sort and filter in SQL.
    next_action: str | None = None
    next_action_due: dt.date | None = None
    last_contact_at: dt.datetime | None = _time(nullable=True)
    created_at: dt.datetime = _time(stamp=True)
    updated_at: dt.datetime = _time(stamp=True)


class StatementOfReasons(Table, table=True):
    """The platform's statement of reasons (DSA art. 17), fields named as in the EU database."""

    __tablename__ = "statements_of_reasons"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, unique=True
        )
    )
    decision_visibility: list[str] = _json_list()  # DecisionVisibility values
    decision_monetary: DecisionMonetary | None = _enum(DecisionMonetary, nullable=True)
    decision_provision: DecisionProvision | None = _enum(DecisionProvision, nullable=True)
    decision_account: DecisionAccount | None = _enum(DecisionAccount, nullable=True)
    content_type: list[str] = _json_list()  # ContentType values
    source_type: DecisionSource | None = _enum(DecisionSource, nullable=True)
    received_on: dt.date | None = None
    redress_explained: bool | None = None  # does it say how to contest the decision? (17(3)(f))
    decision_ground: DecisionGround | None = _enum(DecisionGround, nullable=True)
    category: StatementCategory | None = _enum(StatementCategory, nullable=True)
    automated_detection: AutomatedDetection | None = _enum(AutomatedDetection, nullable=True)
    automated_decision: AutomatedDecision | None = _enum(AutomatedDecision, nullable=True)
    application_date: dt.date | None = None
    territorial_scope: list[str] = _json_list()
    end_date_account_restriction: dt.date | None = None
    decision_facts: str = ""
    incompatible_content_ground: str = ""
    illegal_content_legal_ground: str = ""
    decision_ground_reference_url: str = ""
    updated_at: dt.datetime = _time(stamp=True)


class Event(Table, table=True):
    """Something that happened in a case: a contact through a channel, a decision, a note."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_case_id_occurred_at", "case_id", "occurred_at"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = _fk("cases.id", ondelete="CASCADE", index=False)
    occurred_at: dt.datetime = _time()
    kind: EventKind = _enum(EventKind, EventKind.NOTE)
    channel: Channel | None = _enum(Channel, nullable=True)
    direction: Direction | None = _enum(Direction, nullable=True)
    reference: str = ""
    summary: str = ""
    body: str = ""
    outcome: str = ""
    created_at: dt.datetime = _time(stamp=True)
    updated_at: dt.datetime = _time(stamp=True)


class EvidenceItem(Table, table=True):
    """A screenshot or document. The bytes live in the evidence store under their SHA-256."""

    __tablename__ = "evidence_items"
    __table_args__ = (Index("ix_evidence_items_case_id_position", "case_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = _fk("cases.id", ondelete="CASCADE", index=False)
    kind: EvidenceKind = _enum(EvidenceKind, EvidenceKind.OTHER)
    title: str = ""
    note: str = ""
    # In UTC when ``captured_offset`` says the zone (minutes east of UTC); without it, a
    # wall-clock time of an unknown zone (as items were recorded before zones were kept).
    captured_at: dt.datetime | None = _time(nullable=True)
    captured_offset: int | None = None
    capture_source: CaptureSource | None = _enum(CaptureSource, nullable=True)
    source: EvidenceSource | None = _enum(EvidenceSource, nullable=True)
    source_url: str = ""  # of a web page
    device: str = ""  # the device or app it was captured with
    original_name: str = ""
    media_type: str = ""
    size_bytes: int = 0
    width: int | None = None
    height: int | None = None
    sha256: str = Field(index=True, min_length=64, max_length=64)
    sensitive: bool = False
    include_in_dossier: bool = True
    position: int = 0
    # Black-out rectangles as fractions of the (upright) image: [[x, y, width, height], ...].
    redactions: list[list[float]] = Field(
        default_factory=list,
        sa_column=Column(JSON, nullable=False, default=list, server_default=text("'[]'")),
    )
    # When the user confirmed that a sensitive image needs no black-out areas; drawing areas
    # clears it, so removing them all again needs a new confirmation.
    no_blackout_confirmed_at: dt.datetime | None = _time(nullable=True)
    custody_head: str = ""  # the hash of its newest custody entry: the last one cannot go unseen
    created_at: dt.datetime = _time(stamp=True)


class ChecklistItem(Table, table=True):
    __tablename__ = "checklist_items"
    __table_args__ = (UniqueConstraint("case_id", "checklist", "item_key"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = _fk("cases.id", ondelete="CASCADE", index=False)
    checklist: Checklist = _enum(Checklist)
    item_key: str
    state: ChecklistState = _enum(ChecklistState, ChecklistState.UNKNOWN)
    evidence_id: int | None = _fk("evidence_items.id", ondelete="SET NULL", nullable=True)
    note: str = ""
    updated_at: dt.datetime = _time(stamp=True)


class AppealLetter(Table, table=True):
    """A letter of a case, one draft per kind and language."""

    __tablename__ = "appeal_letters"
    __table_args__ = (UniqueConstraint("case_id", "kind", "language"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = _fk("cases.id", ondelete="CASCADE", index=False)
    kind: LetterKind = _enum(LetterKind, LetterKind.APPEAL)
    language: str = Field(max_length=8)
    body_id: str | None = None  # the out-of-court body an ods_complaint is addressed to
    grounds: list[str] = _json_list()
    exception: str | None = None  # key of the guideline exception, for that ground
    text: str = ""
    short_text: str = ""  # the version for the platform's appeal field (appeal only)
    sent_at: dt.datetime | None = _time(nullable=True)
    updated_at: dt.datetime = _time(stamp=True)


class Workspace(Table, table=True):
    """Who keeps this database, and for an agency how it signs on its clients' behalf.
    One row at most."""

    __tablename__ = "workspace"

    id: int | None = Field(default=None, primary_key=True)
    role: WorkspaceRole = _enum(WorkspaceRole, WorkspaceRole.CREATOR)
    agency_name: str = ""
    contact_person: str = ""
    email: str = ""
    updated_at: dt.datetime = _time(stamp=True)


class PlatformChannel(Table, table=True):
    """How to reach a platform. Seeded from the platform profile; the user keeps it current."""

    __tablename__ = "platform_channels"
    __table_args__ = (UniqueConstraint("platform", "channel"),)

    id: int | None = Field(default=None, primary_key=True)
    platform: Platform = _enum(Platform)
    channel: Channel = _enum(Channel)
    address: str = ""
    typical_answer_days: int | None = None
    source: str = ""
    note: str = ""
    updated_at: dt.datetime = _time(stamp=True)


# The records that prove evidence (its custody record and trusted time stamps) are tables of
# their own module; imported here so that every table is known wherever the models are.
from appealdesk.domain.proof_models import CustodyEntry, EvidenceTimestamp  # noqa: E402

__all__ = ["CustodyEntry", "EvidenceTimestamp"]
