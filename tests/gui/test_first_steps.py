"""A new case's empty pages say what to do first and offer the button; the Review page's top
names the next three things to fix."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from window_support import start_new_case

from importer_app.core.model import Entity, Link
from importer_app.gui.commands import AddEntity, AddLink, UpdateLink
from importer_app.gui.main_window import MainWindow
from importer_app.gui.review_page import FINDING_ROLE


@pytest.fixture
def new_case(window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    start_new_case(window, tmp_path / "new.tcase", monkeypatch)
    return window


def test_an_empty_supply_chain_says_to_add_the_seller_and_its_button_opens_the_dialog(
        new_case: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    page = new_case.case_view.supply_page
    new_case.case_view.show_step("Supply chain")
    assert page.first_step.isVisible()
    assert page.first_step.label.text().startswith("First add the company that sold you the goods")
    opened = []
    monkeypatch.setattr(page, "on_add_entity", lambda: opened.append("company"))
    page._show_first_step()  # the banner's button calls the page's own action
    qtbot.mouseClick(page.first_step.button, Qt.MouseButton.LeftButton)
    assert opened == ["company"] and page.first_step.button.text() == "Add company…"

    session = new_case.session
    seller = Entity("seller", "Thanh Cong Solar JSC", "exporter", "VN")
    session.apply(AddEntity(session.casefile, session, seller))
    assert page.first_step.isVisible() and page.first_step.button.text() == "Add transfer…"
    importer = next(e for e in session.case.entities if e.role == "importer")
    session.apply(AddLink(session.casefile, session, Link("l1", "seller", importer.id, "solar modules", 1200, "pcs")))
    assert not page.first_step.isVisible()
    session.undo_stack.undo()
    assert page.first_step.isVisible()


def test_an_empty_documents_page_offers_add_files(new_case: MainWindow, qtbot, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog
    from builders import make_pdf

    page = new_case.case_view.documents_page
    new_case.case_view.show_step("Documents")
    assert page.first_step.isVisible() and page.first_step.button.text() == "Add files…"
    invoice = tmp_path / "invoice.pdf"
    invoice.write_bytes(make_pdf(["Commercial invoice INV-1"]))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(invoice)], ""))
    with qtbot.waitSignal(page.intake_finished, timeout=60_000):
        qtbot.mouseClick(page.first_step.button, Qt.MouseButton.LeftButton)
    assert [d.path for d in new_case.session.case.documents] == ["invoice.pdf"]
    assert not page.first_step.isVisible()


def test_the_review_page_names_three_next_steps_and_a_click_explains_the_first(
        new_case: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    new_case.case_view.show_step("Review")
    page = new_case.case_view.review_page
    shown = [b for b in page.next_buttons if b.isVisible()]
    assert len(shown) == 3
    assert [b.full_text()[:3] for b in shown] == ["1. ", "2. ", "3. "]
    # A new case's chain is only its importer: building the chain comes before its documents.
    assert page.next_steps()[0].kind == "structure"
    assert "Harborline Solar Inc." in shown[0].full_text()
    # A long step is cut to the width it gets, never widening the page.
    assert all(b.sizeHint().width() <= page.width() for b in shown)
    page.severity.setCurrentIndex(page.severity.findText("Set aside", Qt.MatchFlag.MatchStartsWith))
    qtbot.mouseClick(shown[0], Qt.MouseButton.LeftButton)
    assert page.tree.currentIndex().data(FINDING_ROLE) == page.next_steps()[0]
    assert page.details.toPlainText().startswith("Missing")


def test_with_nothing_missing_the_next_step_is_export(window: MainWindow, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    page = window.case_view.review_page
    window.case_view.show_step("Review")
    session = window.session
    # The knitter's yield as corrected from its production records: its quantities reconcile.
    link = next(k for k in session.case.links if k.id == "spinner-knitter")
    session.apply(UpdateLink(session.casefile, session, link, dataclasses.replace(link, yield_=1.05)))
    page.ask_reason = lambda finding: "Not needed for this transfer: covered by the annual contract"
    for _ in range(2):
        qtbot.mouseClick(page.next_buttons[0], Qt.MouseButton.LeftButton)
        assert page.tree.currentIndex().data(FINDING_ROLE).kind == "requirement"
        qtbot.mouseClick(page.na_button, Qt.MouseButton.LeftButton)
    assert page.next_steps() == []
    first = page.next_buttons[0]
    assert first.isVisible() and "export" in first.full_text().lower()
    assert not any(b.isVisible() for b in page.next_buttons[1:])
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
    assert window.case_view.pages.currentWidget() is window.case_view.export_page
