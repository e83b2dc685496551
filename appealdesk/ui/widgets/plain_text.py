"""Text from the user is shown as it was typed, never read as markup.

Qt reads a label's, a message box's and a tooltip's text as HTML whenever
``Qt.mightBeRichText`` says it looks like HTML, so a file named ``<img src=…>`` would load
that image. Labels get ``PlainText``; tooltips, which have no such switch, get the text
escaped inside a paragraph that keeps its line breaks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def plain_label(
    text: str = "", parent: QWidget | None = None, *, word_wrap: bool = False
) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(word_wrap)
    label.setText(text)
    return label


def bold_label(text: str = "", parent: QWidget | None = None, *, word_wrap: bool = False) -> QLabel:
    """A plain-text label in bold: bold without markup."""
    label = plain_label(text, parent, word_wrap=word_wrap)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def tooltip(text: str | None) -> str:
    """A tooltip that shows ``text`` literally; an empty text gives no tooltip."""
    if not text:
        return ""
    # html.escape(quote=False) does the same; its module loads a table of every HTML entity,
    # about 2 ms of the start-up path, where the first tooltips are made.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<p style="white-space:pre-wrap">{escaped}</p>'
