"""Protected copies of evidence images: black-outs, a watermark, and no metadata.

Every image that leaves the app is decoded (EXIF orientation applied), painted into a fresh
image and encoded again, so EXIF, GPS and text chunks never travel along. A sensitive image
also gets its black-outs and a diagonal watermark in the language of the export. The stored
original is never changed. QtGui only (never QPixmap), so it runs in a worker thread; the
watermark needs a QGuiApplication to exist, as Qt's fonts do.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import math
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QTransform,
)

from appealdesk.domain.enums import Platform
from appealdesk.domain.errors import AppealDeskError, ValidationError
from appealdesk.domain.evidence_rules import check_can_leave, clean_redactions
from appealdesk.domain.models import EvidenceItem
from appealdesk.i18n import _
from appealdesk.media.image_io import decode_image, encode_image
from appealdesk.services.evidence import get_evidence
from appealdesk.services.originals import JPEG_MAGIC, is_pdf, read_original, watermark_text
from appealdesk.store.database import Database
from appealdesk.store.files import fsync_dir
from appealdesk.store.lock_guard import is_open_database_file

WATERMARK_ANGLE = -30.0
WATERMARK_OPACITY = 0.5


@dataclass(frozen=True)
class ExportedImage:
    data: bytes
    media_type: str  # "image/png" or "image/jpeg"
    extension: str  # "png" or "jpg"
    sha256: str  # of data
    original_sha256: str
    protected: bool  # black-outs or a watermark were applied
    width: int
    height: int


def render_image(
    original: bytes | Path,
    *,
    redactions: Sequence[Sequence[float]] = (),
    watermark: str | None = None,
    max_side: int | None = None,
) -> QImage:
    """The upright image, scaled down to ``max_side``, with black-outs and watermark painted."""
    source = decode_image(original)
    if max_side is not None and max(source.width(), source.height()) > max_side:
        smooth = Qt.TransformationMode.SmoothTransformation
        source = source.scaled(max_side, max_side, Qt.AspectRatioMode.KeepAspectRatio, smooth)
    image = _fresh_copy(source)
    painter = QPainter(image)
    try:
        for rect in clean_redactions(list(redactions)):
            painter.fillRect(_pixel_rect(rect, image.width(), image.height()), Qt.GlobalColor.black)
        if watermark:
            painter.setOpacity(WATERMARK_OPACITY)
            painter.drawImage(0, 0, _watermark_layer(image.width(), image.height(), watermark))
    finally:
        painter.end()
    return image


def export_image(
    original: bytes,
    original_sha256: str,
    *,
    redactions: Sequence[Sequence[float]] = (),
    watermark: str | None = None,
    max_side: int | None = None,
    source_format: str | None = None,
) -> ExportedImage:
    """Re-encodes ``original``: JPEG when it is a JPEG photo, PNG otherwise.
    ``source_format`` (``image/jpeg``, ``png``…) overrides what the bytes look like."""
    image = render_image(original, redactions=redactions, watermark=watermark, max_side=max_side)
    sniffed = "jpeg" if original.startswith(JPEG_MAGIC) else "other"
    fmt = (source_format or sniffed).lower().removeprefix("image/")
    as_jpeg = fmt in ("jpeg", "jpg") and not image.hasAlphaChannel()
    data = encode_image(image, b"jpeg" if as_jpeg else b"png")
    return ExportedImage(
        data=data,
        media_type="image/jpeg" if as_jpeg else "image/png",
        extension="jpg" if as_jpeg else "png",
        sha256=hashlib.sha256(data).hexdigest(),
        original_sha256=original_sha256,
        protected=bool(redactions or watermark),
        width=image.width(),
        height=image.height(),
    )


def _protection(
    item: EvidenceItem, platform: Platform, language: str, day: dt.date | None
) -> tuple[Sequence[Sequence[float]], str | None]:
    """The black-outs and the watermark a copy of ``item`` carries (none unless sensitive).

    Raises ``UnprotectedEvidenceError`` for a sensitive item without black-out areas
    or the confirmation that it needs none: no copy of it may leave the app."""
    if not item.sensitive:
        return (), None
    check_can_leave([item])
    return item.redactions, watermark_text(platform, day or dt.date.today(), language)


def _image_original(db: Database, item: EvidenceItem) -> bytes:
    data = read_original(db, item)
    if is_pdf(item, data):
        raise ValidationError(_("A PDF is not an image: it cannot get black-outs or a watermark."))
    return data


def _checked_source(db: Database, item: EvidenceItem) -> Path | bytes:
    """The stored file of an image, once its bytes are checked (stored files never change);
    the bytes themselves when the stored file is sealed."""
    data = _image_original(db, item)
    return data if db.evidence.encrypted else db.evidence.path_for(item.sha256)


def export_evidence(
    db: Database,
    item: EvidenceItem,
    *,
    platform: Platform,
    language: str,
    day: dt.date | None = None,
    max_side: int | None = None,
) -> ExportedImage:
    """The copy of an image that may leave the app: protected when the item is sensitive."""
    data = _image_original(db, item)
    redactions, watermark = _protection(item, platform, language, day)
    return export_image(
        data,
        item.sha256,
        redactions=redactions,
        watermark=watermark,
        max_side=max_side,
        source_format=item.media_type or None,
    )


def evidence_image(
    db: Database,
    item: EvidenceItem,
    *,
    platform: Platform,
    language: str,
    day: dt.date | None = None,
    max_side: int | None = None,
) -> QImage:
    """The picture of :func:`export_evidence` without encoding it, to draw it into a PDF
    (which compresses it itself). Safe to call on several threads at once."""
    source = _checked_source(db, item)
    redactions, watermark = _protection(item, platform, language, day)
    return render_image(source, redactions=redactions, watermark=watermark, max_side=max_side)


def save_copy(
    db: Database, evidence_id: int, target: Path, *, platform: Platform, language: str
) -> Path:
    """Saves what may leave the app to ``target``: a PDF as is, an image as its export;
    a sensitive item only as its protected copy (see :func:`check_can_leave`).

    The extension follows the real format; returns the path written.
    """
    item = get_evidence(db, evidence_id)
    check_can_leave([item], exporting=False)
    data = read_original(db, item)
    if not is_pdf(item, data):
        exported = export_evidence(db, item, platform=platform, language=language)
        data = exported.data
        target = _with_extension(target, exported.extension)
    if is_open_database_file(target):
        raise ValidationError(
            _("{path} is AppealDesk's own database; choose another file name.").format(path=target)
        )
    _write_atomically(target, data)
    return target


def _fresh_copy(source: QImage) -> QImage:
    """Only the pixels: a new image carries none of the source's text keys or profile."""
    alpha = source.hasAlphaChannel()
    fmt = QImage.Format.Format_ARGB32_Premultiplied if alpha else QImage.Format.Format_RGB32
    image = QImage(source.width(), source.height(), fmt)
    image.fill(Qt.GlobalColor.transparent if alpha else Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, source)
    painter.end()
    return image


