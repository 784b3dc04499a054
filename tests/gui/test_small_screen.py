"""A laptop screen of 1024x700: every step fits, and nothing the user does widens the window."""

from __future__ import annotations

from pathlib import Path

import pytest

STEPS = ("Shipment", "Supply chain", "Documents", "Review", "Forms", "Export")
SCREEN = (1024, 700)


def test_every_step_fits_a_1024_by_700_screen(window, demo_case: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    window.resize(*SCREEN)
    for step in STEPS:
        window.case_view.show_step(step)
        hint = window.minimumSizeHint()
        assert hint.width() <= SCREEN[0] and hint.height() <= SCREEN[1], (step, hint)
        assert window.minimumSize().width() <= SCREEN[0]


def test_a_company_filter_and_a_long_deadline_do_not_widen_the_window(  # type: ignore[no-untyped-def]
        window, demo_case: Path, qtbot) -> None:
    assert window.open_case_path(demo_case)
    window.resize(*SCREEN)
    before = window.minimumSizeHint().width()
    entity = window.session.case.entities[0]
    window.case_view.documents_page.filter_by_entity(entity.id)
    window.case_view.show_step("Documents")
    qtbot.wait(50)
    assert window.minimumSizeHint().width() == before <= SCREEN[0]
    # The status bar shows the date and the days left; the sentence is the tooltip.
    assert "days left" in window.deadline_label.text() and window.deadline_label.toolTip()
    assert window.deadline_label.sizeHint().width() < 400


@pytest.mark.parametrize("step", STEPS)
def test_the_page_shown_is_the_step_chosen(window, demo_case: Path, step: str) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    window.case_view.show_step(step)
    page = window.case_view.pages.currentWidget()
    assert page.isVisible() and page.sizePolicy().horizontalPolicy().name == "Preferred"


def _scroller(window):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QScrollArea

    return next(w for w in window.case_view.findChildren(QScrollArea) if w.widget() is window.case_view.pages)


@pytest.mark.parametrize("step", STEPS)
def test_no_step_scrolls_sideways_at_1024_by_700(window, demo_case: Path, step: str, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The page fits the width the window gives it: the step's scroll area needs no horizontal
    bar, with a document or a finding shown in the details panel."""
    from PySide6.QtWidgets import QApplication

    from importer_app.gui.review_page import FINDING_ROLE, _indexes

    assert window.open_case_path(demo_case)
    window.resize(*SCREEN)
    window.case_view.show_step(step)
    if step == "Documents":
        window.case_view.documents_page.select(window.session.case.documents[0].path)
    if step == "Review":
        review = window.case_view.review_page
        review.tree.setCurrentIndex(next(i for i in _indexes(review.model) if i.data(FINDING_ROLE) is not None))
    qtbot.waitUntil(lambda: window.width() == SCREEN[0])
    QApplication.processEvents()  # the posted layout requests: the scroll bar's range follows them
    scroller = _scroller(window)
    bar = scroller.horizontalScrollBar()
    assert bar.maximum() == 0, (step, window.case_view.pages.currentWidget().minimumSizeHint(), scroller.viewport().width())
    # Nor does a panel of the page scroll sideways: the Shipment form, Review's explanation.
    inner = {"Shipment": lambda: window.case_view.shipment_page.scroll,
             "Review": lambda: window.case_view.review_page.details}.get(step)
    if inner is not None:
        assert inner().horizontalScrollBar().maximum() == 0, step
