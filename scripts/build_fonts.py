"""Build the Noto fonts in resources/fonts from Google Fonts' variable releases.

The generated pages draw names in any script a supplier writes in. Google Fonts publishes the
Noto families as variable TrueType fonts (OFL 1.1, github.com/google/fonts, folders
``ofl/notosans*``); reportlab embeds only static TrueType outlines, and the CJK fonts are 10 to
18 MB each. This script pins each font at its regular weight and keeps only the characters of
the script it is used for, dropping hinting and layout tables (reportlab uses neither), so
the fonts add a few megabytes to the package instead of fifty.

Usage (needs fontTools, a build-time tool only):
    python scripts/build_fonts.py SOURCE_DIR [resources/fonts]
SOURCE_DIR holds the variable fonts, e.g. ``NotoSansSC[wght].ttf`` (the justmytype-intl-cjk,
-sea, -south-asia wheels on PyPI carry these files unchanged from google/fonts).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

# (output name, source file, PostScript name, Unicode ranges kept)
FONTS = (
    ("NotoSansSC-Regular.ttf", "NotoSansSC[wght].ttf", "NotoSansSC-Regular", (
        (0x3000, 0x303F),  # CJK symbols and punctuation
        (0x3040, 0x30FF),  # Hiragana, Katakana: Japanese names
        (0x31F0, 0x31FF),  # Katakana phonetic extensions
        (0x4E00, 0x9FFF),  # CJK unified ideographs
        (0xFF00, 0xFFEF),  # full-width forms
    )),
    ("NotoSansKR-Regular.ttf", "NotoSansKR[wght].ttf", "NotoSansKR-Regular", (
        (0x1100, 0x11FF),  # Hangul Jamo
        (0x3130, 0x318F),  # Hangul compatibility Jamo
        (0xAC00, 0xD7AF),  # Hangul syllables
    )),
    ("NotoSansThai-Regular.ttf", "NotoSansThai[wdth,wght].ttf", "NotoSansThai-Regular", ((0x0E00, 0x0E7F),)),
    ("NotoSansKhmer-Regular.ttf", "NotoSansKhmer[wdth,wght].ttf", "NotoSansKhmer-Regular",
     ((0x1780, 0x17FF), (0x19E0, 0x19FF))),
    ("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari[wdth,wght].ttf", "NotoSansDevanagari-Regular",
     ((0x0900, 0x097F), (0xA8E0, 0xA8FF))),
)


def build(source: Path, out: Path) -> None:
    for name, variable, postscript, ranges in FONTS:
        font = TTFont(source / variable)
        axes = {axis.axisTag: (400.0 if axis.axisTag == "wght" else axis.defaultValue) for axis in font["fvar"].axes}
        font = instancer.instantiateVariableFont(font, axes)
        options = subset.Options()
        options.hinting = False
        options.layout_features = []
        options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
        options.notdef_outline = True
        options.drop_tables += ["GSUB", "GPOS", "GDEF", "STAT", "DSIG"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[code for low, high in ranges for code in range(low, high + 1)])
        subsetter.subset(font)
        names = font["name"]
        family = postscript.split("-")[0].replace("NotoSans", "Noto Sans ")
        for record_id, value in ((1, family), (2, "Regular"), (4, f"{family} Regular"), (6, postscript)):
            names.setName(value, record_id, 3, 1, 0x409)
            names.setName(value, record_id, 1, 0, 0)
        font.save(out / name)
        print(f"{name}: {len(font.getBestCmap())} characters, {(out / name).stat().st_size:,} bytes")


if __name__ == "__main__":
    build(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).parent.parent / "resources" / "fonts")
