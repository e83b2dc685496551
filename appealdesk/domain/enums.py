"""The closed vocabularies of a case. Values are stored in the database and in exports."""

from __future__ import annotations

from enum import StrEnum


class Platform(StrEnum):
    TIKTOK = "tiktok"
    INSTAGRAM = "instagram"
    YOUTUBE = "youtube"
    FACEBOOK = "facebook"
    X = "x"
    TWITCH = "twitch"
    SNAPCHAT = "snapchat"
    OTHER = "other"

    @property
    def code(self) -> str:
        """The prefix of case numbers on this platform, such as ``TT`` in ``TT-2026-0001``."""
        return _PLATFORM_CODES[self]


_PLATFORM_CODES = {
    Platform.TIKTOK: "TT",
    Platform.INSTAGRAM: "IG",
    Platform.YOUTUBE: "YT",
    Platform.FACEBOOK: "FB",
    Platform.X: "XX",
    Platform.TWITCH: "TW",
    Platform.SNAPCHAT: "SC",
    Platform.OTHER: "OT",
}


class CaseStatus(StrEnum):
    NEW = "new"
    CHECKING = "checking"
    APPEAL_FILED = "appeal_filed"
    AWAITING_RESPONSE = "awaiting_response"
    REJECTED = "rejected"
    ESCALATED = "escalated"
    RESTORED = "restored"
    PERMANENTLY_LOST = "permanently_lost"
    CLOSED = "closed"


class BlockKind(StrEnum):
    TEMPORARY_SUSPENSION = "temporary_suspension"
    PERMANENT_BAN = "permanent_ban"
    FEATURE_RESTRICTION = "feature_restriction"
    DEVICE_BAN = "device_ban"
    REDUCED_VISIBILITY = "reduced_visibility"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class DesiredOutcome(StrEnum):
    RESTORE_ACCOUNT = "restore_account"
    LIFT_RESTRICTION = "lift_restriction"
    REMOVE_STRIKE = "remove_strike"
    RESTORE_CONTENT = "restore_content"
    EXPLANATION = "explanation"


class EventKind(StrEnum):
    BLOCKED = "blocked"
    NOTICE_RECEIVED = "notice_received"
    APPEAL_FILED = "appeal_filed"
    ID_REQUESTED = "id_requested"
    ID_SUBMITTED = "id_submitted"
    SUPPORT_CONTACTED = "support_contacted"
    RESPONSE_RECEIVED = "response_received"
    APPEAL_REJECTED = "appeal_rejected"
    ACCOUNT_RESTORED = "account_restored"
    FOLLOW_UP = "follow_up"
    INTERNAL_COMPLAINT = "internal_complaint"
    OUT_OF_COURT_DISPUTE = "out_of_court_dispute"
    DATA_ACCESS_REQUEST = "data_access_request"
    DATA_ACCESS_RESPONSE = "data_access_response"
    NOTE = "note"


class Channel(StrEnum):
    IN_APP_APPEAL = "in_app_appeal"
    SUPPORT_FORM = "support_form"
    EMAIL = "email"
    PHONE = "phone"
    OUT_OF_COURT_BODY = "out_of_court_body"
    LETTER = "letter"
    OTHER = "other"


class Direction(StrEnum):
    INCOMING = "in"
    OUTGOING = "out"


class EvidenceKind(StrEnum):
    BLOCK_NOTICE = "block_notice"
    CONTENT_CONCERNED = "content_concerned"
    APPEAL_CONFIRMATION = "appeal_confirmation"
    SUPPORT_CONVERSATION = "support_conversation"
    ID_DOCUMENT = "id_document"
    SELFIE_WITH_ID = "selfie_with_id"
    PROOF_OF_OWNERSHIP = "proof_of_ownership"
    MANDATE = "mandate"  # the account holder's signed authorisation of a representative
    OTHER = "other"


