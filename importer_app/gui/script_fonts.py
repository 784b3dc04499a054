"""The fonts the project ships for the scripts suppliers write in, made known to Qt.

The bundle embeds them; the window needs them too, or a Chinese, Korean, Thai or Khmer name
shows as empty boxes on a computer that has no font for its script (Windows and macOS have most;
a plain Linux desktop may have none). Qt falls back to an application font for characters the
chosen font lacks. Loading them takes about a hundredth of a second, so they are loaded as the
first case opens (before its pages measure any name), not while the window starts.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from importer_app.core.datafiles import resources_dir

SCRIPT_FONTS = ("NotoSansSC-Regular.ttf", "NotoSansKR-Regular.ttf", "NotoSansThai-Regular.ttf",
                "NotoSansKhmer-Regular.ttf", "NotoSansDevanagari-Regular.ttf")

_loaded: dict[str, tuple[str, ...]] = {}


def load_script_fonts() -> dict[str, tuple[str, ...]]:
    """Register each shipped script font once; the families each file added, by file name
    (empty for a file Qt could not read, which leaves that script to the system's fonts)."""
    for name in SCRIPT_FONTS:
        if name not in _loaded:
            font_id = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / name))
            _loaded[name] = tuple(QFontDatabase.applicationFontFamilies(font_id)) if font_id >= 0 else ()
    return dict(_loaded)
