"""Where a company is: the company dialog edits its region (ISO 3166-2), shows what the check
reads from its address (a place in the XUAR), and settles that finding the way a case
description does, one undo step each."""

from __future__ import annotations

from pathlib import Path

from importer_app.gui.main_window import MainWindow
from importer_app.gui.supply_dialogs import EntityDialog

SHANSHAN = "No. 8 Industrial Park Road, Shanshan County, Turpan"
QINGDAO = "88 Xinjiang Road, Shibei District, Qingdao"


def _status(window: MainWindow, entity_id: str) -> str:
    return next(s.state for s in window.session.report.statuses
                if s.requirement == "ORG-03" and s.scope == f"entity:{entity_id}")


def _add_company(window: MainWindow, monkeypatch, fill) -> EntityDialog:  # type: ignore[no-untyped-def]
    seen: list[EntityDialog] = []

    def filled_in(dialog: EntityDialog) -> int:
        seen.append(dialog)
        dialog.name.setText("Turpan Silicon Materials Co., Ltd.")
        dialog.role.setCurrentIndex(dialog.role.findData("processor"))
        fill(dialog)
        dialog.buttons.accepted.emit()
        return dialog.result()

    monkeypatch.setattr(EntityDialog, "exec", filled_in)
    window.case_view.supply_page.on_add_entity()
    return seen[0]


def test_an_address_in_xinjiang_is_shown_in_the_dialog_and_setting_the_region_records_it(
        window: MainWindow, demo_case: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    said: list[str] = []

    def fill(dialog: EntityDialog) -> None:
        dialog.country.setText("cn")
        dialog.address.setText(SHANSHAN)
        said.append(dialog.location.text())
        assert not dialog.elsewhere.isHidden()
        # The project knows the XUAR's code: it is offered for a company in China.
        assert dialog.subdivision.findData("CN-XJ") > 0
        dialog.subdivision.setCurrentIndex(dialog.subdivision.findData("CN-XJ"))
        said.append(dialog.location.text())
        assert dialog.elsewhere.isHidden()

    steps = window.session.undo_stack.count()
    dialog = _add_company(window, monkeypatch, fill)
    assert "Shanshan County" in said[0] and "set the region to CN-XJ" in said[0]
    assert said[1].startswith("In the Xinjiang Uyghur Autonomous Region (CN-XJ).")
    entity = dialog.entity()
    assert window.session.case.entity(entity.id).subdivision == "CN-XJ"
    assert _status(window, entity.id) == "provided"
    assert window.session.undo_stack.count() == steps + 1
    window.session.undo_stack.undo()
    assert entity.id not in {e.id for e in window.session.case.entities}


def test_a_detected_address_is_settled_with_the_reason_in_one_undo_step(
        window: MainWindow, demo_case: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)

    def fill(dialog: EntityDialog) -> None:
        dialog.country.setText("CN")
        dialog.address.setText(QINGDAO)
        assert "Xinjiang" in dialog.location.text()
        dialog.elsewhere.setText("Xinjiang Road is a street in Qingdao, Shandong.")
        dialog.subdivision.setEditText("cn-sd")

    steps = window.session.undo_stack.count()
    dialog = _add_company(window, monkeypatch, fill)
    entity_id = dialog.entity().id
    assert window.session.case.entity(entity_id).subdivision == "CN-SD"
    assert _status(window, entity_id) == "not_applicable"
    assert any(n.scope == f"entity:{entity_id}" and n.reason.startswith("Xinjiang Road")
               for n in window.session.case.not_applicable)
    assert window.session.undo_stack.count() == steps + 1
    window.session.undo_stack.undo()
    assert entity_id not in {e.id for e in window.session.case.entities}
    assert not any(n.scope == f"entity:{entity_id}" for n in window.session.case.not_applicable)
    window.session.undo_stack.redo()
    assert _status(window, entity_id) == "not_applicable"


def test_without_a_reason_the_detected_address_stays_missing(window: MainWindow, demo_case: Path,
                                                             monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)

    def fill(dialog: EntityDialog) -> None:
        dialog.country.setText("CN")
        dialog.address.setText(QINGDAO)

    entity_id = _add_company(window, monkeypatch, fill).entity().id
    assert _status(window, entity_id) == "missing"


def test_a_region_code_that_is_malformed_or_of_another_country_is_refused(window: MainWindow, demo_case: Path,
                                                                         qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    dialog = EntityDialog(window.session.case, parent=window, catalog=window.session.catalog)
    qtbot.addWidget(dialog)
    dialog.name.setText("Binh Duong Latex Co.")
    dialog.country.setText("VN")
    dialog.subdivision.setEditText("Xinjiang")
    dialog.buttons.accepted.emit()
    assert dialog.result() == 0 and "XINJIANG is not a region code" in dialog.problem.text()
    dialog.subdivision.setEditText("CN-XJ")
    dialog.buttons.accepted.emit()
    assert dialog.result() == 0 and "CN-XJ is not a region of VN" in dialog.problem.text()
    dialog.subdivision.setEditText("VN-57")
    dialog.buttons.accepted.emit()
    assert dialog.result() == 1 and dialog.entity().subdivision == "VN-57"


def test_editing_a_company_keeps_its_region(window: MainWindow, demo_case: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    page = window.case_view.supply_page
    entity = window.session.case.entities[1]

    def set_region(dialog: EntityDialog) -> int:
        dialog.subdivision.setEditText(f"{entity.country}-01")
        dialog.buttons.accepted.emit()
        return dialog.result()

    monkeypatch.setattr(EntityDialog, "exec", set_region)
    page.select("entity", entity.id)
    page.on_edit_entity()
    assert window.session.case.entity(entity.id).subdivision == f"{entity.country}-01"

    def rename(dialog: EntityDialog) -> int:
        assert dialog.subdivision_code() == f"{entity.country}-01"
        dialog.name.setText(entity.name + " (renamed)")
        dialog.buttons.accepted.emit()
        return dialog.result()

    monkeypatch.setattr(EntityDialog, "exec", rename)
    page.select("entity", entity.id)
    page.on_edit_entity()
    edited = window.session.case.entity(entity.id)
    assert edited.name.endswith("(renamed)") and edited.subdivision == f"{entity.country}-01"


def test_emptying_the_reason_reopens_the_detected_address(window: MainWindow, demo_case: Path,
                                                          monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)

    def fill(dialog: EntityDialog) -> None:
        dialog.country.setText("CN")
        dialog.address.setText(QINGDAO)
        dialog.elsewhere.setText("A street in Qingdao.")

    entity_id = _add_company(window, monkeypatch, fill).entity().id
    assert _status(window, entity_id) == "not_applicable"

    def empty(dialog: EntityDialog) -> int:
        assert dialog.elsewhere.text() == "A street in Qingdao."
        dialog.elsewhere.clear()
        dialog.buttons.accepted.emit()
        return dialog.result()

    monkeypatch.setattr(EntityDialog, "exec", empty)
    page = window.case_view.supply_page
    page.select("entity", entity_id)
    page.on_edit_entity()
    assert _status(window, entity_id) == "missing"
    window.session.undo_stack.undo()
    assert _status(window, entity_id) == "not_applicable"
