"""Everything a dossier shows, gathered from the services before anything is drawn."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from enum import StrEnum

from appealdesk.domain.enums import AppealGround
from appealdesk.domain.models import AppealLetter, EvidenceItem
from appealdesk.domain.ods_bodies import OdsBody
from appealdesk.domain.recipients import Recipient, body_for
from appealdesk.domain.validation import is_sha256
from appealdesk.i18n import check_language
from appealdesk.services import appeal_letters, cases
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
    detail = cases.get_case(db, case_id)
    body = body_for(options.recipient, detail.case, options.body_id)
    chosen = chosen_evidence(detail, options)
    # The digest names the file the evidence is read from; any other value is not followed.
    evidence = tuple(item for item in chosen if is_sha256(item.sha256))
    damaged = tuple(item for item in chosen if not is_sha256(item.sha256))
    letter = letter_for(db, detail, options, evidence)
    return DossierContent(
        detail, options.language, letter, evidence, options.recipient, body, damaged=damaged
    )


def letter_for(
    db: Database, detail: CaseDetail, options: ExportOptions, evidence: tuple[EvidenceItem, ...]
) -> LetterText:
    """The letter of the dossier: today the appeal to the platform, for every recipient.

    Letters of other kinds (an ODS complaint, …) come in here: the dossier only reads the
    kind and the text it is given.
    """
    assert detail.case.id is not None
    letter = appeal_letters.get_letter(db, detail.case.id, options.language)
    is_draft = letter is None or not letter.text.strip()
    text = (
        letter.text
        if letter is not None and not is_draft
        else _draft(db, detail, options, evidence)
    )
    return LetterText("appeal", text, is_draft)


def _draft(
    db: Database, detail: CaseDetail, options: ExportOptions, evidence: tuple[EvidenceItem, ...]
) -> str:
    """A letter for a dossier whose language has none yet: the other language's grounds."""
    assert detail.case.id is not None
    other = next(
        (
            letter
            for language in ("nl", "en")
            if language != options.language
            and (letter := appeal_letters.get_letter(db, detail.case.id, language)) is not None
        ),
        None,
    )
    grounds, exception = _grounds_of(other)
    return appeal_letters.draft_letter(
        detail, options.language, grounds, exception, evidence_count=len(evidence)
    )


def _grounds_of(letter: AppealLetter | None) -> tuple[list[str], str | None]:
    if letter is None or not letter.grounds:
        return [AppealGround.NO_VIOLATION.value], None
    return list(letter.grounds), letter.exception
