"""Words that must stay whole move to the next line instead of breaking at a hyphen.

Qt breaks after a hyphen that a letter follows ("TT-" / "APL-…"), never before a digit.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QTextDocument

from appealdesk.export.unbroken import LINE_SEPARATOR, Stopped, keep_whole

WIDTH = 260


def lines_of(document: QTextDocument) -> list[str]:
    document.pageCount()
    lines = []
    block = document.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            piece = text[line.textStart() : line.textStart() + line.textLength()]
            lines.append(piece.strip(" " + LINE_SEPARATOR))
        block = block.next()
    return lines


def narrow_document(html: str) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(html)
    document.setTextWidth(WIDTH)
    return document


def cut_at_a_hyphen(make_text: Callable[[int], str]) -> str:
    """The first of ``make_text(0)``, ``make_text(1)``… that Qt breaks after a hyphen."""
    for padding in range(60):
        text = make_text(padding)
        if any(line.endswith("-") for line in lines_of(narrow_document(f"<p>{text}</p>"))):
            return text
    raise AssertionError("no padding makes Qt break at a hyphen")


def test_a_reference_cut_at_a_hyphen_moves_whole_to_the_next_line(qapp: object) -> None:
    text = "aaaa bbbb cccc dddd (referentie TT-APL-57730112); en verder"
    document = narrow_document(f"<p>{text}</p>")
    assert any(line.endswith("TT-") for line in lines_of(document)), "the case to fix"
    assert keep_whole(document, ["TT-APL-57730112"]) == 1
    assert any(line.startswith("TT-APL-57730112") for line in lines_of(document))
    assert document.toPlainText().replace("\n", "") == text


def test_every_reference_of_a_paragraph_is_kept_whole(qapp: object) -> None:
    references = [f"TT-APL-577301{n}2" for n in range(6)]

    def paragraph(padding: int) -> str:
        return "; ".join(
            f"step{'x' * ((padding + 7 * n) % 13)} filed (reference {reference})"
            for n, reference in enumerate(references)
        )

    text = cut_at_a_hyphen(paragraph)
    document = narrow_document(f"<p>{text}</p>")
    assert keep_whole(document, references) >= 1
    for line in lines_of(document):
        assert not line.endswith("-"), line
    assert document.toPlainText().replace("\n", "") == text


def test_a_word_longer_than_a_line_is_left_to_break(qapp: object) -> None:
    long_word = "-".join(["ABCDEFGH"] * 12)
    document = narrow_document(f"<p>see {long_word} here</p>")
    keep_whole(document, [long_word])  # returns instead of moving it for ever
    assert document.toPlainText().replace("\n", "") == f"see {long_word} here"


def test_a_word_inside_another_never_cuts_it(qapp: object) -> None:
    text = cut_at_a_hyphen(lambda padding: "a" * padding + " bbbb cccc TT-APL-57730112 and more")
    document = narrow_document(f"<p>{text}</p>")
    keep_whole(document, ["TT-APL-57730112", "APL-57730112"])
    lines = lines_of(document)
    assert any(line.startswith("TT-APL-57730112") for line in lines), lines
    assert document.toPlainText().replace("\n", "") == text


def test_a_paragraph_of_thousands_of_references_keeps_every_one_whole(qapp: object) -> None:
    references = [f"TT-APL-{n:08d}" for n in range(3000)]
    document = narrow_document(f"<p>{'; '.join(references)}</p>")
    moved = keep_whole(document, references)
    assert moved > 40  # more than one per round of the old approach could manage
    lines = lines_of(document)
    for line in lines:
        for piece in line.split("; "):
            assert piece.strip(";") in references, piece


def test_a_stop_request_is_answered_while_keeping_words_whole(qapp: object) -> None:
    references = [f"TT-APL-{n:08d}" for n in range(3000)]
    document = narrow_document(f"<p>{'; '.join(references)}</p>")
    asked: list[bool] = []

    def should_stop() -> bool:
        asked.append(True)
        return len(asked) > 1

    with pytest.raises(Stopped):
        keep_whole(document, references, should_stop)
