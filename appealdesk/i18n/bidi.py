"""Names typed in any script, set into our own sentences without reordering them.

A handle or client name in Arabic or Hebrew is a right-to-left run; put between "·" and a
date in a left-to-right sentence, the Unicode bidirectional algorithm lets it swallow the
neutral characters around it, and the line reads out of order. A first-strong isolate
(U+2068 … U+2069) lays the name out on its own and leaves the sentence as written. User text
never carries these marks itself (``domain.validation`` removes them on input), so the pair
always closes.
"""

from __future__ import annotations

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def isolate(text: str) -> str:
    """``text`` as one unit of its own direction inside a sentence; empty stays empty."""
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}" if text else text
