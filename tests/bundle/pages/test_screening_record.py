"""The screening record at the end of the completeness report.

The lists are written in the official formats (``importer_app.demo.listfiles``) and parsed as
an import would parse them; the case is the generated 30-entity case with a few companies
added that the lists name, in Latin and Chinese script, and one whose name is only generic
words.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest
from page_builders import CHINESE, big_case
from page_subjects import (
    DOCUMENT_DATE,
    TODAY,
    Subject,
    make_subject,
    normalise,
    pdf_text,
)
from pypdf import PdfReader

from importer_app.bundle.pages.evidence_response import evidence_response
from importer_app.bundle.pages.section import GeneratedSection
from importer_app.bundle.pages.summary import executive_summary

from importer_app.bundle.source import BundleSource
from importer_app.core.catalog import Catalog
from importer_app.core.engine import evaluate
from importer_app.core.model import Case, Entity, ScreeningDecision
from importer_app.demo import create_demo_case
from importer_app.demo.listfiles import uflpa_page, uflpa_table, wro_csv, wro_row
from importer_app.screening.in_case import CaseScreening, case_screening
from importer_app.screening.model import Snapshot
from importer_app.screening.snapshots import read_list_file
from importer_app.store.casefile import CaseFile

IMPORTED = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)
DECIDED = dt.datetime(2026, 11, 25, 16, tzinfo=dt.UTC)
DISMISSAL = ("Not the listed factory: ours is registered in Dong Nai Province, Vietnam, tax code 3603551207, "
             "and has no affiliate in Cambodia.")
CONFIRMATION = "The mill bought from this trader once, in 2025; that lot is not in this entry."
ADDED = (
    Entity("knitter", "Lam Thuy Knitting Co., Ltd.", "processor", "VN"),
    Entity("trader", "Silverleaf Textile Trading", "seller", "CN"),
    Entity("generic", "Textile Co., Ltd.", "processor", "CN"),
)


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Snapshot]:
    """Both lists, read from files in the official formats."""
    folder = tmp_path_factory.mktemp("lists")
    uflpa = folder / "uflpa-entity-list.html"
    uflpa.write_bytes(uflpa_page(
        uflpa_table("i", [("Jiangsu Hengyuan Textile Co., Ltd.", "June 9, 2023"),
                          ("Aral Silverleaf Textile Co., Ltd. (also known as Silverleaf Textile)", "June 9, 2023")]),
    ))
    wro = folder / "withhold-release-orders-findings.csv"
    wro.write_bytes(wro_csv([wro_row("Lam Thuy Knitting Factory", date="02/11/2025", country="Cambodia",
                                     country_code="KH", merchandise="Knit fabric")]))
    return {snapshot.list_id: snapshot for snapshot in (read_list_file(uflpa, IMPORTED),
                                                        read_list_file(wro, IMPORTED + dt.timedelta(minutes=1)))}


@pytest.fixture(scope="module")
def screened(catalog: Catalog, lists: dict[str, Snapshot]) -> tuple[Subject, CaseScreening]:
    """The 30-entity case and three more, screened against both lists (the UFLPA list kept in
    the case), one candidate dismissed, one confirmed, one left open."""
    base = big_case("uflpa-applicability")
    case = dataclasses.replace(base, entities=base.entities + ADDED)
    hits = {hit.entity_id: hit for hit in case_screening(case, lists, frozenset(), TODAY).result.hits}
    assert set(hits) == {"t3-1", "knitter", "trader"}, hits
    case = dataclasses.replace(case, screening_decisions=(
        ScreeningDecision(hits["knitter"].key.as_text(), "knitter", "dismissed", DISMISSAL, DECIDED),
        ScreeningDecision(hits["trader"].key.as_text(), "trader", "confirmed", CONFIRMATION, DECIDED),
    ))
    return _subject(case, catalog, lists, frozenset({"uflpa"}))


def _subject(case: Case, catalog: Catalog, lists: dict[str, Snapshot],
             in_case: frozenset[str]) -> tuple[Subject, CaseScreening]:
    """The generators' arguments for ``case``, its report made with its screening."""
    screening = case_screening(case, lists, in_case, DOCUMENT_DATE)
    subject = make_subject("screened", case, catalog)
    report = evaluate(case, catalog, TODAY, screening.state)
    return dataclasses.replace(subject, report=report), screening


def _report(subject: Subject, screening: CaseScreening, paper: str = "letter") -> GeneratedSection:
    case, report, catalog, plan, _ = subject.args
    return evidence_response(case, report, catalog, plan, subject.options(paper), screening=screening)


