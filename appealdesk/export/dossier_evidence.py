"""The evidence appendix: each piece on the page with its caption and fingerprint."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html import escape

from PySide6.QtGui import QImage

from appealdesk.domain.errors import AppealDeskError
from appealdesk.domain.labels import label
from appealdesk.domain.models import EvidenceItem
from appealdesk.export.content import DossierContent
from appealdesk.export.html_parts import PAGE_BREAK, facts, note
from appealdesk.i18n import _, format_datetime, format_number, translator
from appealdesk.services.protected_copy import evidence_image
from appealdesk.store.database import Database

PRINT_DPI = 200  # images are downscaled to this resolution at their printed size
MAX_WIDTH_MM, MAX_HEIGHT_MM = 160.0, 150.0
# A scrolling screenshot (taller than this many times its width) would shrink to a sliver in
# the box: it is printed as wide as a phone screenshot and cut into page-high parts.
LONG_RATIO = 4.0
LONG_WIDTH_MM, PART_HEIGHT_MM = 80.0, 215.0


@dataclass(frozen=True)
class EvidenceFigure:
    item: EvidenceItem
    resource: str  # the name the HTML refers to, e.g. "evidence-12"
    parts: tuple[QImage, ...]  # the picture, or a long one cut in page-high parts; () for PDFs
    width_mm: float
    height_mm: float  # of the whole picture
    protected: bool  # black-outs and a watermark were painted on (sensitive evidence)

    @property
    def image(self) -> QImage | None:
        """The picture (its first part when it was cut), or None for a document."""
        return self.parts[0] if self.parts else None

    def part_names(self) -> list[str]:
        return [
            self.resource if n == 0 else f"{self.resource}-{n + 1}" for n in range(len(self.parts))
        ]

    def named_images(self) -> dict[str, QImage]:
        """The images the HTML of this figure refers to, by name."""
        return dict(zip(self.part_names(), self.parts, strict=True))


def _fit(width: int, height: int) -> tuple[float, float]:
    """Printed size in millimetres, as large as fits the box, keeping the proportions; a
    long screenshot gets the width of a phone screenshot and all the height it needs."""
    if height > LONG_RATIO * width:
        return LONG_WIDTH_MM, height * LONG_WIDTH_MM / width
    scale = min(MAX_WIDTH_MM / width, MAX_HEIGHT_MM / height)
    return width * scale, height * scale


def _cut(image: QImage, height_mm: float) -> tuple[QImage, ...]:
    """A picture taller than a page in parts of at most ``PART_HEIGHT_MM``."""
    if height_mm <= PART_HEIGHT_MM:
        return (image,)
    step = max(1, round(image.height() * PART_HEIGHT_MM / height_mm))
    return tuple(
        image.copy(0, top, image.width(), min(step, image.height() - top))
        for top in range(0, image.height(), step)
    )


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
            return EvidenceFigure(item, resource, (), 0, 0, False)
        width_mm, height_mm = _fit(item.width, item.height)
        try:
            image = evidence_image(
                db,
                item,
                platform=platform,
                language=content.language,
                day=content.exported_at.date(),
                max_side=int(max(width_mm, height_mm) / 25.4 * PRINT_DPI),
            )
        except AppealDeskError as exc:
            raise AppealDeskError(
                _("The evidence “{name}” cannot be put in the dossier: {reason}").format(
                    name=item.title or item.original_name, reason=exc.message
                )
            ) from exc
        parts = _cut(image, height_mm)
        return EvidenceFigure(item, resource, parts, width_mm, height_mm, item.sensitive)

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
    html = ""
    if not figures and not content.damaged:
        html = note(_("No evidence is included in this dossier."))
    for number, figure in enumerate(figures, start=1):
        if number > 1 and figure.image is not None:
            html += PAGE_BREAK
        html += _figure(content, figure, number)
    if content.damaged:
        html += note(_("These pieces of evidence cannot be read and are not included:"))
        names = (item.title or item.original_name or "—" for item in content.damaged)
        html += "<ul>" + "".join(f"<li>{escape(name)}</li>" for name in names) + "</ul>"
    return _("Evidence"), html


def _whole_height(figure: EvidenceFigure) -> int:
    return sum(part.height() for part in figure.parts) or 1


def _figure(content: DossierContent, figure: EvidenceFigure, number: int) -> str:
    tr = translator(content.language)
    _ = tr.gettext
    item, language = figure.item, content.language
    title = _("Evidence {number}: {title}").format(
        number=number, title=item.title or item.original_name
    )
    html = f"<h3>{escape(title)}</h3>"
    # Qt reads image sizes as pixels of 1/96 inch and scales them to the PDF.
    width = round(figure.width_mm / 25.4 * 96)
    for number_of_part, (name, part) in enumerate(figure.named_images().items()):
        if number_of_part:
            html += PAGE_BREAK
        height = round(figure.height_mm * part.height() / _whole_height(figure) / 25.4 * 96)
        html += f'<p align="center"><img src="{name}" width="{width}" height="{height}"></p>'
    if len(figure.parts) > 1:
        html += note(
            _("A long screenshot, printed in {count} parts from top to bottom.").format(
                count=format_number(len(figure.parts), language)
            )
        )
    size = _("{size} bytes").format(size=format_number(item.size_bytes, language))
    rows = [
        (_("Kind"), escape(label(item.kind, tr))),
        (_("Captured at"), escape(format_datetime(item.captured_at, "long", language)) or "—"),
        (_("Original file"), escape(item.original_name)),
        (_("Size"), escape(size)),
        (_("SHA-256 of the original"), f'<span class="mono">{escape(item.sha256)}</span>'),
    ]
    if figure.protected:
        explanation = _(
            "Identity document: details blacked out and marked as a copy for this appeal; "
            "the original is kept unchanged."
        )
        rows.append((_("Protected copy"), escape(explanation)))
    if figure.image is None:
        explanation = _("A PDF document; it is included in the bundle with its original bytes.")
        rows.append((_("Document"), escape(explanation)))
    if item.note.strip():
        rows.append((_("Note"), escape(item.note)))
    return html + facts(rows)
