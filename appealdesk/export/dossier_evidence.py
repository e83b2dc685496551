"""The evidence appendix: each piece on the page with its caption and fingerprint."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html import escape

from PySide6.QtGui import QImage

from appealdesk.domain.labels import label
from appealdesk.domain.models import EvidenceItem
from appealdesk.export.content import DossierContent
from appealdesk.export.html_parts import PAGE_BREAK, facts, note
from appealdesk.i18n import format_datetime, format_number, translator
from appealdesk.services.protected_copy import evidence_image
from appealdesk.store.database import Database

PRINT_DPI = 200  # images are downscaled to this resolution at their printed size
MAX_WIDTH_MM, MAX_HEIGHT_MM = 160.0, 150.0


@dataclass(frozen=True)
class EvidenceFigure:
    item: EvidenceItem
    resource: str  # the name the HTML refers to, e.g. "evidence-12"
    image: QImage | None  # None for documents (PDF)
    width_mm: float
    height_mm: float
    protected: bool  # black-outs and a watermark were painted on (sensitive evidence)


def _fit(width: int, height: int) -> tuple[float, float]:
    """Printed size in millimetres, as large as fits the box, keeping the proportions."""
    scale = min(MAX_WIDTH_MM / width, MAX_HEIGHT_MM / height)
    return width * scale, height * scale


def prepare_figures(
    db: Database,
    content: DossierContent,
    *,
    on_item: Callable[[EvidenceItem], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[EvidenceFigure]:
    """Each included image (protected when sensitive) at print resolution.

    Decoding a large screenshot is most of the work and Qt does it without the interpreter
    lock, so the images are made on as many threads as there are processors.
    """
    platform = content.detail.account.platform

    def figure(item: EvidenceItem) -> EvidenceFigure:
        resource = f"evidence-{item.id}"
        if not item.media_type.startswith("image/") or not item.width or not item.height:
            return EvidenceFigure(item, resource, None, 0, 0, False)
        width_mm, height_mm = _fit(item.width, item.height)
        image = evidence_image(
            db,
            item,
            platform=platform,
            language=content.language,
            day=content.exported_at.date(),
            max_side=int(max(width_mm, height_mm) / 25.4 * PRINT_DPI),
        )
        return EvidenceFigure(item, resource, image, width_mm, height_mm, item.sensitive)

    figures: list[EvidenceFigure] = []
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        pending = [pool.submit(figure, item) for item in content.evidence]
        try:
            for item, future in zip(content.evidence, pending, strict=True):
                if should_stop is not None and should_stop():
                    break
                if on_item is not None:
                    on_item(item)
                figures.append(future.result())
        finally:
            for future in pending:
                future.cancel()
    return figures


def evidence_section(content: DossierContent, figures: Sequence[EvidenceFigure]) -> tuple[str, str]:
    """(title, body) of the appendix: each piece with its caption and fingerprint."""
    tr = translator(content.language)
    _ = tr.gettext
    if not figures:
        return _("Evidence"), note(_("No evidence is included in this dossier."))
    html = ""
    for number, figure in enumerate(figures, start=1):
        if number > 1 and figure.image is not None:
            html += PAGE_BREAK
        html += _figure(content, figure, number)
    return _("Evidence"), html


def _figure(content: DossierContent, figure: EvidenceFigure, number: int) -> str:
    tr = translator(content.language)
    _ = tr.gettext
    item, language = figure.item, content.language
    title = _("Evidence {number}: {title}").format(
        number=number, title=item.title or item.original_name
    )
    html = f"<h3>{escape(title)}</h3>"
    if figure.image is not None:
        # Qt reads image sizes as pixels of 1/96 inch and scales them to the PDF.
        width, height = (round(mm / 25.4 * 96) for mm in (figure.width_mm, figure.height_mm))
        html += (
            f'<p align="center"><img src="{figure.resource}" width="{width}" height="{height}"></p>'
        )
    size = _("{size} bytes").format(size=format_number(item.size_bytes, language))
    rows = [
        (_("Kind"), escape(label(item.kind, tr))),
        (_("Captured at"), escape(format_datetime(item.captured_at, "long", language)) or "—"),
        (_("Original file"), escape(item.original_name)),
        (_("Size"), escape(size)),
        (_("SHA-256 of the original"), f'<span class="mono">{item.sha256}</span>'),
    ]
    if figure.protected:
        note = _(
            "Identity document: details blacked out and marked as a copy for this appeal; "
            "the original is kept unchanged."
        )
        rows.append((_("Protected copy"), escape(note)))
    if figure.image is None:
        note = _("A PDF document; it is included in the bundle with its original bytes.")
        rows.append((_("Document"), escape(note)))
    if item.note.strip():
        rows.append((_("Note"), escape(item.note)))
    return html + facts(rows)
