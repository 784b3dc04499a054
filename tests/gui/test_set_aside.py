"""The Review page's "Set aside" view: items marked not applicable and decided list matches,
each with its reason, each reopened with one click and brought back with Undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt

from importer_app.core.model import ScreeningDecision
from importer_app.gui.main_window import MainWindow
from importer_app.gui.review_page import FINDING_ROLE, SET_ASIDE_ROLE
from importer_app.gui.set_aside import SetAside
from importer_app.store.casefile import CaseFile

GONE_KEY = "uflpa|northwind polysilicon|spinner"


def _open_set_aside(window: MainWindow, case: Path):  # type: ignore[no-untyped-def]
    assert window.open_case_path(case)
    window.case_view.show_step("Review")
    page = window.case_view.review_page
    page.severity.setCurrentIndex(page.severity.findText("Set aside", Qt.MatchFlag.MatchStartsWith))
    return page


def _set_aside_rows(page) -> list[QModelIndex]:  # type: ignore[no-untyped-def]
    model, found = page.model, []

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if isinstance(index.data(SET_ASIDE_ROLE), SetAside):
                found.append(index)
            walk(index)

    walk(QModelIndex())
    return found


def _click(qtbot, page, index: QModelIndex) -> None:  # type: ignore[no-untyped-def]
    page.tree.scrollTo(index)
    qtbot.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=page.tree.visualRect(index).center())
    assert page.tree.currentIndex() == index


def _row(page, text: str) -> QModelIndex:  # type: ignore[no-untyped-def]
    return next(i for i in _set_aside_rows(page) if text in i.data(Qt.ItemDataRole.DisplayRole))


def _missing(window: MainWindow, requirement: str) -> bool:
    """The check reports the item as absent again (required or recommended)."""
    return any(f.requirement == requirement and f.severity in ("missing", "warning") for f in window.session.report.findings)


def test_set_aside_lists_the_not_applicable_item_and_the_dismissed_match_with_their_reasons(
        window: MainWindow, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _open_set_aside(window, demo_case)
    headings = [i.data(Qt.ItemDataRole.DisplayRole) for i in _set_aside_rows(page)]
    assert len(headings) == 2
    assert any(h.startswith("Not applicable: ") for h in headings)
    assert any(h.startswith("List match dismissed: ") and ("UFLPA" in h or "Withhold" in h) for h in headings)
    assert page.model.index(0, 0).data() == "Set aside (2)"
    na = window.session.case.not_applicable[0]
    _click(qtbot, page, _row(page, "Not applicable"))
    assert na.reason[:40] in page.details.toPlainText()
    assert page.reopen_button.isVisibleTo(page) and page.reopen_button.isEnabled()
    assert not page.na_button.isEnabled() and not page.add_button.isEnabled()
    dismissed = window.session.case.screening_decisions[0]
    _click(qtbot, page, _row(page, "List match dismissed"))
    assert dismissed.reason[:40] in page.details.toPlainText()
    assert "still occurs" in page.details.toPlainText()
    # Names, not catalog codes or internal ids.
    knitter = window.session.case.entity(dismissed.entity_id)
    assert any(knitter.name in h for h in headings)
    assert not any(na.requirement in h or f"{dismissed.entity_id} " in h for h in headings)


def test_everything_shows_the_set_aside_items_too(window: MainWindow, demo_case: Path) -> None:
    page = _open_set_aside(window, demo_case)
    page.severity.setCurrentIndex(page.severity.findText("Everything"))
    assert len(_set_aside_rows(page)) == 2
    assert any(i.data(FINDING_ROLE) is not None for i in _all(page))
    page.severity.setCurrentIndex(page.severity.findText("Missing only"))
    assert _set_aside_rows(page) == []


def _all(page) -> list[QModelIndex]:  # type: ignore[no-untyped-def]
    model, found = page.model, []

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            found.append(index)
            walk(index)

    walk(QModelIndex())
    return found


def test_reopening_a_not_applicable_item_makes_it_missing_and_undo_sets_it_aside_again(
        window: MainWindow, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _open_set_aside(window, demo_case)
    requirement = window.session.case.not_applicable[0].requirement
    assert not _missing(window, requirement)
    _click(qtbot, page, _row(page, "Not applicable"))
    with qtbot.waitSignal(window.session.changed):
        qtbot.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)
    assert window.session.case.not_applicable == ()
    assert _missing(window, requirement)
    assert [i.data().split(":")[0] for i in _set_aside_rows(page)] == ["List match dismissed"]
    assert window.session.undo_stack.undoText().startswith("Reopen \u201c")
    assert requirement not in window.session.undo_stack.undoText()
    with qtbot.waitSignal(window.session.changed):
        qtbot.keyClick(page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.case.not_applicable[0].requirement == requirement
    assert not _missing(window, requirement)
    assert len(_set_aside_rows(page)) == 2


def test_an_item_marked_not_applicable_in_the_window_is_still_shown_after_reopening_the_case(
        window: MainWindow, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _open_set_aside(window, demo_case)
    page.severity.setCurrentIndex(page.severity.findText("Missing only"))
    leaf = next(i for i in _all(page) if (f := i.data(FINDING_ROLE)) is not None and f.requirement == "SCT-06")
    _click(qtbot, page, leaf)
    page.ask_reason = lambda finding: "Paid by letter of credit; the bank's confirmation is exhibit 2.4"
    with qtbot.waitSignal(window.session.changed):
        qtbot.mouseClick(page.na_button, Qt.MouseButton.LeftButton)
    assert "SCT-06" not in window.session.undo_stack.undoText()
    window.close_case()
    page = _open_set_aside(window, demo_case)
    rows = [i for i in _set_aside_rows(page) if "letter of credit" in i.data(SET_ASIDE_ROLE).reason]
    assert len(rows) == 1
    _click(qtbot, page, rows[0])
    assert "letter of credit" in page.details.toPlainText()
    with qtbot.waitSignal(window.session.changed):
        qtbot.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)
    assert _missing(window, "SCT-06")


def test_a_decided_match_whose_list_entry_is_gone_is_shown_and_can_be_reopened(
        window: MainWindow, demo_case: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    with CaseFile.open(demo_case) as casefile:
        casefile.decide_screening_hit(ScreeningDecision(
            GONE_KEY, "spinner", "dismissed", "Another company: registered in Hebei, not Xinjiang",
            dt.datetime(2026, 10, 1, tzinfo=dt.UTC)))
    page = _open_set_aside(window, demo_case)
    assert all(c.key != GONE_KEY for c in window.session.screening.state.candidates)
    assert all("Hebei" not in f.message for f in window.session.report.findings)
    row = _row(page, "northwind polysilicon")
    _click(qtbot, page, row)
    shown = page.details.toPlainText()
    assert "no longer name this match" in shown and "registered in Hebei" in shown
    with qtbot.waitSignal(window.session.changed):
        qtbot.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)
    assert all(d.key != GONE_KEY for d in window.session.case.screening_decisions)
    assert all("northwind" not in i.data() for i in _set_aside_rows(page))
    window.session.undo_stack.undo()
    assert any(d.key == GONE_KEY for d in window.session.case.screening_decisions)
    assert any("northwind" in i.data() for i in _set_aside_rows(page))


def test_the_company_filter_narrows_the_set_aside_items(window: MainWindow, demo_case: Path) -> None:
    page = _open_set_aside(window, demo_case)
    knitter = window.session.case.screening_decisions[0].entity_id
    page.entity.setCurrentIndex(page.entity.findData(knitter))
    assert [i.data(SET_ASIDE_ROLE).decision for i in _set_aside_rows(page)] == [window.session.case.screening_decisions[0]]
