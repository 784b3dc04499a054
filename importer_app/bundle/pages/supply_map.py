"""The supply chain map section: the map, then the tables of companies and transfers.

The map is one drawing when it fits the page at a legible scale. Otherwise it is printed at
reading size on sheets (``map_layout`` cuts them), as many to a page as fit; when they take
more than a page, an overview of the whole map, with the sheets outlined, comes first.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from reportlab.platypus import KeepTogether, PageBreak

from importer_app.bundle.pages import facts, fonts, styles
from importer_app.bundle.pages.facts import CaseFacts, long_date, quantity
from importer_app.bundle.pages.map_drawing import draw_map
from importer_app.bundle.pages.map_layout import MIN_SCALE, MapLayout, Sheet, layout
from importer_app.bundle.pages.section import MARGIN, GeneratedSection, Story, page_size
from importer_app.bundle.pages.templates import Template, load_template
from importer_app.bundle.plan import BundleOptions, BundlePlan
from importer_app.core.catalog import Catalog
from importer_app.core.model import Case
from importer_app.core.report import Report

_TITLE_SPACE: Final = 64.0
"""Points above the drawing taken by the page's title and legend."""
_SHEET_TITLE: Final = 24.0
_OVERVIEW_NOTE: Final = 44.0
_ENTITY_COLUMNS: Final = (0.21, 0.15, 0.10, 0.06, 0.26, 0.05, 0.17)
_LINK_COLUMNS: Final = (0.16, 0.16, 0.20, 0.09, 0.10, 0.15, 0.14)


def supply_chain_map(
    case: Case, report: Report, catalog: Catalog, plan: BundlePlan, options: BundleOptions
) -> GeneratedSection:
    """The supply chain map section, on landscape pages.

    Args:
        case: the case.
        report: the engine's report (not used by the map; kept for a uniform signature).
        catalog: the requirement catalog.
        plan: the bundle's exhibits, printed beside each company and transfer.
        options: paper size and document date.
    """
    fonts.register()
    words = load_template("supply_chain_map")
    info = CaseFacts.of(case, plan, catalog)
    laid = layout(info)
    width, height = page_size(options, landscape=True)
    area = (width - 2 * MARGIN, height - 2 * MARGIN - _TITLE_SPACE)
    title = facts.section_title("supply_chain_map")
    story = Story()
    story.add(styles.plain(title, styles.TITLE), styles.para(words.para("text", "legend"), styles.NOTE))
    scale = laid.fit_scale(*area)
    if scale >= MIN_SCALE:
        story.add(draw_map(laid, words, None, scale))
    else:
        sheets = laid.sheets(area[0], area[1] - _SHEET_TITLE)
        if sum(sheet.rect[3] + _SHEET_TITLE for sheet in sheets) > area[1]:
            # More than a page of sheets: first the whole map small, to show how they join.
            room = (area[0], area[1] - _OVERVIEW_NOTE)
            story.heading(words.text("text", "overview"), styles.SUBHEADING)
            story.add(styles.para(words.para("text", "overview_note"), styles.NOTE))
            story.add(draw_map(laid, words, None, laid.fit_scale(*room), sheets))
        for sheet in sheets:
            story.add(KeepTogether([
                story.make_heading(_sheet_title(laid, words, sheet, len(sheets)), styles.SUBHEADING),
                draw_map(laid, words, sheet, 1.0, sheets),
            ]))
    story.add(PageBreak())
    table_width = width - 2 * MARGIN
    story.heading(words.text("text", "entities_heading"), styles.HEADING)
    story.add(styles.table(words.raw("columns", "entities"), list(_entity_rows(info)),
                           [share * table_width for share in _ENTITY_COLUMNS]))
    story.heading(words.text("text", "links_heading"), styles.HEADING)
    story.add(styles.table(words.raw("columns", "links"), list(_link_rows(info)),
                           [share * table_width for share in _LINK_COLUMNS]))
    return story.render(title, f"{facts.footer(case)} · {title}", options, landscape=True)


def _sheet_title(laid: MapLayout, words: Template, sheet: Sheet, count: int) -> str:
    tiers = [laid.column_tiers[column] for column in sheet.columns]
    known = [tier for tier in tiers if tier is not None]
    key = "sheet" if sheet.rows == (0, laid.rows) else "sheet_rows"
    return words.text("text", key, values={
        "sheet": str(sheet.number), "sheets": str(count),
        "first_tier": str(known[0]) if known else "-", "last_tier": str(known[-1]) if known else "-",
        "first_row": str(sheet.rows[0] + 1), "last_row": str(sheet.rows[1]),
    })


def _entity_rows(info: CaseFacts) -> Iterator[list[str]]:
    for entity in info.entities_upstream_first():
        tier = info.tiers.get(entity.id)
        yield [entity.name, entity.name_local, facts.role_label(entity.role), entity.country, entity.address,
               "" if tier is None else str(tier), info.entity_exhibits(entity.id)]


def _link_rows(info: CaseFacts) -> Iterator[list[str]]:
    for link in info.case.links:
        yield [info.name_of(link.source), info.name_of(link.target), link.material,
               quantity(link.quantity, link.unit),
               long_date(link.shipped), ", ".join(link.references), info.link_exhibits(link.id)]
