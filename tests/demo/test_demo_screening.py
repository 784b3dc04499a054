"""The demo case file is screened against fictional lists it keeps, with one dismissed hit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from importer_app.case.check import check_case
from importer_app.core.catalog import load_catalog
from importer_app.demo import create_demo_case
from importer_app.screening.in_case import entity_outcomes
from importer_app.store.casefile import CaseFile

TODAY = dt.date(2026, 11, 28)
DELIBERATE_GAPS = {
    ("requirement", "SCT-06", "link:gin-spinner"),
    ("requirement", "SCT-09", "link:spinner-knitter"),
    ("quantity", "SCT-16", "entity:knitter"),
}


def test_the_demo_keeps_both_lists_and_shows_only_its_deliberate_gaps(tmp_path: Path) -> None:
    catalog = load_catalog()
    target = tmp_path / "demo.tcase"
    create_demo_case(target, catalog, regime="uflpa-applicability", today=TODAY)
    with CaseFile.open(target, readonly=True) as casefile:
        checked = check_case(casefile, catalog, TODAY)
        assert set(casefile.screening_lists()) == {"uflpa", "wro"}
    report = checked.report
    assert {(f.kind, f.requirement, f.scope) for f in report.findings if f.severity == "missing"} == DELIBERATE_GAPS
    [org02] = [s for s in report.statuses if s.requirement == "ORG-02"]
    assert org02.state == "provided" and "demo-wro-findings.csv" in org02.note
    [screening] = [f for f in report.findings if f.kind == "screening"]
    assert (screening.severity, screening.scope) == ("info", "entity:knitter")
    assert "Cambodia" in screening.message
    outcomes = entity_outcomes(checked.screening, checked.case.screening_decisions)
    assert outcomes.pop("knitter") == "dismissed"
    assert set(outcomes.values()) == {"clear"}


def test_the_demo_leaves_this_computers_lists_alone(tmp_path: Path, app_home: Path) -> None:
    create_demo_case(tmp_path / "demo.tcase", load_catalog(), regime="wro", today=TODAY)
    assert not list(app_home.rglob("*.json"))
