"""A request for information that contends something about the goods' origin is answered in
the evidence response in CBP's words, naming the requirements that answer it; the request is
named by its date, and nothing written for the importer reaches CBP."""

from __future__ import annotations

import dataclasses
import datetime as dt

from page_subjects import Subject, make_subject, pdf_text

from importer_app.bundle.pages.evidence_response import evidence_response
from importer_app.core.catalog import Catalog
from importer_app.core.model import Inquiry
from importer_app.core.wording import wording_rules

COMMINGLED = Inquiry("cf28-1", dt.date(2026, 10, 16), "CBP Form 28: not this vessel's fish", contends=("commingled",))


def _asked(big_wro: Subject, catalog: Catalog, *inquiries: Inquiry) -> str:
    case = dataclasses.replace(big_wro.case, inquiries=inquiries)
    return pdf_text(evidence_response(*make_subject("contended", case, catalog).args).pdf)


def test_the_response_answers_the_contention_and_names_the_requirements(big_wro: Subject, catalog: Catalog) -> None:
    text = _asked(big_wro, catalog, COMMINGLED)
    assert ("CBP's request for information of October 16, 2026 contends that the goods or their inputs were"
            " commingled with goods from another source. The submission answers this contention under the following"
            " requirements, each of which lists the exhibits that address it or states why they are not available:"
            " Receiving and lot records; Quantity reconciliation (mass balance); Inventory and warehouse records"
            " (lot segregation).") in text
    assert "cf28-1" not in text and "not this vessel" not in text
    start = text.index("CBP's request for information of")
    paragraph = text[start:text.index("(lot segregation).", start) + 18]
    assert paragraph.startswith("CBP's request") and paragraph.endswith("Inventory and warehouse records (lot segregation).")
    assert [rule.pattern.pattern for rule in wording_rules() if rule.pattern.search(paragraph)] == []
    commingled = catalog.contentions["commingled"]
    assert commingled.guidance not in text and commingled.label not in text


def test_a_request_that_contends_nothing_adds_no_paragraph(big_wro: Subject, catalog: Catalog) -> None:
    text = _asked(big_wro, catalog, dataclasses.replace(COMMINGLED, contends=()))
    assert "contends that" not in text


def test_two_contentions_of_one_request_are_one_paragraph(big_wro: Subject, catalog: Catalog) -> None:
    both = dataclasses.replace(COMMINGLED, contends=("other-origin", "commingled"))
    text = _asked(big_wro, catalog, both)
    assert text.count("contends that") == 1
    assert ("contends that the goods or an input came from a different producer or region than the submission"
            " states, and that the goods or their inputs were commingled with goods from another source.") in text


def test_no_paragraph_names_a_requirement_the_response_does_not_show(big_wro: Subject, catalog: Catalog) -> None:
    """A modification request asks for no lot records: nothing would answer the contention there."""
    case = dataclasses.replace(big_wro.case, inquiries=(COMMINGLED,),
                               shipment=dataclasses.replace(big_wro.case.shipment, regime="modification-request"))
    text = pdf_text(evidence_response(*make_subject("modification", case, catalog).args).pdf)
    assert "contends that" not in text and "Receiving and lot records" not in text


def test_a_contention_raises_what_is_answered_but_not_what_cbp_is_said_to_ask(big_wro: Subject, catalog: Catalog) -> None:
    """Lot segregation answers the contention, but no CBP text requests it: the response keeps
    the level CBP's texts give it."""
    text = " ".join(_asked(big_wro, catalog, COMMINGLED).split())
    heading = text.index("Inventory and warehouse records (lot segregation) Supporting evidence.")
    assert "Requested in CBP guidance" not in text[heading:heading + 200]
