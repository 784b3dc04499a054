"""The generated sections of a bundle, in the order ``forms/templates/bundle.toml`` binds them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from importer_app.bundle.pages.cover import cover_letter
from importer_app.bundle.pages.evidence_response import evidence_response
from importer_app.bundle.pages.forms import forms_section
from importer_app.bundle.pages.section import GeneratedSection
from importer_app.bundle.pages.sources_cited import sources_cited
from importer_app.bundle.pages.summary import executive_summary
from importer_app.bundle.pages.supply_map import supply_chain_map
from importer_app.bundle.plan import BundleOptions, BundlePlan
from importer_app.core.catalog import Catalog
from importer_app.core.model import Case
from importer_app.core.report import Report
from importer_app.screening.in_case import CaseScreening


@dataclass(frozen=True)
class FrontMatter:
    """The generated sections, split around the index of exhibits (which the assembly draws)."""

    before_index: tuple[GeneratedSection, ...]
    after_index: tuple[GeneratedSection, ...]


class FrontMatterMaker(Protocol):
    """Draws the generated sections: ``(case, report, catalog, plan, options, settings,
    screening=...)``; ``screening`` is the list screening the report was made with."""

    def __call__(self, case: Case, report: Report, catalog: Catalog, plan: BundlePlan, options: BundleOptions,
                 settings: Mapping[str, str], /, *, screening: CaseScreening) -> FrontMatter: ...


def standard_front_matter(case: Case, report: Report, catalog: Catalog, plan: BundlePlan, options: BundleOptions,
                          settings: Mapping[str, str], *, screening: CaseScreening) -> FrontMatter:
    """Cover letter and executive summary before the index; the evidence response (ending with
    the screening record), map, forms and the page of sources cited after it.

    The forms (19 CFR 12.43) are bound for Section 307 regimes only.
    """
    forms = forms_section(case, report, catalog, plan, options, settings=settings, screening=screening)
    return FrontMatter(
        before_index=(
            cover_letter(case, report, catalog, plan, options, settings=settings, screening=screening),
            executive_summary(case, report, catalog, plan, options, screening=screening),
        ),
        after_index=(
            evidence_response(case, report, catalog, plan, options, screening=screening),
            supply_chain_map(case, report, catalog, plan, options),
            *((forms,) if forms is not None else ()),
            sources_cited(case, report, catalog, plan, options),
        ),
    )
