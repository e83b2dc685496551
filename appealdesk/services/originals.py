"""The stored originals of evidence, read back checked, and what a copy of one says it is.

Nothing here draws: reading an original and telling a PDF from a picture needs no Qt, so the
export of a dossier whose pictures are prepared already loads none (see
:mod:`appealdesk.services.protected_copy` for the copies that are drawn).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from appealdesk.domain.enums import Platform
from appealdesk.domain.errors import AppealDeskError, NotFoundError
from appealdesk.domain.labels import label
from appealdesk.domain.models import EvidenceItem
from appealdesk.i18n import N_, _, format_date, translator
from appealdesk.store.database import Database

PDF_MAGIC = b"%PDF-"
JPEG_MAGIC = b"\xff\xd8\xff"


def watermark_text(platform: Platform, day: dt.date, language: str) -> str:
    """``Copy for TikTok appeal — 21 November 2026``, in ``language`` whatever the UI's."""
    tr = translator(language)
    sentence = tr.gettext(N_("Copy for {platform} appeal — {date}"))
    return sentence.format(platform=label(platform, tr), date=format_date(day, "long", language))


def is_pdf(item: EvidenceItem, data: bytes = b"") -> bool:
    return item.media_type == "application/pdf" or data.startswith(PDF_MAGIC)


def read_original(db: Database, item: EvidenceItem) -> bytes:
    """The stored bytes of ``item``, checked against their SHA-256."""
    try:
        data = db.evidence.read_bytes(item.sha256)
    except OSError:
        raise NotFoundError(_("The stored file of this evidence is missing.")) from None
    if hashlib.sha256(data).hexdigest() != item.sha256:
        raise AppealDeskError(_("The stored file of this evidence is damaged."))
    return data
