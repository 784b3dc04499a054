"""What the page generator tests share: the subject of a test, and text extraction."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pikepdf
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


def text_sizes(pdf: bytes, first: int = 0, last: int | None = None) -> list[tuple[float, str]]:
    """The size on the page of every piece of text shown, read from the content streams' operators
    (the font size set by Tf, scaled by the text and graphics matrices in force)."""
    found: list[tuple[float, str]] = []
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages[first:last]:
            ctm = pikepdf.Matrix()
            stack: list[pikepdf.Matrix] = []
            tm = pikepdf.Matrix()
            size = 0.0
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op == "q":
                    stack.append(ctm)
                elif op == "Q":
                    ctm = stack.pop()
                elif op == "cm":
                    ctm = pikepdf.Matrix(*[float(v) for v in operands]) @ ctm
                elif op == "BT":
                    tm = pikepdf.Matrix()
                elif op == "Tm":
                    tm = pikepdf.Matrix(*[float(v) for v in operands])
                elif op == "Tf":
                    size = float(operands[1])
                elif op in ("Tj", "TJ", "'", '"'):
                    full = tm @ ctm
                    scale = math.sqrt(abs(full.a * full.d - full.b * full.c))
                    shown = operands[-1]
                    text = "".join(str(item) for item in shown if isinstance(item, pikepdf.String)) \
                        if isinstance(shown, pikepdf.Array) else str(shown)
                    if text.strip():
                        found.append((size * scale, text))
    return found
