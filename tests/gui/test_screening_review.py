"""List screening in the window: list status, importing a list, deciding on hits, map badges."""

from __future__ import annotations

from pathlib import Path

from importer_app.demo.listfiles import wro_csv, wro_row
from importer_app.gui.main_window import MainWindow
from importer_app.gui.review_page import FINDING_ROLE


def _open_review(window: MainWindow, demo_case: Path):  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    window.case_view.show_step("Review")
    page = window.case_view.review_page
    page.severity.setCurrentIndex(page.severity.findText("Everything"))
    return page


def _select_screening(page, entity_id: str) -> None:  # type: ignore[no-untyped-def]
    model = page.model
    for c in range(model.rowCount()):
        category = model.index(c, 0)
        for r in range(model.rowCount(category)):
            requirement = model.index(r, 0, category)
            for leaf in range(model.rowCount(requirement)):
                index = model.index(leaf, 0, requirement)
                finding = index.data(FINDING_ROLE)
                if finding.kind == "screening" and finding.scope == f"entity:{entity_id}":
                    page.tree.setCurrentIndex(index)
                    return
    raise AssertionError(f"no screening finding for {entity_id}")


def _screening_severities(window: MainWindow, entity_id: str) -> list[str]:
    return [f.severity for f in window.session.report.findings if f.kind == "screening" and f.scope == f"entity:{entity_id}"]


def _badge(window: MainWindow, entity_id: str) -> str:
    return window.case_view.supply_page.map.boxes[entity_id].screening


def test_the_page_names_the_lists_the_case_keeps(window: MainWindow, demo_case: Path) -> None:
    page = _open_review(window, demo_case)
    text = page.lists_label.text()
    assert "DHS UFLPA Entity List" in text and "demo-uflpa-entity-list.html" in text
    assert "demo-wro-findings.csv" in text and text.count("kept in this case") == 2


def test_reopening_a_dismissed_hit_blocks_again_and_undo_restores_it(window: MainWindow, demo_case: Path) -> None:
    page = _open_review(window, demo_case)
    _select_screening(page, "knitter")
    assert page.reopen_button.isVisibleTo(page) and not page.dismiss_button.isVisibleTo(page)
    page.reopen_button.click()
    assert _screening_severities(window, "knitter") == ["missing"]
    assert _badge(window, "knitter") == "open"
    _select_screening(page, "knitter")
    assert page.dismiss_button.isVisibleTo(page) and page.confirm_button.isVisibleTo(page)
    assert not page.add_button.isEnabled()

    page.ask_dismissal = lambda name, candidate: None  # the user cancels: nothing changes
    page.dismiss_button.click()
    assert _screening_severities(window, "knitter") == ["missing"]

    window.session.undo_stack.undo()
    assert _screening_severities(window, "knitter") == ["info"]
    assert _badge(window, "knitter") == "dismissed"


def test_an_imported_list_screens_the_case_and_a_confirmed_hit_is_kept(window: MainWindow, demo_case: Path,
                                                                       tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _open_review(window, demo_case)
    listed = tmp_path / "withhold-release-orders-findings.csv"
    listed.write_bytes(wro_csv([wro_row("Kestrel Delta Spinning Joint Stock Company", country="Vietnam")]))
    page.choose_list_file = lambda: listed
    page.import_button.click()
    qtbot.waitUntil(lambda: page.list_worker is not None and not page.list_worker.running, timeout=20_000)
    qtbot.waitUntil(lambda: "withhold-release-orders-findings.csv" in page.lists_label.text(), timeout=5_000)
    assert "withhold-release-orders-findings.csv imported" in page.details.toPlainText()
    assert _screening_severities(window, "spinner") == ["missing"]
    assert window.session.casefile.screening_lists()["wro"]  # kept in the case

    _select_screening(page, "spinner")
    page.ask_confirmation = lambda name, candidate: "Same tax code 1101862409."
    page.confirm_button.click()
    assert _screening_severities(window, "spinner") == ["warning"]
    assert _badge(window, "spinner") == "listed"
    [decision] = [d for d in window.session.case.screening_decisions if d.entity_id == "spinner"]
    assert (decision.decision, decision.reason) == ("confirmed", "Same tax code 1101862409.")


def test_a_malformed_list_is_refused_and_the_lists_in_use_stay(window: MainWindow, demo_case: Path,
                                                              tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _open_review(window, demo_case)
    broken = tmp_path / "list.csv"
    broken.write_bytes(b"\"Not\",\"A\",\"List\"\r\n\"1\",\"2\",\"3\"\r\n")
    page.choose_list_file = lambda: broken
    page.import_button.click()
    qtbot.waitUntil(lambda: "List not imported" in page.details.toPlainText(), timeout=20_000)
    assert "list.csv" in page.details.toPlainText()
    assert "demo-wro-findings.csv" in page.lists_label.text()
    assert page.import_button.isEnabled()


def test_the_screening_item_itself_can_be_set_aside_with_a_reason(window: MainWindow, tmp_path: Path) -> None:
    import datetime as dt

    from importer_app.core.model import Entity, Shipment
    from importer_app.store.casefile import CaseFile

    path = tmp_path / "case.tcase"
    shipment = Shipment("uflpa-applicability", "ABC-1234567-8", "Acme", "shirts", 1, "pcs", "VN", dt.date(2026, 11, 2))
    with CaseFile.create(path, shipment) as casefile:
        casefile.add_entity(Entity("importer", "Acme Apparel Inc.", "importer", "US"))
    page = _open_review(window, path)
    model = page.model
    category = next(model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data().startswith("Screening"))
    page.tree.setCurrentIndex(model.index(0, 0, model.index(0, 0, category)))
    assert "never imported" in page.lists_label.text()
    assert page.na_button.isEnabled()
    page.ask_reason = lambda finding: "Screened by outside counsel; their record is in the cover letter."
    page.na_button.click()
    assert not [f for f in window.session.report.findings if f.requirement == "ORG-02"]
