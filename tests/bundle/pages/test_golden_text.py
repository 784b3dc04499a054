"""The words CBP reads, kept under review: the text of the demo's cover letter and executive
summary (both regimes), as ``pdftotext -layout`` extracts it, against the committed copy.

A wording change fails this test until the copy is updated (``IMPORTER_APP_UPDATE_GOLDEN=1``
writes it) and the difference is read in review.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from page_subjects import DOCUMENT_DATE, TODAY

from importer_app.bundle.pages.cover import cover_letter
from importer_app.bundle.pages.summary import executive_summary
from importer_app.bundle.numbering import number_exhibits
from importer_app.bundle.plan import BundleOptions
from importer_app.bundle.source import BundleSource
from importer_app.core.catalog import Catalog
from importer_app.core.engine import evaluate
from importer_app.demo import create_demo_case
from importer_app.screening.in_case import case_screening
from importer_app.store.casefile import CaseFile

GOLDEN = Path(__file__).parent / "golden"
CONTACT = {"signer.name": "Dana Whitfield", "signer.title": "Compliance Director",
           "signer.phone": "+1 562 555 0143", "signer.email": "dwhitfield@harborline.example",
           "importer.number": "95-1234567"}


def _text(pdf: bytes, tmp_path: Path) -> str:
    source = tmp_path / "section.pdf"
    source.write_bytes(pdf)
    result = subprocess.run(["pdftotext", "-layout", str(source), "-"], capture_output=True, text=True, check=True)
    return "\n".join(line.rstrip() for line in result.stdout.replace("\f", "").splitlines()) + "\n"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize("regime", ["uflpa-applicability", "wro"])
def test_the_demo_cover_letter_and_summary_read_as_reviewed(regime: str, catalog: Catalog, tmp_path: Path) -> None:
    create_demo_case(tmp_path / "demo.tcase", catalog, regime=regime, today=TODAY)
    with CaseFile.open(tmp_path / "demo.tcase", readonly=True) as casefile:
        source = BundleSource.from_casefile(casefile)
    case = source.case
    screening = case_screening(case, source.lists, source.lists_in_case, DOCUMENT_DATE)
    report = evaluate(case, catalog, DOCUMENT_DATE, screening.state)
    plan = number_exhibits(case)
    options = BundleOptions(output=tmp_path / "bundle.pdf", document_date=DOCUMENT_DATE)
    letter = cover_letter(case, report, catalog, plan, options, settings=CONTACT, screening=screening)
    summary = executive_summary(case, report, catalog, plan, options, screening=screening)
    for name, section in (("cover-letter", letter), ("executive-summary", summary)):
        golden = GOLDEN / f"demo-{regime}-{name}.txt"
        text = _text(section.pdf, tmp_path)
        if os.environ.get("IMPORTER_APP_UPDATE_GOLDEN"):
            golden.write_text(text, encoding="utf-8")
        assert text == golden.read_text(encoding="utf-8"), f"{golden.name} changed: review and update it"
