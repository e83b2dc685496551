"""Names in any script and emoji read right in the window; its title names the file once."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from appealdesk.i18n.bidi import FIRST_STRONG_ISOLATE as FSI
from appealdesk.i18n.bidi import POP_DIRECTIONAL_ISOLATE as PDI
from appealdesk.store.database import Database
from appealdesk.ui.main_window.window import MainWindow
from appealdesk.ui.widgets.plain_text import plain_label
from tests.ui.conftest import WindowFactory
from tests.ui.main_window.test_window import open_case

ARABIC_HANDLE = "\u0645\u0637\u0628\u062e.\u0633\u0627\u0631\u0629"  # "مطبخ.سارة"


def test_the_title_names_the_database_and_leaves_the_app_name_to_qt(window: MainWindow) -> None:
    assert window.windowTitle() == window.db.path.name  # Qt adds " — AppealDesk" itself


def test_a_right_to_left_handle_keeps_the_header_in_order(
    make_window: WindowFactory, demo_db: Database
) -> None:
    connection = sqlite3.connect(demo_db.path)
    with connection:
        connection.execute(
            "UPDATE accounts SET handle = ?, display_name = ? WHERE handle = 'femke.filmt'",
            (ARABIC_HANDLE, "\u0633\u0627\u0631\u0629"),
        )
    connection.close()
    window = make_window(demo_db)
    open_case(window, "TT-2026-0004")
    subtitle = window.editor.header.subtitle.text()
    assert subtitle.startswith(
        f"{FSI}@{ARABIC_HANDLE}{PDI} · TikTok · {FSI}Studio Noorderlicht{PDI}"
    )
    head = window.editor.overview.account_head.text()
    assert head == f"{FSI}@{ARABIC_HANDLE}{PDI} · TikTok — {FSI}\u0633\u0627\u0631\u0629{PDI}"


def _has_colour(image: QImage) -> bool:
    for y in range(image.height()):
        for x in range(image.width()):
            colour = QColor(image.pixel(x, y))
            if (
                max(colour.red(), colour.green(), colour.blue())
                - min(colour.red(), colour.green(), colour.blue())
                > 60
            ):
                return True
    return False


def emoji_font_installed() -> bool:
    from appealdesk.export.glyphs import can_show

    return can_show("\U0001f3ac")


def test_emoji_show_in_colour_not_as_empty_boxes(qtbot: QtBot) -> None:
    if not emoji_font_installed():
        pytest.skip("needs an emoji font (see the README)")
    label = plain_label()
    qtbot.addWidget(label)
    label.setText("\U0001f3ac \U0001f602")
    label.show()
    qtbot.waitExposed(label)
    assert _has_colour(label.grab().toImage())
    label.setText("[] []")
    assert not _has_colour(label.grab().toImage())  # black text on grey has no colour