def _pixel_rect(rect: Sequence[float], width: int, height: int) -> QRect:
    """Rounded outward, so no partly covered pixel shows what is under it."""
    x, y, w, h = rect
    left, top = math.floor(x * width), math.floor(y * height)
    right, bottom = math.ceil((x + w) * width), math.ceil((y + h) * height)
    left, top = max(0, left), max(0, top)
    right, bottom = min(width, right), min(height, bottom)
    return QRect(left, top, right - left, bottom - top)


def _watermark_layer(width: int, height: int, text: str) -> QImage:
    """The text in rows across the whole image, drawn opaque here and blended in as a layer,
    so the outline and the fill do not darken each other where they overlap."""
    layer = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    layer.fill(Qt.GlobalColor.transparent)
    path, size = _watermark_path(text, width, height)
    text_width = path.boundingRect().width()
    step_x, step_y = text_width + size * 2.5, size * 4.0
    radius = math.hypot(width, height) / 2 + step_x
    painter = QPainter(layer)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(width / 2, height / 2)
        painter.rotate(WATERMARK_ANGLE)
        painter.setPen(QPen(QColor(20, 20, 20), max(1.5, size / 9)))
        painter.setBrush(QColor(255, 255, 255))
        rows = int(radius / step_y) + 1
        for row in range(-rows, rows + 1):
            x = -radius + (row % 2) * step_x / 2 - text_width / 2
            while x < radius:
                painter.drawPath(path.translated(x, row * step_y))
                x += step_x
    finally:
        painter.end()
    return layer


def _watermark_path(text: str, width: int, height: int) -> tuple[QPainterPath, float]:
    """The text as a path and its size in pixels: in proportion to the image, yet small
    enough that one whole copy fits across a narrow one (a phone screenshot)."""
    font = QFont()
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setBold(True)
    font.setPixelSize(100)
    path = QPainterPath()
    path.addText(QPointF(0, 0), font, text)
    slant = math.cos(math.radians(WATERMARK_ANGLE))
    fits = 0.9 * width / max(1.0, path.boundingRect().width() * slant) * 100
    size = max(12.0, min(min(width, height) / 22, fits))
    return QTransform.fromScale(size / 100, size / 100).map(path), size


def _with_extension(target: Path, extension: str) -> Path:
    allowed = {"jpg": (".jpg", ".jpeg"), "png": (".png",)}[extension]
    return target if target.suffix.lower() in allowed else target.with_suffix("." + extension)


def _write_atomically(target: Path, data: bytes) -> None:
    """A temporary file in the same folder, flushed and renamed: never a half-written copy."""
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        tmp = Path(name)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        tmp.replace(target)
        tmp = None
    except OSError as exc:
        raise _write_error(target, exc) from exc
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # the copy is complete; only the rename's durability
        fsync_dir(target.parent)


def _write_error(target: Path, exc: OSError) -> AppealDeskError:
    folder = target.parent
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return AppealDeskError(_("The disk is full: the copy was not saved. Free some space."))
    if isinstance(exc, FileNotFoundError) and not folder.is_dir():
        return AppealDeskError(
            _("The folder {folder} does not exist. Choose another folder.").format(folder=folder)
        )
    if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        return AppealDeskError(
            _("The folder {folder} cannot be written. Choose another folder.").format(folder=folder)
        )
    return AppealDeskError(
        _("The copy could not be saved as {path}: {reason}").format(
            path=target, reason=exc.strerror or exc
        )
    )
