"""Phone screenshots of about 3 MB, as a creator takes them of a blocked video.

A TikTok screenshot is mostly a video frame, which PNG cannot compress much; fine noise of
a few levels gives the same size. Made once per seed and kept, so runs stay comparable.
"""

from __future__ import annotations

import random
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

WIDTH, HEIGHT = 1170, 2532  # an iPhone 13 screen


def _screenshot(seed: int) -> QImage:
    rng = random.Random(seed)
    levels = bytes((i % 5) * 12 + 40 + seed % 40 for i in range(256))
    frame = rng.randbytes(WIDTH * HEIGHT * 3).translate(levels)
    image = QImage(frame, WIDTH, HEIGHT, WIDTH * 3, QImage.Format.Format_RGB888).copy()
    painter = QPainter(image)
    painter.fillRect(QRect(0, 0, WIDTH, 120), QColor("#000000"))
    painter.fillRect(QRect(70, 1500, WIDTH - 140, 640), QColor("#ffffff"))
    painter.setPen(QColor("#161823"))
    font = QFont()
    font.setPixelSize(54)
    painter.setFont(font)
    painter.drawText(
        QRect(120, 1560, WIDTH - 240, 520),
        Qt.TextFlag.TextWordWrap,
        f"Your account was suspended (screenshot {seed + 1}).",
    )
    painter.end()
    return image


def screenshots(folder: Path, count: int) -> list[Path]:
    """``count`` screenshots in ``folder``, made on first use (a QGuiApplication must exist)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in range(count):
        path = folder / f"screenshot-{seed:02d}.png"
        if not path.exists():
            partial = path.with_suffix(".part.png")  # the format follows the suffix
            if not _screenshot(seed).save(str(partial)):
                raise OSError(f"cannot write {partial}")
            partial.replace(path)
        paths.append(path)
    return paths
