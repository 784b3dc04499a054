"""The pages the bundle generates itself.

Every generator takes ``(case, report, catalog, plan, options)`` and returns a
``GeneratedSection``; the assembly binds them in the order of ``section_titles(regime)``. The
evidence response also takes ``screening=`` (the case's list screening) and then ends with the
screening record (``screening_record.py``).
"""

from importer_app.bundle.pages.cover import cover_letter
from importer_app.bundle.pages.evidence_response import evidence_response
from importer_app.bundle.pages.facts import section_titles
from importer_app.bundle.pages.forms import FormRef, available_forms, forms_section, render_form
from importer_app.bundle.pages.section import GeneratedSection
from importer_app.bundle.pages.sources_cited import sources_cited
from importer_app.bundle.pages.summary import executive_summary
from importer_app.bundle.pages.supply_map import supply_chain_map
from importer_app.bundle.pages.templates import TemplateError

__all__ = [
    "FormRef",
    "GeneratedSection",
    "TemplateError",
    "available_forms",
    "cover_letter",
    "evidence_response",
    "executive_summary",
    "forms_section",
    "render_form",
    "section_titles",
    "sources_cited",
    "supply_chain_map",
]
