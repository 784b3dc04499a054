"""The page of sources: every statute, regulation and CBP publication the bundle cites.

The short citations the other sections print (``19 CFR 12.43``, ``CBP Dec. 17-04``) resolve
here to a title, a date and an address CBP can open, or, where the catalog could not confirm
the address, the full legal citation (``19 C.F.R. § 12.43 (current edition)``). Sources are those the bundle's own
wording rests on (the templates' ``meta.sources``), the requirements of the case's regime and
the deadline rules it states; only primary sources print (``Source.kind``), never trade press
or law-firm pages. Wording: ``forms/templates/sources_cited.toml``.
"""

from __future__ import annotations

from importer_app.bundle.pages import facts, fonts, styles
from importer_app.bundle.pages.section import MARGIN, GeneratedSection, Story, page_size
from importer_app.bundle.pages.templates import load_template
from importer_app.bundle.plan import BundleOptions, BundlePlan
from importer_app.core import vocab
from importer_app.core.catalog import Catalog, Source
from importer_app.core.model import Case
from importer_app.core.report import Report

_TEMPLATES = ("bundle", "cover_letter", "executive_summary", "evidence_response", "screening_record",
              "supply_chain_map")
_FORM_TEMPLATES = ("certificate_of_origin_1243", "consignee_statement_1243")
_GROUPS = ("statute", "regulation", "publication")
_COLUMNS = (0.15, 0.33, 0.14, 0.38)


def cited_sources(case: Case, report: Report, catalog: Catalog) -> tuple[Source, ...]:
    """The primary sources the bundle of ``case`` cites, each once, grouped and in citation order."""
    regime = case.shipment.regime
    templates = _TEMPLATES + (_FORM_TEMPLATES if regime in vocab.SECTION_307_REGIMES else ())
    tags: list[str] = [tag for name in templates for tag in load_template(name).sources_for(regime)]
    shown = {status.requirement for status in report.statuses}
    tags += [tag for row in catalog.rows_for(regime, case.shipment.commodity) if row.id in shown
             for tag in row.citation]
    rules = {deadline.rule for deadline in report.deadlines}
    tags += [tag for rule in catalog.deadlines if rule.id in rules for tag in rule.citation]
    found = catalog.primary_sources(tags)
    return tuple(sorted(found, key=lambda source: _GROUPS.index(_group(source))))


def sources_cited(case: Case, report: Report, catalog: Catalog, plan: BundlePlan,
                  options: BundleOptions) -> GeneratedSection:
    """The page of sources cited."""
    fonts.register()
    words = load_template("sources_cited")
    width = page_size(options)[0] - 2 * MARGIN
    title = facts.section_title("sources_cited")
    story = Story()
    story.add(styles.plain(title, styles.TITLE))
    story.add(styles.para(words.para("text", "intro")))
    sources = cited_sources(case, report, catalog)
    for group in _GROUPS:
        rows = [_row(source) for source in sources if _group(source) == group]
        if rows:
            story.heading(words.text("groups", group), styles.HEADING)
            story.add(styles.table(words.raw("text", "columns"), rows, [share * width for share in _COLUMNS]))
    return story.render(title, f"{facts.footer(case)} · {title}", options)


def _group(source: Source) -> str:
    if "U.S.C." in source.cite or source.cite.startswith("UFLPA"):
        return "statute"
    if source.cite.startswith(("19 CFR", "CBP Dec.", "T.D.")):
        return "regulation"
    return "publication"


def _row(source: Source) -> list[object]:
    # An address nobody confirmed is not printed: a signed submission should not send CBP to a
    # page that may not exist. The full legal citation finds the text as surely.
    if source.unconfirmed:
        where = styles.plain(source.legal_cite, styles.CELL)
    else:
        link = fonts.markup(source.url)
        where = styles.para(f'<link href="{link}" color="blue">{link}</link>', styles.CELL)
    return [
        styles.plain(source.cite, styles.CELL_BOLD),
        styles.plain(source.cite_title, styles.CELL),
        styles.plain(source.published, styles.CELL),
        where,
    ]
