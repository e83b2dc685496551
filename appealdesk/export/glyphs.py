"""Characters the dossier's fonts can show, and what takes the place of the others.

PDF/A does not allow text that no embedded font can draw (an emoji, a stray control code
pasted from an e-mail, an accent that the font of the letter before it lacks), so Typst
refuses the whole document. Such a character is printed as U+FFFD, the replacement
character, instead; characters that are never drawn (joiners, direction marks, variation
selectors) stay as they are, except the byte order mark, which PDF/A does not allow inside a
text at all and which shows nothing: it is left out.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache
from typing import Any

from appealdesk.export.font_coverage import Coverage, coverage
from appealdesk.i18n import format_number, ngettext

REPLACEMENT = "\ufffd"
_BYTE_ORDER_MARK = "\ufeff"
# Typst's own fonts carry no file to look into: these are the characters its serif font is
# known to draw (Latin, and the punctuation of typeset text), so text made only of them needs
# no look into the system's fonts.
_TYPOGRAPHIC = "‐‑‒–—―‖‗‘’‚‛“”„‟†‡•‣․‥…‧‰‱′″‴‵‶‷‹›€™←→−"
# Tab and line ends are white space to Typst, which no font needs to draw.
_WHITE_SPACE = frozenset(map(ord, "\t\n\r"))
_ALWAYS = (
    frozenset(range(0x20, 0x7F))
    | frozenset(range(0xA0, 0x250))
    | frozenset(map(ord, _TYPOGRAPHIC))
    | _WHITE_SPACE
)
# The combining accents (U+0300–U+036F) that Typst's serif font draws on its letters, and the
# keycap of emoji such as 1️⃣, which the emoji font draws whole.
_LATIN_MARKS = (0x300, 0x36F)
_KEYCAP = 0x20E3
# Keys of the data whose strings are names of things, not text.
NOT_TEXT = frozenset({"file", "path", "label", "goto", "url", "placeholder", "mime-type", "lang"})


@cache
def _font_files() -> tuple[Coverage, ...]:
    from appealdesk.export.typesetting import fonts  # not for the window's replacement_note

    return tuple(coverage(info.path, info.index) for info in fonts().fonts() if info.path)


@cache
def can_show(character: str) -> bool:
    code = ord(character)
    if code in _ALWAYS or _never_drawn(character):
        return True
    return any(code in font for font in _font_files())


def _never_drawn(character: str) -> bool:
    category = unicodedata.category(character)
    if category == "Cf":  # joiners, direction marks and overrides, soft hyphen, BOM
        return True
    code = ord(character)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF  # variation selectors


def shown(text: str, replaced: set[str] | None = None) -> str:
    """``text`` as the dossier can print it; what was replaced goes into ``replaced``."""
    if text.isascii():
        return text
    text = text.replace(_BYTE_ORDER_MARK, "")
    replacement = REPLACEMENT if can_show(REPLACEMENT) else ""
    printed: list[str] = []
    missing: set[str] = set()
    base = " "  # the character the marks that follow go on
    for character in text:
        if not can_show(character) or (_is_mark(character) and not _fits(base, character)):
            missing.add(character)
            printed.append(replacement)
            base = replacement or base
            continue
        if not _is_mark(character) and not _never_drawn(character):
            base = character
        printed.append(character)
    if not missing:
        return text
    if replaced is not None:
        replaced.update(missing)
    return "".join(printed)


def _is_mark(character: str) -> bool:
    return unicodedata.category(character) in ("Mn", "Mc", "Me") and not _never_drawn(character)


@cache
def _fits(base: str, mark: str) -> bool:
    """Whether ``mark`` can go on ``base``: Typst draws a character and its marks in the font
    of the character, and PDF/A refuses the pair when that font lacks the mark (an Arabic
    vowel sign pasted after a Latin hyphen, say)."""
    if base.isspace():
        return True  # a mark on its own finds its own font
    code = ord(mark)
    if ord(base) in _ALWAYS or base == REPLACEMENT:  # drawn in Typst's own serif font
        return _LATIN_MARKS[0] <= code <= _LATIN_MARKS[1] or (
            code == _KEYCAP and (base.isdigit() or base in "#*")
        )
    return any(ord(base) in font and code in font for font in _font_files())


def shown_data(value: Any, key: str = "", replaced: set[str] | None = None) -> Any:
    """``value`` (the dossier's data) with every text made showable; the characters that had
    to be replaced go into ``replaced``, so the user can be told."""
    if isinstance(value, str):
        return value if key in NOT_TEXT else shown(value, replaced)
    if isinstance(value, dict):
        return {k: shown_data(v, k, replaced) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [shown_data(v, key, replaced) for v in value]
    return value


def replacement_note(characters: Sequence[str]) -> str:
    """What the user is told, in the UI's language, when text of theirs was printed as U+FFFD
    (a character no font has, or a mark that the font of the character before it lacks): the
    dossier does not say what they wrote, and how to mend that."""
    listed = ", ".join(f"{c} (U+{ord(c):04X})" for c in characters)
    return ngettext(
        "{count} character could not be printed with the fonts on this computer and is shown "
        "as “\ufffd” in the dossier: {characters}. Install a font that has it (for emoji: "
        "Noto Color Emoji) and export again.",
        "{count} characters could not be printed with the fonts on this computer and are "
        "shown as “\ufffd” in the dossier: {characters}. Install a font that has them (for "
        "emoji: Noto Color Emoji) and export again.",
        len(characters),
    ).format(count=format_number(len(characters)), characters=listed)
