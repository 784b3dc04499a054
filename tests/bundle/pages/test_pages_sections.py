"""Every generated section, on the demo case of both regimes and on a 30-entity case.

A section is a PDF that opens, whose text carries the facts a CBP reviewer looks for, whose
bookmarks point at its own pages, and which comes out byte for byte the same every time.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from page_builders import ARABIC, CHINESE, JAPANESE, VIETNAMESE, big_case
from page_subjects import Subject, make_subject, normalise, pdf_text
from pypdf import PdfReader

from importer_app.bundle.pages.cover import cover_letter
from importer_app.bundle.pages.evidence_response import evidence_response
from importer_app.bundle.pages.facts import section_titles
from importer_app.bundle.pages.forms import forms_section
from importer_app.bundle.pages.section import GeneratedSection
from importer_app.bundle.pages.summary import executive_summary
from importer_app.bundle.pages.supply_map import supply_chain_map

from importer_app.bundle.plan import PAPER_SIZES
from importer_app.core import vocab
from importer_app.core.catalog import Catalog
from importer_app.core.portal import ROUTE_SETTING

Generator = Callable[..., GeneratedSection | None]
GENERATORS: dict[str, Generator] = {
    "cover_letter": cover_letter,
    "executive_summary": executive_summary,
    "evidence_response": evidence_response,
    "supply_chain_map": supply_chain_map,
    "forms_section": forms_section,
}


def _section(subject: Subject, name: str, paper: str = "letter") -> GeneratedSection | None:
    case, report, catalog, plan, _ = subject.args
    return GENERATORS[name](case, report, catalog, plan, subject.options(paper))


@pytest.mark.parametrize("name", GENERATORS)
def test_section_is_a_pdf_with_its_title_and_bookmarks_on_its_pages(subject: Subject, name: str) -> None:
    section = _section(subject, name)
    if section is None:
        assert name == "forms_section" and subject.case.shipment.regime not in vocab.SECTION_307_REGIMES
        return
    reader = PdfReader(io.BytesIO(section.pdf))
    assert len(reader.pages) == section.page_count >= 1
    assert section.title in section_titles(subject.case.shipment.regime)
    assert reader.metadata is not None and reader.metadata.title == section.title
    for title, index in section.bookmarks:
        assert title and 0 <= index < section.page_count
    assert subject.case.shipment.entry_number in pdf_text(section.pdf)


@pytest.mark.parametrize("name", GENERATORS)
def test_same_input_gives_the_same_bytes(subject: Subject, name: str) -> None:
    first, second = _section(subject, name), _section(subject, name)
    assert (first is None and second is None) or (first is not None and second is not None and first.pdf == second.pdf)


def test_output_does_not_depend_on_the_process(catalog: Catalog) -> None:
    """Bytes from a fresh interpreter equal those of this one: no clock, no random ids."""
    code = (
        "import hashlib, sys\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from page_subjects import make_subject\n"
        "from page_builders import big_case\n"
        "from importer_app.bundle.pages.supply_map import supply_chain_map\n"
        "from importer_app.core.catalog import load_catalog\n"
        "s = make_subject('big', big_case('wro'), load_catalog())\n"
        "print(hashlib.sha256(supply_chain_map(*s.args).pdf).hexdigest())\n"
    )
    here = make_subject("big", big_case("wro"), catalog)
    expected = hashlib.sha256(supply_chain_map(*here.args).pdf).hexdigest()
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip() == expected


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("name", GENERATORS)
def test_pages_have_the_chosen_paper_size(big_wro: Subject, name: str, paper: str) -> None:
    section = _section(big_wro, name, paper)
    assert section is not None
    width, height = PAPER_SIZES[paper]
    landscape = name == "supply_chain_map"
    for page in PdfReader(io.BytesIO(section.pdf)).pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx((height, width) if landscape else (width, height))


def test_cover_letter_names_the_office_the_request_and_the_entry(subject: Subject) -> None:
    """On the letter route the letter goes to the office that reviews the request."""
    section = cover_letter(*subject.args, settings={ROUTE_SETTING: "letter"})
    text = pdf_text(section.pdf)
    shipment = subject.case.shipment
    for fact in (shipment.entry_number, shipment.detention_number, shipment.port_name, shipment.importer_of_record):
        assert normalise(fact) in text
    if shipment.regime in vocab.SECTION_307_REGIMES:
        assert "Port Director" in text and "19 CFR 12.43" in text
    else:
        assert "Center of Excellence and Expertise" in text and "applicability review" in text
    assert "Forced Labor Portal" not in text
    for title in section_titles(shipment.regime)[1:-2]:
        assert title in text, title
    assert f"{subject.plan.exhibits[0].id} to {subject.plan.exhibits[-1].id}" in text


def test_cover_letter_on_the_portal_route_says_it_is_filed_there(subject: Subject) -> None:
    """The default route: the portal, addressed to CBP with the port, naming the portal's request type."""
    text = pdf_text(cover_letter(*subject.args).pdf)
    shipment = subject.case.shipment
    request = {"wro": "Request Withhold Release Order (WRO) Admissibility Review",
               "uflpa-applicability": "Request UFLPA Applicability Review"}[shipment.regime]
    assert normalise(f"Submitted through the Forced Labor Portal Goods detained at the port of {shipment.port_name}") in text
    assert normalise(f"filed through CBP's Forced Labor Portal as a request of the type \"{request}\".") in text
    assert "Port Director" not in text and "Center of Excellence" not in text


