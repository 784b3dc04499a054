"""Nothing written for the app's user reaches CBP. The evidence response with its screening
record, the supply chain map and the page of sources are rendered for 54 generated cases (all six
regimes; gaps explained, unexplained and set aside; screening hits dismissed and left open), and
the cover letter (on the portal and the letter route), executive summary and 12.43 forms for
the demo in every regime; their text is
searched for words that only the app's user should read: the app, its window and pages, "tie",
the case file, catalog ids, internal entity and link ids, file paths, "(s)", "NOT COMPLETE",
days counted from today, source keys, regulations cited by an old edition, and dates not written
the bundle's way (forms/wording/not_for_cbp.toml)."""

from __future__ import annotations

import dataclasses
import re

import pytest
from page_builders import big_case, with_shipment
from page_subjects import DOCUMENT_DATE, TODAY, Subject, make_subject, pdf_text

from importer_app.bundle.pages.cover import cover_letter
from importer_app.bundle.pages.evidence_response import evidence_response
from importer_app.bundle.pages.forms import forms_section
from importer_app.bundle.pages.sources_cited import sources_cited
from importer_app.bundle.pages.summary import executive_summary
from importer_app.bundle.pages.supply_map import supply_chain_map
from importer_app.bundle.source import BundleSource
from importer_app.core import vocab
from importer_app.core.catalog import Catalog
from importer_app.core.engine import evaluate
from importer_app.core.model import Case, GapExplanation, GapRequest, NotApplicable
from importer_app.core.portal import ROUTE_SETTING
from importer_app.core.wording import internal_ids, wording_rules
from importer_app.demo import create_demo_case
from importer_app.screening.in_case import CaseScreening, case_screening
from importer_app.store.casefile import CaseFile

REGIMES = vocab.REGIMES
# The same rules that flag the importer's own words before export (one list, in forms/).
FORBIDDEN = [rule.pattern for rule in wording_rules()]


def _variants(base: Case, regime: str) -> list[tuple[str, Case]]:
    case = with_shipment(base, regime=regime)
    report = evaluate(case, _CATALOG[0], TODAY, case_screening(case, {}, frozenset(), DOCUMENT_DATE).state)
    missing = [s for s in report.statuses if s.state == "missing"]
    explained = tuple(
        GapExplanation(s.requirement, s.scope, "The record was not kept by the supplier.", DOCUMENT_DATE,
                       (GapRequest("The supplier, sales office", TODAY, DOCUMENT_DATE, TODAY, "it keeps none"),))
        for s in missing)
    set_aside = tuple(NotApplicable(s.requirement, s.scope, "The supplier did not exist then.") for s in missing[:3])
    return [
        ("unexplained", dataclasses.replace(case, gap_explanations=())),
        ("explained", dataclasses.replace(case, gap_explanations=explained)),
        ("explained-without-requests", dataclasses.replace(case, gap_explanations=tuple(
            dataclasses.replace(gap, requests=(), supplement_by=None) for gap in explained))),
        ("set-aside", dataclasses.replace(case, gap_explanations=explained[3:],
                                          not_applicable=case.not_applicable + set_aside)),
    ]


_CATALOG: list[Catalog] = []


@pytest.fixture(scope="module")
def demo_source(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> BundleSource:
    folder = tmp_path_factory.mktemp("voice")
    create_demo_case(folder / "demo.tcase", catalog, regime="wro", today=TODAY)
    with CaseFile.open(folder / "demo.tcase", readonly=True) as casefile:
        return BundleSource.from_casefile(casefile)


def _cases(catalog: Catalog, demo: BundleSource) -> list[tuple[str, Case, CaseScreening]]:
    _CATALOG[:] = [catalog]
    out = []
    for regime in REGIMES:
        for base_name, base in (("demo", demo.case), ("big", big_case(regime))):
            for name, case in _variants(base, regime):
                screening = case_screening(case, dict(demo.lists), demo.lists_in_case, DOCUMENT_DATE)
                out.append((f"{base_name}-{regime}-{name}", case, screening))
        open_hit = dataclasses.replace(with_shipment(demo.case, regime=regime), screening_decisions=())
        out.append((f"demo-{regime}-open-hit", open_hit,
                    case_screening(open_hit, dict(demo.lists), demo.lists_in_case, DOCUMENT_DATE)))
    return out


def test_no_text_for_the_user_reaches_cbp_in_54_generated_cases(catalog: Catalog, demo_source: BundleSource) -> None:
    cases = _cases(catalog, demo_source)
    assert len(cases) == 9 * len(REGIMES) == 54
    hits: list[str] = []
    for name, case, screening in cases:
        subject: Subject = make_subject(name, case, catalog)
        report = evaluate(case, catalog, TODAY, screening.state)
        args = (case, report, catalog, subject.plan, subject.options())
        texts = {
            "evidence response": pdf_text(evidence_response(*args, screening=screening).pdf),
            "map": pdf_text(supply_chain_map(*args).pdf),
            "sources": pdf_text(sources_cited(*args).pdf),
        }
        ids = internal_ids(case)
        # a web address wraps in its cell; the page of sources is checked without them
        texts["sources"] = _without_addresses(texts["sources"], catalog)
        for section, text in texts.items():
            for pattern in FORBIDDEN:
                hits += [f"{name}, {section}: {m.group(0)!r}" for m in re.finditer(pattern, text)]
            hits += [f"{name}, {section}: id {i!r}" for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)]
        assert "Not available. The importer has not stated the reason." in texts["evidence response"] or \
            not name.endswith("unexplained") or not any(s.state == "missing" for s in report.statuses)
    assert hits == []


def _without_addresses(text: str, catalog: Catalog) -> str:
    """``text`` without the primary sources' web addresses (each may be broken by a line wrap)."""
    for source in catalog.sources.values():
        if source.url:
            text = re.sub(" ?".join(map(re.escape, source.url)), "", text)
    return text


def test_the_letter_summary_and_forms_speak_to_cbp_too(catalog: Catalog, demo_source: BundleSource) -> None:
    """The cover letter, the executive summary and the 12.43 forms of the demo in every regime,
    with its gaps unexplained and with a list match left open."""
    hits: list[str] = []
    cases = [c for c in _cases(catalog, demo_source) if c[0].startswith("demo-") and
             (c[0].endswith("-unexplained") or c[0].endswith("-open-hit"))]
    assert len(cases) == 2 * len(REGIMES)
    for name, case, screening in cases:
        subject: Subject = make_subject(name, case, catalog)
        report = evaluate(case, catalog, TODAY, screening.state)
        args = (case, report, catalog, subject.plan, subject.options())
        texts = {
            "cover letter": pdf_text(cover_letter(*args, screening=screening).pdf),
            "cover letter, letter route": pdf_text(cover_letter(
                *args, screening=screening, settings={ROUTE_SETTING: "letter"}).pdf),
            "executive summary": pdf_text(executive_summary(*args, screening=screening).pdf),
        }
        forms = forms_section(*args, screening=screening)
        if forms is not None:
            texts["forms"] = pdf_text(forms.pdf)
        ids = internal_ids(case)
        for section, text in texts.items():
            for pattern in FORBIDDEN:
                hits += [f"{name}, {section}: {m.group(0)!r}" for m in re.finditer(pattern, text)]
            hits += [f"{name}, {section}: id {i!r}" for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)]
    assert hits == []
