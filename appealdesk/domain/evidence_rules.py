"""Rules about evidence that do not depend on where it is stored."""

from __future__ import annotations

from appealdesk.domain.enums import EvidenceKind
from appealdesk.domain.errors import ValidationError
from appealdesk.i18n import _

# Identity documents and photos with them: protected copies only, never shared by default.
SENSITIVE_KINDS = frozenset({EvidenceKind.ID_DOCUMENT, EvidenceKind.SELFIE_WITH_ID})

Rect = tuple[float, float, float, float]


def is_sensitive_kind(kind: EvidenceKind) -> bool:
    return kind in SENSITIVE_KINDS


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
