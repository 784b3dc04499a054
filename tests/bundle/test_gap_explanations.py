"""Gaps explained to CBP: the importer's explanation of each missing item is case data (stored,
described and imported again), and `bundle` will not build while a blocking gap has none."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from importer_app.core.catalog import load_catalog
from importer_app.core.description import DescriptionError, parse_description
from importer_app.core.description_writer import render_description
from importer_app.core.engine import evaluate
from importer_app.core.gaps import case_gaps, unexplained_gaps
from importer_app.core.model import GapExplanation, GapRequest
from importer_app.core.screening_state import NOT_SCREENED
from importer_app.store.casefile import CaseFile


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "importer_app", *args], capture_output=True, text=True, timeout=600,
                          check=False)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gaps") / "demo.tcase"
    assert _run("demo", str(path)).returncode == 0
    return path


def test_the_demo_explains_every_blocking_gap_with_the_requests_made(demo: Path) -> None:
    catalog = load_catalog()
    with CaseFile.open(demo, readonly=True) as casefile:
        case = casefile.load()
    report = evaluate(case, catalog, dt.date.today(), NOT_SCREENED)
    gaps = case_gaps(case, report, catalog)
    assert {(g.requirement, g.scope) for g in gaps} >= {("SCT-06", "link:gin-spinner"), ("SCT-09", "link:spinner-knitter")}
    assert unexplained_gaps(case, report, catalog) == ()
    payment = next(g for g in gaps if g.requirement == "SCT-06").explanation
    assert payment is not None and payment.requests[0].to.startswith("Kestrel Delta Spinning JSC")


def test_explanations_survive_describe_and_import(demo: Path) -> None:
    with CaseFile.open(demo, readonly=True) as casefile:
        case = casefile.load()
    text = render_description(case)
    assert "[[gap_explanations.requests]]" in text
    spec = parse_description(text, "case.toml", file_exists=lambda _: True)
    assert spec.gap_explanations == case.gap_explanations


def test_the_store_records_replaces_and_removes_an_explanation(demo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.tcase"
    copy.write_bytes(demo.read_bytes())
    gap = GapExplanation("SCT-15", "entity:gin", "The gin keeps no equipment list.", dt.date(2027, 1, 4),
                         (GapRequest("Mesquite Draw Cooperative Gin", dt.date(2026, 12, 1), dt.date(2026, 12, 8),
                                     dt.date(2026, 12, 3), "it has none"),))
    with CaseFile.open(copy) as casefile:
        assert casefile.put_gap_explanation(gap).action == "add"
        assert gap in casefile.load().gap_explanations
        assert casefile.put_gap_explanation(GapExplanation("SCT-15", "entity:gin", "Replaced.")).action == "update"
        assert GapExplanation("SCT-15", "entity:gin", "Replaced.") in casefile.load().gap_explanations
        casefile.remove_gap_explanation("SCT-15", "entity:gin")
        assert all(g.requirement != "SCT-15" for g in casefile.load().gap_explanations)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('requirement = "SCT-06"\nscope = "link:nowhere"\nexplanation = "x"', "names the link 'nowhere'"),
        ('requirement = "SCT-06"\nscope = "case"\nexplanation = ""', "say why the document does not exist"),
        ('requirement = "SCT-06"\nscope = "case"\nexplanation = "x"\n[[gap_explanations.requests]]\nto = "A"\n'
         'sent = 2026-12-05\nreplied = 2026-12-01', "cannot come before the request"),
    ],
)
def test_a_broken_explanation_is_refused_with_its_place(demo: Path, entry: str, message: str) -> None:
    with CaseFile.open(demo, readonly=True) as casefile:
        case = casefile.load()
    text = render_description(case).split("[[gap_explanations]]")[0] + "[[gap_explanations]]\n" + entry + "\n"
    with pytest.raises(DescriptionError) as caught:
        parse_description(text, "case.toml", file_exists=lambda _: True)
    assert any(message in str(problem) and "gap_explanations[1]" in str(problem) for problem in caught.value.problems)


def test_bundle_stops_with_the_list_of_unexplained_gaps_unless_allowed(demo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "bare.tcase"
    copy.write_bytes(demo.read_bytes())
    with CaseFile.open(copy) as casefile:
        casefile.remove_gap_explanation("SCT-06", "link:gin-spinner")
    out = tmp_path / "out.pdf"
    refused = _run("bundle", str(copy), "-o", str(out))
    assert refused.returncode == 1 and not out.exists()
    assert "1 missing item has no explanation" in refused.stdout
    assert "SCT-06 Proof of payment, scope link:gin-spinner" in refused.stdout
    built = _run("bundle", str(copy), "-o", str(out), "--allow-unexplained-gaps")
    assert built.returncode == 0, built.stderr
    assert out.exists()
