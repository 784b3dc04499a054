"""Fonts for generated pages: DejaVu Sans for most scripts, Noto Sans for the rest.

Company names arrive in any script, and a name in its own script is evidence: it must print
and extract exactly. DejaVu Sans (``resources/fonts``) covers Latin with Vietnamese
diacritics, Greek, Cyrillic, Hebrew and the Arabic presentation forms. Chinese, Japanese,
Korean, Thai, Khmer and Devanagari go to subsets of the Noto Sans families built by
``scripts/build_fonts.py``. Every font is embedded as a subset of the characters a page uses.

The font is chosen per run of characters, so a Chinese name inside an English sentence gets
the CJK font and the sentence keeps DejaVu. Han characters, kana and CJK punctuation all use
Noto Sans SC (one font keeps the package small; a Japanese name is drawn with the simplified
Chinese design of its kanji). The Noto fonts are registered only when a page first needs them,
so a bundle in Latin script never loads the 7 MB CJK font. Arabic is shaped and put in visual
order first (``arabic.py``). Glyphs are drawn one per character, without OpenType shaping:
Thai, Khmer and Devanagari read and extract correctly, but stacked and reordered forms (Khmer
subscript consonants, the Devanagari short i) are drawn in their plain sequence.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from typing import Final
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from importer_app.bundle.pages import arabic
from importer_app.core.datafiles import resources_dir

SANS: Final = "ImporterSans"
SANS_BOLD: Final = "ImporterSans-Bold"
CJK: Final = "NotoSansSC"
HANGUL: Final = "NotoSansKR"
THAI: Final = "NotoSansThai"
KHMER: Final = "NotoSansKhmer"
DEVANAGARI: Final = "NotoSansDevanagari"

_SCRIPT_RANGES: Final = (
    (0x0900, 0x097F, DEVANAGARI),
    (0x0E00, 0x0E7F, THAI),
    (0x1100, 0x11FF, HANGUL),  # Hangul Jamo
    (0x1780, 0x17FF, KHMER),
    (0x19E0, 0x19FF, KHMER),  # Khmer symbols
    (0x3000, 0x30FF, CJK),  # CJK symbols and punctuation, Hiragana, Katakana
    (0x3130, 0x318F, HANGUL),  # Hangul compatibility Jamo
    (0x31F0, 0x31FF, CJK),  # Katakana extensions
    (0x3400, 0x4DBF, CJK),  # CJK extension A (not in the subset: drawn as a box, never as another script)
    (0x4E00, 0x9FFF, CJK),  # CJK unified ideographs
    (0xA8E0, 0xA8FF, DEVANAGARI),  # Devanagari extended
    (0xAC00, 0xD7AF, HANGUL),  # Hangul syllables
    (0xF900, 0xFAFF, CJK),  # CJK compatibility ideographs (likewise)
    (0xFF00, 0xFFEF, CJK),  # full-width forms
    (0x20000, 0x2FFFF, CJK),  # CJK extensions B-F (likewise)
)
_FIRST_SCRIPT: Final = _SCRIPT_RANGES[0][0]
_ALL_BASE: Final = re.compile(f"[^\\U{_FIRST_SCRIPT:08x}-\\U0010ffff]*")
"""A line DejaVu draws whole: no character at or above the first script range."""


@functools.cache
def register() -> None:
    """Register the Latin-script fonts with reportlab once per process."""
    fonts = resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(SANS, str(fonts / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(SANS_BOLD, str(fonts / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS, boldItalic=SANS_BOLD)


@functools.cache
def _register_script(name: str) -> None:
    register()
    pdfmetrics.registerFont(TTFont(name, str(resources_dir() / "fonts" / f"{name}-Regular.ttf")))
    # The subsets have no bold: <b> around a name must still find a face.
    pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)


def script_font(char: str) -> str | None:
    """The Noto font for ``char``, or None when DejaVu Sans draws it."""
    code = ord(char)
    if code < _FIRST_SCRIPT:
        return None
    for low, high, font in _SCRIPT_RANGES:
        if low <= code <= high:
            return font
    return None


def runs(text: str, *, bold: bool = False) -> Iterator[tuple[str, str]]:
    """``(font name, text)`` pieces of one line, in drawing order (Arabic already reordered).

    The fonts named are registered with reportlab.
    """
    register()
    line = arabic.visual(text)
    base = SANS_BOLD if bold else SANS
    if _ALL_BASE.fullmatch(line):
        # Most cells of most tables: one test for the line instead of one per character.
        yield base, line
        return
    for font, chars in itertools.groupby(line, key=script_font):
        if font is not None:
            _register_script(font)
        yield font or base, "".join(chars)


@functools.lru_cache(maxsize=65536)
def width(text: str, size: float, *, bold: bool = False) -> float:
    """The drawn width of one line of ``text`` at ``size`` points."""
    return sum(pdfmetrics.stringWidth(piece, font, size) for font, piece in runs(text, bold=bold))


@functools.lru_cache(maxsize=16384)
def markup(text: str) -> str:
    """``text`` as reportlab paragraph markup: escaped, runs of other scripts in their font.

    Paragraph styles use ``SANS``, so only the other scripts' runs need a font tag; ``<b>``
    around the result still works.
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
    # The longest prefix that fits with the ellipsis: a prefix is never narrower than a shorter
    # one, so halving the range finds it in a few measurements, not one per character.
    low, high = 0, len(text) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if width(text[:middle] + "…", size, bold=bold) <= limit:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


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
