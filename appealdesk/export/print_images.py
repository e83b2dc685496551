"""The evidence pictures as the dossier prints them, made once and kept in the print cache.

Each picture is decoded (upright, in sRGB, protected when the evidence is sensitive), scaled
down to what its printed size needs at ``PRINT_DPI`` and encoded anew, so no EXIF, GPS or
text chunk of the original reaches the pages. Opaque pictures become JPEG (the PDF carries
those as they are, which keeps the export quick and the file small), pictures with
transparency PNG. A scrolling screenshot is cut into page-high parts.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appealdesk.domain.errors import AppealDeskError
from appealdesk.domain.evidence_rules import check_can_leave
from appealdesk.domain.models import EvidenceItem
from appealdesk.export.cancel import ExportCancelled
from appealdesk.export.content import DossierContent
from appealdesk.export.pdf_pages import document_key, document_pages
from appealdesk.export.print_cache import PrintCache, PrintPicture, cache_key
from appealdesk.i18n import _
from appealdesk.media.location import has_location
from appealdesk.services.originals import is_pdf, watermark_text
from appealdesk.store.database import Database

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

_Entry = tuple[Path, dict[str, Any]]  # a print cache entry: its folder and description

RECIPE = 1  # raise when the pictures come out differently, so cached ones are made again
PRINT_DPI = 200  # pictures are scaled down to this resolution at their printed size
MAX_WIDTH_MM, MAX_HEIGHT_MM = 160.0, 150.0
# A scrolling screenshot (taller than this many times its width) would shrink to a sliver in
# the box: it is printed as wide as a phone screenshot and cut into page-high parts.
LONG_RATIO = 4.0
LONG_WIDTH_MM, PART_HEIGHT_MM = 80.0, 215.0


class Layout(StrEnum):
    PICTURE = "picture"  # one picture, or a long screenshot's parts from top to bottom
    PAGES = "pages"  # the first pages of a PDF, side by side


@dataclass(frozen=True)
class PrintedEvidence:
    item: EvidenceItem
    pictures: tuple[PrintPicture, ...]
    width_mm: float  # the printed width of each picture
    layout: Layout
    protected: bool  # black-outs and a watermark were painted on (sensitive evidence)
    more_pages: bool = False  # a document with more pages than the pictures show
    # Whether the original carries location data, as found when the pictures were made
    # (None: not known, an entry of an older version).
    location: bool | None = None

    def height_mm(self, picture: PrintPicture) -> float:
        return self.width_mm * picture.height_px / max(1, picture.width_px)


def fit(width: int, height: int) -> tuple[float, float]:
    """Printed size in millimetres, as large as fits the box, keeping the proportions; a
    long screenshot gets the width of a phone screenshot and all the height it needs."""
    if height > LONG_RATIO * width:
        return LONG_WIDTH_MM, height * LONG_WIDTH_MM / width
    scale = min(MAX_WIDTH_MM / width, MAX_HEIGHT_MM / height)
    return width * scale, height * scale


def pixels(mm: float) -> int:
    return max(1, round(mm / 25.4 * PRINT_DPI))


def prepare_evidence(
    db: Database,
    content: DossierContent,
    *,
    on_item: Callable[[int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[PrintedEvidence]:
    """Every piece of evidence of the dossier ready to print, in order.

    Decoding a large screenshot is most of the work and Qt does it without the interpreter
    lock, so the pictures are made on as many threads as there are processors (up to four).
    """
    cache = PrintCache(db)
    cache.prune()
    stop = should_stop or (lambda: False)
    keys = [_key(content, item) for item in content.evidence]
    entries = [cache.get(key) for key in keys]
    if not all(entries):
        from appealdesk.services.demo_images import ensure_gui

        ensure_gui()  # on this thread, before the drawing ones: a watermark's font needs it

    def printed(item: EvidenceItem, key: str, entry: _Entry | None) -> PrintedEvidence:
        if stop():
            raise ExportCancelled(_("The export was cancelled."))
        try:
            if is_pdf(item):
                return _document(db, cache, item, stop)
            return _picture(db, cache, content, item, key, entry)
        except (AppealDeskError, OSError) as exc:
            if isinstance(exc, ExportCancelled):
                raise
            reason = exc.message if isinstance(exc, AppealDeskError) else str(exc.strerror)
            raise AppealDeskError(
                _("The evidence “{name}” cannot be put in the dossier: {reason}").format(
                    name=item.title or item.original_name, reason=reason
                )
            ) from exc

    done: list[PrintedEvidence] = []
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        pending = [
            pool.submit(printed, *job) for job in zip(content.evidence, keys, entries, strict=True)
        ]
        try:
            for number, future in enumerate(pending, start=1):
                done.append(future.result())
                if on_item is not None:
                    on_item(number)
                if stop():
                    raise ExportCancelled(_("The export was cancelled."))
        finally:
            for future in pending:
                future.cancel()
    return done


def _picture(
    db: Database,
    cache: PrintCache,
    content: DossierContent,
    item: EvidenceItem,
    key: str,
    entry: _Entry | None,
) -> PrintedEvidence:
    """``entry``: the cache's entry under ``key``, as looked up already (None: none yet)."""
    found = entry or _make_picture(db, cache, key, content, item, _max_side(item))
    pictures = cache.pictures(found)
    # The printed width follows the picture as decoded (upright), not the stored size.
    whole_width = pictures[0].width_px
    whole_height = sum(p.height_px for p in pictures)
    width_mm, _height = fit(whole_width, whole_height)
    location = found[1].get("location")
    return PrintedEvidence(
        item,
        pictures,
        width_mm,
        Layout.PICTURE,
        item.sensitive,
        location=location if isinstance(location, bool) else None,
    )


