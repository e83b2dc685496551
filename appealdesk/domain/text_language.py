"""Whether a free text is Dutch or English, from its most common small words.

A dossier marks a text quoted in another language than its own; it marks it only when the
text says so clearly: enough of these words, and many more of one language than the other.
"""

from __future__ import annotations

import re

# Frequent small words the other language does not share (not "in", "is", "of", "we", …),
# and a few words of every notice about a block.
_NL = (
    "de het een en van ik je jij u mijn niet dat die dit er op met voor naar zijn ben heb "
    "heeft hebben wordt werd geen maar ook nog wel om aan bij uit als dan toen omdat "
    "waarom wat wie mij ons onze hun zij wij mag kan kunt moet zou zal zonder tegen "
    "geblokkeerd geschorst verwijderd wegens jouw uw bent"
)
_EN = (
    "the a an and i you your my not that this there on with for to be am are have has "
    "been no but also still do does did because why what who us our their they may "
    "can could must would will without about against by from than then when "
    "blocked suspended removed"
)
_STOP_WORDS = {"nl": frozenset(_NL.split()), "en": frozenset(_EN.split())}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_WORDS = 4  # fewer known words than this: not sure enough to say
MIN_RATIO = 2.0  # the language found must have at least twice the other's words


def guess_language(text: str) -> str | None:
    """``"nl"`` or ``"en"`` when the text is clearly in that language, else None."""
    words = [w.lower() for w in _WORD.findall(text)]
    counts = {lang: sum(w in stop for w in words) for lang, stop in _STOP_WORDS.items()}
    (first, most), (_second, fewest) = sorted(counts.items(), key=lambda kv: -kv[1])
    if most < MIN_WORDS or most < MIN_RATIO * fewest:
        return None
    return first
