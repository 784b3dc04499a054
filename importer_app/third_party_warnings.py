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
    category: str  # "module.Class", resolved only when that module is importable
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


def _category(path: str) -> type[Warning] | None:
    module_name, _, name = path.rpartition(".")
    try:
        module = __import__(module_name, fromlist=[name])
    except ImportError:
        return None
    category = getattr(module, name, None)
    return category if isinstance(category, type) and issubclass(category, Warning) else None


def silence_third_party_warnings() -> None:
    """Ignore the warnings in ``QUIET`` for the rest of this process."""
    for quiet in QUIET:
        category = _category(quiet.category)
        if category is not None:
            warnings.filterwarnings("ignore", message=quiet.message, category=category, module=quiet.module)
