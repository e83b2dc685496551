"""The first pages of a PDF evidence document as pictures, for the dossier to show.

The dossier is PDF/A, which may not draw another PDF's pages into its own, so the pages are
drawn into PNG pictures by Typst itself (its PNG output renders PDF pages too), in a private
work folder, at print resolution. That needs neither Qt's PDF module (not part of
PySide6-Essentials) nor an outside program. The whole document goes along as an attachment.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from appealdesk.domain.models import EvidenceItem
from appealdesk.export.cancel import stop_if_asked
from appealdesk.export.print_cache import PrintCache, PrintPicture, cache_key
from appealdesk.export.typesetting import TypesettingError, compile_typst
from appealdesk.services.originals import read_original
from appealdesk.store.database import Database
from appealdesk.store.work_folder import work_item

RECIPE = 2
SHOWN_PAGES = 2  # side by side
PAGE_WIDTH_MM = 78.0
PRINT_DPI = 200
_DOCUMENT = "document.pdf"
# Renders one page on a white ground; the page number comes in as data.
_PAGE_SOURCE = (
    b"#set page(width: auto, height: auto, margin: 0pt, fill: white)\n"
    b'#image("document.pdf", page: int(sys.inputs.page), width: '
    + str(PAGE_WIDTH_MM).encode()
    + b"mm)\n"
)
_PROBE_SOURCE = b'#context measure(image("document.pdf", page: int(sys.inputs.page)))\n'


@dataclass(frozen=True)
class DocumentPages:
    pictures: tuple[PrintPicture, ...]
    width_mm: float
    more: bool  # the document has pages beyond those shown


def document_key(item: EvidenceItem) -> str:
    """The print cache's name for the pictures of ``item``'s first pages."""
    return cache_key(item.sha256, recipe=RECIPE, pages=SHOWN_PAGES, width=PAGE_WIDTH_MM)


def document_pages(
    db: Database,
    cache: PrintCache,
    item: EvidenceItem,
    *,
    should_stop: Callable[[], bool] | None = None,
) -> DocumentPages:
    key = document_key(item)
    found = cache.get(key)
    if found is None:
        from PySide6.QtGui import QImage  # only to make the pictures: cached ones need no Qt

        from appealdesk.media.image_io import decode_image, encode_image, in_memory, private_file

        data = read_original(db, item)
        with (
            work_item(db.path, "pdf-pages") as root,
            private_file(data) as document,
            cache.making(key, item.sha256) as made,
        ):
            folder, description = made
            if in_memory(document):  # Typst follows the link into memory: nothing on disk
                (root / _DOCUMENT).symlink_to(document)
            else:
                (root / _DOCUMENT).write_bytes(data)
            sizes = []
            for page in range(1, SHOWN_PAGES + 1):
                stop_if_asked(should_stop)
                try:
                    (png,) = compile_typst(
                        _PAGE_SOURCE,
                        root,
                        "png",
                        ppi=PRINT_DPI,
                        sys_inputs={"page": str(page)},
                        should_stop=should_stop,
                    )[:1]
                except TypesettingError:
                    if page == 1:
                        raise
                    break  # the document has fewer pages
                # Typst's picture has an alpha channel, opaque on a white page: dropped.
                image = decode_image(png).convertToFormat(QImage.Format.Format_RGB32)
                name = f"page-{page}.png"
                cache.write(folder, name, encode_image(image, b"png"))
                description["files"].append(name)
                sizes.append([image.width(), image.height()])
            description["sizes"] = sizes
            description["more"] = len(sizes) == SHOWN_PAGES and _has_page(
                root, SHOWN_PAGES + 1, should_stop
            )
        found = cache.get(key)
        if found is None:
            raise OSError(f"the print cache in {cache.folder} cannot be written")
    return DocumentPages(cache.pictures(found), PAGE_WIDTH_MM, bool(found[1].get("more")))


def _has_page(root: Path, page: int, should_stop: Callable[[], bool] | None) -> bool:
    try:
        compile_typst(
            _PROBE_SOURCE, root, "png", sys_inputs={"page": str(page)}, should_stop=should_stop
        )
    except TypesettingError:
        return False
    return True
