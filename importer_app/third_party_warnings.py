"""Warnings that libraries raise about their own dependencies, which a user cannot act on.

Each entry names the exact message, category and the module that triggers it, so a new warning
(or the same one from our own code) still shows, and still fails a test. The command line
installs these filters before it imports anything else; the test suite adds the same entries to
pytest's ``filterwarnings`` (tests/conftest.py), where everything else is an error.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass


@dataclass(frozen=True)
class QuietWarning:
    message: str  # a regular expression matched at the start of the warning's text
    category: str  # "module.Class"
    module: str  # a regular expression matched against the module that triggers the warning
    why: str

    def pytest_line(self) -> str:
        """The entry in pytest's ``filterwarnings`` syntax (``action:message:category:module``)."""
        return f"ignore:{self.message}:{self.category}:{self.module}"


QUIET = (
    QuietWarning(
        message="DSA is deprecated",
        category="cryptography.utils.CryptographyDeprecationWarning",
        module=r"pyhanko\.",
        why="pyHanko imports cryptography's DSA key class to recognise DSA signers; cryptography 51"
            " warns on that import. importer_app neither creates nor accepts DSA keys.",
    ),
)


def silence_third_party_warnings() -> None:
    """Ignore the warnings in ``QUIET`` for the rest of this process.

    The filters match the message and the module, not the category: naming the category's class
    would import its library (cryptography) at every start, the window's included, which must
    paint before it loads any of them. The test suite's entries (``pytest_line``) keep all three.
    """
    for quiet in QUIET:
        warnings.filterwarnings("ignore", message=quiet.message, module=quiet.module)
