"""The index of exhibits and the "Volume k of n" covers.

The index lists every exhibit under its step: id, title, date, Bates range and the page
where it starts (with its volume when there are several); every row becomes a link to that
page (``assemble.py`` adds the link annotations over the row boxes laid out here).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from importer_app.bundle.bates import BatesRange
from importer_app.bundle.layout import Placement, VolumeLayout
from importer_app.bundle.pages.cover import SIGNATURE_SIZE
from importer_app.bundle.pages.facts import exhibit_list, section_title
from importer_app.bundle.pages.templates import load_template
from importer_app.bundle.plan import BundleOptions, BundlePlan
from importer_app.bundle.sheets import Column, LaidOut, Row, Sheet, text_width
from importer_app.core.model import Case

# Column widths as shares of the text width: id, title, date, Bates range, page.
_INDEX_SHARES: Final = (0.08, 0.43, 0.115, 0.235, 0.14)
_VOLUME_SHARES: Final = (0.09, 0.31, 0.18, 0.32, 0.10)


def index_sheet(case: Case, plan: BundlePlan, bates: Mapping[str, BatesRange],
                placements: Mapping[str, Placement] | None, options: BundleOptions, *, volumes: int) -> LaidOut:
    """The index of exhibits, laid out; its rows are keyed by exhibit id.

    Args:
        bates: every exhibit's Bates numbers.
        placements: where each exhibit landed; None leaves the page column blank, which gives
            the same pages and row boxes as the final index (a page fits on one line).
        volumes: how many volumes the bundle has (more than one adds the volume to pages).
    """
    words = load_template("assembly")
    titles = words.raw("index", "columns")
    widths = [share * text_width(options) for share in _INDEX_SHARES]
    rows: list[Row] = []
    for step in plan.steps:
        rows.append(Row((step.title,), heading=True))
        for exhibit in plan.exhibits_of_step(step.number):
            document = exhibit.document
            placement = placements[exhibit.id] if placements is not None else None
            rows.append(Row((
                exhibit.id,
                document.title or document.original_name or document.path,
                document.date.isoformat() if document.date else "",
                str(bates[exhibit.id]).replace(" to ", "\nto "),
                _where(placement, volumes),
            ), key=exhibit.id))
    return Sheet(
        title=section_title("index_of_exhibits"),
        continued=words.text("index", "continued"),
        intro=(case.shipment.display_title, words.text("index", "intro")),
        footer=_footer(case),
        columns=(Column(titles[0], widths[0], bold=True), Column(titles[1], widths[1], lines=2),
                 Column(titles[2], widths[2]), Column(titles[3], widths[3], lines=2),
                 Column(titles[4], widths[4], lines=2)),
        rows=tuple(rows),
        options=options,
    ).layout()


def volume_sheet(case: Case, layouts: Sequence[VolumeLayout], number: int, options: BundleOptions) -> LaidOut:
    """The cover of volume ``number``: which volume this is and what every volume holds.

    ``layouts`` may be provisional (page counts of zero): the cover's own page count depends
    only on how many volumes there are.
    """
    words = load_template("assembly")
    count = {"volumes": str(len(layouts))}
    title = words.text("volume", "title", values={"volume": str(number), **count})
    widths = [share * text_width(options) for share in _VOLUME_SHARES]
    return Sheet(
        title=title,
        continued=title,
        intro=(case.shipment.display_title, words.text("volume", "intro", values=count)),
        footer=_footer(case),
        columns=tuple(Column(heading, width, lines=2, bold=index == 0)
                      for index, (heading, width) in enumerate(zip(words.raw("volume", "columns"), widths,
                                                                   strict=True))),
        rows=tuple(Row((str(layout.number), layout.path.name, _holds(layout),
                        _bates_text(layout), str(layout.page_count)), key=str(layout.number))
                   for layout in layouts),
        options=options,
        signature=(*SIGNATURE_SIZE, words.text("volume", "signature")),
    ).layout()


def _holds(layout: VolumeLayout) -> str:
    """The exhibits of a volume; the manifest for a last volume that holds only the manifest."""
    if not layout.exhibits and layout.appendix_pages:
        return section_title("manifest")
    return exhibit_list(e.id for e in layout.exhibits)


def _bates_text(layout: VolumeLayout) -> str:
    return str(layout.bates).replace(" to ", "\nto ") if layout.bates else ""


def _where(placement: Placement | None, volumes: int) -> str:
    if placement is None:
        return ""
    if volumes == 1:
        return str(placement.page + 1)
    words = load_template("assembly")
    where = words.text("index", "volume_page", values={"volume": str(placement.volume), "page": str(placement.page + 1)})
    if placement.last_volume > placement.volume:
        # The row is two lines high already (its Bates range), so the page count stays the same.
        where += "\n" + words.text("index", "continued_to", values={"volume": str(placement.last_volume)})
    return where


def _footer(case: Case) -> str:
    return load_template("bundle").text("footer", "text", values={"entry_number": case.shipment.entry_number})
