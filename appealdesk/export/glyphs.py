"""Characters the dossier's fonts can show, and what takes the place of the others.

PDF/A does not allow text that no embedded font can draw (an emoji, a stray control code
pasted from an e-mail), so Typst refuses the whole document. Such a character is printed as
U+FFFD, the replacement character, instead; characters that are never drawn (joiners,
direction marks, variation selectors) stay as they are, except the byte order mark, which
PDF/A does not allow inside a text at all and which shows nothing: it is left out.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache
from typing import Any

from PySide6.QtGui import QRawFont

from appealdesk.export.typesetting import fonts
from appealdesk.i18n import format_number, ngettext

REPLACEMENT = "\ufffd"
_BYTE_ORDER_MARK = "\ufeff"
# Typst's own fonts carry no file to look into: these are the characters its serif font is
# known to draw (Latin, and the punctuation of typeset text), so text made only of them needs
# no look into the system's fonts.
_TYPOGRAPHIC = "‐‑‒–—―‖‗‘’‚‛“”„‟†‡•‣․‥…‧‰‱′″‴‵‶‷‹›€™←→−"
_ALWAYS = (
    frozenset(range(0x20, 0x7F)) | frozenset(range(0xA0, 0x250)) | frozenset(map(ord, _TYPOGRAPHIC))
)
# Keys of the data whose strings are names of things, not text.
NOT_TEXT = frozenset({"file", "path", "label", "goto", "url", "placeholder", "mime-type", "lang"})


@cache
def _font_files() -> tuple[QRawFont, ...]:
    loaded = []
    for info in fonts().fonts():
        if info.path:
            raw = QRawFont(info.path, 12.0)
            if raw.isValid():
                loaded.append(raw)
    return tuple(loaded)


@cache
def can_show(character: str) -> bool:
    code = ord(character)
    if code in _ALWAYS or _never_drawn(character):
        return True
    return any(font.supportsCharacter(code) for font in _font_files())


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
    if all(can_show(c) for c in text):
        return text
    if replaced is not None:
        replaced.update(c for c in text if not can_show(c))
    replacement = REPLACEMENT if can_show(REPLACEMENT) else ""
    return "".join(c if can_show(c) else replacement for c in text)


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
    """What the user is told when text of theirs was printed as U+FFFD (in the UI's language):
    the dossier does not say what they wrote, and how to mend that."""
    listed = ", ".join(f"{c} (U+{ord(c):04X})" for c in characters)
    return ngettext(
        "{count} character that no font on this computer has is printed as “\ufffd” in the "
        "dossier: {characters}. Install a font that has it (for emoji: Noto Color Emoji) "
        "and export again.",
        "{count} characters that no font on this computer has are printed as “\ufffd” in the "
        "dossier: {characters}. Install a font that has them (for emoji: Noto Color Emoji) "
        "and export again.",
        len(characters),
    ).format(count=format_number(len(characters)), characters=listed)