class LetterKind(StrEnum):
    """The letters of the escalation path, in the order a case usually needs them."""

    APPEAL = "appeal"
    REMINDER = "reminder"
    STATEMENT_REQUEST = "statement_request"
    INTERNAL_COMPLAINT = "internal_complaint"
    ODS_COMPLAINT = "ods_complaint"
    DATA_ACCESS_REQUEST = "data_access_request"


class WorkspaceRole(StrEnum):
    """Who keeps this database: a creator for their own accounts, or an agency for clients."""

    CREATOR = "creator"
    AGENCY = "agency"


class AppealGround(StrEnum):
    """Why the block is wrong, as the user argues it in the appeal letter."""

    NO_VIOLATION = "no_violation"
    EXCEPTION = "exception"  # educational, documentary, satire … (guideline exceptions)
    MISTAKEN_IDENTITY = "mistaken_identity"  # not me, or the account was hacked
    AGE_PROVEN = "age_proven"
    FIRST_OFFENCE = "first_offence"  # a first mistake, or context the reviewer missed
    OTHER = "other"


class Checklist(StrEnum):
    BLOCK_SIGNS = "block_signs"
    ID_DOCUMENTS = "id_documents"
    NEXT_STEPS = "next_steps"


class ChecklistState(StrEnum):
    """One vocabulary for all checklists; `checklists.allowed_states` says which apply where."""

    UNKNOWN = "unknown"
    OBSERVED = "observed"
    NOT_OBSERVED = "not_observed"
    NOT_NEEDED = "not_needed"
    NEEDED = "needed"
    COLLECTED = "collected"
    SENT = "sent"
    TODO = "todo"
    DONE = "done"
    SKIPPED = "skipped"


# DSA art. 17 statement of reasons, values as in the EU DSA Transparency Database.


class DecisionAccount(StrEnum):
    SUSPENDED = "DECISION_ACCOUNT_SUSPENDED"
    TERMINATED = "DECISION_ACCOUNT_TERMINATED"


class DecisionVisibility(StrEnum):
    CONTENT_REMOVED = "DECISION_VISIBILITY_CONTENT_REMOVED"
    CONTENT_DISABLED = "DECISION_VISIBILITY_CONTENT_DISABLED"
    CONTENT_DEMOTED = "DECISION_VISIBILITY_CONTENT_DEMOTED"
    CONTENT_AGE_RESTRICTED = "DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED"
    CONTENT_INTERACTION_RESTRICTED = "DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED"
    CONTENT_LABELLED = "DECISION_VISIBILITY_CONTENT_LABELLED"
    OTHER = "DECISION_VISIBILITY_OTHER"


class DecisionMonetary(StrEnum):
    SUSPENSION = "DECISION_MONETARY_SUSPENSION"
    TERMINATION = "DECISION_MONETARY_TERMINATION"
    OTHER = "DECISION_MONETARY_OTHER"


class DecisionProvision(StrEnum):
    PARTIAL_SUSPENSION = "DECISION_PROVISION_PARTIAL_SUSPENSION"
    TOTAL_SUSPENSION = "DECISION_PROVISION_TOTAL_SUSPENSION"
    PARTIAL_TERMINATION = "DECISION_PROVISION_PARTIAL_TERMINATION"
    TOTAL_TERMINATION = "DECISION_PROVISION_TOTAL_TERMINATION"


class ContentType(StrEnum):
    APP = "CONTENT_TYPE_APP"
    AUDIO = "CONTENT_TYPE_AUDIO"
    IMAGE = "CONTENT_TYPE_IMAGE"
    PRODUCT = "CONTENT_TYPE_PRODUCT"
    SYNTHETIC_MEDIA = "CONTENT_TYPE_SYNTHETIC_MEDIA"
    TEXT = "CONTENT_TYPE_TEXT"
    VIDEO = "CONTENT_TYPE_VIDEO"
    OTHER = "CONTENT_TYPE_OTHER"


