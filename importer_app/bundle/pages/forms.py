"""The forms of 19 CFR 12.43 as a bundle section, and any one of them as a PDF of its own.

Only a Section 307 answer (WRO or Finding) binds them: UFLPA reviews have no prescribed form.
The window lists the forms with ``available_forms`` and offers each one, alone, to be sent to
its signer (``render_form``); the bundle binds them all (``forms_section``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from reportlab.platypus import Flowable, PageBreak

from importer_app.bundle.pages import facts, fonts
from importer_app.bundle.pages.certificate import Certificate, certificate_flowables, certificates
from importer_app.bundle.pages.facts import CaseFacts
from importer_app.bundle.pages.section import MARGIN, GeneratedSection, Story, page_size
from importer_app.bundle.pages.statement import statement_flowables
from importer_app.bundle.pages.templates import load_template
from importer_app.bundle.plan import BundleOptions, BundlePlan
from importer_app.core import vocab
from importer_app.core.catalog import Catalog
from importer_app.core.countries import country_name
from importer_app.core.model import Case
from importer_app.core.report import Report
from importer_app.screening.in_case import CaseScreening

STATEMENT: Final = "statement"
"""The form id of the statement of the ultimate consignee; certificates are ``certificate:CC``."""


@dataclass(frozen=True)
class FormRef:
    """A form the case needs.

    Attributes:
        id: ``certificate:CC`` (CC the country it covers) or ``statement``.
        title: the form's title with its country, for a list or a bookmark.
        signer: who signs it (a company name); empty when the case does not say.
    """

    id: str
    title: str
    signer: str


def available_forms(case: Case, catalog: Catalog) -> tuple[FormRef, ...]:
    """The 12.43 forms of the case in binding order; none outside the Section 307 regimes."""
    if case.shipment.regime not in vocab.SECTION_307_REGIMES:
        return ()
    title = load_template("certificate_of_origin_1243").title
    refs = [FormRef(f"certificate:{c.country}", f"{title}, {country_name(c.country)}", c.signer.name if c.signer else "")
            for c in certificates(case, catalog)]
    statement = load_template("consignee_statement_1243").title
    return (*refs, FormRef(STATEMENT, statement, case.shipment.consignee))


def forms_section(
    case: Case,
    report: Report,
    catalog: Catalog,
    plan: BundlePlan,
    options: BundleOptions,
    *,
    settings: Mapping[str, str] | None = None,
    screening: CaseScreening | None = None,
) -> GeneratedSection | None:
    """Every 12.43 form of the case, each from a new page; None when the regime has no forms.

    Args:
        case: the case.
        report: the engine's report (the statement lists what is unresolved).
        catalog: the requirement catalog (who signs which certificate).
        plan: the bundle's exhibits (the forms cite exhibit ids).
        options: paper size and document date.
        settings: case settings that fill blanks (see ``certificate`` and ``statement``).
        screening: the list screening, which the statement's results may state.
    """
    refs = available_forms(case, catalog)
    if not refs:
        return None
    return _render(case, report, catalog, plan, options, refs, settings or {}, facts.section_title("forms"),
                   screening)


def render_form(
    case: Case,
    report: Report,
    catalog: Catalog,
    plan: BundlePlan,
    options: BundleOptions,
    form_id: str,
    *,
    settings: Mapping[str, str] | None = None,
) -> bytes:
    """One form as a PDF of its own, to send to its signer.

    Args:
        form_id: an id of ``available_forms(case, catalog)``.

    Raises:
        KeyError: the case has no such form (wrong id, or not a Section 307 case).
    """
    refs = {ref.id: ref for ref in available_forms(case, catalog)}
    ref = refs[form_id]
    return _render(case, report, catalog, plan, options, (ref,), settings or {}, ref.title).pdf


def _render(case: Case, report: Report, catalog: Catalog, plan: BundlePlan, options: BundleOptions,
            refs: tuple[FormRef, ...], settings: Mapping[str, str], title: str,
            screening: CaseScreening | None = None) -> GeneratedSection:
    fonts.register()
    info = CaseFacts.of(case, plan, catalog)
    width = page_size(options)[0] - 2 * MARGIN
    every = certificates(case, catalog)
    by_id = {f"certificate:{c.country}": (number, c) for number, c in enumerate(every, start=1)}
    story = Story()
    for position, ref in enumerate(refs):
        if position:
            story.add(PageBreak())
        story.bookmark(ref.title)
        story.add(*_form(case, report, info, ref, by_id, len(every), width, settings, screening))
    return story.render(title, f"{facts.footer(case)} · {title}", options)


def _form(case: Case, report: Report, info: CaseFacts, ref: FormRef, by_id: dict[str, tuple[int, Certificate]],
          count: int, width: float, settings: Mapping[str, str], screening: CaseScreening | None) -> list[Flowable]:
    if ref.id == STATEMENT:
        return statement_flowables(case, report, info, width, settings, screening)
    number, certificate = by_id[ref.id]
    return certificate_flowables(case, info, certificate, number, count, width, settings)
