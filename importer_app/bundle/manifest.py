"""The manifest of original files: a table at the end of the bundle and ``manifest.json``.

Each volume embeds the originals of its own exhibits and a ``manifest.json`` that lists
exactly those (``verify_originals.parse_manifest`` reads it: ``originals`` with ``file``,
``sha256``, ``size`` and ``exhibit``), so every volume can be checked on its own. The table
in the last volume lists every original of the whole bundle.

An original with active content (scripts, launch actions, embedded files, a web page hidden in
a PDF: anything intake found and removed from the copy the bundle shows) is withheld: a CBP
officer must never be one click away from running it. Its exhibit still shows the cleaned
pages; the table and ``manifest.json`` (under ``withheld``) list it with its SHA-256.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from importer_app import __version__
from importer_app.bundle.bates import BatesRange
from importer_app.bundle.pages.facts import section_title
from importer_app.bundle.pages.templates import load_template
from importer_app.bundle.plan import BundleOptions, BundlePlan
from importer_app.bundle.sheets import Column, LaidOut, Row, Sheet, text_width
from importer_app.core.byte_sizes import MB, size_text
from importer_app.core.display_names import attachment_name, clean_name
from importer_app.core.model import Case, Document

FORMAT: Final = "importer-app-manifest/1"
NAME: Final = "manifest.json"
_SHARES: Final = (0.08, 0.31, 0.35, 0.12, 0.14)


@dataclass(frozen=True)
class Original:
    """One original file as received, and where it sits in the bundle.

    Attributes:
        exhibit: the exhibit id.
        path: the document's path in the case.
        file_name: the name the file was received under.
        attachment: its name as a PDF attachment (the exhibit id keeps names unique).
        sha256: hex SHA-256 of the original bytes.
        size: bytes.
        media_type: its type, sniffed from its content.
        received: the date it was added to the case; None when unknown.
        volume: the volume that holds its exhibit.
        bates: the exhibit's Bates range.
        withheld: it is not attached (listed with its hash only): it has active content, or
            it is larger than the options attach.
        too_large: it is withheld for its size alone.
    """

    exhibit: str
    path: str
    file_name: str
    attachment: str
    sha256: str
    size: int
    media_type: str
    received: dt.date | None
    volume: int
    bates: str
    withheld: bool = False
    too_large: bool = False


def withholds(document: Document) -> bool:
    """Whether the original of ``document`` stays out of the bundle: intake found active content."""
    return bool(document.hostile)


def originals(plan: BundlePlan, volumes: Mapping[str, int], bates: Mapping[str, BatesRange],
              received: Mapping[str, dt.date], options: BundleOptions) -> tuple[Original, ...]:
    """Every exhibit's original, in reading order.

    Args:
        volumes: the volume of each exhibit, by id.
        bates: the Bates numbers of each exhibit, by id.
        received: the date each document (by path) was added to the case.
        options: which originals are attached (``BundleOptions.attaches``).
    """
    found = []
    for exhibit in plan.exhibits:
        document = exhibit.document
        # The name without folders: a description's documents were received as paths.
        name = clean_name(re.split(r"[\\/]", document.original_name or document.path)[-1])
        too_large = options.include_originals and not withholds(document) and not options.attaches(document)
        found.append(Original(
            exhibit=exhibit.id, path=clean_name(document.path), file_name=name,
            attachment=attachment_name(exhibit.id, name, document.media_type),
            sha256=document.sha256, size=document.size, media_type=document.media_type,
            received=received.get(document.path), volume=volumes[exhibit.id], bates=str(bates[exhibit.id]),
            withheld=withholds(document) or too_large, too_large=too_large,
        ))
    return tuple(found)


def manifest_json(case: Case, options: BundleOptions, listed: Sequence[Original], *, volume: int,
                  volumes: int, over_limit: Sequence[Mapping[str, object]] = ()) -> bytes:
    """``manifest.json`` for one volume: the originals attached to it, and those withheld.

    Args:
        over_limit: pages of the bundle that alone are larger than the volume size limit
            (``exhibit``, ``page``, estimated ``size`` and the ``limit`` in bytes), listed in
            every volume when there are any.
    """
    document = {
        "format": FORMAT,
        "generator": f"importer_app {__version__}",
        "case": {"entry_number": case.shipment.entry_number, "title": case.shipment.display_title},
        "document_date": options.document_date.isoformat(),
        "volume": volume,
        "volumes": volumes,
        "originals": [{
            "file": item.attachment, "exhibit": item.exhibit, "sha256": item.sha256, "size": item.size,
            "media_type": item.media_type, "original_name": item.file_name, "path": item.path,
            "received": item.received.isoformat() if item.received else None, "bates": item.bates,
        } for item in listed if not item.withheld],
        "withheld": [{
            "exhibit": item.exhibit, "sha256": item.sha256, "size": item.size, "media_type": item.media_type,
            "original_name": item.file_name, "path": item.path, "bates": item.bates,
            "reason": _withheld_text(item, options),
        } for item in listed if item.withheld],
    }
    if over_limit:
        document["over_limit"] = [dict(page) for page in over_limit]
    return (json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()


def manifest_sheet(case: Case, listed: Sequence[Original], options: BundleOptions) -> LaidOut:
    """The appendix table of every original, laid out."""
    words = load_template("assembly")
    intro = [case.shipment.display_title, words.text("manifest", "intro")]
    if not options.include_originals:
        intro.append(words.text("manifest", "not_attached"))
    widths = [share * text_width(options) for share in _SHARES]
    titles = words.raw("manifest", "columns")
    return Sheet(
        title=section_title("manifest"),
        continued=section_title("manifest"),
        intro=tuple(intro),
        footer=load_template("bundle").text("footer", "text", values={"entry_number": case.shipment.entry_number}),
        columns=(Column(titles[0], widths[0], bold=True), Column(titles[1], widths[1], lines=4),
                 Column(titles[2], widths[2], lines=2), Column(titles[3], widths[3]), Column(titles[4], widths[4])),
        rows=tuple(Row((item.exhibit, _file_cell(item, options),
                        f"{item.sha256[:32]}\n{item.sha256[32:]}", f"{item.size:,}",
                        item.received.isoformat() if item.received else ""), key=item.exhibit)
                   for item in listed),
        options=options,
    ).layout()


def _file_cell(item: Original, options: BundleOptions) -> str:
    if item.withheld:
        return f"{item.file_name}\n{_withheld_text(item, options)}"
    return item.attachment if options.include_originals else item.file_name


def _withheld_text(item: Original, options: BundleOptions) -> str:
    words = load_template("assembly")
    if item.too_large:
        return words.text("manifest", "too_large", values={"size": size_text(options.attach_originals_up_to_mb * MB)})
    return words.text("manifest", "withheld")
