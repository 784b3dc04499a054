"""Counted nouns and lists in the bundle's generated text, so that no page reads "item(s)" or
"1 were"."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from importer_app.bundle.pages.facts import exhibit_list


def noun(count: int, singular: str, plural: str = "") -> str:
    """``item`` for one, ``items`` (or ``plural``) for any other count."""
    return singular if count == 1 else (plural or f"{singular}s")


def counted(count: int, singular: str, plural: str = "") -> str:
    """``1 item``, ``3 items``, ``0 items``; one to nine as figures too, as CBP's forms write them."""
    return f"{count:,} {noun(count, singular, plural)}"


def verb(count: int, singular: str, plural: str) -> str:
    """The verb agreeing with a count: ``verb(1, "was", "were")`` is ``was``."""
    return singular if count == 1 else plural


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
