"""Command-line helpers: output with control characters escaped, a progress bar drawn only
when stderr is a terminal, argument types."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import re
import shutil
import sys
from collections.abc import Iterator
from typing import Any, TextIO

# Names come from files and cases others made: ESC sequences could rewrite the terminal, NUL
# and carriage returns hide text, bidirectional controls show "invoice<RLO>fdp.exe" as
# "invoiceexe.pdf", and lone surrogates (undecodable file names) cannot be printed at all.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                          "\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` with control, bidirectional-control and surrogate characters written as
    ``\\uXXXX`` (inside JSON strings that is the same character, so JSON output stays valid)."""
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


class PrintableStream:
    """A text stream writing everything through :func:`printable`."""

    def __init__(self, stream: TextIO) -> None:
        self.unescaped = stream

    def write(self, text: str) -> int:
        return self.unescaped.write(printable(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.unescaped, name)


@contextlib.contextmanager
def printable_output() -> Iterator[None]:
    """While inside, ``sys.stdout`` and ``sys.stderr`` escape what they are given."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = PrintableStream(sys.stdout), PrintableStream(sys.stderr)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


class ProgressBar:
    """A ``progress(done, total, text)`` callback that redraws one line on a terminal."""

    def __init__(self, stream: TextIO | None = None) -> None:
        given = stream or sys.stderr
        # The bar's own carriage returns must pass; the file names in it are escaped below.
        self._stream: TextIO = getattr(given, "unescaped", given)
        self._active = self._stream.isatty()
        self._drawn = False

    def __call__(self, done: int, total: int, text: str) -> None:
        if not self._active or total <= 0:
            return
        width = shutil.get_terminal_size((80, 20)).columns
        bar_width = max(10, min(30, width // 3))
        filled = int(bar_width * min(done, total) / total)
        line = f"[{'#' * filled}{'.' * (bar_width - filled)}] {done}/{total} {printable(text)}"
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
