"""Everything a dossier shows, gathered from the services before anything is drawn."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from appealdesk.domain.enums import LetterKind
from appealdesk.domain.evidence_rules import check_can_leave
from appealdesk.domain.models import EvidenceItem
from appealdesk.domain.ods_bodies import OdsBody
from appealdesk.domain.proof_models import CustodyEntry
from appealdesk.domain.recipients import Recipient, body_for
from appealdesk.domain.validation import is_sha256
from appealdesk.export.timestamp_data import StampFact, stamp_facts
from appealdesk.i18n import check_language
from appealdesk.services import cases, custody, letters
from appealdesk.services.results import CaseDetail
from appealdesk.store.database import Database


class DossierFormat(StrEnum):
    PDF = "pdf"
    BUNDLE = "bundle"  # a ZIP with the PDF, the evidence files and a manifest


@dataclass(frozen=True)
class ExportOptions:
    language: str
    format: DossierFormat = DossierFormat.PDF
    include_sensitive: bool = False
    # The evidence to include; None: what is marked "include in the dossier".
    evidence_ids: Collection[int] | None = None
    recipient: Recipient = Recipient.PLATFORM
    body_id: str | None = None  # for Recipient.ODS; None: the case's chosen body

    def __post_init__(self) -> None:
        check_language(self.language)


@dataclass(frozen=True)
class LetterText:
    """The letter a dossier carries: its kind (``appeal``, ``ods_complaint``, …) and its text."""

    kind: str
    text: str
    is_draft: bool  # drafted for the export: the user never saved one in this language


@dataclass(frozen=True)
class DossierContent:
    detail: CaseDetail
    language: str
    letter: LetterText
    evidence: tuple[EvidenceItem, ...]
    recipient: Recipient = Recipient.PLATFORM
    body: OdsBody | None = None  # the body an ods dossier is for
    exported_at: dt.datetime = field(
        default_factory=lambda: dt.datetime.now().replace(microsecond=0)
    )
    # Chosen evidence whose stored row is damaged: named as unreadable, nothing is read for it.
    damaged: tuple[EvidenceItem, ...] = ()
    # The granted trusted time stamps of each piece of evidence, by its id.
    time_stamps: Mapping[int, tuple[StampFact, ...]] = field(default_factory=dict)
    # The custody record of each piece of evidence shown, by its id.
    custody: Mapping[int, Sequence[CustodyEntry]] = field(default_factory=dict)


def chosen_evidence(detail: CaseDetail, options: ExportOptions) -> tuple[EvidenceItem, ...]:
    """The evidence in the dossier. Sensitive items only when the user included them."""
    chosen = []
    for item in detail.evidence:
        wanted = (
            item.include_in_dossier
            if options.evidence_ids is None
            else item.id in options.evidence_ids
        )
        if wanted and (options.include_sensitive or not item.sensitive):
            chosen.append(item)
    return tuple(chosen)


def gather(db: Database, case_id: int, options: ExportOptions) -> DossierContent:
    """What the dossier shows. Raises ``UnprotectedEvidenceError`` when chosen sensitive
    evidence has neither black-out areas nor the confirmation that it needs none."""
    detail = cases.get_case(db, case_id)
    body = body_for(options.recipient, detail.case, options.body_id)
    chosen = chosen_evidence(detail, options)
    # The digest names the file the evidence is read from; any other value is not followed.
    evidence = tuple(item for item in chosen if is_sha256(item.sha256))
    damaged = tuple(item for item in chosen if not is_sha256(item.sha256))
    # An identity document goes out protected as the user decided, or the dossier not at all.
    check_can_leave(evidence)
    letter = letter_for(db, detail, options, body)
    records = custody.custody_records(db, [item.id for item in evidence if item.id is not None])
    return DossierContent(
        detail,
        options.language,
        letter,
        evidence,
        options.recipient,
        body,
        damaged=damaged,
        time_stamps=stamp_facts(db, evidence),
        custody=records,
    )


def letter_for(
    db: Database, detail: CaseDetail, options: ExportOptions, body: OdsBody | None
) -> LetterText:
    """The letter of the dossier: for a body the complaint to it; for the platform and a
    lawyer the letter the case needs at its stage (a platform never gets the letter to a
    body: at that stage it gets the internal complaint)."""
    assert detail.case.id is not None
    if options.recipient is Recipient.ODS:
        kind = LetterKind.ODS_COMPLAINT
    else:
        kind = letters.proposal(detail, letters.case_letters(db, detail.case.id))
        if options.recipient is Recipient.PLATFORM and kind is LetterKind.ODS_COMPLAINT:
            kind = LetterKind.INTERNAL_COMPLAINT
    body_id = body.id if body is not None else None
    letter = letters.current_letter(
        db, detail.case.id, kind, options.language, body_id=body_id, detail=detail
    )
    return LetterText(kind.value, letter.text, letter.is_draft)
