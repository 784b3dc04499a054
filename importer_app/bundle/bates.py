"""Bates numbers: ``PREFIX-000123``, one per exhibit page, without a gap across volumes."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from importer_app.core.errors import BundleError

DIGITS: Final = 6
"""The least zero-padded width; a bundle whose numbers pass 999,999 pads every number to the
width of its last one, so that no number grows a digit midway."""

_PREFIX = re.compile(r"[A-Z0-9][A-Z0-9_-]{0,23}")
# Words of a legal name that say nothing about which company it is.
_LEGAL_FORMS: Final = frozenset({
    "INC", "INCORPORATED", "LLC", "LTD", "LIMITED", "CO", "CORP", "CORPORATION", "COMPANY", "GMBH",
    "AG", "SA", "SAS", "SRL", "BV", "NV", "PLC", "LP", "LLP", "JSC", "PTE", "PTY", "THE",
})


def derive_prefix(importer_name: str) -> str:
    """A Bates prefix from the importer's name: its first distinctive word, upper case, ASCII.

    ``Harborline Apparel Inc.`` gives ``HARBORLINE``. A name with no Latin letters gives
    ``EXHIBIT``, which the user can replace.
    """
    ascii_name = unicodedata.normalize("NFKD", importer_name).encode("ascii", "ignore").decode()
    words = [word for word in re.split(r"[^A-Z0-9]+", ascii_name.upper()) if word]
    distinctive = [word for word in words if word not in _LEGAL_FORMS]
    return (distinctive or words or ["EXHIBIT"])[0][:16]


def check_prefix(prefix: str) -> str:
    """``prefix`` if it can be stamped (capital letters, digits, ``-`` and ``_``, at most 24).

    Raises:
        BundleError: a prefix with other characters, with the rule in the message.
    """
    if not _PREFIX.fullmatch(prefix):
        raise BundleError(
            f"The Bates prefix {prefix!r} cannot be used: use 1 to 24 capital letters, digits,"
            " '-' or '_', starting with a letter or digit (for example HARBORLINE)."
        )
    return prefix


def width_for(last: int) -> int:
    """The padded width of every Bates number of a bundle whose last number is ``last``."""
    return max(DIGITS, len(str(last)))


def bates(prefix: str, number: int, digits: int = DIGITS) -> str:
    """``HARBORLINE-000123``."""
    return f"{prefix}-{number:0{digits}d}"


@dataclass(frozen=True)
class BatesRange:
    """The Bates numbers of one exhibit (or volume): ``first`` to ``last`` inclusive."""

    prefix: str
    first: int
    last: int
    digits: int = DIGITS

    def __str__(self) -> str:
        if self.first == self.last:
            return bates(self.prefix, self.first, self.digits)
        return f"{bates(self.prefix, self.first, self.digits)} to {bates(self.prefix, self.last, self.digits)}"
