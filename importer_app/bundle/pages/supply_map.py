"""The supply chain map section: the map, then the tables of transfers and companies.

The map is one sheet when the chain fits a page with legible text; otherwise ``map_layout``
cuts it by branch into sheets, each printed whole, as many to a page as fit. The tables
follow on the same page when there is room; the transfers are numbered as on the map.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Final

from reportlab.platypus import KeepTogether

from importer_app.bundle.pages import facts, fonts, styles
from importer_app.bundle.pages.facts import CaseFacts, long_date, quantity
from importer_app.bundle.pages.map_drawing import MapLinks, MapSheet
from importer_app.bundle.pages.map_layout import Sheet, map_sheets
from importer_app.bundle.pages.section import MARGIN, GeneratedSection, Story, page_size
from importer_app.bundle.pages.templates import Template, load_template
from importer_app.bundle.plan import BundleOptions, BundlePlan
from importer_app.core.catalog import Catalog
from importer_app.core.countries import country_name
from importer_app.core.model import Case
from importer_app.core.report import Report

_TITLE_SPACE: Final = 64.0
"""Points above the drawing taken by the page's title and legend."""
_SHEET_TITLE: Final = 24.0
_ENTITY_COLUMNS: Final = (0.21, 0.15, 0.10, 0.06, 0.26, 0.05, 0.17)
_LINK_COLUMNS: Final = (0.04, 0.15, 0.15, 0.19, 0.09, 0.10, 0.14, 0.14)


def supply_chain_map(
    case: Case, report: Report, catalog: Catalog, plan: BundlePlan, options: BundleOptions
) -> GeneratedSection:
    """The supply chain map section, on landscape pages.

    Args:
        case: the case.
        report: the engine's report (not used by the map; kept for a uniform signature).
        catalog: the requirement catalog.
        plan: the bundle's exhibits, printed in each company's box and linked from it.
        options: paper size and document date.
    """
    fonts.register()
    words = load_template("supply_chain_map")
    info = CaseFacts.of(case, plan, catalog)
    width, height = page_size(options, landscape=True)
    area = (width - 2 * MARGIN, height - 2 * MARGIN - _TITLE_SPACE - _SHEET_TITLE)
    sheets = map_sheets(info, *area, lambda key, numbers: words.text("text", key, values={"sheets": numbers}))
    title = facts.section_title("supply_chain_map")
    links = MapLinks()
    story = Story()
    story.add(styles.plain(title, styles.TITLE), styles.para(words.para("text", "legend"), styles.NOTE))
    for sheet in sheets:
        drawing = MapSheet(sheet, lambda tier: _column_title(words, tier), links)
        if len(sheets) == 1:
            story.add(drawing)
        else:
            story.add(KeepTogether([story.make_heading(_sheet_title(info, words, sheet), styles.SUBHEADING),
                                    drawing]))
    table_width = width - 2 * MARGIN
    story.heading(words.text("text", "links_heading"), styles.HEADING)
    story.add(styles.table(words.raw("columns", "links"), list(_link_rows(info)),
                           [share * table_width for share in _LINK_COLUMNS]))
    story.heading(words.text("text", "entities_heading"), styles.HEADING)
    story.add(styles.table(words.raw("columns", "entities"), list(_entity_rows(info)),
                           [share * table_width for share in _ENTITY_COLUMNS]))
    section = story.render(title, f"{facts.footer(case)} · {title}", options, landscape=True)
    return dataclasses.replace(section, links=links.resolved())


def _sheet_title(info: CaseFacts, words: Template, sheet: Sheet) -> str:
    return words.text("text", "sheet", values={"sheet": str(sheet.number), "sheets": str(sheet.count),
                                               "name": info.name_of(sheet.root)})


def _column_title(words: Template, tier: int | None) -> str:
    if tier is None:
        return words.text("text", "unconnected")
    if tier == 0:
        return words.text("text", "importer_tier")
    return words.text("text", "tier", values={"tier": str(tier)})


def _entity_rows(info: CaseFacts) -> Iterator[list[str]]:
    for entity in info.entities_upstream_first():
        tier = info.tiers.get(entity.id)
        yield [entity.name, entity.name_local, facts.role_label(entity.role), country_name(entity.country), entity.address,
               "" if tier is None else str(tier), info.entity_exhibits(entity.id)]


def _link_rows(info: CaseFacts) -> Iterator[list[str]]:
    for number, link in enumerate(info.case.links, start=1):
        yield [str(number), info.name_of(link.source), info.name_of(link.target), link.material,
               quantity(link.quantity, link.unit),
               long_date(link.shipped), ", ".join(link.references), info.link_exhibits(link.id)]
