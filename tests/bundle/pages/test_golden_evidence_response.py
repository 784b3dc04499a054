"""The demo's evidence response as CBP reads it, kept as text beside the tests
(tests/bundle/golden/), so that every change of CBP-facing wording shows in review.

Run with IMPORTER_APP_WRITE_GOLDEN=1 to rewrite the files after a deliberate change, then read
the difference line by line before committing it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from page_subjects import DOCUMENT_DATE, TODAY, make_subject

from importer_app.bundle.pages.evidence_response import evidence_response
from importer_app.bundle.source import BundleSource
from importer_app.core.catalog import Catalog
from importer_app.core.engine import evaluate
from importer_app.demo import create_demo_case
from importer_app.screening.in_case import case_screening
from importer_app.store.casefile import CaseFile

GOLDEN = Path(__file__).parents[1] / "golden"


@pytest.mark.parametrize("regime", ["wro", "uflpa-applicability"])
def test_the_demo_evidence_response_reads_as_committed(regime: str, catalog: Catalog, tmp_path: Path) -> None:
    create_demo_case(tmp_path / "demo.tcase", catalog, regime=regime, today=TODAY)
    with CaseFile.open(tmp_path / "demo.tcase", readonly=True) as casefile:
        source = BundleSource.from_casefile(casefile)
    case = source.case
    screening = case_screening(case, dict(source.lists), source.lists_in_case, DOCUMENT_DATE)
    subject = make_subject("golden", case, catalog)
    report = evaluate(case, catalog, TODAY, screening.state)
    section = evidence_response(case, report, catalog, subject.plan, subject.options(), screening=screening)
    (tmp_path / "section.pdf").write_bytes(section.pdf)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "section.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    golden = GOLDEN / f"evidence-response-demo-{regime}.txt"
    if os.environ.get("IMPORTER_APP_WRITE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
