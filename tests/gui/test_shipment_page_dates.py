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


def _type_date(picker, month: str, day: str) -> None:  # type: ignore[no-untyped-def]
    """Type a month and a day into a date editor, section by section, as a user does."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QDateEdit

    picker.setFocus()
    picker.setSelectedSection(QDateEdit.Section.MonthSection)
    QTest.keyClicks(picker, month)
    picker.setSelectedSection(QDateEdit.Section.DaySection)
    QTest.keyClicks(picker, day)


def test_a_typed_impossible_date_is_refused_at_the_field_and_not_recorded(window, demo_case: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    page = window.case_view.shipment_page
    before = window.session.case.shipment.date_of_importation
    steps = window.session.undo_stack.count()
    picker = page.editors["date_of_importation"]
    picker.setSelectedSection(picker.Section.YearSection)
    _type_date(picker, "02", "31")
    picker.editingFinished.emit()
    error = page.errors["date_of_importation"]
    assert not error.isHidden()
    assert error.text().startswith(f"{before.year}-02-31 is not a date: February {before.year} has 28 days.")
    assert window.session.case.shipment.date_of_importation == before
    assert picker.value() == before
    assert window.session.undo_stack.count() == steps
    # Typing a real date takes the sentence away and records the date.
    _type_date(picker, "02", "27")
    assert picker.refusal == ""
    picker.editingFinished.emit()
    assert error.isHidden()
    assert window.session.case.shipment.date_of_importation == dt.date(before.year, 2, 27)


def test_an_optional_date_says_when_the_typed_day_does_not_exist(window, demo_case: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_case_path(demo_case)
    field = window.case_view.shipment_page.editors["date_of_protest"]
    field.known.setChecked(True)
    recorded = window.session.case.shipment.date_of_protest
    _type_date(field.picker, "04", "31")
    assert "is not a date: April" in field.problem.text()
    assert not field.problem.isHidden()
    field.picker.editingFinished.emit()
    assert window.session.case.shipment.date_of_protest == recorded


def test_impossible_dates_are_named_with_what_is_wrong() -> None:
    from importer_app.gui.fields import impossible_date

    assert impossible_date(2026, 2, 31) == "2026-02-31 is not a date: February 2026 has 28 days."
    assert impossible_date(2028, 2, 30) == "2028-02-30 is not a date: February 2028 has 29 days."
    assert impossible_date(2026, 13, 1) == "2026-13-01 is not a date: there is no month 13."
    assert impossible_date(2026, 4, 0) == "2026-04-00 is not a date: April 2026 has 30 days."
    assert impossible_date(2028, 2, 29) == ""
