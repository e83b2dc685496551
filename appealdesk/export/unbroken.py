"""Reference numbers, case numbers, handles and addresses stay on one line in the dossier.

Qt breaks lines after a hyphen, which prints "TT-" at the end of one line and "APL-57730112"
at the start of the next; a reader who types the number over, or copies it, gets it wrong.
Qt's rich text ignores ``white-space: nowrap`` on inline text, and a non-breaking hyphen
(U+2011) would be copied out of the PDF as another character. So each paragraph is laid out
once more, line by line, ending a line before any such word it would cut; a line separator
is then put in front of each of those words, which makes the document break there too.

That is one pass over each paragraph, however many words it moves: a field full of reference
numbers takes as long as laying it out.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument

LINE_SEPARATOR = "\u2028"
_LINES_BETWEEN_STOP_CHECKS = 200


class Stopped(Exception):  # noqa: N818 - a request, not an error
    """``should_stop`` said so."""


def keep_whole(
    document: QTextDocument,
    words: Iterable[str],
    should_stop: Callable[[], bool] | None = None,
) -> int:
    """Moves every occurrence of ``words`` that a line break splits to the next line.

    The document must have its page size. Returns how many line separators were put in. A word
    longer than a line is left to break where it must. Raises :class:`Stopped` when
    ``should_stop`` returns True (checked often enough to answer within a fraction of a second).
    """
    wanted = _Words({word for word in words if len(word) > 1})
    if not wanted:
        return 0
    stop = should_stop or (lambda: False)
    document.pageCount()  # lays the document out, so each block knows its line widths
    moves: list[int] = []
    block = document.begin()
    while block.isValid():
        if stop():
            raise Stopped
        spans = wanted.spans(block.text())
        if spans and block.layout() is not None and block.layout().lineCount() > 1:
            moves += [block.position() + p for p in _cut_words(block, spans, stop)]
            document.markContentsDirty(block.position(), block.length())
        block = block.next()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()  # one new layout for all insertions, not one each
    for position in reversed(moves):
        cursor.setPosition(position)
        cursor.insertText(LINE_SEPARATOR)
    cursor.endEditBlock()
    return len(moves)


def _cut_words(
    block: QTextBlock, spans: list[tuple[int, int]], stop: Callable[[], bool]
) -> list[int]:
    """Lays the block out again, ending each line before a word it would cut; returns where
    those words start (in the block). The block is marked for a new layout afterwards."""
    layout = block.layout()
    widths = [layout.lineAt(i).width() for i in range(layout.lineCount())]
    ends = [end for _start, end in spans]
    moves: list[int] = []
    layout.beginLayout()
    try:
        number = 0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(widths[min(number, len(widths) - 1)])
            start = line.textStart()
            end = start + line.textLength()
            # The first word that ends after this line's end: is it cut by the line's end?
            index = bisect.bisect_right(ends, end)
            if index < len(spans):
                word_start, _word_end = spans[index]
                if start < word_start < end:
                    line.setNumColumns(word_start - start)
                    moves.append(word_start)
            number += 1
            if number % _LINES_BETWEEN_STOP_CHECKS == 0 and stop():
                raise Stopped
    finally:
        layout.endLayout()
    return moves


class _Words:
    """The words to keep whole, looked up by length: finding them all in a text costs a set
    lookup per position and distinct length, however many words there are."""

    def __init__(self, words: set[str]) -> None:
        self._words = words
        self._lengths = sorted({len(word) for word in words}, reverse=True)
        self._first = {word[0] for word in words}

    def __bool__(self) -> bool:
        return bool(self._words)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The occurrences of the words in ``text``, overlapping ones merged, in order."""
        merged: list[tuple[int, int]] = []
        words, first = self._words, self._first
        for start, character in enumerate(text):
            if character not in first:
                continue
            for length in self._lengths:  # the longest word found at this position
                if text[start : start + length] in words:
                    end = start + length
                    if merged and start < merged[-1][1]:
                        merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
                    else:
                        merged.append((start, end))
                    break
        return merged
