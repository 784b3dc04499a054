"""Chinese-script names in the Latin form official lists print them in.

See ``zh_terms.txt`` for the reading: places peeled off the start, legal forms and industry
words off the end, the brand in the middle as one pinyin word. pypinyin gives the readings
(its phrase dictionary picks the right one for characters with several).
"""

from __future__ import annotations

import functools
import re
from importlib import resources

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def has_han(text: str) -> bool:
    return _HAN_RUN.search(text) is not None


def romanize(text: str) -> str:
    """``text`` with every run of Chinese characters replaced by its romanised words."""
    return _HAN_RUN.sub(lambda run: f" {' '.join(_romanize_run(run.group()))} ", text)


def _romanize_run(run: str) -> list[str]:
    ends, starts = _terms()
    tail: list[str] = []
    while term := _longest(run, ends, at_end=True):
        tail[:0] = ends[term]
        run = run[: -len(term)]
    head: list[str] = []
    while term := _longest(run, starts, at_end=False):
        head.extend(starts[term])
        run = run[len(term):]
    return head + ([_pinyin(run)] if run else []) + tail


def _longest(run: str, terms: dict[str, tuple[str, ...]], *, at_end: bool) -> str:
    """The longest term that ends (or starts) ``run``; empty when there is none."""
    for size in range(len(run), 1, -1):
        piece = run[-size:] if at_end else run[:size]
        if piece in terms:
            return piece
    return ""


@functools.cache
def _terms() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """zh_terms.txt as (terms that end a name, places that start one), each term -> words.

    A dropped legal form maps to no words.
    """
    ends: dict[str, tuple[str, ...]] = {}
    starts: dict[str, tuple[str, ...]] = {}
    target = ends
    text = resources.files(__package__).joinpath("zh_terms.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#"):
            if line.startswith("# Places"):
                target = starts
            continue
        if line.strip():
            term, english = line.split(None, 1)
            target[term] = () if english.strip() == "-" else tuple(english.split())
    return ends, starts


def _pinyin(run: str) -> str:
    # Imported here: pypinyin loads its dictionaries on import, which only a case with
    # Chinese-script names needs.
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(run, style=Style.NORMAL, v_to_u=True))
