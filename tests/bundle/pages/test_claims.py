"""The assertion ledger: each factual sentence of the cover letter, the executive summary and
the 12.43(b) statement appears when its claim holds on the case, and is absent when it does not.

The cases are small hand-made supply chains (farm, gin, spinner, importer) whose one fact
under test is changed; the screening cases use the demo with its fictional lists.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from pathlib import Path

import pytest
from page_subjects import TODAY, Subject, make_subject, normalise, pdf_text

from importer_app.bundle.pages.cover import cover_letter
from importer_app.bundle.pages.summary import executive_summary
from importer_app.bundle.claim_conditions import CONDITIONS
from importer_app.bundle.claims import Ledger, case_ledger, load_claims
from importer_app.bundle.claim_conditions import ClaimFacts
from importer_app.bundle.pages.forms import STATEMENT, render_form
from importer_app.bundle.source import BundleSource
from importer_app.core.catalog import Catalog
from importer_app.core.engine import evaluate
from importer_app.core.model import Case, Document, Entity, EvidenceStatement, Inquiry, Link, Shipment
from importer_app.core.report import Finding
from importer_app.demo import create_demo_case
from importer_app.screening.in_case import CaseScreening, case_screening
from importer_app.store.casefile import CaseFile


def _doc(path: str, type_: str, *, entities: tuple[str, ...] = (), links: tuple[str, ...] = ()) -> Document:
    return Document(path=path, sha256=hashlib.sha256(path.encode()).hexdigest(), type=type_, size=1000,
                    title=path.removesuffix(".pdf"), date=dt.date(2026, 6, 1), entities=entities, links=links,
                    page_count=1)


def small_case(regime: str = "uflpa-applicability", *, lint: float = 900.0, **changes: object) -> Case:
    """A farm ships 2,000 kg of seed cotton to a gin (yield 0.5), the gin ships ``lint`` kg of lint
    to a spinner (yield 0.9), the spinner 800 kg of yarn to the importer, who enters 800 kg."""
    entities = (
        Entity("farm", "Dry Creek Farms LLC", "raw_material_producer", "US", address="Lubbock, TX"),
        Entity("gin", "Plains Cooperative Gin", "processor", "US", address="Lamesa, TX"),
        Entity("spinner", "Kestrel Spinning JSC", "processor", "VN", address="Tay Ninh, Vietnam"),
        Entity("importer", "Harborline Apparel Inc.", "importer", "US", address="Long Beach, CA"),
    )
    links = (
        Link("farm-gin", "farm", "gin", "seed cotton", 2000.0, "kg", yield_=0.5, shipped=dt.date(2026, 4, 1)),
        Link("gin-spinner", "gin", "spinner", "cotton lint", lint, "kg", yield_=0.9, shipped=dt.date(2026, 5, 1)),
        Link("spinner-importer", "spinner", "importer", "cotton yarn", 800.0, "kg", shipped=dt.date(2026, 7, 1)),
    )
    documents = (
        _doc("farm-gin-invoice.pdf", "commercial_invoice", links=("farm-gin",)),
        _doc("gin-production.pdf", "production_record", entities=("gin",)),
        _doc("gin-spinner-invoice.pdf", "commercial_invoice", links=("gin-spinner",)),
        _doc("spinner-importer-invoice.pdf", "commercial_invoice", links=("spinner-importer",)),
        _doc("dd-policy.pdf", "due_diligence_policy", entities=("importer",)),
    )
    shipment = Shipment(
        regime=regime, entry_number="HB7-0000001-1", importer_of_record="Harborline Apparel Inc.",
        merchandise="Cotton yarn", quantity=800.0, unit="kg", country_of_origin="VN",
        date_of_importation=dt.date(2026, 10, 2), entry_lines=(1,), detention_number="2026-2704-000001",
        port_code="2704", port_name="Los Angeles",
        order_reference="WRO 2026-01" if regime in ("wro", "finding") else "",
        class_of_labor="forced" if regime in ("wro", "finding") else "",
    )
    case = Case(shipment, entities, links, documents)
    return dataclasses.replace(case, **changes)  # type: ignore[arg-type]


def _subject(case: Case, catalog: Catalog, screening: CaseScreening | None = None) -> Subject:
    subject = make_subject("claims", case, catalog)
    if screening is not None:
        subject = dataclasses.replace(subject, report=evaluate(case, catalog, TODAY, screening.state))
    return subject


def _letter(subject: Subject, screening: CaseScreening | None = None) -> str:
    return pdf_text(cover_letter(*subject.args, screening=screening).pdf)


def _summary(subject: Subject, screening: CaseScreening | None = None) -> str:
    return pdf_text(executive_summary(*subject.args, screening=screening).pdf)


def _in_xuar(case: Case, entity_id: str) -> Case:
    entities = tuple(dataclasses.replace(e, subdivision="CN-XJ", country="CN") if e.id == entity_id else e
                     for e in case.entities)
    return dataclasses.replace(case, entities=entities)


TRACED = "trace the merchandise and each of its inputs back to the raw material"
IDENTIFIED = "None of the companies identified in the supply chain is located in the Xinjiang"
RECONCILE = "The quantities reconcile at each of the 3 processing steps"
DIFFER = "the quantity shipped exceeds what the recorded inputs allow"


def test_every_claim_names_known_conditions_and_every_slot_known_claims() -> None:
    _, claims, slots = load_claims()
    assert {name for claim in claims.values() for name in claim.conditions} <= set(CONDITIONS)
    used = {claim_id for table in slots.values() for ids in table.values() for claim_id in ids}
    assert used == set(claims)  # no claim is kept that no document prints


def test_traced_outside_xuar_holds_on_a_traced_chain_with_no_xuar_company(catalog: Catalog) -> None:
    assert normalise(TRACED) in _letter(_subject(small_case(), catalog))


def test_no_xuar_sentence_when_a_company_is_in_the_xuar(catalog: Catalog) -> None:
    subject = _subject(_in_xuar(small_case(), "spinner"), catalog)
    letter, summary = _letter(subject), _summary(subject)
    assert "Xinjiang Uyghur Autonomous Region" in letter  # the request names it ...
    assert TRACED not in letter and IDENTIFIED not in letter  # ... no sentence says it is not there
    assert IDENTIFIED not in summary


def test_an_address_in_the_xuar_not_yet_explained_withholds_the_sentence(catalog: Catalog) -> None:
    case = small_case()
    entities = tuple(dataclasses.replace(e, country="CN", address="No. 8 Road, Shihezi, Xinjiang")
                     if e.id == "spinner" else e for e in case.entities)
    text = _letter(_subject(dataclasses.replace(case, entities=entities), catalog))
    assert TRACED not in text and IDENTIFIED not in text


def test_a_chain_short_of_raw_material_says_only_where_the_companies_are(catalog: Catalog) -> None:
    case = small_case()
    case = dataclasses.replace(case, entities=tuple(dataclasses.replace(e, role="processor") if e.id == "farm" else e
                                                    for e in case.entities))
    text = _letter(_subject(case, catalog))
    assert TRACED not in text
    assert IDENTIFIED in text


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> tuple[Case, CaseScreening, BundleSource]:
    """The demo case as ``importer-app demo`` writes it: both fictional lists kept, one hit dismissed."""
    folder = tmp_path_factory.mktemp("claims-demo")
    create_demo_case(folder / "demo.tcase", catalog, regime="uflpa-applicability", today=TODAY)
    with CaseFile.open(folder / "demo.tcase", readonly=True) as casefile:
        source = BundleSource.from_casefile(casefile)
    screening = case_screening(source.case, source.lists, source.lists_in_case, TODAY)
    return source.case, screening, source


BOTH_LISTS = "None of the companies is on the DHS UFLPA Entity List or the CBP Withhold Release Orders"
ENTITY_LIST = "None of the companies is on the UFLPA Entity List."


def test_entity_list_sentences_need_a_screening(demo: tuple[Case, CaseScreening, BundleSource],
                                               catalog: Catalog) -> None:
    case, screening, _ = demo
    screened = _letter(_subject(case, catalog, screening), screening)
    assert "was screened against the UFLPA Entity List" in screened and "none is on it" in screened
    assert "not subject to the rebuttable presumption" in screened
    assert BOTH_LISTS in _summary(_subject(case, catalog, screening), screening)
    unscreened = _letter(_subject(case, catalog))
    assert "screened against" not in unscreened and "not subject to the rebuttable presumption" not in unscreened


def test_an_undecided_or_confirmed_hit_withholds_what_it_touches(demo: tuple[Case, CaseScreening, BundleSource],
                                                                catalog: Catalog) -> None:
    """The demo's one hit is on the WRO list: undecided or confirmed, the summary no longer says
    no company is on either list, but still that none is on the UFLPA Entity List."""
    case, screening, _ = demo
    assert {c.list_id for c in screening.state.candidates} == {"wro"}
    confirmed = dataclasses.replace(case, screening_decisions=tuple(
        dataclasses.replace(d, decision="confirmed") for d in case.screening_decisions))
    for changed in (dataclasses.replace(case, screening_decisions=()), confirmed):
        summary = _summary(_subject(changed, catalog, screening), screening)
        assert BOTH_LISTS not in summary and ENTITY_LIST in summary


def test_a_confirmed_entity_list_hit_withholds_the_presumption_sentence(
        demo: tuple[Case, CaseScreening, BundleSource], catalog: Catalog) -> None:
    case, screening, _ = demo
    on_entity_list = dataclasses.replace(screening, state=dataclasses.replace(screening.state, candidates=tuple(
        dataclasses.replace(c, list_id="uflpa") for c in screening.state.candidates)))
    confirmed = dataclasses.replace(case, screening_decisions=tuple(
        dataclasses.replace(d, decision="confirmed") for d in case.screening_decisions))
    letter = _letter(_subject(confirmed, catalog, on_entity_list), on_entity_list)
    summary = _summary(_subject(confirmed, catalog, on_entity_list), on_entity_list)
    assert "not subject to the rebuttable presumption" not in letter and "none is on it" not in letter
    assert ENTITY_LIST not in summary and BOTH_LISTS not in summary


def test_answered_inquiries_are_stated_with_their_exhibits(catalog: Catalog) -> None:
    answered = Inquiry("form-28", dt.date(2026, 10, 20), "Production records of the gin", dt.date(2026, 10, 27),
                       ("gin-production.pdf",))
    text = _letter(_subject(small_case("uflpa-exception", inquiries=(answered,)), catalog))
    assert "The importer has answered the request for information from CBP, the last on October 27, 2026" in text
    assert "other than the notice of detention" not in text


def test_an_unanswered_inquiry_gives_no_sentence_about_answers(catalog: Catalog) -> None:
    open_ = Inquiry("form-28", dt.date(2026, 10, 20), "Production records of the gin")
    text = _letter(_subject(small_case("uflpa-exception", inquiries=(open_,)), catalog))
    assert "has answered" not in text and "no request for information" not in text


def test_without_inquiries_the_letter_says_none_was_received(catalog: Catalog) -> None:
    text = _letter(_subject(small_case("uflpa-exception"), catalog))
    assert "has answered" not in text
    assert normalise("has received no request for information from CBP about this entry other than the notice"
                     " of detention") in text


def test_the_signed_evidence_statement_is_quoted_only_when_signed(catalog: Catalog) -> None:
    statement = EvidenceStatement("Every input is traced to US farms; payroll records show paid labor.",
                                  "Dana Whitfield, Compliance Director", dt.date(2026, 11, 30))
    signed = _letter(_subject(small_case("uflpa-exception", evidence_statement=statement), catalog))
    assert "signed by Dana Whitfield, Compliance Director on November 30, 2026" in signed
    assert statement.summary in signed
    assert "statement of the evidence" not in _letter(_subject(small_case("uflpa-exception"), catalog))


def test_due_diligence_is_cited_only_when_its_documents_are_in_the_case(catalog: Catalog) -> None:
    with_policy = _letter(_subject(small_case("uflpa-exception"), catalog))
    assert "due-diligence program under the guidance described in section 2(d)(6)" in with_policy
    case = small_case("uflpa-exception")
    case = dataclasses.replace(case, documents=tuple(d for d in case.documents if d.type != "due_diligence_policy"))
    assert "2(d)(6) of the Act is documented" not in _letter(_subject(case, catalog))


def test_quantities_reconcile_only_when_every_step_does(catalog: Catalog) -> None:
    good = _subject(small_case(), catalog)
    assert normalise(RECONCILE) in _letter(good) and DIFFER not in _letter(good)
    assert normalise("The quantities reconcile") in _summary(good)
    over = _subject(small_case(lint=1100.0), catalog)  # the gin may ship at most 1,000 kg (+2%)
    letter = _letter(over)
    assert "reconcile at each" not in letter
    assert normalise(f"at Plains Cooperative Gin {DIFFER}") in letter


def test_within_the_tolerance_is_reconciled(catalog: Catalog) -> None:
    # 1,020 kg is exactly 2% over the 1,000 kg the gin's seed cotton allows.
    assert normalise(RECONCILE) in _letter(_subject(small_case(lint=1020.0), catalog))
    assert normalise(RECONCILE) not in _letter(_subject(small_case(lint=1020.5), catalog))


def test_completeness_sentence_follows_the_report(catalog: Catalog) -> None:
    subject = _subject(small_case(), catalog)
    assert subject.report.counts["missing"] > 1
    text = _letter(subject)
    assert f"names {subject.report.counts['missing']} items not yet resolved" in text
    assert "no required or expected document is missing" not in text
    complete = dataclasses.replace(subject, report=dataclasses.replace(subject.report, findings=()))
    text = _letter(complete)
    assert "no required or expected document is missing" in text and "not yet resolved" not in text
    one = Finding("requirement", "missing", "case", "x", "", "SCT-05")
    single = dataclasses.replace(subject, report=dataclasses.replace(subject.report, findings=(one,)))
    assert "names 1 item not yet resolved" in _letter(single)


def test_signed_forms_are_named_only_when_they_are_exhibits(catalog: Catalog) -> None:
    unsigned = _letter(_subject(small_case("wro"), catalog))
    assert "the signed forms are not yet among the exhibits" in unsigned
    assert "The signed certificates of origin" not in unsigned
    case = small_case("wro")
    forms = (_doc("coo-us.pdf", "certificate_of_origin_1243", entities=("gin",)),
             _doc("coo-vn.pdf", "certificate_of_origin_1243", entities=("spinner",)),
             _doc("statement.pdf", "consignee_statement_1243", entities=("importer",)))
    subject = _subject(dataclasses.replace(case, documents=case.documents + forms), catalog)
    rows = [row for row in subject.report.statuses if row.requirement in ("REG-01", "REG-02", "REG-03")]
    if all(row.state in ("satisfied", "not_applicable") for row in rows):
        signed = _letter(subject)
        assert "The signed certificates of origin and statement of the ultimate consignee" in signed
        assert "not yet among the exhibits" not in signed
    else:  # the catalog asks for more than these three forms: the letter must not call them complete
        assert "The signed certificates of origin" not in _letter(subject)


def test_the_statement_says_nothing_unresolved_only_when_nothing_is(catalog: Catalog, tmp_path: Path) -> None:
    subject = _subject(small_case("wro"), catalog)
    case, report, _, plan, options = subject.args
    text = pdf_text(render_form(case, report, catalog, plan, options, STATEMENT))
    assert "left no required or expected document unobtained" not in text
    clean = dataclasses.replace(report, findings=())
    text = pdf_text(render_form(case, clean, catalog, plan, options, STATEMENT))
    assert "left no required or expected document unobtained" in text


def test_explain_lists_every_claim_with_its_conditions(demo: tuple[Case, CaseScreening, BundleSource]) -> None:
    _, _, source = demo
    lines = case_ledger(source, TODAY).explain()
    _, claims, _ = load_claims()
    heads = [line.split(":")[0] for line in lines if not line.startswith(" ")]
    assert heads == list(claims)
    assert "  no_xuar_entity: true. No entity's region is CN-XJ and no address names a place of the XUAR." in lines
    assert any(line.startswith("  quantities_reconcile: false. Quantities do not reconcile at Lam Thuy") for line in lines)


def test_a_ledger_evaluates_each_condition_once(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    subject = _subject(small_case(), catalog)
    calls: list[str] = []
    original = CONDITIONS["no_xuar_entity"]
    monkeypatch.setitem(CONDITIONS, "no_xuar_entity",  # type: ignore[arg-type]
                        lambda facts: calls.append("x") or original(facts))
    ledger = Ledger(ClaimFacts(subject.case, subject.report, subject.plan))
    ledger.explain()
    assert calls == ["x"]


CONTACT = {"signer.name": "Dana Whitfield", "signer.title": "Compliance Director", "signer.phone": "+1 562 555 0143",
           "signer.email": "dwhitfield@harborline.example", "importer.number": "95-1234567"}


def test_the_contact_block_prints_what_is_given_and_nothing_else(catalog: Catalog) -> None:
    subject = _subject(small_case("wro"), catalog)
    text = pdf_text(cover_letter(*subject.args, settings=CONTACT).pdf)
    for value in CONTACT.values():
        assert value in text
    assert "Importer number 95-1234567" in text
    partial = pdf_text(cover_letter(*subject.args, settings={"signer.name": "Dana Whitfield"}).pdf)
    assert "Telephone" not in partial and "E-mail" not in partial and "Importer number (IRS" not in partial
    assert "Importer number not stated" in partial


def test_the_statement_names_its_signer_and_number_when_the_importer_is_the_consignee(catalog: Catalog) -> None:
    subject = _subject(small_case("wro"), catalog)
    case, report, _, plan, options = subject.args
    text = pdf_text(render_form(case, report, catalog, plan, options, STATEMENT, settings=CONTACT))
    assert "Name and title of the signer Dana Whitfield, Compliance Director" in text
    assert "IRS or CBP importer number 95-1234567" in text
    assert text.count("Dana Whitfield, Compliance Director") == 2  # in part 1 and under the signature line
    other = dataclasses.replace(case, shipment=dataclasses.replace(case.shipment, ultimate_consignee="Bayside Retail LLC"))
    text = pdf_text(render_form(other, report, catalog, plan, options, STATEMENT, settings=CONTACT))
    assert "Dana Whitfield" not in text and "95-1234567" not in text  # another company signs for itself
