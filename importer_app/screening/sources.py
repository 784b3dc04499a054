"""Telling which official list a downloaded file is, and parsing it."""

from __future__ import annotations

from importer_app.core.errors import ListFileError
from importer_app.screening.model import ParsedList
from importer_app.screening.uflpa_html import looks_like_html, parse_uflpa_html
from importer_app.screening.wro_csv import looks_like_wro_csv, parse_wro_csv

_SNIFF_BYTES = 65536


def parse_list_file(data: bytes, file_name: str) -> ParsedList:
    """The entities of a CBP WRO/Findings CSV or a saved DHS UFLPA Entity List page.

    The kind is read from the content (a saved page may be named anything); a ``.csv``
    name is trusted when the content does not say, so a CSV with a broken header is
    refused with the header's problem rather than "unknown file".

    Raises:
        ListFileError: the file is neither list, or is malformed (located).
    """
    sniff = data[:_SNIFF_BYTES].decode("utf-8", errors="replace")
    if looks_like_html(sniff):
        return parse_uflpa_html(data, file_name)
    if looks_like_wro_csv(sniff) or file_name.lower().endswith(".csv"):
        return parse_wro_csv(data, file_name)
    raise ListFileError(
        "this is neither the CBP Withhold Release Orders and Findings CSV nor the DHS UFLPA "
        "Entity List page saved as HTML", file=file_name)