def test_signature_box_lies_inside_the_page(subject: Subject) -> None:
    section = cover_letter(*subject.args)
    assert section.signature_box is not None
    index, (x1, y1, x2, y2) = section.signature_box
    page = PdfReader(io.BytesIO(section.pdf)).pages[index]
    assert 0 < x1 < x2 <= float(page.mediabox.width)
    assert 0 < y1 < y2 <= float(page.mediabox.height)
    assert x2 - x1 >= 150 and y2 - y1 >= 40  # room for a visible signature


def test_summary_names_every_company_and_every_exhibit(subject: Subject) -> None:
    text = pdf_text(executive_summary(*subject.args).pdf)
    for entity in subject.case.entities:
        assert normalise(entity.name) in text
        if entity.name_local:
            assert normalise(entity.name_local) in text
    for exhibit in subject.plan.exhibits:
        assert f" {exhibit.id} " in f" {text} ", exhibit.id


def test_evidence_response_answers_each_requirement_or_explains_it(subject: Subject) -> None:
    text = pdf_text(evidence_response(*subject.args).pdf)
    assert "NOT COMPLETE" not in text and "item(s)" not in text and "days ago" not in text
    rows = {row.id: row for row in subject.catalog.information_types}
    by_path = {exhibit.document.path: exhibit for exhibit in subject.plan.exhibits}
    for status in subject.report.statuses:
        row = rows[status.requirement]
        if status.state == "satisfied":
            assert normalise(row.title) in text and normalise(row.to_cbp)[:50] in text
            for path in status.documents:
                assert f"Exhibit {by_path[path].id}," in text
        if status.state == "not_applicable":
            assert normalise(status.note) in text
        assert row.id not in text
    explained = {(g.requirement, g.scope): g for g in subject.case.gap_explanations}
    for status in subject.report.statuses:
        if status.state == "missing" and (status.requirement, status.scope) in explained:
            assert normalise(explained[(status.requirement, status.scope)].explanation)[:60] in text
    regime = subject.case.shipment.regime
    for deadline in subject.report.deadlines:
        rule = next(r for r in subject.catalog.deadlines if r.id == deadline.rule)
        assert (normalise(rule.to_cbp)[:50] in text) == (regime not in rule.advisory_in)


def test_map_shows_every_company_in_any_script(subject: Subject) -> None:
    text = pdf_text(supply_chain_map(*subject.args).pdf)
    for entity in subject.case.entities:
        assert normalise(entity.name) in text
        if entity.name_local:
            assert normalise(entity.name_local) in text
    for link in subject.case.links:
        assert normalise(link.material) in text


def test_non_latin_names_survive_text_extraction(big_wro: Subject) -> None:
    """Vietnamese diacritics, Chinese, Japanese and Arabic names come back out of the PDF text."""
    for generator in (executive_summary, supply_chain_map, forms_section):
        section = generator(*big_wro.args)
        assert section is not None
        text = pdf_text(section.pdf)
        for name in (VIETNAMESE, CHINESE, JAPANESE, ARABIC):
            assert normalise(name) in text, (generator.__name__, name)
        assert "Dệt May Phước Thịnh" in text  # the diacritics themselves, not a compatibility form
