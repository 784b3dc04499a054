"""Country names for the two-letter codes a case keeps: CBP reads "a processor in Vietnam" and
"in the United States", never "a processor in VN".

The names are data (``resources/country_names.txt``, from the public-domain ISO 3166 table of
the time zone database); a code the table does not hold prints as given, so nothing is lost.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping

from importer_app.core.datafiles import resources_dir

_FILE = "country_names.txt"


@functools.cache
def _names() -> Mapping[str, tuple[str, bool]]:
    """Code to (name, takes "the" in a sentence)."""
    text = (resources_dir() / _FILE).read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {row[0]: (row[1], row[2:] == ["the"]) for row in rows}


def country_name(code: str) -> str:
    """The English name of an ISO 3166-1 alpha-2 code (any case), as a label: ``United States``;
    the code as given when the table does not hold it."""
    return _names().get(code.strip().upper(), (code, False))[0]


def country_in_prose(code: str) -> str:
    """The name as it reads inside a sentence: ``the United States``, ``Vietnam``."""
    name, article = _names().get(code.strip().upper(), (code, False))
    return f"the {name}" if article else name


def country_names(codes: Iterable[str], *, prose: bool = False) -> list[str]:
    """The names of ``codes`` (in sentence form when ``prose``), each once, sorted by name."""
    unique = {code.strip().upper(): code for code in codes}
    ordered = sorted(unique.values(), key=country_name)
    return [country_in_prose(code) if prose else country_name(code) for code in ordered]
