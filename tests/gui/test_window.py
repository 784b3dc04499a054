"""The window as a user meets it: open a case, edit it, undo, and see every view follow."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest

from importer_app.core.model import Entity, Link
from importer_app.gui.commands import AddEntity, AddLink, SetShipment
from importer_app.gui.main_window import MainWindow
from importer_app.gui.models import EntityTableModel, LinkTableModel
from importer_app.store.casefile import CaseFile, Change


def test_the_start_screen_lists_recent_cases(window: MainWindow, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.stack.currentWidget() is window.start_page
    assert window.start_page.no_recent.isVisible() and not window.start_page.recent.isVisible()
    assert window.open_case_path(demo_case)
    window.close_case()
    assert window.stack.currentWidget() is window.start_page
    assert window.start_page.recent.isVisible() and not window.start_page.no_recent.isVisible()
    first = window.start_page.recent.item(0)
    assert first.text().startswith("demo.tcase")
    with qtbot.waitSignal(window.start_page.open_recent, timeout=5000) as opened:
        window.start_page.recent.itemActivated.emit(first)
    assert opened.args == [demo_case.resolve()]


def test_opening_the_demo_shows_its_companies_in_the_table_and_the_map(window: MainWindow, demo_case: Path) -> None:
    assert window.open_case_path(demo_case)
    page = window.case_view.supply_page
    names = {page.entity_model.index(r, 0).data() for r in range(page.entity_model.rowCount())}
    assert "Harborline Apparel Inc." in names and len(names) >= 6
    assert set(page.map.boxes) == {e.id for e in window.session.case.entities}
    assert "demo" in window.windowTitle().lower() or "Harborline" in window.windowTitle()
    assert "days left" in window.deadline_label.text()


def test_a_case_that_cannot_be_opened_is_explained_and_nothing_changes(window: MainWindow, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(window, "show_problem", lambda title, message: shown.append(message))
    bogus = tmp_path / "bogus.tcase"
    bogus.write_text("not a case")
    assert not window.open_case_path(bogus)
    assert "is not an importer_app case file" in shown[0]
    assert window.session is None and window.stack.currentWidget() is window.start_page


def test_a_shipment_edit_can_be_undone_and_redone(window: MainWindow, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    session = window.session
    page = window.case_view.shipment_page
    editor = page.editors["port_name"]
    editor.setText("Long Beach")
    with qtbot.waitSignal(session.changed, timeout=5000):
        editor.editingFinished.emit()
    assert session.case.shipment.port_name == "Long Beach"
    session.undo_stack.undo()
    assert session.case.shipment.port_name == "Los Angeles"
    assert editor.text() == "Los Angeles"
    session.undo_stack.redo()
    assert editor.text() == "Long Beach"
    assert session.casefile.load().shipment.port_name == "Long Beach"


def test_an_invalid_shipment_value_is_explained_and_not_saved(window: MainWindow, demo_case: Path) -> None:
    assert window.open_case_path(demo_case)
    page = window.case_view.shipment_page
    page.editors["country_of_origin"].setText("V")
    page.commit("country_of_origin")
    assert not page.errors["country_of_origin"].isHidden()
    assert "two-letter" in page.errors["country_of_origin"].text()
    assert window.session.case.shipment.country_of_origin == "VN"
    assert window.session.undo_stack.count() == 0


def test_adding_a_company_and_a_transfer_updates_tables_and_map(window: MainWindow, demo_case: Path) -> None:
    assert window.open_case_path(demo_case)
    session = window.session
    page = window.case_view.supply_page
    rows = page.entity_model.rowCount()
    dye = Entity("dyehouse", "Song Hau Dyeing Co.", "processor", "VN")
    assert session.apply(AddEntity(session.casefile, session, dye))
    factory = next(e for e in session.case.entities if e.role == "manufacturer")
    link = Link("dyehouse-factory", "dyehouse", factory.id, "dyed fabric", 100.0, "kg")
    assert session.apply(AddLink(session.casefile, session, link))
    assert page.entity_model.rowCount() == rows + 1
    assert "dyehouse" in page.map.boxes
    assert page.link_model.index(page.link_model.rowCount() - 1, 2).data() == "dyed fabric"
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert "dyehouse" not in page.map.boxes and page.entity_model.rowCount() == rows


def test_an_edit_the_store_refuses_is_explained_and_not_on_the_undo_stack(window: MainWindow, demo_case: Path,
                                                                          qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    session = window.session
    taken = session.case.entities[0]
    messages: list[str] = []
    session.failed.connect(messages.append)
    assert not session.apply(AddEntity(session.casefile, session, dataclasses.replace(taken, name="Duplicate")))
    assert messages and "Could not add entity" in messages[0]
    assert session.undo_stack.count() == 0


def test_clicking_a_company_on_the_map_selects_it_in_the_table(window: MainWindow, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    page = window.case_view.supply_page
    target = window.session.case.entities[2].id
    with qtbot.waitSignal(page.entity_selected, timeout=5000) as blocker:
        page.map.boxes[target].setSelected(True)
    assert blocker.args == [target]
    assert page.selected_entity_id() == target


def test_the_regime_selector_changes_the_regime_and_explains_it(window: MainWindow, demo_case: Path) -> None:
    assert window.open_case_path(demo_case)
    page = window.case_view.shipment_page
    page.regime.setCurrentIndex(page.regime.findData("wro"))
    page.on_regime_activated(page.regime.currentIndex())
    assert window.session.case.shipment.regime == "wro"
    assert "12.43" in page.regime_help.text()
    assert any(d.rule == "DL-04" for d in window.session.report.deadlines)


@pytest.mark.parametrize("model_class", [EntityTableModel, LinkTableModel])
def test_table_models_follow_qt_rules(window: MainWindow, demo_case: Path, qtmodeltester, model_class) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    qtmodeltester.check(model_class(window.session))


def test_undo_and_redo_are_in_the_edit_menu(window: MainWindow, demo_case: Path) -> None:
    assert window.open_case_path(demo_case)
    texts = [a.text() for a in window.edit_menu.actions()]
    assert any("Undo" in t for t in texts) and any("Redo" in t for t in texts)


def test_a_copy_of_the_open_case_opens_elsewhere(window: MainWindow, demo_case: Path, tmp_path: Path) -> None:
    assert window.open_case_path(demo_case)
    copy = tmp_path / "copy.tcase"
    window.session.casefile.save_copy(copy)
    with CaseFile.open(copy, readonly=True) as casefile:
        assert casefile.load() == window.session.case


def test_a_request_letter_lists_what_a_supplier_still_owes(window: MainWindow, demo_case: Path, tmp_path: Path) -> None:
    import pypdf

    assert window.open_case_path(demo_case)
    page = window.case_view.supply_page
    target = tmp_path / "to-the-spinner.pdf"
    assert page.write_request_letter("spinner", target)
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(target).pages).split())
    assert "Kestrel Delta Spinning JSC" in text and "Logistics record" in text and "Proof of payment" in text


def test_a_case_that_turns_read_only_while_open_is_explained_on_closing(window: MainWindow, demo_case: Path) -> None:
    assert window.open_case_path(demo_case)
    warned: list[str] = []
    window.warn_on_close = lambda title, text: warned.append(text)
    if subprocess.run(["chattr", "+i", str(demo_case)], capture_output=True, check=False).returncode != 0:
        pytest.skip("chattr +i is not available here (needs root on ext4), and root ignores chmod")
    try:
        window.session.casefile.set_setting("signer.name", "Dana Whitfield")
        window.close_case()
    finally:
        subprocess.run(["chattr", "-i", str(demo_case)], check=False)
    assert window.session is None and window.stack.currentWidget() is window.start_page
    assert "demo.tcase-wal: keep the two files together" in warned[0]
    with CaseFile.open(demo_case) as casefile:
        assert casefile.setting("signer.name") == "Dana Whitfield"


def test_a_read_only_case_can_be_opened_to_read_and_check_but_not_changed(window: MainWindow,
                                                                         demo_case: Path) -> None:
    if subprocess.run(["chattr", "+i", str(demo_case)], capture_output=True, check=False).returncode != 0:
        pytest.skip("chattr +i is not available here (needs root on ext4), and root ignores chmod")
    try:
        asked: list[Path] = []
        window.ask_open_read_only = lambda path: asked.append(path) or False
        assert not window.open_case_path(demo_case)
        assert asked == [demo_case] and window.session is None

        window.ask_open_read_only = lambda path: True
        problems: list[str] = []
        assert window.open_case_path(demo_case)
        assert window.session is not None and window.session.casefile.readonly
        window.session.failed.connect(problems.append)
        window.on_case_changed(Change("case", "update", "case"))
        assert "(read-only)" in window.windowTitle()
        assert len(window.session.report.findings) > 0  # the check runs
        shipment = window.session.case.shipment
        window.session.apply(SetShipment(window.session.casefile, window.session, shipment,
                                         dataclasses.replace(shipment, port_name="Oakland"), "port name"))
        assert problems and "open read-only" in problems[0]
        window.close_case()
    finally:
        subprocess.run(["chattr", "-i", str(demo_case)], check=False)
