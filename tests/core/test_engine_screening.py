"""The check's ORG-02 states and its screening findings, from the facts screening hands it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

import pytest

from importer_app.core.catalog import Catalog
from importer_app.core.engine import evaluate
from importer_app.core.model import Case, ScreeningDecision
from importer_app.core.report import Report
from importer_app.core.screening_state import NOT_SCREENED, ScreeningCandidate, ScreeningState

if TYPE_CHECKING:
    from case_kit import CaseKit

TODAY = dt.date(2026, 10, 20)

CURRENT = ScreeningState("current", used="the DHS UFLPA Entity List imported on 2026-10-18 (uflpa.html, SHA-256 ab12)")
STALE = ScreeningState("stale", used="...", problems=("The DHS UFLPA Entity List in use was imported 45 days ago.",))
HIT = ScreeningCandidate("uflpa|xinjiang spinner|spinner", "spinner",
                         "Every word of 'Spinner JSC' is in the listed name 'Xinjiang Spinner'.", "DHS UFLPA Entity List")
DECIDED = dt.datetime(2026, 10, 19, 8, 30, tzinfo=dt.UTC)


def _check(case: Case, catalog: Catalog, screening: ScreeningState) -> Report:
    return evaluate(case, catalog, TODAY, screening)


def _org02(report: Report) -> tuple[str, str, tuple[str, ...]]:
    [status] = [s for s in report.statuses if s.requirement == "ORG-02"]
    return status.state, status.note, status.documents


def _without_record(kit: CaseKit, regime: str) -> Case:
    return kit.without_types(kit.complete(regime), "screening_record")


def test_a_current_screening_provides_org02_and_names_the_lists(kit: CaseKit, catalog: Catalog) -> None:
    report = _check(_without_record(kit, "uflpa-applicability"), catalog, CURRENT)
    state, note, _ = _org02(report)
    assert state == "provided"
    assert "uflpa.html, SHA-256 ab12" in note
    assert report.complete and not kit.of(report, requirement="ORG-02")


@pytest.mark.parametrize(("regime", "severity"), [("uflpa-applicability", "missing"), ("wro", "warning")])
def test_no_list_ever_imported_is_a_gap_at_the_items_level(kit: CaseKit, catalog: Catalog, regime: str,
                                                            severity: str) -> None:
    report = _check(_without_record(kit, regime), catalog, NOT_SCREENED)
    [finding] = kit.of(report, requirement="ORG-02")
    assert (finding.kind, finding.severity, finding.scope) == ("screening", severity, "case")
    assert "No forced-labor list was imported" in finding.message
    assert "Import the official lists" in finding.message  # the catalog's guidance
    assert _org02(report)[0] == "missing"


def test_a_stale_list_is_a_warning_even_where_the_item_is_expected(kit: CaseKit, catalog: Catalog) -> None:
    report = _check(_without_record(kit, "uflpa-applicability"), catalog, STALE)
    [finding] = kit.of(report, requirement="ORG-02")
    assert finding.severity == "warning"
    assert "imported 45 days ago" in finding.message
    assert report.complete


def test_a_screening_record_from_another_service_counts_when_the_app_did_not_screen(kit: CaseKit,
                                                                                   catalog: Catalog) -> None:
    report = _check(kit.complete("uflpa-applicability"), catalog, NOT_SCREENED)
    state, _, documents = _org02(report)
    assert state == "satisfied" and documents
    assert not kit.of(report, requirement="ORG-02")


def test_setting_org02_aside_keeps_the_reason(kit: CaseKit, catalog: Catalog) -> None:
    case = kit.not_applicable(_without_record(kit, "uflpa-applicability"), "ORG-02", "case", "Screened by counsel.")
    report = _check(case, catalog, NOT_SCREENED)
    assert _org02(report)[:2] == ("not_applicable", "Screened by counsel.")
    assert report.complete


def test_an_undecided_hit_blocks_and_says_what_matched(kit: CaseKit, catalog: Catalog) -> None:
    report = _check(kit.complete("wro"), catalog, dataclasses.replace(CURRENT, candidates=(HIT,)))
    [finding] = kit.of(report, kind="screening")
    assert (finding.severity, finding.scope, finding.requirement) == ("missing", "entity:spinner", "ORG-02")
    assert finding.message.startswith("Possible listed entity on the DHS UFLPA Entity List: Every word of")
    assert "Confirm it if" in finding.message and "dismiss it with the reason" in finding.message
    assert not report.complete


@pytest.mark.parametrize(("decision", "reason", "severity", "text"), [
    ("confirmed", "", "warning", "You confirmed that"),
    ("confirmed", "Same tax number.", "warning", "states it. Same tax number."),
    ("dismissed", "Another address.", "info", "dismissed on 2026-10-19"),
])
def test_a_decided_hit_no_longer_blocks(kit: CaseKit, catalog: Catalog, decision: str, reason: str,
                                        severity: str, text: str) -> None:
    case = dataclasses.replace(kit.complete("wro"), screening_decisions=(
        ScreeningDecision(HIT.key, "spinner", decision, reason, DECIDED),))
    report = _check(case, catalog, dataclasses.replace(CURRENT, candidates=(HIT,)))
    [finding] = kit.of(report, kind="screening")
    assert finding.severity == severity
    assert text in finding.message
    assert report.complete


def test_a_decision_for_another_hit_does_not_close_this_one(kit: CaseKit, catalog: Catalog) -> None:
    case = dataclasses.replace(kit.complete("wro"), screening_decisions=(
        ScreeningDecision("wro|other|spinner", "spinner", "dismissed", "Other.", DECIDED),))
    report = _check(case, catalog, dataclasses.replace(CURRENT, candidates=(HIT,)))
    assert [f.severity for f in kit.of(report, kind="screening")] == ["missing"]


def test_an_entity_with_nothing_distinctive_to_screen_is_named(kit: CaseKit, catalog: Catalog) -> None:
    report = _check(kit.complete("wro"), catalog, dataclasses.replace(CURRENT, unscreenable=("garment",)))
    [finding] = kit.of(report, kind="screening")
    assert (finding.severity, finding.scope) == ("warning", "entity:garment")
    assert "nothing distinctive to screen" in finding.message