class DecisionSource(StrEnum):
    """What set the decision off: a notice (art. 16, a trusted flagger, another) or the
    platform itself."""

    NOTICE = "SOURCE_ARTICLE_16"
    TRUSTED_FLAGGER = "SOURCE_TRUSTED_FLAGGER"
    OTHER_NOTIFICATION = "SOURCE_TYPE_OTHER_NOTIFICATION"
    OWN_INITIATIVE = "SOURCE_VOLUNTARY"


class DecisionGround(StrEnum):
    ILLEGAL_CONTENT = "DECISION_GROUND_ILLEGAL_CONTENT"
    INCOMPATIBLE_CONTENT = "DECISION_GROUND_INCOMPATIBLE_CONTENT"


class StatementCategory(StrEnum):
    ANIMAL_WELFARE = "STATEMENT_CATEGORY_ANIMAL_WELFARE"
    CONSUMER_INFORMATION = "STATEMENT_CATEGORY_CONSUMER_INFORMATION"
    CYBER_VIOLENCE = "STATEMENT_CATEGORY_CYBER_VIOLENCE"
    CYBER_VIOLENCE_AGAINST_WOMEN = "STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN"
    DATA_PROTECTION_AND_PRIVACY_VIOLATIONS = (
        "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS"
    )
    ILLEGAL_OR_HARMFUL_SPEECH = "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"
    INTELLECTUAL_PROPERTY_INFRINGEMENTS = "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS"
    NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS = (
        "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS"
    )
    NOT_SPECIFIED_NOTICE = "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE"
    OTHER_VIOLATION_TC = "STATEMENT_CATEGORY_OTHER_VIOLATION_TC"
    PROTECTION_OF_MINORS = "STATEMENT_CATEGORY_PROTECTION_OF_MINORS"
    RISK_FOR_PUBLIC_SECURITY = "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY"
    SCAMS_AND_FRAUD = "STATEMENT_CATEGORY_SCAMS_AND_FRAUD"
    SELF_HARM = "STATEMENT_CATEGORY_SELF_HARM"
    UNSAFE_AND_PROHIBITED_PRODUCTS = "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS"
    VIOLENCE = "STATEMENT_CATEGORY_VIOLENCE"


class AutomatedDetection(StrEnum):
    YES = "Yes"
    NO = "No"


class AutomatedDecision(StrEnum):
    FULLY = "AUTOMATED_DECISION_FULLY"
    PARTIALLY = "AUTOMATED_DECISION_PARTIALLY"
    NOT_AUTOMATED = "AUTOMATED_DECISION_NOT_AUTOMATED"


class BackupReason(StrEnum):
    """Why a backup was made; part of its file name."""

    DAILY = "daily"
    MANUAL = "manual"
    UPGRADE = "upgrade"
    RESTORE = "before-restore"


class EvidenceSource(StrEnum):
    """Where a piece of evidence comes from."""

    PHONE_SCREENSHOT = "phone_screenshot"
    SCREEN_RECORDING = "screen_recording"
    EMAIL = "email"
    WEB_PAGE = "web_page"
    PHOTO = "photo"
    DOCUMENT = "document"
    OTHER = "other"


class CaptureSource(StrEnum):
    """Where the capture time of a piece of evidence comes from."""

    EXIF = "exif"  # with the time zone the EXIF data gives
    EXIF_LOCAL_ZONE = "exif_local_zone"  # EXIF without a zone: this computer's was assumed
    ENTERED = "entered"  # by the user
    PASTED = "pasted"  # the moment it was pasted into AppealDesk
    FILE_TIME = "file_time"  # the file's modification time
    UNKNOWN = "unknown"  # recorded before AppealDesk kept where a capture time came from


class CustodyAction(StrEnum):
    """What a custody entry of a piece of evidence records."""

    ADDED = "added"
    RECORD_STARTED = "record_started"  # the item was there before custody records were kept
    DETAILS_CHANGED = "details_changed"
    REDACTIONS_CHANGED = "redactions_changed"
    EXPORTED = "exported"
    REMOVED = "removed"
    RESTORED = "restored"  # put back after it was removed (undo)
