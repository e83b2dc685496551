"""Running text of the dossier as runs, and the blocks its sections are made of.

A piece of running text is a list of runs: a plain string, or a one-key dictionary saying
how the template shows its string (``keep``: never cut over two lines, ``mono``: a reference
in monospace, ``hash``: a SHA-256 sized to fit its column, ``strong``, ``muted``, ``url``
with ``text``: a link out, ``goto`` with ``text``: a link to a label in the dossier, ``br``:
a line break). A block is one of the kinds ``resources/dossier/dossier.typ`` lays out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

Run = str | dict[str, Any]
Block = dict[str, Any]

_URL = re.compile(r"https?://[^\s<>\"'()\[\]{}]+[^\s<>\"'()\[\]{}.,;:!?]")


class TextRuns:
    """Turns text into runs, keeping the case's identifiers whole and linking web addresses."""

    def __init__(self, words: Iterable[str]) -> None:
        wanted = sorted({w for w in words if len(w) > 1}, key=len, reverse=True)
        self._words = re.compile("|".join(re.escape(w) for w in wanted)) if wanted else None

    def line(self, text: str) -> list[Run]:
        runs: list[Run] = []
        position = 0
        for found in _URL.finditer(text):
            runs += self._plain(text[position : found.start()])
            runs.append({"url": found[0], "text": found[0]})
            position = found.end()
        return runs + self._plain(text[position:])

    def _plain(self, text: str) -> list[Run]:
        if not text:
            return []
        if self._words is None:
            return [text]
        runs: list[Run] = []
        position = 0
        for found in self._words.finditer(text):
            if found.start() > position:
                runs.append(text[position : found.start()])
            runs.append({"keep": found[0]})
            position = found.end()
        if position < len(text):
            runs.append(text[position:])
        return runs

    def text(self, text: str) -> list[Run]:
        """One block of text, its line breaks kept."""
        runs: list[Run] = []
        for number, line in enumerate(text.split("\n")):
            if number:
                runs.append({"br": True})
            runs += self.line(line)
        return runs

    def paragraphs(self, text: str) -> list[list[Run]]:
        """Plain text, paragraphs separated by blank lines."""
        blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
        return [self.text(block) for block in blocks]


def facts(rows: Iterable[tuple[str, Sequence[Run]]]) -> Block:
    return {"kind": "facts", "rows": [[name, list(value)] for name, value in rows]}


def subheading(text: str) -> Block:
    return {"kind": "subheading", "text": text}


def note(text: str, style: str = "") -> Block:
    return {"kind": "note", "style": style, "runs": [text]}


def table(
    header: Sequence[str] | None, widths: Sequence[int], rows: Iterable[Sequence[Sequence[Run]]]
) -> Block:
    return {
        "kind": "table",
        "header": list(header) if header is not None else None,
        "widths": list(widths),
        "rows": [[list(cell) for cell in row] for row in rows],
    }


def or_dash(runs: Sequence[Run]) -> list[Run]:
    return list(runs) if runs else ["—"]
