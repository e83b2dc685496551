"""Free text quoted in a dossier of another language: marked, never translated.

A user's statement in Dutch stays Dutch in the English dossier; the reader is told it is a
quotation in Dutch. A text is marked only when :func:`guess_language` is sure of its language.
"""

from __future__ import annotations

from appealdesk.domain.text_language import guess_language
from appealdesk.export.dossier_runs import Block, Run, TextRuns
from appealdesk.i18n import N_, translator

_QUOTED_IN = {"nl": N_("(quoted in Dutch)"), "en": N_("(quoted in English)")}


def quoted_in(text: str, language: str) -> str:
    """``"(quoted in Dutch)"`` in ``language`` for a text clearly in another language, else ""."""
    found = guess_language(text)
    if found is None or found == language:
        return ""
    return translator(language).gettext(_QUOTED_IN[found])


def marked_text(writer: TextRuns, text: str, language: str) -> list[Run]:
    """One block of free text, followed by its mark when it is in another language."""
    runs = writer.text(text)
    mark = quoted_in(text, language)
    if mark and runs:
        runs += [" ", {"muted": mark}]
    return runs


def marked_paragraphs(writer: TextRuns, text: str, language: str, style: str = "") -> list[Block]:
    """Paragraphs of free text; a text in another language ends in a line saying so."""
    blocks: list[Block] = [{"kind": "paragraphs", "style": style, "items": writer.paragraphs(text)}]
    mark = quoted_in(text, language)
    if mark:
        blocks.append({"kind": "note", "style": "muted", "runs": [mark]})
    return blocks
