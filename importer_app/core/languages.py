"""Language names for the two-letter codes a document's language is kept under: CBP reads
"Language: Vietnamese", never "Language: vi".

The names are data (``resources/language_names.txt``, from the ISO 639 table of Debian's
iso-codes); a code the table does not hold prints as given, so nothing is lost.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from importer_app.core.datafiles import resources_dir

_FILE = "language_names.txt"


@functools.cache
def _names() -> Mapping[str, str]:
    text = (resources_dir() / _FILE).read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {code: name for code, name in rows}


def language_name(code: str) -> str:
    """The English name of an ISO 639-1 code (any case): ``Vietnamese``; the code as given when
    the table does not hold it."""
    return _names().get(code.strip().lower(), code)
