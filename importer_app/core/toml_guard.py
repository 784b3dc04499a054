"""A look at a TOML text's shape before ``tomllib`` parses it.

``tomllib`` takes time quadratic in the parts of a dotted key (a 40 KB file with one
20,000-part key took 31 s and 2.4 GB), recurses once per level of nested arrays and inline
tables (a few hundred levels end in ``RecursionError``) and refuses integers of more than
4,300 digits with a message about ``sys.set_int_max_str_digits``. A case description needs
none of these, so one linear pass over the text refuses them first, each with its line.
"""

from __future__ import annotations

import re
from typing import Final

MAX_KEY_PARTS: Final = 8
"""Parts of one dotted key (``a.b.c`` has 3); the format's keys have one."""
MAX_KEY_CHARS: Final = 256
"""Characters of one key, quotes included; the format's longest key has 26."""
MAX_NESTING: Final = 16
"""Levels of arrays and inline tables inside one another; the format uses two."""
MAX_DIGITS: Final = 20
"""Digits of a number; 64-bit integers have at most 19."""

_TOKEN: Final = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"{3,5}'   # multi-line basic string
    r"|'''.*?'{3,5}"                      # multi-line literal string
    r'|"(?:[^"\\\n]|\\.)*"'               # basic string
    r"|'[^'\n]*'"                         # literal string
    r"|#[^\n]*"                           # comment
    r"|(?<![A-Za-z0-9_-])[0-9][0-9_]{" + str(MAX_DIGITS) + r",}"  # a number too long to be one we read
    r"|[.=,\[\]{}\n]",
    re.S,
)


def shape_problem(text: str) -> tuple[int, str] | None:
    """The line and description of the first shape ``tomllib`` should not be given, or None."""
    parts = 1
    segment_start = 0
    depth = 0
    for token in _TOKEN.finditer(text):
        kind = token.group()
        if kind[0].isdigit():
            return _line(text, token.start()), (
                f"a number has {len(kind)} digits; numbers in a case description have at most {MAX_DIGITS - 1}")
        if kind == ".":
            parts += 1
            if parts > MAX_KEY_PARTS:
                return _line(text, token.start()), (
                    f"a dotted key has more than {MAX_KEY_PARTS} parts; write each table with its own [header]")
            continue
        if kind == "=" and token.start() - segment_start > MAX_KEY_CHARS:
            return _line(text, token.start()), f"a key is longer than {MAX_KEY_CHARS} characters"
        if kind in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return _line(text, token.start()), (
                    f"lists or inline tables are nested more than {MAX_NESTING} levels deep")
        elif kind in "]}":
            depth = max(0, depth - 1)
        if kind in "=,[]{}\n":
            parts = 1
            segment_start = token.end()
    return None


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1
