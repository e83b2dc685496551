"""Human names of the enum values, translated where they are shown."""

from __future__ import annotations

from enum import StrEnum

from appealdesk.domain.enums import (
    AutomatedDecision,
    AutomatedDetection,
    BlockKind,
    CaseStatus,
    Channel,
    ChecklistState,
    DecisionAccount,
    DecisionGround,
    DesiredOutcome,
    Direction,
    EventKind,
    EvidenceKind,
    Platform,
    Priority,
    StatementCategory,
)
from appealdesk.i18n import N_, Translator, translator

_LABELS: dict[StrEnum, str] = {
    Platform.TIKTOK: "TikTok",
    Platform.INSTAGRAM: "Instagram",
    Platform.YOUTUBE: "YouTube",
    Platform.FACEBOOK: "Facebook",
    Platform.X: "X",
    Platform.TWITCH: "Twitch",
    Platform.SNAPCHAT: "Snapchat",
    Platform.OTHER: N_("Other platform"),
    CaseStatus.NEW: N_("New"),
    CaseStatus.CHECKING: N_("Checking the block"),
    CaseStatus.APPEAL_FILED: N_("Appeal filed"),
    CaseStatus.AWAITING_RESPONSE: N_("Awaiting response"),
    CaseStatus.REJECTED: N_("Rejected"),
    CaseStatus.ESCALATED: N_("Escalated"),
    CaseStatus.RESTORED: N_("Restored"),
    CaseStatus.PERMANENTLY_LOST: N_("Permanently lost"),
    CaseStatus.CLOSED: N_("Closed"),
    BlockKind.TEMPORARY_SUSPENSION: N_("Temporary suspension"),
    BlockKind.PERMANENT_BAN: N_("Permanent ban"),
    BlockKind.FEATURE_RESTRICTION: N_("Feature restriction (LIVE, comments…)"),
    BlockKind.DEVICE_BAN: N_("Device ban"),
    BlockKind.REDUCED_VISIBILITY: N_("Reduced visibility"),
    Priority.LOW: N_("Low"),
    Priority.NORMAL: N_("Normal"),
    Priority.HIGH: N_("High"),
    Priority.URGENT: N_("Urgent"),
    DesiredOutcome.RESTORE_ACCOUNT: N_("Restore the account"),
    DesiredOutcome.LIFT_RESTRICTION: N_("Lift the restriction"),
    DesiredOutcome.REMOVE_STRIKE: N_("Remove the strike"),
    DesiredOutcome.RESTORE_CONTENT: N_("Restore the removed content"),
    DesiredOutcome.EXPLANATION: N_("A clear explanation of the decision"),
    EventKind.BLOCKED: N_("Account blocked"),
    EventKind.NOTICE_RECEIVED: N_("Notice received"),
    EventKind.APPEAL_FILED: N_("Appeal filed"),
    EventKind.ID_REQUESTED: N_("ID requested"),
    EventKind.ID_SUBMITTED: N_("ID submitted"),
    EventKind.SUPPORT_CONTACTED: N_("Support contacted"),
    EventKind.RESPONSE_RECEIVED: N_("Response received"),
    EventKind.APPEAL_REJECTED: N_("Appeal rejected"),
    EventKind.ACCOUNT_RESTORED: N_("Account restored"),
    EventKind.FOLLOW_UP: N_("Follow-up"),
    EventKind.INTERNAL_COMPLAINT: N_("Internal complaint (DSA art. 20)"),
    EventKind.OUT_OF_COURT_DISPUTE: N_("Out-of-court dispute (DSA art. 21)"),
    EventKind.DATA_ACCESS_REQUEST: N_("Data access request (GDPR art. 15)"),
    EventKind.DATA_ACCESS_RESPONSE: N_("Data access answered"),
    EventKind.NOTE: N_("Note"),
    Channel.IN_APP_APPEAL: N_("In-app appeal"),
    Channel.SUPPORT_FORM: N_("Support web form"),
    Channel.EMAIL: N_("Email"),
    Channel.PHONE: N_("Phone"),
    Channel.OUT_OF_COURT_BODY: N_("Out-of-court body"),
    Channel.LETTER: N_("Letter"),
    Channel.OTHER: N_("Other channel"),
    Direction.INCOMING: N_("Incoming"),
    Direction.OUTGOING: N_("Outgoing"),
    EvidenceKind.BLOCK_NOTICE: N_("Block notice"),
    EvidenceKind.CONTENT_CONCERNED: N_("Content concerned"),
    EvidenceKind.APPEAL_CONFIRMATION: N_("Appeal confirmation"),
    EvidenceKind.SUPPORT_CONVERSATION: N_("Conversation with support"),
    EvidenceKind.ID_DOCUMENT: N_("ID document"),
    EvidenceKind.SELFIE_WITH_ID: N_("Selfie with ID"),
    EvidenceKind.PROOF_OF_OWNERSHIP: N_("Proof of ownership"),
    EvidenceKind.OTHER: N_("Other"),
    ChecklistState.UNKNOWN: N_("Not checked"),
    ChecklistState.OBSERVED: N_("Yes, I see this"),
    ChecklistState.NOT_OBSERVED: N_("No"),
    ChecklistState.NOT_NEEDED: N_("Not needed"),
    ChecklistState.NEEDED: N_("Needed"),
    ChecklistState.COLLECTED: N_("Collected"),
    ChecklistState.SENT: N_("Sent"),
    ChecklistState.TODO: N_("To do"),
    ChecklistState.DONE: N_("Done"),
    ChecklistState.SKIPPED: N_("Skipped"),
    DecisionAccount.SUSPENDED: N_("Account suspended"),
    DecisionAccount.TERMINATED: N_("Account terminated"),
    DecisionGround.ILLEGAL_CONTENT: N_("Illegal content"),
    DecisionGround.INCOMPATIBLE_CONTENT: N_("Incompatible with the terms and conditions"),
    AutomatedDetection.YES: N_("Yes"),
    AutomatedDetection.NO: N_("No"),
    AutomatedDecision.FULLY: N_("Fully automated"),
    AutomatedDecision.PARTIALLY: N_("Partially automated"),
    AutomatedDecision.NOT_AUTOMATED: N_("Not automated"),
    StatementCategory.ANIMAL_WELFARE: N_("Animal welfare"),
    StatementCategory.CONSUMER_INFORMATION: N_("Consumer information"),
    StatementCategory.CYBER_VIOLENCE: N_("Cyber violence"),
    StatementCategory.CYBER_VIOLENCE_AGAINST_WOMEN: N_("Cyber violence against women"),
    StatementCategory.DATA_PROTECTION_AND_PRIVACY_VIOLATIONS: N_(
        "Data protection and privacy violations"
    ),
    StatementCategory.ILLEGAL_OR_HARMFUL_SPEECH: N_("Illegal or harmful speech"),
    StatementCategory.INTELLECTUAL_PROPERTY_INFRINGEMENTS: N_(
        "Intellectual property infringements"
    ),
    StatementCategory.NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS: N_(
        "Negative effects on civic discourse or elections"
    ),
    StatementCategory.NOT_SPECIFIED_NOTICE: N_("Not specified in the notice"),
    StatementCategory.OTHER_VIOLATION_TC: N_("Other violation of the terms and conditions"),
    StatementCategory.PROTECTION_OF_MINORS: N_("Protection of minors"),
    StatementCategory.RISK_FOR_PUBLIC_SECURITY: N_("Risk for public security"),
    StatementCategory.SCAMS_AND_FRAUD: N_("Scams and fraud"),
    StatementCategory.SELF_HARM: N_("Self-harm"),
    StatementCategory.UNSAFE_AND_PROHIBITED_PRODUCTS: N_("Unsafe and prohibited products"),
    StatementCategory.VIOLENCE: N_("Violence"),
}


def label(value: StrEnum | None, tr: Translator | None = None) -> str:
    """The translated name of an enum value (in the UI language unless ``tr`` says otherwise)."""
    if value is None:
        return ""
    return (tr or translator()).gettext(_LABELS[value])


def has_label(value: StrEnum) -> bool:
    return value in _LABELS
