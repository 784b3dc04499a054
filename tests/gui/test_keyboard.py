"""The keyboard: undo and redo reach the case from any field, both redo keys, Ctrl+1..6."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def _port_name(window) -> str:  # type: ignore[no-untyped-def]
    return window.session.case.shipment.port_name


def test_ctrl_z_after_tabbing_on_undoes_the_case_edit_not_the_next_field(window, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    window.activateWindow()
    page = window.case_view.shipment_page
    field = page.editors["port_name"]
    before = _port_name(window)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Long Beach")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert _port_name(window) == "Long Beach"
    focused = QApplication.focusWidget()
    assert focused is not field and focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _port_name(window) == before
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _port_name(window) == "Long Beach"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert _port_name(window) == "Long Beach"


def test_a_field_with_its_own_typing_to_undo_keeps_ctrl_z(window, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    window.activateWindow()
    field = window.case_view.shipment_page.editors["port_name"]
    saved = _port_name(window)
    field.setFocus()
    qtbot.keyClicks(field, "xyz")
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.text() != saved + "xyz"  # the field's own typing was undone
    assert _port_name(window) == saved  # and nothing in the case was touched


@pytest.mark.parametrize(("number", "step"), [(1, "Shipment"), (3, "Documents"), (6, "Export")])
def test_ctrl_and_a_digit_goes_to_that_step(window, demo_case: Path, qtbot, number: int, step: str) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    window.activateWindow()
    key = getattr(Qt.Key, f"Key_{number}")
    field = window.case_view.shipment_page.editors["port_name"]
    field.setFocus()
    qtbot.keyClick(field, key, Qt.KeyboardModifier.ControlModifier)
    current = window.case_view.steps.currentItem().data(Qt.ItemDataRole.UserRole)
    assert current == step


def test_ctrl_w_closes_the_case(window, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    window.activateWindow()
    field = window.case_view.shipment_page.editors["port_name"]
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.session is None


def test_the_step_keys_still_work_after_closing_and_opening_again(window, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):
        assert window.open_case_path(demo_case)
        window.close_case()
    assert window.open_case_path(demo_case)
    window.activateWindow()
    field = window.case_view.shipment_page.editors["port_name"]
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.case_view.steps.currentItem().data(Qt.ItemDataRole.UserRole) == "Review"
