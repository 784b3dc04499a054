"""The Shipment page's dates: out-of-order dates are said on the page, and ticking a date
"known" then choosing it is one undo step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate


def test_a_detention_before_the_importation_is_said_on_the_page_until_fixed(window, demo_case: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    page = window.case_view.shipment_page
    imported = window.session.case.shipment.date_of_importation
    assert page.date_order.isHidden()
    detention = page.editors["date_of_detention"]
    detention.known.setChecked(True)
    detention.picker.setDate(QDate(imported.year, imported.month, imported.day).addDays(-3))
    detention.picker.editingFinished.emit()
    assert window.session.case.shipment.date_of_detention == imported - dt.timedelta(days=3)
    assert not page.date_order.isHidden()
    assert "is before the date of importation" in page.date_order.text()
    detention.picker.setDate(QDate(imported.year, imported.month, imported.day).addDays(2))
    detention.picker.editingFinished.emit()
    assert page.date_order.isHidden()


def test_ticking_known_then_choosing_the_date_is_one_undo_step(window, demo_case: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    page = window.case_view.shipment_page
    stack = window.session.undo_stack
    field = page.editors["date_of_exclusion_notice"]
    assert window.session.case.shipment.date_of_exclusion_notice is None
    steps = stack.count()
    field.known.setChecked(True)
    field.picker.setDate(QDate(2026, 12, 1))
    field.picker.editingFinished.emit()
    assert window.session.case.shipment.date_of_exclusion_notice == dt.date(2026, 12, 1)
    assert stack.count() == steps + 1
    stack.undo()
    assert window.session.case.shipment.date_of_exclusion_notice is None
    stack.redo()
    assert window.session.case.shipment.date_of_exclusion_notice == dt.date(2026, 12, 1)


def test_ticking_known_and_unticking_it_again_leaves_no_undo_step(window, demo_case: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    field = window.case_view.shipment_page.editors["date_of_protest"]
    steps = window.session.undo_stack.count()
    field.known.setChecked(True)
    field.known.setChecked(False)
    assert window.session.case.shipment.date_of_protest is None
    assert window.session.undo_stack.count() == steps


def test_a_passed_deadline_says_what_followed_and_never_respond_by(window, demo_case: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    page = window.case_view.shipment_page
    field = page.editors["date_deemed_excluded"]
    field.known.setChecked(True)
    field.picker.setDate(QDate(2020, 1, 6))  # long ago: its 180-day protest period is gone
    field.picker.editingFinished.emit()
    passed = [d for d in window.session.report.deadlines if d.days_left < 0]
    assert passed, "the demo case has passed deadlines"
    text = page.deadlines.text()
    for deadline in passed:
        assert deadline.after.split(" (")[0].replace("&", "&amp;") in text
        assert deadline.meaning.split(" (")[0].replace("&", "&amp;") not in text
