"""Whatever import accepts, the dossier can show: import and export agree on pictures.

A 100-megapixel picture is above Qt's allocation limit for decoding; a scrolling screenshot of
1440 × 48000 pixels would shrink to a sliver in the evidence box. Both were accepted as
evidence and then made the whole export fail with a message that named no file.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QColor, QImage, QPainter

from appealdesk.domain.errors import AppealDeskError
from appealdesk.export.content import DossierFormat, ExportOptions
from appealdesk.export.dossier import export_dossier
from appealdesk.export.print_images import LONG_WIDTH_MM, PRINT_DPI
from appealdesk.services import evidence_import
from appealdesk.services.thumbnails import THUMBNAIL_SIZE, thumbnail
from appealdesk.store.database import Database
from tests.export.test_dossier import case_id, image_sizes, pdf_text


def striped_png(path: Path, width: int, height: int) -> Path:
    """A white picture with a line of text every 400 pixels (compresses well, decodes big)."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(QColor("black"))
    for top in range(0, height, 400):
        painter.drawText(40, top + 60, f"line {top}")
    painter.end()
    assert image.save(str(path))
    return path


@pytest.mark.slow
def test_a_long_and_a_huge_screenshot_are_exported_whole(
    demo_db: Database, tmp_path: Path, qapp: object
) -> None:
    target_case = case_id(demo_db)
    long = striped_png(tmp_path / "scrolling.png", 1440, 48_000)
    huge = striped_png(tmp_path / "huge.png", 10_000, 10_000)  # 100 megapixels
    report = evidence_import.import_files(demo_db, target_case, [long, huge])
    assert [item.original_name for item in report.added] == ["scrolling.png", "huge.png"]
    for item in report.added:  # and the evidence grid gets its previews
        preview = thumbnail(demo_db, item.sha256, item.media_type)
        assert preview is not None and max(preview.width(), preview.height()) == THUMBNAIL_SIZE

    pdf = _export(demo_db, target_case, tmp_path / "dossier.pdf")
    text = pdf_text(pdf)
    assert "A long screenshot, printed in" in text and "parts from top to bottom" in text
    sizes = image_sizes(pdf)
    phone_width = round(LONG_WIDTH_MM / 25.4 * PRINT_DPI)
    parts = [size for size in sizes if abs(size[0] - phone_width) <= 2]
    assert len(parts) >= 10, sizes  # the long one, cut into page-high parts
    assert sum(h for _w, h in parts) > 20_000  # all of it, at print resolution
    assert any(w == h and w < 10_000 for w, h in sizes)  # the huge one, scaled to print
    assert len(PdfReader(pdf).pages) > 15

    bundle = tmp_path / "dossier.zip"
    export_dossier(demo_db, target_case, ExportOptions("en", format=DossierFormat.BUNDLE), bundle)
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
        assert any(name.endswith("-scrolling.png") for name in names)
        assert any(name.endswith("-huge.png") for name in names)


@pytest.mark.slow
def test_a_picture_that_cannot_be_read_is_named_in_the_failure(
    demo_db: Database, tmp_path: Path, qapp: object
) -> None:
    target_case = case_id(demo_db)
    picture = striped_png(tmp_path / "melding.png", 800, 600)
    (item,) = evidence_import.import_files(demo_db, target_case, [picture]).added
    stored = demo_db.evidence.path_for(item.sha256)
    stored.chmod(0o600)
    stored.write_bytes(stored.read_bytes()[:200])  # cut short after the import
    target = tmp_path / "dossier.pdf"
    with pytest.raises(AppealDeskError) as refused:
        export_dossier(demo_db, target_case, ExportOptions("en"), target)
    assert "melding" in refused.value.message
    assert not target.exists()


def _export(db: Database, case: int, target: Path) -> Path:
    export_dossier(db, case, ExportOptions("en"), target)
    return target
