"""Fonts for generated pages: one Unicode text font, and reportlab's CID fonts for CJK.

Company names arrive in any script. DejaVu Sans (``resources/fonts``, embedded and subset)
covers Latin with Vietnamese diacritics, Greek, Cyrillic, Hebrew and Arabic presentation forms.
Chinese, Japanese and Korean go to reportlab's CID fonts, which a PDF names rather than
embeds (every PDF reader ships them): the font is picked per string, because a Han character
is drawn differently in a Japanese name than in a Chinese one. Arabic is shaped and put in
visual order first (``arabic.py``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Final
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from importer_app.bundle.pages import arabic
from importer_app.core.datafiles import resources_dir

SANS: Final = "ImporterSans"
SANS_BOLD: Final = "ImporterSans-Bold"
CHINESE: Final = "STSong-Light"
JAPANESE: Final = "HeiseiMin-W3"
KOREAN: Final = "HYSMyeongJo-Medium"

_CJK_RANGES: Final = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3130, 0x318F),  # Hangul compatibility Jamo
    (0x31F0, 0x31FF),  # Katakana extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF00, 0xFFEF),  # full-width forms
    (0x20000, 0x2FFFF),  # CJK extensions B-F
)


@functools.cache
def register() -> None:
    """Register the fonts with reportlab once per process."""
    fonts = resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(SANS, str(fonts / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(SANS_BOLD, str(fonts / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS, boldItalic=SANS_BOLD)
    for name in (CHINESE, JAPANESE, KOREAN):
        pdfmetrics.registerFont(UnicodeCIDFont(name))
        # CID fonts have no bold: <b> around a name must still find a face.
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)


# One compiled class instead of a test per character and range: every cell of every table
# passes through ``runs``, and a bundle of thousands of companies draws hundreds of thousands.
_CJK_RUN: Final = re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _CJK_RANGES) + "]+")


def cjk_font(text: str) -> str:
    """The CID font for the CJK characters of ``text``: kana mean Japanese, Hangul Korean."""
    codes = [ord(char) for char in text]
    if any(0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF for code in codes):
        return JAPANESE
    if any(0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F for code in codes):
        return KOREAN
    return CHINESE


def runs(text: str, *, bold: bool = False) -> Iterator[tuple[str, str]]:
    """``(font name, text)`` pieces of one line, in drawing order (Arabic already reordered)."""
    line = arabic.visual(text)
    base = SANS_BOLD if bold else SANS
    position, cjk = 0, ""
    for match in _CJK_RUN.finditer(line):
        if match.start() > position:
            yield base, line[position:match.start()]
        cjk = cjk or cjk_font(line)
        yield cjk, match.group()
        position = match.end()
    if position < len(line):
        yield base, line[position:]


def width(text: str, size: float, *, bold: bool = False) -> float:
    """The drawn width of one line of ``text`` at ``size`` points."""
    register()
    return sum(pdfmetrics.stringWidth(piece, font, size) for font, piece in runs(text, bold=bold))


def markup(text: str) -> str:
    """``text`` as reportlab paragraph markup: escaped, CJK runs in their CID font.

    Paragraph styles use ``SANS``, so only the CJK runs need a font tag; ``<b>`` around the
    result still works.
    """
    parts = []
    for font, piece in runs(text):
        escaped = escape(piece)
        parts.append(escaped if font == SANS else f'<font name="{font}">{escaped}</font>')
    return "".join(parts)


def fit(text: str, size: float, limit: float, *, bold: bool = False) -> str:
    """``text`` cut with an ellipsis so that it is at most ``limit`` points wide."""
    if width(text, size, bold=bold) <= limit:
        return text
    cut = text
    while cut and width(cut + "…", size, bold=bold) > limit:
        cut = cut[:-1]
    return cut.rstrip() + "…"


def wrap(text: str, size: float, limit: float, *, bold: bool = False, max_lines: int = 3) -> list[str]:
    """Break ``text`` at spaces into lines at most ``limit`` wide; the last line ellipsised.

    CJK text has no spaces: a word wider than the line is cut where it must be.
    """
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if width(candidate, size, bold=bold) <= limit:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while width(current, size, bold=bold) > limit and len(current) > 1:
            head = fit(current, size, limit, bold=bold)[:-1] or current[:1]
            lines.append(head)
            current = current[len(head):]
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [fit(" ".join(lines[max_lines - 1:]), size, limit, bold=bold)]
    return lines
