"""A case keeps the list versions it was screened against and the user's decisions on hits."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from screening_files import uflpa_page, uflpa_table, wro_csv, wro_row

from importer_app.case.check import check_case
from importer_app.core.catalog import load_catalog
from importer_app.core.errors import CaseFileError, ListStoreError
from importer_app.core.model import Case, Entity, ScreeningDecision, Shipment
from importer_app.screening import import_list
from importer_app.screening.in_case import adopt_lists, entity_outcomes, lists_in_case, lists_to_use, screen_case
from importer_app.store.casefile import CaseFile

TODAY = dt.date(2026, 10, 20)
IMPORTED = dt.datetime(2026, 10, 19, 9, tzinfo=dt.UTC)


@pytest.fixture
def case_path(tmp_path: Path, shipment: Shipment, entities: tuple[Entity, ...]) -> Path:
    path = tmp_path / "case.tcase"
    with CaseFile.create(path, shipment) as casefile:
        for entity in (*entities, Entity("mill", "Tianmian Textile", "processor", "CN"),
                       Entity("generic", "Textile Co., Ltd.", "processor", "CN")):
            casefile.add_entity(entity)
    return path


@pytest.fixture
def list_files(tmp_path: Path) -> tuple[Path, Path]:
    uflpa = tmp_path / "uflpa.html"
    uflpa.write_bytes(uflpa_page(uflpa_table("i", [("Xinjiang Tianmian Textile Co., Ltd.", "June 21, 2022")])))
    wro = tmp_path / "wro.csv"
    wro.write_bytes(wro_csv([wro_row("Hoshine Silicon Industry Co. Ltd.")]))
    return uflpa, wro


def _import_both(list_files: tuple[Path, Path], when: dt.datetime = IMPORTED) -> None:
    for offset, path in enumerate(list_files):
        import_list(path, when + dt.timedelta(minutes=offset))


def test_a_case_without_lists_is_not_screened_and_org02_says_so(case_path: Path) -> None:
    with CaseFile.open(case_path) as casefile:
        checked = check_case(casefile, load_catalog(), TODAY)
    assert checked.screening.state.freshness == "none"
    assert entity_outcomes(checked.screening, ()) == dict.fromkeys(
        ("importer", "factory", "spinner", "mill", "generic"), "unscreened")
    [finding] = [f for f in checked.report.findings if f.requirement == "ORG-02"]
    assert finding.severity == "warning"  # ORG-02 is recommended for a WRO
    assert "No forced-labor list was imported" in finding.message


def test_the_computers_lists_are_used_and_copied_into_the_case(case_path: Path, list_files: tuple[Path, Path]) -> None:
    _import_both(list_files)
    with CaseFile.open(case_path) as casefile:
        chosen, in_case = lists_to_use(casefile)
        assert set(chosen) == {"uflpa", "wro"} and in_case == frozenset()
        assert len(adopt_lists(casefile)) == 2
        assert adopt_lists(casefile) == []  # already up to date
        assert set(lists_in_case(casefile)) == {"uflpa", "wro"}
        assert lists_to_use(casefile)[1] == frozenset({"uflpa", "wro"})
        actions = [entry.action for entry in casefile.audit_log()]
    assert actions.count("use screening list") == 2


def test_a_case_mailed_to_a_computer_without_lists_checks_the_same(case_path: Path, list_files: tuple[Path, Path],
                                                                  tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _import_both(list_files)
    with CaseFile.open(case_path) as casefile:
        adopt_lists(casefile)
        here = check_case(casefile, load_catalog(), TODAY)
    monkeypatch.setenv("IMPORTER_APP_HOME", str(tmp_path / "colleague"))
    with CaseFile.open(case_path, readonly=True) as casefile:
        there = check_case(casefile, load_catalog(), TODAY)
    assert there.report.findings == here.report.findings
    assert there.screening.in_case == frozenset({"uflpa", "wro"})
    assert [hit.entity_id for hit in there.screening.result.hits] == ["mill"]


def test_a_later_import_on_this_computer_wins_over_the_cases_copy(case_path: Path, list_files: tuple[Path, Path],
                                                                 tmp_path: Path) -> None:
    _import_both(list_files)
    with CaseFile.open(case_path) as casefile:
        adopt_lists(casefile)
    newer = tmp_path / "uflpa-2.html"
    newer.write_bytes(uflpa_page(uflpa_table("i", [("Xinjiang Tianmian Textile Co., Ltd.", "June 21, 2022"),
                                                  ("Delta Spinning Co., Ltd.", "May 1, 2026")])))
    import_list(newer, IMPORTED + dt.timedelta(days=1))
    with CaseFile.open(case_path) as casefile:
        chosen, in_case = lists_to_use(casefile)
        assert chosen["uflpa"].file_name == "uflpa-2.html" and "uflpa" not in in_case
        assert [change.key for change in adopt_lists(casefile)] == ["uflpa"]
        assert lists_in_case(casefile)["uflpa"].file_name == "uflpa-2.html"


def test_hits_block_until_decided_and_decisions_are_audited(case_path: Path, list_files: tuple[Path, Path]) -> None:
    _import_both(list_files)
    catalog = load_catalog()
    with CaseFile.open(case_path) as casefile:
        adopt_lists(casefile)
        checked = check_case(casefile, catalog, TODAY)
        [hit] = checked.screening.result.hits
        assert hit.entity_id == "mill" and hit.list_id == "uflpa"
        assert [f.severity for f in checked.report.findings if f.kind == "screening" and f.scope == "entity:mill"] == ["missing"]
        assert entity_outcomes(checked.screening, ())["mill"] == "open"
        assert entity_outcomes(checked.screening, ())["generic"] == "unscreenable"
        assert entity_outcomes(checked.screening, ())["factory"] == "clear"

        key = hit.key.as_text()
        casefile.decide_screening_hit(ScreeningDecision(key, "mill", "dismissed", "Registered in Henan, not Xinjiang.", IMPORTED))
        checked = check_case(casefile, catalog, TODAY)
        assert [f.severity for f in checked.report.findings if f.kind == "screening" and f.scope == "entity:mill"] == ["info"]
        assert entity_outcomes(checked.screening, checked.case.screening_decisions)["mill"] == "dismissed"

        casefile.decide_screening_hit(ScreeningDecision(key, "mill", "confirmed", "", IMPORTED))
        checked = check_case(casefile, catalog, TODAY)
        assert entity_outcomes(checked.screening, checked.case.screening_decisions)["mill"] == "listed"

        casefile.clear_screening_decision(key)
        assert casefile.load().screening_decisions == ()
        log = [(entry.action, entry.details.get("reason")) for entry in casefile.audit_log()[-3:]]
    assert log == [("dismiss screening hit", "Registered in Henan, not Xinjiang."),
                   ("confirm screening hit", ""), ("reopen screening hit", None)]


def test_a_dismissal_needs_a_reason(case_path: Path) -> None:
    with CaseFile.open(case_path) as casefile:
        with pytest.raises(CaseFileError, match="needs the reason"):
            casefile.decide_screening_hit(ScreeningDecision("wro|x|mill", "mill", "dismissed", "  ", IMPORTED))
        with pytest.raises(CaseFileError, match="Unknown screening decision"):
            casefile.decide_screening_hit(ScreeningDecision("wro|x|mill", "mill", "maybe", "", IMPORTED))
        assert casefile.load().screening_decisions == ()


def test_a_stale_list_is_a_warning_that_says_how_old(case_path: Path, list_files: tuple[Path, Path]) -> None:
    _import_both(list_files, IMPORTED - dt.timedelta(days=45))
    with CaseFile.open(case_path) as casefile:
        checked = check_case(casefile, load_catalog(), TODAY)
    assert checked.screening.state.freshness == "stale"
    [finding] = [f for f in checked.report.findings if f.requirement == "ORG-02" and f.scope == "case"]
    assert finding.severity == "warning" and "46 days ago" in finding.message


def test_one_list_never_imported_is_named(case_path: Path, list_files: tuple[Path, Path]) -> None:
    import_list(list_files[1], IMPORTED)
    with CaseFile.open(case_path) as casefile:
        state = check_case(casefile, load_catalog(), TODAY).screening.state
    assert state.freshness == "stale"
    assert state.problems == ("The DHS UFLPA Entity List was never imported, so no entity was screened against it.",)


def test_matches_are_reused_while_entities_and_lists_stay_the_same(case_path: Path, list_files: tuple[Path, Path]) -> None:
    _import_both(list_files)
    with CaseFile.open(case_path) as casefile:
        case = casefile.load()
        first = screen_case(casefile, case, TODAY)
        again = screen_case(casefile, case, TODAY + dt.timedelta(days=1), previous=first)
        renamed = dataclasses.replace(case, entities=case.entities[:-1])
        other = screen_case(casefile, renamed, TODAY, previous=first)
    assert again.result is first.result
    assert other.result is not first.result and len(other.result.entities) == len(case.entities) - 1


def test_a_damaged_list_copy_in_a_case_is_explained(case_path: Path, list_files: tuple[Path, Path]) -> None:
    _import_both(list_files)
    with CaseFile.open(case_path) as casefile:
        adopt_lists(casefile)
    with sqlite3.connect(case_path) as conn:
        conn.execute("UPDATE screening_lists SET snapshot = '{\"format\": 1}' WHERE list_id = 'wro'")
    with CaseFile.open(case_path, readonly=True) as casefile:
        with pytest.raises(ListStoreError, match="kept in case.tcase cannot be read"):
            lists_in_case(casefile)
    with CaseFile.open(case_path) as casefile:  # importing the list again replaces the damaged copy
        assert [change.key for change in adopt_lists(casefile)] == ["wro"]
        assert set(lists_in_case(casefile)) == {"uflpa", "wro"}


def test_the_case_decisions_load_with_the_case(case_path: Path) -> None:
    decision = ScreeningDecision("uflpa|tianmian textile|mill", "mill", "confirmed", "Same tax id.", IMPORTED)
    with CaseFile.open(case_path) as casefile:
        casefile.decide_screening_hit(decision)
    with CaseFile.open(case_path, readonly=True) as casefile:
        case: Case = casefile.load()
    assert case.screening_decisions == (decision,)
