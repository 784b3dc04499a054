"""The 19 CFR 12.43 forms: one certificate of origin per country of production, the statement
of the ultimate consignee, each prefilled from the case and printable on its own."""

from __future__ import annotations

import dataclasses
import io

import pytest
from page_subjects import Subject, normalise, pdf_text
from pypdf import PdfReader

from importer_app.bundle.pages.forms import available_forms, forms_section, render_form
from importer_app.core import vocab

# Field labels of the certificate as the regulation prints them (domain.md C.1).
CERTIFICATE_LABELS = (
    "foreign seller or owner of the merchandise", "(Quantity)", "(Description)", "(Number and kind of packages)",
    "marks and numbers", "(Name)", "at or near", "(Carrier to the United States)", "(Place of lading)",
    "(Place of final departure from country of exportation)", "(Date)", "(Class of labor specified in finding)",
    "Dated", "(Signature)",
)
# The parts of the statement (domain.md C.2).
STATEMENT_PARTS = (
    "1. Ultimate consignee", "2. Shipment", "3. Merchandise and components", "4. Source of each component",
    "5. Efforts made to determine the sources", "6. Efforts to ascertain the character of labor",
    "7. Full results of the investigation", "8. Belief", "9. Date and signature",
)


def test_one_certificate_per_country_of_production_then_the_statement(demo_wro: Subject, big_wro: Subject) -> None:
    demo = [ref.id for ref in available_forms(demo_wro.case, demo_wro.catalog)]
    assert demo == ["certificate:VN", "certificate:US", "statement"]
    big = [ref.id for ref in available_forms(big_wro.case, big_wro.catalog)]
    # 12.43(a): every country where the goods were mined, produced or made in part, the US
    # where the cotton is grown included.
    assert big == ["certificate:VN", "certificate:US", "certificate:EG", "certificate:CN", "certificate:JP", "statement"]


def test_certificate_signers_are_the_sellers_leaving_each_country(demo_wro: Subject) -> None:
    signers = {ref.id: ref.signer for ref in available_forms(demo_wro.case, demo_wro.catalog)}
    assert signers["certificate:VN"] == "Saigon Crestline Garment Co., Ltd."
    assert signers["certificate:US"] == "Mesquite Draw Cooperative Gin"
    assert signers["statement"] == demo_wro.case.shipment.consignee


def test_forms_section_has_every_field_prefilled_from_the_case(demo_wro: Subject) -> None:
    section = forms_section(*demo_wro.args)
    assert section is not None
    text = pdf_text(section.pdf)
    for label in (*CERTIFICATE_LABELS, *STATEMENT_PARTS):
        assert label in text, label
    shipment = demo_wro.case.shipment
    assert "12,000 pcs" in text and normalise(shipment.merchandise) in text
    assert "forced labor" in text
    assert "(Carrier from the United States)" in text and "(Place of final departure from the United States)" in text  # the additional one
    assert "9,600 kg" in text  # the US certificate covers the lint that left the US
    for link in demo_wro.case.links:
        assert normalise(link.material) in text
    assert [title for title, _ in section.bookmarks] == [
        ref.title for ref in available_forms(demo_wro.case, demo_wro.catalog)]


def test_statement_lists_what_is_unresolved_but_not_the_forms_themselves(demo_wro: Subject) -> None:
    section = forms_section(*demo_wro.args)
    assert section is not None
    part7 = pdf_text(section.pdf).split("7. Full results of the investigation", 1)[1].split("8. Belief", 1)[0]
    for finding in demo_wro.report.findings:
        if finding.severity != "missing":
            continue
        # Each item by what is unresolved and where, never the user's instructions.
        shown = f"• {normalise(demo_wro.report.titles[finding.requirement])}:" in part7
        assert shown == (finding.requirement not in ("REG-01", "REG-02", "REG-03")), finding.message
        assert normalise(finding.message)[:50] not in part7
    assert "Proof of payment: the transfer of raw cotton lint, US upland, 44 bales from Mesquite Draw" in part7


def test_case_settings_fill_the_blanks(demo_wro: Subject) -> None:
    settings = {
        "certificate.VN.carrier": "MV Pacific Lantern, voyage 214E",
        "certificate.VN.packages": "600 cartons",
        "consignee.efforts": "We sent questionnaires to every supplier and visited the knitting mill.",
        "consignee.belief": "not_used",
    }
    section = forms_section(*demo_wro.args, settings=settings)
    assert section is not None
    text = pdf_text(section.pdf)
    for value in ("MV Pacific Lantern, voyage 214E", "600 cartons", "visited the knitting mill", "case setting"):
        assert value in text
    assert "☒ was not used" in text


def test_render_form_prints_one_form_on_its_own(demo_wro: Subject) -> None:
    pdf = render_form(*demo_wro.args, "certificate:US")
    reader = PdfReader(io.BytesIO(pdf))
    text = pdf_text(pdf)
    assert "Mesquite Draw Cooperative Gin" in text and "Certificate 2 of 2" in text
    assert "Statement of the Ultimate Consignee" not in text
    whole = forms_section(*demo_wro.args)
    assert whole is not None and len(reader.pages) < whole.page_count
    assert render_form(*demo_wro.args, "certificate:US") == pdf


def test_uflpa_cases_have_no_12_43_forms(demo_wro: Subject) -> None:
    case = dataclasses.replace(demo_wro.case,
                               shipment=dataclasses.replace(demo_wro.case.shipment, regime="uflpa-exception"))
    assert case.shipment.regime not in vocab.SECTION_307_REGIMES
    assert available_forms(case, demo_wro.catalog) == ()
    assert forms_section(case, demo_wro.report, demo_wro.catalog, demo_wro.plan, demo_wro.options()) is None
    with pytest.raises(KeyError):
        render_form(case, demo_wro.report, demo_wro.catalog, demo_wro.plan, demo_wro.options(), "statement")