def _record_text(section: GeneratedSection) -> tuple[str, list[str]]:
    """The record's text as a whole, and page by page."""
    start = dict(section.bookmarks)["Screening record"]
    reader = PdfReader(io.BytesIO(section.pdf))
    texts = [normalise(page.extract_text()) for page in reader.pages[start:]]
    return " ".join(texts), texts


def test_the_record_names_each_list_version(screened: tuple[Subject, CaseScreening],
                                            lists: dict[str, Snapshot]) -> None:
    text, _ = _record_text(_report(*screened))
    assert "Screened on December 1, 2026" in text
    assert "offline" in text and "score of 90" in text
    for snapshot in lists.values():
        assert snapshot.sha256 in text
        assert snapshot.file_name in text
    assert "DHS UFLPA Entity List" in text and "CBP Withhold Release Orders and Findings" in text
    assert "November 20, 2026, 09:30 UTC" in text and "November 20, 2026, 09:31 UTC" in text
    assert "Yes: this version of the list is kept" in text  # the UFLPA list
    assert "No: the list was read from a copy that is not kept" in text  # the WRO list


def test_the_record_gives_every_entity_its_result(screened: tuple[Subject, CaseScreening]) -> None:
    subject, screening = screened
    text, _ = _record_text(_report(subject, screening))
    for entity in subject.case.entities:
        assert normalise(entity.name) in text, entity.name
    assert text.count("No candidate on the lists screened.") == len(subject.case.entities) - 4
    assert normalise(f"Dismissed on November 25, 2026: {DISMISSAL}") in text
    assert normalise(f"Confirmed on November 25, 2026: the importer states that the company is the listed "
                     f"entity. {CONFIRMATION}") in text
    assert "Open — not decided." in text  # the Chinese-named spinner's candidate
    assert "listed name “Lam Thuy Knitting Factory”" in text and "Cambodia" in text
    assert "matched through its alias “Silverleaf Textile”" in text
    assert "Not screened: its names hold nothing distinctive" in text  # "Textile Co., Ltd."


def test_a_chinese_name_is_drawn_and_compared_romanised(screened: tuple[Subject, CaseScreening]) -> None:
    subject, screening = screened
    section = _report(subject, screening)
    text, _ = _record_text(section)
    assert CHINESE in text
    assert "(romanized: jiang su heng yuan fang zhi" in text
    assert "compared as" not in text  # the folded comparison key stays in the app
    assert "“Jiangsu Hengyuan Textile Co., Ltd.”" in text
    fonts = {str(font.get_object()["/BaseFont"]) for page in PdfReader(io.BytesIO(section.pdf)).pages
             for font in page["/Resources"]["/Font"].values()}
    assert any(font.endswith("+NotoSansSC-Regular") for font in fonts)


def test_the_record_starts_a_page_of_its_own_with_a_bookmark(screened: tuple[Subject, CaseScreening]) -> None:
    section = _report(*screened)
    start = dict(section.bookmarks)["Screening record"]
    assert [title for title, _ in section.bookmarks][-1] == "Screening record"
    assert start == max(page for _, page in section.bookmarks) and 0 < start < section.page_count
    page = normalise(PdfReader(io.BytesIO(section.pdf)).pages[start].extract_text())
    assert page.startswith("Screening record Screened on")


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_the_entity_table_repeats_its_header_on_every_page(screened: tuple[Subject, CaseScreening],
                                                         paper: str) -> None:
    _, texts = _record_text(_report(*screened, paper=paper))
    table_pages = [text for text in texts if "Processor," in text]
    assert len(table_pages) >= 2
    assert all("Company Names screened, as written Result" in text for text in table_pages)


def test_a_reason_pages_long_goes_on_in_further_rows(screened: tuple[Subject, CaseScreening], catalog: Catalog,
                                                     lists: dict[str, Snapshot]) -> None:
    subject, _ = screened
    reason = " ".join(f"Reason sentence {n} about the mill's registration and owners." for n in range(400))
    decisions = tuple(dataclasses.replace(d, reason=reason) if d.entity_id == "knitter" else d
                      for d in subject.case.screening_decisions)
    long, screening = _subject(dataclasses.replace(subject.case, screening_decisions=decisions), catalog, lists,
                               frozenset())
    section = _report(long, screening)
    text, texts = _record_text(section)
    assert "Reason sentence 0 about" in text and "Reason sentence 399 about" in text
    # The company is named again on every page its result runs over.
    running = [page for page in texts if "Reason sentence 2" in page]
    assert len(running) >= 2 and all("Lam Thuy Knitting Co., Ltd." in page for page in running)


