"""Sizes as a user reads them, in one unit everywhere: 1 kB = 1,000 bytes, 1 MB = 1,000,000
bytes, 1 GB = 10^9 bytes.

Decimal because the sizes a user compares mostly count that way: macOS's Finder, disk and
upload limits, and the ``--max-volume-mb`` a user types (Windows' Explorer counts in 1,024s). A
limit and the size held against it are always counted and printed in the same unit, so "3.1 MB,
over the 3 MB limit" never hides a 1,024 between them.
"""

from __future__ import annotations

from typing import Final

KB: Final = 1_000
MB: Final = 1_000_000
GB: Final = 1_000_000_000

_UNITS: Final = ((GB, "GB"), (MB, "MB"), (KB, "kB"))


def size_text(size: float) -> str:
    """``512 bytes``, ``70 kB``, ``3.15 MB``, ``1.1 GB``: three significant figures at most,
    trailing zeros dropped, so that a limit of 3 MB reads ``3 MB``."""
    for index, (unit, name) in enumerate(_UNITS):
        if size >= unit:
            shown = _figures(size / unit)
            # 999,999 bytes rounds to 1000 kB: the next unit up says it in fewer figures.
            return f"1 {_UNITS[index - 1][1]}" if shown == "1000" and index else f"{shown} {name}"
    count = round(size)
    return "1 byte" if count == 1 else f"{count:,} bytes"


def size_against(size: float, limit: float) -> str:
    """``size`` as :func:`size_text` writes it, with the exact bytes when rounding would show it
    equal to ``limit`` (``3 MB (3,000,417 bytes)`` against a 3 MB limit)."""
    shown = size_text(size)
    return f"{shown} ({round(size):,} bytes)" if shown == size_text(limit) and size != limit else shown


def _figures(value: float) -> str:
    digits = 2 if value < 10 else 1 if value < 100 else 0
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