def _max_side(item: EvidenceItem) -> int:
    width_mm, height_mm = fit(item.width or 1, item.height or 1)
    return pixels(max(width_mm, height_mm))


def _key(content: DossierContent, item: EvidenceItem) -> str:
    """The print cache's name for the pictures of ``item`` in this dossier."""
    if is_pdf(item):
        return document_key(item)
    platform, language = content.detail.account.platform, content.language
    protection = (
        {
            "redactions": item.redactions,
            "watermark": watermark_text(platform, content.exported_at.date(), language),
        }
        if item.sensitive
        else {}
    )
    return cache_key(item.sha256, recipe=RECIPE, max_side=_max_side(item), **protection)


def _make_picture(
    db: Database,
    cache: PrintCache,
    key: str,
    content: DossierContent,
    item: EvidenceItem,
    max_side: int,
) -> _Entry:
    """Decodes, protects and scales the picture of ``item`` into the print cache. Only this
    draws: an export whose pictures are all cached loads no Qt."""
    from appealdesk.media.image_io import encode_image
    from appealdesk.services.protected_copy import evidence_image

    image = evidence_image(
        db,
        item,
        platform=content.detail.account.platform,
        language=content.language,
        day=content.exported_at.date(),
        max_side=max_side,
    )
    with cache.making(key, item.sha256) as (folder, description):
        parts = _cut(image)
        for number, part in enumerate(parts, start=1):
            alpha = part.hasAlphaChannel()
            name = f"part-{number}.{'png' if alpha else 'jpg'}"
            cache.write(folder, name, encode_image(part, b"png" if alpha else b"jpeg"))
            description["files"].append(name)
        description["sizes"] = [[part.width(), part.height()] for part in parts]
        description["location"] = has_location(db.evidence, item.sha256)
    found = cache.get(key)
    if found is None:
        raise OSError(f"the print cache in {cache.folder} cannot be written")
    return found


def _cut(image: QImage) -> list[QImage]:
    """A long screenshot in parts of at most ``PART_HEIGHT_MM`` at its printed width."""
    _width, height_mm = fit(image.width(), image.height())
    if height_mm <= PART_HEIGHT_MM:
        return [image]
    step = max(1, round(image.height() * PART_HEIGHT_MM / height_mm))
    return [
        image.copy(0, top, image.width(), min(step, image.height() - top))
        for top in range(0, image.height(), step)
    ]


def _document(
    db: Database, cache: PrintCache, item: EvidenceItem, stop: Callable[[], bool]
) -> PrintedEvidence:
    if item.sensitive:  # a PDF cannot get black-outs or a watermark: never shown
        check_can_leave([item])
    pages = document_pages(db, cache, item, should_stop=stop)
    return PrintedEvidence(
        item, pages.pictures, pages.width_mm, Layout.PAGES, False, more_pages=pages.more
    )


def all_pictures(printed: Sequence[PrintedEvidence]) -> list[PrintPicture]:
    return [picture for evidence in printed for picture in evidence.pictures]
