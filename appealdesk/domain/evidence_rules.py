"""Rules about evidence that do not depend on where it is stored."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from appealdesk.domain.enums import EvidenceKind
from appealdesk.domain.errors import ValidationError
from appealdesk.domain.models import EvidenceItem
from appealdesk.i18n import _, ngettext

# Identity documents and photos with them: protected copies only, never shared by default.
SENSITIVE_KINDS = frozenset({EvidenceKind.ID_DOCUMENT, EvidenceKind.SELFIE_WITH_ID})

Rect = tuple[float, float, float, float]


def is_sensitive_kind(kind: EvidenceKind) -> bool:
    return kind in SENSITIVE_KINDS


class Protection(StrEnum):
    """What a copy of a piece of evidence that leaves the app gets done to it."""

    NONE = "none"  # not sensitive: a copy without metadata
    AREAS = "areas"  # sensitive: watermark and the black-out areas the user drew
    CONFIRMED = "confirmed"  # sensitive: watermark; the user confirmed nothing needs covering
    NEEDED = "needed"  # sensitive, with neither areas nor that confirmation: not exported
    PDF = "pdf"  # a sensitive PDF: it cannot be protected, so it is never exported


def protection_of(item: EvidenceItem) -> Protection:
    if not item.sensitive:
        return Protection.NONE
    if item.media_type == "application/pdf" or not item.media_type.startswith("image/"):
        return Protection.PDF
    if item.redactions:
        return Protection.AREAS
    if item.no_blackout_confirmed_at is not None:
        return Protection.CONFIRMED
    return Protection.NEEDED


def can_leave(item: EvidenceItem) -> bool:
    """Whether a copy of ``item`` may leave the app (sensitive ones only once protected)."""
    return protection_of(item) not in (Protection.NEEDED, Protection.PDF)


def blackout_advice(item: EvidenceItem) -> str:
    """What to do before ``item`` can leave the app, as a sentence naming it ("" when it can)."""
    state = protection_of(item)
    name = item.title or item.original_name
    if state is Protection.PDF:
        return _(
            "“{name}” is an identity document as a PDF, which cannot be protected: add a photo "
            "or scan of the document instead."
        ).format(name=name)
    if state is Protection.NEEDED:
        return _(
            "“{name}” has no black-out areas yet: cover its private details (such as the "
            "citizen service number) in AppealDesk's window (Evidence tab, Black out…), or "
            "confirm there that there is nothing to black out."
        ).format(name=name)
    return ""


class UnprotectedEvidenceError(ValidationError):
    """Sensitive evidence that cannot leave the app as it is; the message (one line, for the
    command line too) names each item and what to do. ``exporting``: a dossier was refused;
    otherwise a copy was not saved."""

    def __init__(self, items: Sequence[EvidenceItem], *, exporting: bool = True) -> None:
        self.items = tuple(items)
        if exporting:
            said = [_("Nothing was exported: identity documents leave only as protected copies.")]
        else:
            said = [_("The copy was not saved.")]
        said += [blackout_advice(item) for item in self.items]
        if exporting:
            said.append(
                ngettext(
                    "Or leave it out of the dossier.",
                    "Or leave them out of the dossier.",
                    len(self.items),
                )
            )
        super().__init__(" ".join(said))


def check_can_leave(items: Sequence[EvidenceItem], *, exporting: bool = True) -> None:
    """Raises :class:`UnprotectedEvidenceError` for the items of ``items`` that may not leave."""
    refused = [item for item in items if not can_leave(item)]
    if refused:
        raise UnprotectedEvidenceError(refused, exporting=exporting)


def clean_redactions(rects: object) -> list[list[float]]:
    """Black-out rectangles as fractions of the image, clipped to it; tiny ones are dropped."""
    if not isinstance(rects, list | tuple):
        raise ValidationError(_("Black-out areas must be a list of rectangles."))
    cleaned: list[list[float]] = []
    for rect in rects:
        try:
            x, y, width, height = (float(v) for v in rect)
        except (TypeError, ValueError):
            raise ValidationError(_("A black-out area needs a position and a size.")) from None
        left, top = max(0.0, min(x, x + width)), max(0.0, min(y, y + height))
        right, bottom = min(1.0, max(x, x + width)), min(1.0, max(y, y + height))
        if right - left > 0.002 and bottom - top > 0.002:
            cleaned.append(
                [round(left, 5), round(top, 5), round(right - left, 5), round(bottom - top, 5)]
            )
    return cleaned


# The largest evidence file; the import refuses bigger ones (media.probe says
# "at most 50 MB") and a backup may hold none bigger.
MAX_EVIDENCE_BYTES = 50 * 1024 * 1024
# The largest picture; the import refuses bigger ones ("at most 100 megapixels"), so the
# export and the previews must be able to decode every one up to this size.
MAX_EVIDENCE_PIXELS = 100_000_000
