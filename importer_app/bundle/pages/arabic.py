"""Arabic and Hebrew names, shaped and put in visual order for reportlab, which draws glyphs
left to right exactly as given.

arabic-reshaper picks each letter's contextual form (and the lam-alef ligatures) from the
Unicode presentation blocks, which DejaVu Sans covers; python-bidi applies the Unicode
bidirectional algorithm.
"""

from __future__ import annotations

import unicodedata

import arabic_reshaper
from bidi import get_display

_NO_BREAK = "\u00a0"


def _right_to_left(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def visual(text: str) -> str:
    """The text as it should be drawn left to right: shaped, in visual order.

    Text without a right-to-left character comes back unchanged. Spaces next to a
    right-to-left letter do not break, since a line broken inside a right-to-left run would put its words on the
    wrong lines (they are already in visual order).
    """
    if not any(map(_right_to_left, text)):
        return text
    line = get_display(arabic_reshaper.reshape(text))
    return "".join(
        _NO_BREAK if char == " " and 0 < index < len(line) - 1
        and (_right_to_left(line[index - 1]) or _right_to_left(line[index + 1])) else char
        for index, char in enumerate(line)
    )
