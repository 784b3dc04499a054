"""Cases, reports and plans for the page generator tests, built once per session."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from page_builders import big_case, simple_plan
from pypdf import PdfReader

from importer_app.bundle.plan import BundleOptions, BundlePlan
from importer_app.case_description import import_description
from importer_app.core.catalog import Catalog, load_catalog
from importer_app.core.engine import evaluate
from importer_app.core.model import Case
from importer_app.core.report import Report
from importer_app.core.screening_state import NOT_SCREENED
from importer_app.demo import write_demo
from importer_app.store.casefile import CaseFile

TODAY = dt.date(2026, 11, 28)
DOCUMENT_DATE = dt.date(2026, 12, 1)
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Subject:
    """Everything a generator takes, for one case."""

    name: str
    case: Case
    report: Report
    catalog: Catalog
    plan: BundlePlan

    def options(self, paper: str = "letter") -> BundleOptions:
        return BundleOptions(output=Path("bundle.pdf"), document_date=DOCUMENT_DATE, paper=paper)

    @property
    def args(self) -> tuple[Case, Report, Catalog, BundlePlan, BundleOptions]:
        return self.case, self.report, self.catalog, self.plan, self.options()


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


def make_subject(name: str, case: Case, catalog: Catalog) -> Subject:
    return Subject(name, case, evaluate(case, catalog, TODAY, NOT_SCREENED), catalog, simple_plan(case))


_DEMOS: dict[str, Subject] = {}


def _demo(name: str, catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Subject:
    """The demo case written and imported as ``importer-app demo`` does, once per session."""
    if name not in _DEMOS:
        folder = tmp_path_factory.mktemp(name)
        regime = "wro" if name == "demo-wro" else "uflpa-applicability"
        spec = write_demo(folder / "source", regime=regime, today=TODAY)
        import_description(spec, folder / "demo.tcase", catalog)
        casefile = CaseFile.open(folder / "demo.tcase", readonly=True)
        try:
            _DEMOS[name] = make_subject(name, casefile.load(), catalog)
        finally:
            casefile.close()
    return _DEMOS[name]


@pytest.fixture(scope="session", params=["demo-uflpa", "demo-wro", "big-wro", "big-uflpa"])
def subject(request: pytest.FixtureRequest, catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Subject:
    """The demo case and the generated 30-entity case, each in a Section 307 and a UFLPA regime."""
    name: str = request.param
    if name.startswith("big"):
        return make_subject(name, big_case("wro" if name == "big-wro" else "uflpa-applicability"), catalog)
    return _demo(name, catalog, tmp_path_factory)


@pytest.fixture(scope="session")
def demo_wro(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Subject:
    return _demo("demo-wro", catalog, tmp_path_factory)


@pytest.fixture(scope="session")
def big_wro(catalog: Catalog) -> Subject:
    return make_subject("big-wro", big_case("wro"), catalog)


def pdf_text(pdf: bytes) -> str:
    """All text of a PDF as pypdf extracts it, normalised for comparison.

    NFKC turns Arabic presentation forms back into letters; bidi controls that extractors
    insert around right-to-left runs go; runs of whitespace become one space.
    """
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return normalise(text)


def normalise(text: str) -> str:
    return " ".join(_BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", text)).split())
