"""Counted nouns, so that no sentence the app writes reads "item(s)" or "1 were"."""

from __future__ import annotations


def noun(count: int, singular: str, plural: str = "") -> str:
    """``item`` for one, ``items`` (or ``plural``) for any other count."""
    return singular if count == 1 else (plural or f"{singular}s")


def counted(count: int, singular: str, plural: str = "") -> str:
    """``1 item``, ``3 items``, ``0 items``; one to nine as figures too, as CBP's forms write them."""
    return f"{count:,} {noun(count, singular, plural)}"


def verb(count: int, singular: str, plural: str) -> str:
    """The verb agreeing with a count: ``verb(1, "was", "were")`` is ``was``."""
    return singular if count == 1 else plural
