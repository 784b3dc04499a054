"""What CBP reads of the catalog's sources and sector profiles: an address the catalog could
not confirm is not printed, the full legal citation stands in its place; a sector's evidence items are answered in the
evidence response, in CBP's words, and only in a case of that sector."""

from __future__ import annotations

import re

from page_builders import big_case, with_shipment
from page_subjects import make_subject, pdf_text
from regime_cases import TODAY, caatsa_case

from importer_app.bundle.pages.evidence_response import evidence_response
from importer_app.bundle.pages.sources_cited import cited_sources, sources_cited
from importer_app.core.catalog import Catalog
from importer_app.core.engine import evaluate
from importer_app.core.screening_state import NOT_SCREENED

def _printed(url: str, text: str) -> bool:
    """Whether ``url`` is printed (an address may wrap in its cell)."""
    return re.search(" ?".join(map(re.escape, url)), text) is not None


def test_an_unconfirmed_address_is_replaced_by_the_full_citation_and_a_confirmed_one_printed(
        catalog: Catalog) -> None:
    subject = make_subject("big-uflpa", big_case("uflpa-applicability"), catalog)
    text = pdf_text(sources_cited(*subject.args).pdf)
    cited = cited_sources(subject.case, subject.report, catalog)
    unconfirmed = [source for source in cited if source.unconfirmed]
    assert unconfirmed and len(unconfirmed) < len(cited)
    for source in cited:
        assert _printed(source.url, text) != source.unconfirmed, source.cite
        assert not source.unconfirmed or source.legal_cite in text, source.cite
    assert "19 C.F.R. § 151.16 (current edition)" in text
    assert not _printed("https://www.ecfr.gov/current/title-19/section-151.16", text)
    assert "confirmed" not in text and "address" not in text


def test_a_sector_case_answers_the_sector_items_in_the_evidence_response(catalog: Catalog) -> None:
    cotton = make_subject("big-cotton", with_shipment(big_case("wro"), commodity="cotton"), catalog)
    text = pdf_text(evidence_response(*cotton.args).pdf)
    assert "Sector-specific evidence: Cotton, yarn, fabric and apparel" in text
    assert "These records identify the raw cotton at the bale level and the producer that grew and ginned it." in text
    assert "SEC-COT" not in text
    plain = make_subject("big-wro", big_case("wro"), catalog)
    assert "Sector-specific evidence" not in pdf_text(evidence_response(*plain.args).pdf)


def test_a_statute_is_cited_only_in_the_regime_whose_letter_rests_on_it(catalog: Catalog) -> None:
    caatsa, _ = caatsa_case()
    uflpa = make_subject("uflpa", big_case("uflpa-applicability"), catalog)
    cited_in_caatsa = {source.cite for source in cited_sources(caatsa, evaluate(caatsa, catalog, TODAY, NOT_SCREENED),
                                                                catalog)}
    assert "22 U.S.C. 9241a" in cited_in_caatsa
    assert "22 U.S.C. 9241a" not in {source.cite for source in cited_sources(uflpa.case, uflpa.report, catalog)}