def test_without_lists_the_record_says_so_and_what_the_catalog_asks(screened: tuple[Subject, CaseScreening],
                                                                   catalog: Catalog) -> None:
    subject, _ = screened
    bare, screening = _subject(subject.case, catalog, {}, frozenset())
    text, texts = _record_text(_report(bare, screening))
    assert len(texts) == 1
    assert ("No forced-labor list was imported for this case, so no company of the supply chain was screened "
            "against the DHS UFLPA Entity List and the CBP Withhold Release Orders and Findings.") in text
    item = catalog.information_type("ORG-02")
    assert normalise(item.title) in text and normalise(item.to_cbp) in text and normalise(item.guidance) not in text
    assert "ORG-02" not in text and "[S" not in text
    assert "it is expected" in text  # ORG-02's level under the UFLPA
    assert "Company Names screened, as written Result" not in text


def test_a_list_never_imported_is_stated(screened: tuple[Subject, CaseScreening], catalog: Catalog,
                                         lists: dict[str, Snapshot]) -> None:
    subject, _ = screened
    only_uflpa, screening = _subject(subject.case, catalog, {"uflpa": lists["uflpa"]}, frozenset({"uflpa"}))
    text, _ = _record_text(_report(only_uflpa, screening))
    assert "CBP Withhold Release Orders and Findings Never imported: no company was screened against this list." in text
    assert lists["uflpa"].sha256 in text and lists["wro"].sha256 not in text
    assert "Lam Thuy Knitting Co., Ltd." in text and "Lam Thuy Knitting Factory" not in text


def test_the_record_is_the_same_bytes_every_time(screened: tuple[Subject, CaseScreening]) -> None:
    assert _report(*screened).pdf == _report(*screened).pdf


def test_without_a_screening_the_report_has_no_record(screened: tuple[Subject, CaseScreening]) -> None:
    subject, _ = screened
    section = evidence_response(*subject.args)
    assert "Screening record" not in dict(section.bookmarks)
    assert "Screened on" not in pdf_text(section.pdf) and "Names compared" not in pdf_text(section.pdf)


def test_the_demo_record_shows_its_dismissed_hit(tmp_path: Path, catalog: Catalog) -> None:
    """The demo case as ``importer-app demo`` writes it: both fictional lists kept, one hit dismissed."""
    create_demo_case(tmp_path / "demo.tcase", catalog, regime="uflpa-applicability", today=TODAY)
    with CaseFile.open(tmp_path / "demo.tcase", readonly=True) as casefile:
        source = BundleSource.from_casefile(casefile)
    subject, screening = _subject(source.case, catalog, dict(source.lists), source.lists_in_case)
    text, _ = _record_text(_report(subject, screening))
    [decision] = subject.case.screening_decisions
    assert normalise(decision.reason) in text and "Dismissed on" in text and "Open — not decided" not in text
    for snapshot in source.lists.values():
        assert snapshot.sha256 in text
    assert text.count("Yes: this version of the list is kept") == 2


def _summary_text(subject: Subject, screening: CaseScreening | None) -> str:
    case, report, catalog, plan, options = subject.args
    return pdf_text(executive_summary(case, report, catalog, plan, options, screening=screening).pdf)


def test_the_executive_summary_says_what_the_screening_found(screened: tuple[Subject, CaseScreening]) -> None:
    subject, screening = screened
    text = _summary_text(subject, screening)
    assert normalise("Screening against the forced-labor lists") in text
    assert "were screened against the DHS UFLPA Entity List (version imported on November 20, 2026)" in text
    assert "The importer confirms that Silverleaf Textile Trading is on the DHS UFLPA Entity List" in text
    assert "One possible match by name was examined and dismissed by the importer" in text
    assert "One possible match by name is still being examined." in text
    assert "None of the companies is on" not in text  # a hit was confirmed and one is open


def test_a_clean_screening_says_no_company_is_listed(catalog: Catalog, lists: dict[str, Snapshot]) -> None:
    base = big_case("uflpa-applicability")
    only_uflpa = {"uflpa": lists["uflpa"]}
    [hit] = case_screening(base, only_uflpa, frozenset(), TODAY).result.hits  # a name like a listed one
    base = dataclasses.replace(base, screening_decisions=(
        ScreeningDecision(hit.key.as_text(), hit.entity_id, "dismissed", DISMISSAL, DECIDED),))
    clean_subject, clean = _subject(base, catalog, only_uflpa, frozenset())
    text = _summary_text(clean_subject, clean)
    assert ("None of the companies is on the UFLPA Entity List. One possible match by name was examined and"
            " dismissed") in text
    assert "Withhold Release Orders" not in text.split("Screening against")[1]


def test_without_lists_the_summary_says_nothing_of_screening(screened: tuple[Subject, CaseScreening],
                                                            catalog: Catalog) -> None:
    subject, _ = screened
    _, none = _subject(subject.case, catalog, {}, frozenset())
    assert "Screening against" not in _summary_text(subject, none)
    assert "Screening against" not in _summary_text(subject, None)
