"""Reference numbers, case numbers, handles and addresses stay on one line in the dossier.

Qt breaks lines after a hyphen, which prints "TT-" at the end of one line and "APL-57730112"
at the start of the next; a reader who types the number over, or copies it, gets it wrong.
Qt's rich text ignores ``white-space: nowrap`` on inline text, and a non-breaking hyphen
(U+2011) would be copied out of the PDF as another character. So the document is laid out,
and each such word that a line break splits gets a line separator put in front of it.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument

LINE_SEPARATOR = "\u2028"
# Each round moves the first split word of every paragraph; later words of the same paragraph
# may only split once the earlier ones have moved.
MAX_ROUNDS = 40


def keep_whole(document: QTextDocument, words: Iterable[str]) -> int:
    """Moves every occurrence of ``words`` that a line break splits to the next line.

    The document must have its page size. Returns how many line separators were put in. A word
    longer than a line is left to break where it must.
    """
    wanted = {word for word in words if len(word) > 1}
    if not wanted:
        return 0
    moved = 0
    for _round in range(MAX_ROUNDS):
        document.pageCount()  # lays out what changed
        positions = []
        block = document.begin()
        while block.isValid():
            split = _first_split(block, wanted)
            if split is not None:
                positions.append(block.position() + split)
            block = block.next()
        if not positions:
            break
        cursor = QTextCursor(document)
        for position in sorted(positions, reverse=True):
            cursor.setPosition(position)
            cursor.insertText(LINE_SEPARATOR)
        moved += len(positions)
    return moved


def _first_split(block: QTextBlock, words: set[str]) -> int | None:
    """Where in the block the first word starts that a line break cuts in two."""
    layout = block.layout()
    if layout is None or layout.lineCount() < 2:
        return None
    breaks = [layout.lineAt(i).textStart() for i in range(1, layout.lineCount())]
    for start, end in _spans(block.text(), words):
        if start == 0 or start in breaks:
            continue  # already at the start of a line: longer than a line, nothing to do
        if any(start < line_start < end for line_start in breaks):
            return start
    return None


def _spans(text: str, words: set[str]) -> list[tuple[int, int]]:
    """The occurrences of ``words`` in ``text``, overlapping ones merged, in order."""
    found = []
    for word in words:
        index = text.find(word)
        while index != -1:
            found.append((index, index + len(word)))
            index = text.find(word, index + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
