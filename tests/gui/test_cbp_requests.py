"""CBP's requests for information and the evidence statement, on the Shipment page: each
request with its answer and the documents sent (chosen from the case), and the statement a
named person signs off, which the window says no software can judge."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt

from importer_app.core.model import Inquiry
from importer_app.gui.cbp_requests import NOT_JUDGED, InquiryDialog, contended
from importer_app.gui.main_window import MainWindow
from importer_app.gui.shipment_page import ShipmentPage


def _state(window: MainWindow, requirement: str) -> str:
    return next(s.state for s in window.session.report.statuses if s.requirement == requirement)


def _set_regime(window: MainWindow, regime: str) -> ShipmentPage:
    page = window.case_view.shipment_page
    page.regime.setCurrentIndex(page.regime.findData(regime))
    page.on_regime_activated(page.regime.currentIndex())
    assert window.session.case.shipment.regime == regime
    return page


def _fill(dialog: InquiryDialog, asked: str, answered: dt.date | None, documents: int) -> None:
    dialog.date.setDate(dt.date(2026, 11, 10))
    dialog.asked.setPlainText(asked)
    if answered is not None:
        dialog.answered.known.setChecked(True)
        dialog.answered.picker.setDate(answered)
    for row in range(documents):
        dialog.exhibits.item(row).setCheckState(Qt.CheckState.Checked)


def test_a_request_is_recorded_answered_and_removed_each_one_undo_step(window: MainWindow, demo_case: Path,
                                                                      qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    page = _set_regime(window, "uflpa-exception")
    box = page.inquiries
    existing = len(window.session.case.inquiries)
    dialogs: list[InquiryDialog] = []

    def ask(inquiry):  # type: ignore[no-untyped-def]
        dialog = InquiryDialog(window.session.case, inquiry, window.session.today(), window.session.catalog.contentions, box)
        qtbot.addWidget(dialog)
        dialogs.append(dialog)
        _fill(dialog, "CBP Form 28: the spinner's cotton purchase records", None, 0)
        dialog.buttons.accepted.emit()
        return dialog.inquiry() if dialog.result() else None

    box.ask = ask
    box.add_button.click()
    assert len(window.session.case.inquiries) == existing + 1
    added = window.session.case.inquiries[-1]
    assert added.asked.startswith("CBP Form 28") and not added.answered
    assert _state(window, "REG-05") == "missing"
    assert box.table.rowCount() == existing + 1 and box.table.item(existing, 2).text() == "not yet"

    def answer(inquiry):  # type: ignore[no-untyped-def]
        dialog = InquiryDialog(window.session.case, inquiry, window.session.today(), window.session.catalog.contentions, box)
        qtbot.addWidget(dialog)
        assert dialog.asked.toPlainText().startswith("CBP Form 28")
        _fill(dialog, inquiry.asked, dt.date(2026, 11, 20), 2)
        dialog.buttons.accepted.emit()
        return dialog.inquiry()

    box.ask = answer
    box.table.selectRow(existing)
    box.edit_button.click()
    answered = window.session.case.inquiries[-1]
    assert answered.response_date == dt.date(2026, 11, 20) and len(answered.response_exhibits) == 2
    assert answered.response_exhibits[0] == window.session.case.documents[0].path
    # Met only when every recorded request has its answer.
    assert (_state(window, "REG-05") == "missing") == any(not i.answered for i in window.session.case.inquiries)
    window.session.undo_stack.undo()
    assert not window.session.case.inquiries[-1].answered
    window.session.undo_stack.redo()

    box.confirm_removal = lambda inquiry: True
    box.table.selectRow(existing)
    box.remove_button.click()
    assert len(window.session.case.inquiries) == existing
    window.session.undo_stack.undo()
    assert window.session.case.inquiries[-1] == answered


def test_an_answer_before_the_request_or_without_what_was_asked_is_refused(window: MainWindow, demo_case: Path,
                                                                           qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    dialog = InquiryDialog(window.session.case, None, window.session.today(), window.session.catalog.contentions)
    qtbot.addWidget(dialog)
    dialog.buttons.accepted.emit()
    assert dialog.problem.text() == "Say in a few words what CBP asked for." and dialog.result() == 0
    _fill(dialog, "Supplier list", dt.date(2026, 11, 1), 1)
    dialog.buttons.accepted.emit()
    assert dialog.problem.text() == "The answer (2026-11-01) cannot be before CBP's request (2026-11-10)."
    assert dialog.result() == 0


def test_the_evidence_statement_is_signed_off_by_a_named_person_and_the_window_says_it_is_not_judged(
        window: MainWindow, demo_case: Path) -> None:
    assert window.open_case_path(demo_case)
    page = window.case_view.shipment_page
    assert page.evidence_statement.isHidden()  # an applicability review asks for no such statement
    page = _set_regime(window, "uflpa-exception")
    box = page.evidence_statement
    assert not box.isHidden()
    assert NOT_JUDGED in [label.text() for label in box.findChildren(type(box.state))]
    assert _state(window, "REG-06") == "missing"
    box.sign_button.click()
    assert box.problem.text() == "Write the summary and the name of the person who signs it off."
    box.summary.setPlainText("Every input is traced to farms in Texas by gin and bale records.")
    box.signed_by.setText("Dana Whitfield, Compliance Director")
    box.signed_on.setDate(dt.date(2026, 11, 27))
    box.sign_button.click()
    statement = window.session.case.evidence_statement
    assert statement is not None and statement.signed_by == "Dana Whitfield, Compliance Director"
    assert statement.signed_on == dt.date(2026, 11, 27)
    assert _state(window, "REG-06") != "missing"
    assert box.state.text().startswith("Signed off by Dana Whitfield, Compliance Director on 2026-11-27.")
    box.withdraw_button.click()
    assert window.session.case.evidence_statement is None and _state(window, "REG-06") == "missing"
    window.session.undo_stack.undo()
    assert window.session.case.evidence_statement == statement


def test_go_to_on_review_opens_the_box_where_a_case_wide_condition_is_filled_in(window: MainWindow,
                                                                              demo_case: Path) -> None:
    from importer_app.gui.review_page import FINDING_ROLE, _indexes

    assert window.open_case_path(demo_case)
    _set_regime(window, "uflpa-exception")
    window.case_view.show_step("Review")
    review = window.case_view.review_page
    index = next(i for i in _indexes(review.model)
                 if i.data(FINDING_ROLE) is not None and i.data(FINDING_ROLE).requirement == "REG-06")
    review.tree.setCurrentIndex(index)
    assert review.go_button.isEnabled()
    review.go_button.click()
    assert window.case_view.pages.currentWidget() is window.case_view.shipment_page
    box = window.case_view.shipment_page.evidence_statement
    scroll = window.case_view.shipment_page.scroll
    top = box.mapTo(scroll.widget(), box.rect().topLeft()).y()
    assert scroll.verticalScrollBar().value() <= top <= scroll.verticalScrollBar().value() + scroll.viewport().height()


def _lot_segregation(window: MainWindow) -> list[tuple[str, str]]:
    return [(f.severity, f.message) for f in window.session.report.findings if f.requirement == "SCT-17"]


def test_what_cbp_contends_is_ticked_on_the_request_and_undone_in_one_step(window: MainWindow, demo_case: Path,
                                                                          qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    box = window.case_view.shipment_page.inquiries
    # The demo's stock cards would answer the item: without them its level shows.
    for document in [d for d in window.session.case.documents if d.type == "inventory_record"]:
        window.session.refresh_after(window.session.casefile.remove_document(document.path))
    before = _lot_segregation(window)
    assert [severity for severity, _ in before] == ["info"]
    existing = len(window.session.case.inquiries)

    def record(inquiry):  # type: ignore[no-untyped-def]
        dialog = InquiryDialog(window.session.case, inquiry, window.session.today(), window.session.catalog.contentions, box)
        qtbot.addWidget(dialog)
        assert [b.text() for b in dialog.contends.values()] == ["Mixed with goods from another source",
                                                                "From another producer or region"]
        assert not any(b.isChecked() for b in dialog.contends.values())
        _fill(dialog, "CBP Form 28: the cotton may be commingled with Xinjiang cotton", None, 0)
        dialog.show()
        qtbot.mouseClick(dialog.contends["commingled"], Qt.MouseButton.LeftButton,
                         pos=dialog.contends["commingled"].rect().center())
        hint = dialog.minimumSizeHint()
        assert hint.width() <= 1024 and hint.height() <= 700, hint  # fits a small laptop screen
        dialog.buttons.accepted.emit()
        return dialog.inquiry()

    box.ask = record
    box.add_button.click()
    added = window.session.case.inquiries[-1]
    assert added.contends == ("commingled",)
    assert box.table.item(existing, 1).text() == ("CBP Form 28: the cotton may be commingled with Xinjiang cotton"
                                                  " (CBP contends: Mixed with goods from another source)")
    [(severity, message)] = _lot_segregation(window)
    assert severity == "missing"
    assert "CBP's request of November 10, 2026 contends that the goods or their inputs were commingled" in message
    window.session.undo_stack.undo()
    assert len(window.session.case.inquiries) == existing
    assert _lot_segregation(window) == before
    window.session.undo_stack.redo()
    assert window.session.case.inquiries[-1] == added


def test_a_contention_this_catalog_has_no_words_for_is_kept_through_an_edit(window: MainWindow, demo_case: Path,
                                                                           qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    older = Inquiry("cf28-9", dt.date(2026, 11, 10), "Vessel logbooks", contends=("transshipped", "other-origin"))
    dialog = InquiryDialog(window.session.case, older, window.session.today(), window.session.catalog.contentions)
    qtbot.addWidget(dialog)
    assert dialog.contends["other-origin"].isChecked() and not dialog.contends["commingled"].isChecked()
    dialog.contends["other-origin"].setChecked(False)
    dialog.contends["commingled"].setChecked(True)
    assert dialog.inquiry().contends == ("commingled", "transshipped")
    assert contended(older, window.session.catalog.contentions) == "transshipped; From another producer or region"
