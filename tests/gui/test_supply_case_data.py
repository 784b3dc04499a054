"""The Supply chain dialogs edit the rest of each company and transfer: who owns a company,
and a transfer's kind of material and payment terms; each dialog's OK is one undo step."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from importer_app.core import vocab
from importer_app.core.model import RecipeRow
from importer_app.store.casefile import CaseFile
from importer_app.gui.main_window import MainWindow
from importer_app.gui.supply_dialogs import EntityDialog, LinkDialog


def _run(monkeypatch, dialog_class, fill: Callable) -> list:  # type: ignore[no-untyped-def]
    seen: list = []

    def filled_in(dialog) -> int:  # type: ignore[no-untyped-def]
        seen.append(dialog)
        fill(dialog)
        dialog.buttons.accepted.emit()
        return dialog.result()

    monkeypatch.setattr(dialog_class, "exec", filled_in)
    return seen


def test_the_company_dialog_records_its_owner(window: MainWindow, demo_case: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    session, page = window.session, window.case_view.supply_page
    entity = session.case.entities[1]
    assert entity.owner == ""
    page.select("entity", entity.id)

    def fill(dialog: EntityDialog) -> None:
        assert dialog.owner.text() == "" and "owns it" in dialog.owner.placeholderText()
        dialog.owner.setText("  Example   Solar Group ")

    _run(monkeypatch, EntityDialog, fill)
    steps = session.undo_stack.count()
    page.on_edit_entity()
    assert session.case.entity(entity.id).owner == "Example Solar Group"
    assert session.undo_stack.count() == steps + 1
    model = page.entity_model
    row = model.row_of(entity.id)
    assert "Owned by Example Solar Group" in model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)

    def shown(dialog: EntityDialog) -> None:
        assert dialog.owner.text() == "Example Solar Group"
        # Owners already written are offered, so the same group is spelled alike.
        assert "Example Solar Group" in dialog.owner.completer().model().stringList()

    _run(monkeypatch, EntityDialog, shown)
    page.select("entity", entity.id)
    page.on_edit_entity()
    assert session.undo_stack.count() == steps + 1  # nothing changed, nothing to undo
    session.undo_stack.undo()
    assert session.case.entity(entity.id).owner == ""


def test_the_transfer_dialog_records_the_material_class_and_payment_terms(
        window: MainWindow, demo_case: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    session, page = window.session, window.case_view.supply_page
    link = session.case.links[0]
    assert (link.material_class, link.payment_terms) == ("", "")

    def fill(dialog: LinkDialog) -> None:
        classes = [dialog.material_class.itemData(i) for i in range(dialog.material_class.count())]
        assert classes == ["", *vocab.MATERIAL_CLASSES]
        # Each class is offered as a plain sentence, never as the value the case file stores.
        labels = [dialog.material_class.itemText(i) for i in range(dialog.material_class.count())]
        assert all(len(label.split()) > 4 and label not in classes for label in labels)
        terms = {dialog.payment.itemData(i) for i in range(dialog.payment.count())}
        assert terms == {"", "net", *vocab.PAYMENT_TERMS}
        assert not dialog.net_days.isEnabled()
        dialog.material_class.setCurrentIndex(dialog.material_class.findData("auxiliary"))
        dialog.payment.setCurrentIndex(dialog.payment.findData("net"))
        assert dialog.net_days.isEnabled()
        dialog.net_days.setValue(45)

    _run(monkeypatch, LinkDialog, fill)
    steps = session.undo_stack.count()
    page.select("link", link.id)
    page.on_edit_link()
    edited = next(k for k in session.case.links if k.id == link.id)
    assert (edited.material_class, edited.payment_terms) == ("auxiliary", "net 45")
    assert session.undo_stack.count() == steps + 1
    model = page.link_model
    row = next(r for r in range(model.rowCount()) if model.link_at(r).id == link.id)
    tip = model.index(row, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "Auxiliary: packaging" in tip and "Payment: Paid 45 days after shipment" in tip

    def reopen(dialog: LinkDialog) -> None:
        assert dialog.material_class.currentData() == "auxiliary"
        assert dialog.payment.currentData() == "net" and dialog.net_days.value() == 45
        dialog.material_class.setCurrentIndex(dialog.material_class.findData("raw"))
        dialog.payment.setCurrentIndex(dialog.payment.findData("consignment"))

    _run(monkeypatch, LinkDialog, reopen)
    page.select("link", link.id)
    page.on_edit_link()
    edited = next(k for k in session.case.links if k.id == link.id)
    assert (edited.material_class, edited.payment_terms) == ("raw", "consignment")
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert next(k for k in session.case.links if k.id == link.id) == link


def _cell(dialog: EntityDialog, row: int, column: int, text: str) -> None:
    dialog.recipe.table.item(row, column).setText(text)


def test_the_company_dialog_edits_the_recipe_as_one_undo_step(window: MainWindow, demo_case: Path, qtbot,  # type: ignore[no-untyped-def]
                                                              monkeypatch) -> None:
    assert window.open_case_path(demo_case)
    session, page = window.session, window.case_view.supply_page
    entity = next(e for e in session.case.entities if e.role == "processor")
    assert entity.recipe == ()
    page.select("entity", entity.id)

    def fill(dialog: EntityDialog) -> None:
        table = dialog.recipe.table
        assert table.rowCount() == 0
        for material, output, unit in (("Raw cotton lint", "0.85", "kg"), ("polyester staple", "0.9", "t"),
                                       ("spin finish", "1", "kg")):
            qtbot.mouseClick(dialog.recipe.add, Qt.MouseButton.LeftButton)
            row = table.rowCount() - 1
            assert table.item(row, 2).text() == "kg"  # a new row starts in kg
            _cell(dialog, row, 0, material), _cell(dialog, row, 1, output), _cell(dialog, row, 2, unit)
        table.selectRow(2)
        qtbot.mouseClick(dialog.recipe.remove, Qt.MouseButton.LeftButton)
        assert table.rowCount() == 2

    _run(monkeypatch, EntityDialog, fill)
    steps = session.undo_stack.count()
    page.on_edit_entity()
    assert session.case.entity(entity.id).recipe == (RecipeRow("Raw cotton lint", 0.85, "kg"),
                                                      RecipeRow("polyester staple", 0.9, "t"))
    assert session.undo_stack.count() == steps + 1
    with CaseFile.open(demo_case, readonly=True) as casefile:
        assert casefile.load().entity(entity.id).recipe == session.case.entity(entity.id).recipe
    session.undo_stack.undo()
    assert session.case.entity(entity.id).recipe == ()
    session.undo_stack.redo()
    assert len(session.case.entity(entity.id).recipe) == 2


@pytest.mark.parametrize(("cells", "said"), [
    (("resin", "1,82", "kg"), "Row 1 of the recipe (resin): the output per unit must be a number more than 0, like 1.82."),
    (("resin", "0", "kg"), "the output per unit must be a number more than 0"),
    (("", "2", "kg"), "Row 1 of the recipe has no material"),
    (("resin", "2", "sacks"), "The recipe counts 'resin' in 'sacks', which is not a unit the app converts"),
])
def test_a_recipe_row_the_check_cannot_read_keeps_the_dialog_open_with_a_sentence(  # type: ignore[no-untyped-def]
        window: MainWindow, demo_case: Path, qtbot, cells: tuple[str, str, str], said: str) -> None:
    assert window.open_case_path(demo_case)
    entity = next(e for e in window.session.case.entities if e.role == "processor")
    dialog = EntityDialog(window.session.case, entity, parent=window, catalog=window.session.catalog)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.recipe.add, Qt.MouseButton.LeftButton)
    for column, text in enumerate(cells):
        _cell(dialog, 0, column, text)
    dialog.buttons.accepted.emit()
    assert dialog.result() == 0 and said in dialog.problem.text()


def test_the_recipe_table_fits_a_1024_by_700_screen_without_scrolling_sideways(  # type: ignore[no-untyped-def]
        window: MainWindow, demo_case: Path, qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    assert window.open_case_path(demo_case)
    entity = next(e for e in window.session.case.entities if e.role == "processor")
    long_name = "Polyester staple fibre, semi-dull, 1.4 denier x 38 mm, recycled from post-consumer bottles"
    entity = dataclasses.replace(entity, recipe=(RecipeRow(long_name, 0.9, "kg"), RecipeRow("cotton lint", 0.85, "kg")))
    dialog = EntityDialog(window.session.case, entity, parent=window, catalog=window.session.catalog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    hint = dialog.sizeHint()
    assert hint.width() <= 1024 and hint.height() <= 700, hint
    assert dialog.recipe.table.horizontalScrollBar().maximum() == 0
    assert dialog.recipe.table.item(0, 0).text() == long_name and dialog.recipe.table.item(0, 1).text() == "0.9"
