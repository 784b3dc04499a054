"""What the page generator tests share: the subject of a test, and text extraction."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from page_builders import simple_plan
from pypdf import PdfReader

from importer_app.bundle.plan import BundleOptions, BundlePlan
from importer_app.core.catalog import Catalog
from importer_app.core.engine import evaluate
from importer_app.core.model import Case
from importer_app.core.report import Report
from importer_app.core.screening_state import NOT_SCREENED

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


def make_subject(name: str, case: Case, catalog: Catalog) -> Subject:
    return Subject(name, case, evaluate(case, catalog, TODAY, NOT_SCREENED), catalog, simple_plan(case))


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
