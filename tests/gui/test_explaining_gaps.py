"""Gaps explained to CBP from the window: on Review, each missing item takes the importer's
explanation and the requests made for it; export lists the gaps still unexplained and, like
``bundle``, builds with them only when the user says so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from importer_app.core.gaps import unexplained_gaps
from importer_app.gui.gap_dialog import GapDialog
from importer_app.gui.main_window import MainWindow
from importer_app.gui.review_page import FINDING_ROLE


def _select(page, requirement: str) -> None:  # type: ignore[no-untyped-def]
    from importer_app.gui.review_page import _indexes

    index = next(i for i in _indexes(page.model) if i.data(FINDING_ROLE) is not None
                 and i.data(FINDING_ROLE).requirement == requirement)
    page.tree.setCurrentIndex(index)


def _answer(monkeypatch, fill) -> list[GapDialog]:  # type: ignore[no-untyped-def]
    seen: list[GapDialog] = []

    def exec_(dialog: GapDialog) -> int:
        seen.append(dialog)
        fill(dialog)
        return dialog.result()

    monkeypatch.setattr(GapDialog, "exec", exec_)
    return seen


def _open_unexplained(window: MainWindow, demo_case: Path):  # type: ignore[no-untyped-def]
    """The demo with its explanation of the missing payment record withdrawn (as the user
    would, and undoably), so the item starts unexplained."""
    from importer_app.gui.commands import PutGapExplanation

    assert window.open_case_path(demo_case)
    session = window.session
    before = next(g for g in session.case.gap_explanations if g.requirement == "SCT-06")
    assert session.apply(PutGapExplanation(session.casefile, session, "SCT-06", before.scope, before, None, "withdraw"))
    return window.case_view.review_page


def _unexplained(window: MainWindow) -> set[tuple[str, str]]:
    session = window.session
    return {(g.requirement, g.scope) for g in unexplained_gaps(session.case, session.report, session.catalog)}


def test_a_missing_item_is_explained_on_review_with_its_requests_and_undo_takes_it_back(
        window: MainWindow, demo_case: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = _open_unexplained(window, demo_case)
    _select(page, "SCT-06")
    assert ("SCT-06", "link:gin-spinner") in _unexplained(window)
    assert page.explain_button.isEnabled()
    assert "none yet" in page.details.toPlainText()

    def fill(dialog: GapDialog) -> None:
        dialog.text.setPlainText("The knitter's production log for October was lost in a flood.")
        dialog.on_add_request()
        row = dialog.requests.rowCount() - 1
        for column, value in enumerate(("Saigon Knit, Ms. Lan", "2026-11-20", "2026-12-01", "2026-11-24",
                                        "The log cannot be rebuilt")):
            dialog.requests.item(row, column).setText(value)
        dialog.supplement_by.known.setChecked(True)
        dialog.supplement_by.picker.setDate(dt.date(2026, 12, 15))
        dialog.buttons.accepted.emit()

    _answer(monkeypatch, fill)
    steps = window.session.undo_stack.count()
    page.on_explain()
    recorded = next(g for g in window.session.case.gap_explanations if g.requirement == "SCT-06")
    assert recorded.scope == "link:gin-spinner" and recorded.supplement_by == dt.date(2026, 12, 15)
    assert recorded.requests[0].to == "Saigon Knit, Ms. Lan" and recorded.requests[0].replied == dt.date(2026, 11, 24)
    assert ("SCT-06", "link:gin-spinner") not in _unexplained(window)
    assert window.session.undo_stack.count() == steps + 1
    _select(page, "SCT-06")
    assert "lost in a flood" in page.details.toPlainText()
    assert page.explain_button.text() == "Change the explanation…"
    window.session.undo_stack.undo()
    assert not any(g.requirement == "SCT-06" for g in window.session.case.gap_explanations)


def test_a_request_with_an_impossible_date_or_a_reply_before_it_is_refused_with_a_sentence(
        window: MainWindow, demo_case: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = _open_unexplained(window, demo_case)
    _select(page, "SCT-06")
    said: list[str] = []

    def fill(dialog: GapDialog) -> None:
        dialog.buttons.accepted.emit()
        said.append(dialog.problem.text())
        dialog.text.setPlainText("No record exists.")
        dialog.on_add_request()
        dialog.requests.item(0, 0).setText("Saigon Knit")
        dialog.requests.item(0, 1).setText("2026-02-31")
        dialog.buttons.accepted.emit()
        said.append(dialog.problem.text())
        dialog.requests.item(0, 1).setText("2026-11-20")
        dialog.requests.item(0, 3).setText("2026-11-02")
        dialog.buttons.accepted.emit()
        said.append(dialog.problem.text())
        dialog.reject()

    _answer(monkeypatch, fill)
    page.on_explain()
    assert said[0] == "Say in a sentence or two why the document is not available."
    assert said[1] == "Request 1, sent: 2026-02-31 is not a date: February 2026 has 28 days."
    assert said[2] == "Request 1: the reply (2026-11-02) cannot come before the request (2026-11-20)."
    assert not any(g.requirement == "SCT-06" for g in window.session.case.gap_explanations)


def test_an_explanation_can_be_changed_and_removed(window: MainWindow, demo_case: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = _open_unexplained(window, demo_case)
    _select(page, "SCT-06")
    _answer(monkeypatch, lambda d: (d.text.setPlainText("First reason."), d.buttons.accepted.emit()))
    page.on_explain()

    def change(dialog: GapDialog) -> None:
        assert dialog.text.toPlainText() == "First reason." and not dialog.withdraw.isHidden()
        dialog.text.setPlainText("Second reason.")
        dialog.buttons.accepted.emit()

    _select(page, "SCT-06")
    _answer(monkeypatch, change)
    page.on_explain()
    assert [g.explanation for g in window.session.case.gap_explanations if g.requirement == "SCT-06"] == ["Second reason."]
    _select(page, "SCT-06")
    _answer(monkeypatch, lambda d: d.withdraw.click())
    page.on_explain()
    assert not any(g.requirement == "SCT-06" for g in window.session.case.gap_explanations)
    window.session.undo_stack.undo()
    assert [g.explanation for g in window.session.case.gap_explanations if g.requirement == "SCT-06"] == ["Second reason."]


def test_export_lists_the_unexplained_gap_and_refuses_until_it_is_explained(
        window: MainWindow, demo_case: Path, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _open_unexplained(window, demo_case)
    window.case_view.show_step("Export")
    page = window.case_view.export_page
    assert page.unexplained.count() == 1 and "payment" in page.unexplained.item(0).text().lower()
    assert "1 missing item has no explanation" in page.unexplained_summary.text()
    asked: list[int] = []
    page.confirm_missing = lambda count: asked.append(count) or False
    page.output.setText(str(tmp_path / "bundle.pdf"))
    assert page.export() is None
    assert asked == [] and "Not exported: 1 missing item has no explanation for CBP" in page.result.text()

    _answer(monkeypatch, lambda d: (d.text.setPlainText("Paid by letter of credit; the advice is at the bank."),
                                    d.buttons.accepted.emit()))
    page.explain_button.click()
    assert page.unexplained.isHidden() and page.unexplained_summary.text() == "Every missing item has your explanation for CBP."
    assert page.export() is None
    assert asked == [3]  # on to the usual question about what is missing


def test_export_goes_on_with_unexplained_gaps_only_when_the_user_says_so(
        window: MainWindow, demo_case: Path, tmp_path: Path) -> None:
    _open_unexplained(window, demo_case)
    page = window.case_view.export_page
    asked: list[int] = []
    page.confirm_missing = lambda count: asked.append(count) or False
    page.output.setText(str(tmp_path / "bundle.pdf"))
    page.allow_unexplained.setChecked(True)
    assert page.export() is None
    assert asked == [3]
    assert not (tmp_path / "bundle.pdf").exists()
