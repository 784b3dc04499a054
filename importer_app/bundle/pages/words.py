"""Counted nouns and lists in the bundle's generated text, so that no page reads "item(s)" or
"1 were"."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from importer_app.bundle.pages.facts import exhibit_list
from importer_app.core.plural import counted, noun, verb

__all__ = ["counted", "exhibits", "joined", "noun", "verb"]


def joined(items: Sequence[str], conjunction: str = "and") -> str:
    """``A``, ``A and B``, ``A, B, and C`` (US style, with the serial comma)."""
    if len(items) <= 2:
        return f" {conjunction} ".join(items)
    return f"{', '.join(items[:-1])}, {conjunction} {items[-1]}"


def exhibits(ids: Iterable[str]) -> str:
    """``Exhibit 3.2`` for one, ``Exhibits 1.1–1.4, 3.2`` for more; empty for none."""
    unique = sorted(set(ids))
    if not unique:
        return ""
    return f"{noun(len(unique), 'Exhibit')} {exhibit_list(unique)}"
