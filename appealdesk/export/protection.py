"""What was done to a sensitive piece of evidence before it left, said as it was: the
dossier page and the bundle's manifest use the same words."""

from __future__ import annotations

from typing import Any

from appealdesk.domain.evidence_rules import Protection, check_can_leave, protection_of
from appealdesk.domain.models import EvidenceItem
from appealdesk.i18n import format_date, format_number, translator


def protection_text(item: EvidenceItem, language: str) -> str:
    """``Watermarked …; 3 areas blacked out. …`` in ``language``; "" for evidence that
    leaves unprotected (not sensitive) or not at all."""
    tr = translator(language)
    state = protection_of(item)
    if state is Protection.AREAS:
        count = len(item.redactions)
        return tr.ngettext(
            "Watermarked as a copy for this appeal; {count} area blacked out. "
            "The original is kept unchanged.",
            "Watermarked as a copy for this appeal; {count} areas blacked out. "
            "The original is kept unchanged.",
            count,
        ).format(count=format_number(count, language))
    if state is Protection.CONFIRMED:
        return tr.gettext(
            "Watermarked as a copy for this appeal; no areas blacked out, as confirmed on "
            "{date}. The original is kept unchanged."
        ).format(date=format_date(item.no_blackout_confirmed_at, "long", language))
    return ""


def protection_facts(item: EvidenceItem, language: str) -> dict[str, Any] | None:
    """The manifest's account of the protection of ``item`` (None: not sensitive)."""
    state = protection_of(item)
    if state is Protection.NONE:
        return None
    check_can_leave([item])
    confirmed = item.no_blackout_confirmed_at if state is Protection.CONFIRMED else None
    return {
        "watermarked": True,
        "areas_blacked_out": len(item.redactions) if state is Protection.AREAS else 0,
        "nothing_to_black_out_confirmed_at": confirmed.isoformat() if confirmed else None,
        "description": protection_text(item, language),
    }
