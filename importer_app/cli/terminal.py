"""Command-line helpers: a progress bar drawn only when stderr is a terminal, argument types."""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
from typing import TextIO


class ProgressBar:
    """A ``progress(done, total, text)`` callback that redraws one line on a terminal."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stderr
        self._active = self._stream.isatty()
        self._drawn = False

    def __call__(self, done: int, total: int, text: str) -> None:
        if not self._active or total <= 0:
            return
        width = shutil.get_terminal_size((80, 20)).columns
        bar_width = max(10, min(30, width // 3))
        filled = int(bar_width * min(done, total) / total)
        line = f"[{'#' * filled}{'.' * (bar_width - filled)}] {done}/{total} {text}"
        self._stream.write("\r" + line[: width - 1].ljust(width - 1))
        self._stream.flush()
        self._drawn = True

    def clear(self) -> None:
        """Remove the bar before normal output is printed."""
        if self._drawn:
            width = shutil.get_terminal_size((80, 20)).columns
            self._stream.write("\r" + " " * (width - 1) + "\r")
            self._stream.flush()
            self._drawn = False


def iso_date(text: str) -> dt.date:
    """An argparse type for dates written like 2026-11-28."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-28") from error
