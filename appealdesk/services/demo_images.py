"""Pictures for the demo database: phone screenshots, a specimen identity card and a signed
mandate.

Everything is drawn here, so the demo carries no real person's data. Drawing text needs a
QGuiApplication; the command line makes an offscreen one when there is none.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath, QPen

from appealdesk.media.image_io import encode_image

PHONE = (540, 1100)


def ensure_gui() -> None:
    """Fonts need a QGuiApplication; make an invisible one for the command line."""
    if QGuiApplication.instance() is None:
        QGuiApplication(["appealdesk", "-platform", "offscreen"])


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPixelSize(int(size))
    font.setBold(bold)
    return font


def phone_screenshot(title: str, lines: list[str], accent: str = "#fe2c55") -> bytes:
    """A plain phone screenshot: a status bar, a notice card and some text."""
    ensure_gui()
    width, height = PHONE
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#121212"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("#ffffff"))
    painter.setFont(_font(22, bold=True))
    painter.drawText(QRectF(28, 18, 200, 40), "09:41")
    card = QRectF(28, 180, width - 56, 620)
    path = QPainterPath()
    path.addRoundedRect(card, 24, 24)
    painter.fillPath(path, QColor("#ffffff"))
    painter.fillRect(QRectF(card.left(), card.top(), card.width(), 14), QColor(accent))
    painter.setPen(QColor("#161823"))
    painter.setFont(_font(34, bold=True))
    text_box = card.adjusted(36, 60, -36, -36)
    painter.drawText(text_box, Qt.TextFlag.TextWordWrap, title)
    painter.setFont(_font(24))
    painter.setPen(QColor("#444444"))
    body = text_box.adjusted(0, 140, 0, 0)
    painter.drawText(body, Qt.TextFlag.TextWordWrap, "\n\n".join(lines))
    button = QRectF(card.left() + 36, card.bottom() - 110, card.width() - 72, 70)
    shape = QPainterPath()
    shape.addRoundedRect(button, 35, 35)
    painter.fillPath(shape, QColor(accent))
    painter.end()
    return encode_image(image, b"png")


def specimen_id_card(name: str, birth: str, bsn: str, number: str) -> bytes:
    """A made-up identity card (SPECIMEN), with the numbers a copy must hide."""
    ensure_gui()
    image = QImage(1012, 638, QImage.Format.Format_RGB32)
    image.fill(QColor("#f2efe6"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(QRectF(0, 0, 1012, 90), QColor("#1c4e8a"))
    painter.setPen(QColor("#ffffff"))
    painter.setFont(_font(34, bold=True))
    painter.drawText(QRectF(30, 20, 900, 60), "IDENTITEITSKAART · SPECIMEN")
    painter.fillRect(QRectF(40, 130, 250, 320), QColor("#c9c3b3"))
    painter.setBrush(QColor("#8a8577"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QRectF(105, 170, 120, 140))
    painter.drawRoundedRect(QRectF(75, 320, 180, 130), 60, 60)
    painter.setPen(QColor("#222222"))
    rows = [
        ("Naam / Name", name),
        ("Geboortedatum", birth),
        ("Documentnummer", number),
        ("BSN", bsn),
    ]
    for index, (label, value) in enumerate(rows):
        top = 130 + index * 80
        painter.setFont(_font(20))
        painter.drawText(QRectF(330, top, 640, 30), label)
        painter.setFont(_font(30, bold=True))
        painter.drawText(QRectF(330, top + 28, 640, 44), value)
    painter.setFont(QFont("DejaVu Sans Mono", 26))
    mrz = [
        f"IDNLD{number}<<<<<<<<<<<<<<<",
        "9001011F3001018NLD<<<<<<<<<<<6",
        "SPECIMEN<<MEDEWERKER<<<<<<<<<<",
    ]
    for index, line in enumerate(mrz):
        painter.drawText(QRectF(40, 490 + index * 44, 940, 40), line)
    painter.end()
    return encode_image(image, b"png")


def signed_mandate(title: str, lines: list[str], signer: str, place_date: str) -> bytes:
    """A photographed mandate: a sheet of paper with the text, a place and date, a signature."""
    ensure_gui()
    width, height = 1240, 1754  # A4 at 150 dpi
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#d9d4c7"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    sheet = QRectF(60, 50, width - 120, height - 100)
    painter.fillRect(sheet, QColor("#fdfcf8"))
    painter.setPen(QColor("#1b1b1b"))
    painter.setFont(_font(52, bold=True))
    text_box = sheet.adjusted(110, 120, -110, -120)
    painter.drawText(QRectF(text_box.left(), text_box.top(), text_box.width(), 80), title)
    painter.setFont(_font(30))
    body = QRectF(text_box.left(), text_box.top() + 150, text_box.width(), 900)
    painter.drawText(body, Qt.TextFlag.TextWordWrap, "\n\n".join(lines))
    bottom = sheet.bottom() - 420
    painter.drawText(QRectF(text_box.left(), bottom, text_box.width(), 50), place_date)
    signature = QPainterPath()
    left, base = text_box.left() + 10, bottom + 190
    signature.moveTo(left, base)
    for step in range(12):
        x = left + 30 + step * 34
        signature.quadTo(x - 14, base - 90 + (step % 3) * 25, x, base - (step % 2) * 30)
    painter.setPen(QPen(QColor("#1f3f8f"), 5))
    painter.drawPath(signature)
    painter.setPen(QColor("#1b1b1b"))
    painter.drawLine(
        int(text_box.left()), int(base + 30), int(text_box.left() + 520), int(base + 30)
    )
    painter.drawText(QRectF(text_box.left(), base + 45, text_box.width(), 50), signer)
    painter.end()
    return encode_image(image, b"png")


# Where the demo card's secrets are, as fractions of the card: document number, BSN, MRZ.
SPECIMEN_REDACTIONS = [
    [0.32, 0.49, 0.32, 0.085],
    [0.32, 0.615, 0.32, 0.085],
    [0.03, 0.755, 0.94, 0.225],
]
